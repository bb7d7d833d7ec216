// The regency's report queries over the villages' daily aggregates. Every query starts from the villages the
// reader may see (`scoped`), so a kecamatan official's query cannot reach another kecamatan's rows. Distinct
// devices and residents do not add up over days: a row's figure is its busiest day's (exact for one day), and the
// service swaps in the month-to-date counts when a period is a whole month.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
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
      if (by === 'day' || by === 'village') {
        const group = by === 'day' ? sql`d.day` : sql`v.code`;
        const r = await sql<Record<string, unknown>>`
          SELECT ${group} AS k, MIN(v.name) AS vname, MIN(v.kecamatan) AS kecamatan,
                 SUM(d.bytes_down) AS bd, SUM(d.bytes_up) AS bu, SUM(d.sessions) AS s,
                 ${by === 'day' ? sql`SUM(d.devices)` : sql`MAX(d.devices)`} AS dv,
                 ${by === 'day' ? sql`SUM(d.residents)` : sql`MAX(d.residents)`} AS rs
          FROM village_days d JOIN villages v ON v.code = d.village
          WHERE d.day BETWEEN ${from} AND ${to} AND ${scoped(f)}
          GROUP BY ${group} ORDER BY ${by === 'day' ? sql`k` : sql`MIN(v.kecamatan), MIN(v.name)`}`.execute(
          db,
        );
        return r.rows.map((x) => ({
          key: by === 'day' ? String(x.k) : String(x.vname),
          ...(by === 'village' ? { village: String(x.k), kecamatan: String(x.kecamatan) } : {}),
          bytesDown: n(x.bd),
          bytesUp: n(x.bu),
          sessions: n(x.s),
          devices: n(x.dv),
          residents: n(x.rs),
        }));
      }
      const r = await sql<Record<string, unknown>>`
        SELECT kecamatan, SUM(bd) AS bd, SUM(bu) AS bu, SUM(s) AS s, MAX(dv) AS dv, MAX(rs) AS rs FROM (
          SELECT v.kecamatan AS kecamatan, d.day AS day, SUM(d.bytes_down) AS bd, SUM(d.bytes_up) AS bu,
                 SUM(d.sessions) AS s, SUM(d.devices) AS dv, SUM(d.residents) AS rs
          FROM village_days d JOIN villages v ON v.code = d.village
          WHERE d.day BETWEEN ${from} AND ${to} AND ${scoped(f)}
          GROUP BY v.kecamatan, d.day)
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
      const r = await sql<Record<string, unknown>>`
        SELECT SUM(bd) AS bd, SUM(bu) AS bu, SUM(s) AS s, MAX(dv) AS dv, MAX(rs) AS rs FROM (
          SELECT SUM(d.bytes_down) AS bd, SUM(d.bytes_up) AS bu, SUM(d.sessions) AS s,
                 SUM(d.devices) AS dv, SUM(d.residents) AS rs
          FROM village_days d JOIN villages v ON v.code = d.village
          WHERE d.day BETWEEN ${from} AND ${to} AND ${scoped(f)}
          GROUP BY d.day)`.execute(db);
      const x = r.rows[0] ?? {};
      return { bytesDown: n(x.bd), bytesUp: n(x.bu), sessions: n(x.s), devices: n(x.dv), residents: n(x.rs) };
    },

    async monthToDate(f, from, to) {
      const r = await sql<Record<string, unknown>>`
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
      const r = await sql<Record<string, unknown>>`
        SELECT v.code AS code, v.name AS name, v.kecamatan AS kecamatan,
               COALESCE(d.days, 0) AS days, COALESCE(d.bd, 0) AS bd, COALESCE(d.bu, 0) AS bu, COALESCE(d.s, 0) AS s,
               COALESCE(d.vc, 0) AS vc, COALESCE(d.vu, 0) AS vu, COALESCE(d.rp, 0) AS rp,
               COALESCE(u.up, 0) AS up, COALESCE(u.down, 0) AS down
        FROM villages v
        LEFT JOIN (SELECT village, COUNT(*) AS days, SUM(bytes_down) AS bd, SUM(bytes_up) AS bu,
                          SUM(sessions) AS s, SUM(vouchers_created) AS vc, SUM(vouchers_used) AS vu,
                          SUM(voucher_revenue_rp) AS rp
                   FROM village_days WHERE day BETWEEN ${from} AND ${to} GROUP BY village) d ON d.village = v.code
        LEFT JOIN (SELECT village, SUM(up_ms) AS up, SUM(down_ms) AS down
                   FROM village_uptime WHERE day BETWEEN ${from} AND ${to} GROUP BY village) u
               ON u.village = v.code
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
      const r = await sql<Record<string, unknown>>`
        SELECT (CAST(strftime('%w', h.day) AS INTEGER) + 6) % 7 AS wd, h.hour AS hour,
               SUM(h.bytes) AS b, SUM(h.sessions) AS s
        FROM village_hourly h JOIN villages v ON v.code = h.village
        WHERE h.day BETWEEN ${from} AND ${to} AND ${scoped(f)}
        GROUP BY wd, h.hour`.execute(db);
      return r.rows.map((x) => ({ weekday: n(x.wd), hour: n(x.hour), bytes: n(x.b), sessions: n(x.s) }));
    },
  };
}
