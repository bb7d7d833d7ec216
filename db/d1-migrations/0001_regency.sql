-- The regency Worker's D1 database: enrolled villages, the daily aggregates they send, replay nonces, and the
-- officials who read them. Aggregates only: no NIK, name or MAC ever reaches these tables. Timestamps are epoch
-- milliseconds, as on the village node.

CREATE TABLE villages (
  code TEXT PRIMARY KEY,            -- kode desa (Kemendagri), 10 digits
  name TEXT NOT NULL,
  kecamatan TEXT NOT NULL,
  -- The village token is HMAC-SHA-256(WARGANET_REGENCY_TOKEN_SECRET, "village-token:" || code || ":" || token_salt):
  -- derived, never stored. Rotating draws a new salt; revoking clears it.
  token_salt TEXT,
  created_at INTEGER NOT NULL,
  token_issued_at INTEGER,
  last_received_at INTEGER,          -- when the last ingest of this village was accepted
  last_day TEXT,                     -- the latest day it ever sent
  stopped_since TEXT                 -- set by the cron when no day came for 2 days or more
);
CREATE INDEX villages_kecamatan ON villages (kecamatan);

-- One row per village and day: the totals, the month-to-date distinct counts and the vouchers.
CREATE TABLE village_days (
  village TEXT NOT NULL REFERENCES villages (code),
  day TEXT NOT NULL,
  final INTEGER NOT NULL,
  computed_at INTEGER NOT NULL,      -- of two sends of a day, the later computed_at wins
  received_at INTEGER NOT NULL,
  bytes_down INTEGER NOT NULL,
  bytes_up INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  devices INTEGER NOT NULL,
  residents INTEGER NOT NULL,
  mtd_devices INTEGER NOT NULL,
  mtd_residents INTEGER NOT NULL,
  vouchers_created INTEGER NOT NULL,
  vouchers_used INTEGER NOT NULL,
  vouchers_expired INTEGER NOT NULL,
  voucher_revenue_rp INTEGER NOT NULL,
  PRIMARY KEY (village, day)
);
CREATE INDEX village_days_day ON village_days (day);

-- Usage of a village's day by router, dusun or plan (dim), keyed by the village's own label.
CREATE TABLE village_usage (
  village TEXT NOT NULL,
  day TEXT NOT NULL,
  dim TEXT NOT NULL CHECK (dim IN ('router', 'dusun', 'plan')),
  key TEXT NOT NULL,
  bytes_down INTEGER NOT NULL,
  bytes_up INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  devices INTEGER NOT NULL,
  residents INTEGER NOT NULL,
  PRIMARY KEY (village, day, dim, key)
);
CREATE INDEX village_usage_dim_day ON village_usage (dim, day);

CREATE TABLE village_hourly (
  village TEXT NOT NULL,
  day TEXT NOT NULL,
  hour INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  PRIMARY KEY (village, day, hour)
);

CREATE TABLE village_uptime (
  village TEXT NOT NULL,
  day TEXT NOT NULL,
  router TEXT NOT NULL,
  up_ms INTEGER NOT NULL,
  down_ms INTEGER NOT NULL,
  peak_sessions INTEGER NOT NULL,
  PRIMARY KEY (village, day, router)
);

-- Coverage is a snapshot of the roster: only each village's latest one is kept (of the latest day received).
CREATE TABLE village_coverage (
  village TEXT NOT NULL,
  day TEXT NOT NULL,
  dusun TEXT NOT NULL,
  rw TEXT NOT NULL,
  rt TEXT NOT NULL,
  residents INTEGER NOT NULL,
  registered INTEGER NOT NULL,
  households INTEGER NOT NULL,
  households_connected INTEGER NOT NULL,
  PRIMARY KEY (village, dusun, rw, rt)
);

-- Nonces of accepted ingest requests, kept until their timestamp could no longer pass the clock-skew check.
CREATE TABLE ingest_nonces (
  village TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (village, nonce)
);
CREATE INDEX ingest_nonces_expiry ON ingest_nonces (expires_at);

-- Officials: scope kabupaten (all), kecamatan (area = its name) or desa (area = the village code). Their bearer
-- token is stored as its SHA-256 only; it is shown once when made.
CREATE TABLE officials (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('kabupaten', 'kecamatan', 'desa')),
  area TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- Browser sessions of officials (a cookie holds the session id; here only its SHA-256).
CREATE TABLE official_sessions (
  id_hash TEXT PRIMARY KEY,
  official_id INTEGER NOT NULL,     -- 0: the regency admin (WARGANET_REGENCY_ADMIN_TOKEN)
  expires_at INTEGER NOT NULL
);
CREATE INDEX official_sessions_expiry ON official_sessions (expires_at);
