-- Rollups the regency pages read at regency size (300+ villages × a year), kept by the ingest in the same atomic
-- batch that writes a village's days: each is recomputed from the stored days it covers (never added to), so a
-- resent or corrected day replaces its share exactly. The existing rows are backfilled here.

-- A village's whole month: sums of its days, the busiest day's distinct counts, the month-to-date distinct counts
-- of its latest day in the month, and the month's router uptime.
CREATE TABLE village_months (
  village TEXT NOT NULL,
  month TEXT NOT NULL,               -- YYYY-MM
  days INTEGER NOT NULL,
  last_day TEXT NOT NULL,
  bytes_down INTEGER NOT NULL,
  bytes_up INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  peak_devices INTEGER NOT NULL,
  peak_residents INTEGER NOT NULL,
  mtd_devices INTEGER NOT NULL,
  mtd_residents INTEGER NOT NULL,
  vouchers_created INTEGER NOT NULL,
  vouchers_used INTEGER NOT NULL,
  vouchers_expired INTEGER NOT NULL,
  voucher_revenue_rp INTEGER NOT NULL,
  up_ms INTEGER NOT NULL,
  down_ms INTEGER NOT NULL,
  PRIMARY KEY (village, month)
);
CREATE INDEX village_months_month ON village_months (month);

-- A village's month of the heat map: bytes and sessions by weekday (0 = Monday) and hour.
CREATE TABLE village_heat_months (
  village TEXT NOT NULL,
  month TEXT NOT NULL,
  weekday INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  PRIMARY KEY (village, month, weekday, hour)
);
CREATE INDEX village_heat_months_month ON village_heat_months (month);

-- A kecamatan's day: the sums of its villages' days, so the busiest day of a kecamatan or of the whole regency
-- (distinct counts do not add up over days) is read from 20 rows a day instead of 300.
CREATE TABLE kecamatan_days (
  kecamatan TEXT NOT NULL,
  day TEXT NOT NULL,
  villages INTEGER NOT NULL,
  bytes_down INTEGER NOT NULL,
  bytes_up INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  devices INTEGER NOT NULL,
  residents INTEGER NOT NULL,
  PRIMARY KEY (kecamatan, day)
);
CREATE INDEX kecamatan_days_day ON kecamatan_days (day);

-- Backfill from the days already stored.
INSERT INTO village_months
SELECT d.village, d.month, d.days, d.last_day, d.bd, d.bu, d.s, d.dv, d.rs, l.mtd_devices, l.mtd_residents,
       d.vc, d.vu, d.ve, d.rp, COALESCE(u.up, 0), COALESCE(u.down, 0)
FROM (SELECT village, substr(day, 1, 7) AS month, COUNT(*) AS days, MAX(day) AS last_day,
             SUM(bytes_down) AS bd, SUM(bytes_up) AS bu, SUM(sessions) AS s, MAX(devices) AS dv,
             MAX(residents) AS rs, SUM(vouchers_created) AS vc, SUM(vouchers_used) AS vu,
             SUM(vouchers_expired) AS ve, SUM(voucher_revenue_rp) AS rp
      FROM village_days GROUP BY village, substr(day, 1, 7)) d
JOIN village_days l ON l.village = d.village AND l.day = d.last_day
LEFT JOIN (SELECT village, substr(day, 1, 7) AS month, SUM(up_ms) AS up, SUM(down_ms) AS down
           FROM village_uptime GROUP BY village, substr(day, 1, 7)) u
       ON u.village = d.village AND u.month = d.month;

INSERT INTO village_heat_months
SELECT village, substr(day, 1, 7), (CAST(strftime('%w', day) AS INTEGER) + 6) % 7, hour, SUM(bytes), SUM(sessions)
FROM village_hourly GROUP BY village, substr(day, 1, 7), (CAST(strftime('%w', day) AS INTEGER) + 6) % 7, hour;

INSERT INTO kecamatan_days
SELECT v.kecamatan, d.day, COUNT(*), SUM(d.bytes_down), SUM(d.bytes_up), SUM(d.sessions), SUM(d.devices),
       SUM(d.residents)
FROM village_days d JOIN villages v ON v.code = d.village
GROUP BY v.kecamatan, d.day;
