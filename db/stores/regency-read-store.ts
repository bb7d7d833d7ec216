// The regency's report queries over the villages' daily aggregates. Every query starts from the villages the
// reader may see (`scoped`), so a kecamatan official's query cannot reach another kecamatan's rows. Distinct
// devices and residents do not add up over days: a row's figure is its busiest day's (exact for one day), and the
// service swaps in the month-to-date counts when a period is a whole month.
//
// At regency size (300+ villages × a year) the pages read the ingest's rollups (0002_regency_rollups.sql): a
// period's whole months from `village_months` and `village_heat_months` and only its loose days from the daily
// tables; busiest-day figures of a kecamatan or the regency from `kecamatan_days`. Every figure stays exact.
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { addDays } from '../../src/domain/report-period.js';
import type {
  CoverageGroup,
  ReadStore,
  UsageGroup,
  VillageFilter,
  VillageRecord,
} from '../../src/services/regency/regency-ports.js';
import type { RegencyDatabase } from '../regency-schema.js';

const n = (v: unknown) => Number(v ?? 0);

/** The filter as a condition on `v` (villages). */
function scoped(f: VillageFilter): Expression<SqlBool> {
  const parts = [sql`1 = 1`];
  if (f.area.scope === 'kecamatan') parts.push(sql`v.kecamatan = ${f.area.kecamatan}`);
  if (f.area.scope === 'desa') parts.push(sql`v.code = ${f.area.village}`);
  if (f.kecamatan) parts.push(sql`v.kecamatan = ${f.kecamatan}`);
  if (f.village) parts.push(sql`v.code = ${f.village}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/** The last day of the month of `day`. */
const monthEnd = (day: string) => addDays(`${addDays(`${day.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);

/** A period as the whole months inside it (first and last YYYY-MM) and the loose days around them. */
export function splitPeriod(
  from: string,
  to: string,
): { months?: [string, string]; days: Array<[string, string]> } {
  const first = from.endsWith('-01') ? from : addDays(monthEnd(from), 1);
  const last = to === monthEnd(to) ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  if (first > last) return { days: [[from, to]] };
  const days: Array<[string, string]> = [];
  if (from < first) days.push([from, addDays(first, -1)]);
  if (last < to) days.push([addDays(last, 1), to]);
  return { months: [first.slice(0, 7), last.slice(0, 7)], days };
}

/** `column` within the loose days (false when there are none). */
function inDays(column: string, days: ReadonlyArray<[string, string]>): RawBuilder<SqlBool> {
  if (days.length === 0) return sql<SqlBool>`0 = 1`;
  return sql<SqlBool>`(${sql.join(
    days.map(([a, b]) => sql`${sql.ref(column)} BETWEEN ${a} AND ${b}`),
    sql` OR `,
  )})`;
}

/** `month` within the whole months (false when there are none). */
const inMonths = (column: string, months: [string, string] | undefined): RawBuilder<SqlBool> =>
  months ? sql<SqlBool>`${sql.ref(column)} BETWEEN ${months[0]} AND ${months[1]}` : sql<SqlBool>`0 = 1`;

/** The filter as a condition on `k` (kecamatan_days), or undefined when it names villages (read village rows). */
function kecamatanScoped(f: VillageFilter): Expression<SqlBool> | undefined {
  if (f.area.scope === 'desa' || f.village) return undefined;
  const parts = [sql`1 = 1`];
  if (f.area.scope === 'kecamatan') parts.push(sql`k.kecamatan = ${f.area.kecamatan}`);
  if (f.kecamatan) parts.push(sql`k.kecamatan = ${f.kecamatan}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

export function createRegencyReadStore(db: Kysely<RegencyDatabase>): ReadStore {
  return {
    async usage(f, from, to, by: UsageGroup) {
      if (by === 'router' || by === 'dusun' || by === 'plan') {
        const r = await sql<Record<string, unknown>>`
          SELECT v.code AS village, v.name AS vname, v.kecamatan AS kecamatan, u.key AS key,
                 SUM(u.bytes_down) AS bd, SUM(u.bytes_up) AS bu, SUM(u.sessions) AS s,
                 MAX(u.devices) AS dv, MAX(u.residents) AS rs
          FROM village_usage u JOIN villages v ON v.code = u.village
          WHERE u.dim = ${by} AND u.day BETWEEN ${from} AND ${to} AND ${scoped(f)}
          GROUP BY v.code, u.key ORDER BY v.kecamatan, v.name, u.key`.execute(db);
        return r.rows.map((x) => ({
          key: `${x.vname} · ${x.key}`,
          village: String(x.village),
          kecamatan: String(x.kecamatan),
          bytesDown: n(x.bd),
          bytesUp: n(x.bu),
          sessions: n(x.s),
          devices: n(x.dv),
          residents: n(x.rs),
        }));
      }
      if (by === 'village') {
        const p = splitPeriod(from, to);
        const r = await sql<Record<string, unknown>>`
          SELECT v.code AS k, MIN(v.name) AS vname, MIN(v.kecamatan) AS kecamatan,
                 SUM(x.bd) AS bd, SUM(x.bu) AS bu, SUM(x.s) AS s, MAX(x.dv) AS dv, MAX(x.rs) AS rs
          FROM (SELECT village, bytes_down AS bd, bytes_up AS bu, sessions AS s, peak_devices AS dv,
                       peak_residents AS rs
                FROM village_months WHERE ${inMonths('month', p.months)}
                UNION ALL
                SELECT village, bytes_down, bytes_up, sessions, devices, residents
                FROM village_days WHERE ${inDays('day', p.days)}) x
          JOIN villages v ON v.code = x.village
          WHERE ${scoped(f)}
          GROUP BY v.code ORDER BY MIN(v.kecamatan), MIN(v.name)`.execute(db);
        return r.rows.map((x) => ({
          key: String(x.vname),
          village: String(x.k),
          kecamatan: String(x.kecamatan),
          bytesDown: n(x.bd),
          bytesUp: n(x.bu),
          sessions: n(x.s),
          devices: n(x.dv),
          residents: n(x.rs),
        }));
      }
      const ks = kecamatanScoped(f);
      if (by === 'day') {
        const r = ks
          ? await sql<Record<string, unknown>>`
              SELECT k.day AS k, SUM(k.bytes_down) AS bd, SUM(k.bytes_up) AS bu, SUM(k.sessions) AS s,
                     SUM(k.devices) AS dv, SUM(k.residents) AS rs
              FROM kecamatan_days k WHERE k.day BETWEEN ${from} AND ${to} AND ${ks}
              GROUP BY k.day ORDER BY k.day`.execute(db)
          : await sql<Record<string, unknown>>`
              SELECT d.day AS k, SUM(d.bytes_down) AS bd, SUM(d.bytes_up) AS bu, SUM(d.sessions) AS s,
                     SUM(d.devices) AS dv, SUM(d.residents) AS rs
              FROM village_days d JOIN villages v ON v.code = d.village
              WHERE d.day BETWEEN ${from} AND ${to} AND ${scoped(f)}
              GROUP BY d.day ORDER BY d.day`.execute(db);
        return r.rows.map((x) => ({
          key: String(x.k),
          bytesDown: n(x.bd),
          bytesUp: n(x.bu),
          sessions: n(x.s),
          devices: n(x.dv),
          residents: n(x.rs),
        }));
      }
      const r = await sql<Record<string, unknown>>`
        SELECT kecamatan, SUM(bd) AS bd, SUM(bu) AS bu, SUM(s) AS s, MAX(dv) AS dv, MAX(rs) AS rs FROM (${
          ks
            ? sql`SELECT k.kecamatan AS kecamatan, k.bytes_down AS bd, k.bytes_up AS bu, k.sessions AS s,
                         k.devices AS dv, k.residents AS rs
                  FROM kecamatan_days k WHERE k.day BETWEEN ${from} AND ${to} AND ${ks}`
            : sql`SELECT v.kecamatan AS kecamatan, d.day AS day, SUM(d.bytes_down) AS bd, SUM(d.bytes_up) AS bu,
                         SUM(d.sessions) AS s, SUM(d.devices) AS dv, SUM(d.residents) AS rs
                  FROM village_days d JOIN villages v ON v.code = d.village
                  WHERE d.day BETWEEN ${from} AND ${to} AND ${scoped(f)}
                  GROUP BY v.kecamatan, d.day`
        })
        GROUP BY kecamatan ORDER BY kecamatan`.execute(db);
      return r.rows.map((x) => ({
        key: String(x.kecamatan),
        kecamatan: String(x.kecamatan),
        bytesDown: n(x.bd),
        bytesUp: n(x.bu),
        sessions: n(x.s),
        devices: n(x.dv),
        residents: n(x.rs),
      }));
    },

    async usageTotals(f, from, to) {
      const ks = kecamatanScoped(f);
      const r = await sql<Record<string, unknown>>`
        SELECT SUM(bd) AS bd, SUM(bu) AS bu, SUM(s) AS s, MAX(dv) AS dv, MAX(rs) AS rs FROM (${
          ks
            ? sql`SELECT SUM(k.bytes_down) AS bd, SUM(k.bytes_up) AS bu, SUM(k.sessions) AS s,
                         SUM(k.devices) AS dv, SUM(k.residents) AS rs
                  FROM kecamatan_days k WHERE k.day BETWEEN ${from} AND ${to} AND ${ks}
                  GROUP BY k.day`
            : sql`SELECT SUM(d.bytes_down) AS bd, SUM(d.bytes_up) AS bu, SUM(d.sessions) AS s,
                         SUM(d.devices) AS dv, SUM(d.residents) AS rs
                  FROM village_days d JOIN villages v ON v.code = d.village
                  WHERE d.day BETWEEN ${from} AND ${to} AND ${scoped(f)}
                  GROUP BY d.day`
        })`.execute(db);
      const x = r.rows[0] ?? {};
      return { bytesDown: n(x.bd), bytesUp: n(x.bu), sessions: n(x.s), devices: n(x.dv), residents: n(x.rs) };
    },

    async monthToDate(f, from, to) {
      // A whole month: its rollup holds the counts of the village's latest day in it.
      const whole = from.endsWith('-01') && to === monthEnd(from);
      const r = whole
        ? await sql<Record<string, unknown>>`
            SELECT v.code AS village, v.kecamatan AS kecamatan, m.mtd_devices AS dv, m.mtd_residents AS rs
            FROM village_months m JOIN villages v ON v.code = m.village
            WHERE m.month = ${from.slice(0, 7)} AND ${scoped(f)}`.execute(db)
        : await sql<Record<string, unknown>>`
        SELECT v.code AS village, v.kecamatan AS kecamatan, d.mtd_devices AS dv, d.mtd_residents AS rs
        FROM village_days d JOIN villages v ON v.code = d.village
        WHERE ${scoped(f)} AND d.day BETWEEN ${from} AND ${to}
          AND d.day = (SELECT MAX(x.day) FROM village_days x
                                        WHERE x.village = d.village AND x.day BETWEEN ${from} AND ${to})`.execute(
            db,
          );
      return r.rows.map((x) => ({
        village: String(x.village),
        kecamatan: String(x.kecamatan),
        devices: n(x.dv),
        residents: n(x.rs),
      }));
    },

    async coverage(f, by: CoverageGroup) {
      const group =
        by === 'kecamatan' ? sql`v.kecamatan` : by === 'village' ? sql`v.code` : sql`v.code, c.dusun`;
      const r = await sql<Record<string, unknown>>`
        SELECT MIN(v.code) AS village, MIN(v.name) AS vname, MIN(v.kecamatan) AS kecamatan, MIN(c.dusun) AS dusun,
               SUM(c.residents) AS r, SUM(c.registered) AS g, SUM(c.households) AS h,
               SUM(c.households_connected) AS hc
        FROM village_coverage c JOIN villages v ON v.code = c.village
        WHERE ${scoped(f)}
        GROUP BY ${group} ORDER BY MIN(v.kecamatan), MIN(v.name), MIN(c.dusun)`.execute(db);
      return r.rows.map((x) => ({
        key:
          by === 'kecamatan'
            ? String(x.kecamatan)
            : by === 'village'
              ? String(x.vname)
              : `${x.vname} · ${x.dusun}`,
        ...(by === 'kecamatan' ? {} : { village: String(x.village) }),
        kecamatan: String(x.kecamatan),
        residents: n(x.r),
        registered: n(x.g),
        households: n(x.h),
        householdsConnected: n(x.hc),
      }));
    },

    async villages(f) {
      const rows = await db
        .selectFrom('villages as v')
        .selectAll()
        .where(scoped(f))
        .orderBy('v.kecamatan')
        .orderBy('v.name')
        .execute();
      return rows.map(
        (r): VillageRecord => ({
          code: r.code,
          name: r.name,
          kecamatan: r.kecamatan,
          tokenSalt: null,
          lastReceivedAt: r.last_received_at === null ? null : n(r.last_received_at),
          lastDay: r.last_day,
          stoppedSince: r.stopped_since,
        }),
      );
    },

    async villagePeriod(f, from, to) {
      const p = splitPeriod(from, to);
      const r = await sql<Record<string, unknown>>`
        SELECT v.code AS code, v.name AS name, v.kecamatan AS kecamatan,
               COALESCE(d.days, 0) AS days, COALESCE(d.bd, 0) AS bd, COALESCE(d.bu, 0) AS bu, COALESCE(d.s, 0) AS s,
               COALESCE(d.vc, 0) AS vc, COALESCE(d.vu, 0) AS vu, COALESCE(d.rp, 0) AS rp,
               COALESCE(d.up, 0) AS up, COALESCE(d.down, 0) AS down
        FROM villages v
        LEFT JOIN (SELECT village, SUM(days) AS days, SUM(bd) AS bd, SUM(bu) AS bu, SUM(s) AS s, SUM(vc) AS vc,
                          SUM(vu) AS vu, SUM(rp) AS rp, SUM(up) AS up, SUM(down) AS down
                   FROM (SELECT village, days, bytes_down AS bd, bytes_up AS bu, sessions AS s,
                                vouchers_created AS vc, vouchers_used AS vu, voucher_revenue_rp AS rp,
                                up_ms AS up, down_ms AS down
                         FROM village_months WHERE ${inMonths('month', p.months)}
                         UNION ALL
                         SELECT village, 1, bytes_down, bytes_up, sessions, vouchers_created, vouchers_used,
                                voucher_revenue_rp, 0, 0
                         FROM village_days WHERE ${inDays('day', p.days)}
                         UNION ALL
                         SELECT u.village, 0, 0, 0, 0, 0, 0, 0, u.up_ms, u.down_ms
                         FROM villages uv JOIN village_uptime u ON u.village = uv.code
                         WHERE ${inDays('u.day', p.days)})
                   GROUP BY village) d ON d.village = v.code
        WHERE ${scoped(f)}
        ORDER BY v.kecamatan, v.name`.execute(db);
      return r.rows.map((x) => ({
        code: String(x.code),
        name: String(x.name),
        kecamatan: String(x.kecamatan),
        daysReceived: n(x.days),
        bytesDown: n(x.bd),
        bytesUp: n(x.bu),
        sessions: n(x.s),
        upMs: n(x.up),
        downMs: n(x.down),
        vouchersCreated: n(x.vc),
        vouchersUsed: n(x.vu),
        voucherRevenueRp: n(x.rp),
      }));
    },

    async heatMap(f, from, to) {
      const p = splitPeriod(from, to);
      const r = await sql<Record<string, unknown>>`
        SELECT x.wd AS wd, x.hour AS hour, SUM(x.b) AS b, SUM(x.s) AS s
        FROM (SELECT village, weekday AS wd, hour, bytes AS b, sessions AS s
              FROM village_heat_months WHERE ${inMonths('month', p.months)}
              UNION ALL
              SELECT h.village, (CAST(strftime('%w', h.day) AS INTEGER) + 6) % 7, h.hour, h.bytes, h.sessions
              FROM villages hv JOIN village_hourly h ON h.village = hv.code
              WHERE ${inDays('h.day', p.days)}) x
        JOIN villages v ON v.code = x.village
        WHERE ${scoped(f)}
        GROUP BY x.wd, x.hour`.execute(db);
      return r.rows.map((x) => ({ weekday: n(x.wd), hour: n(x.hour), bytes: n(x.b), sessions: n(x.s) }));
    },
  };
}
