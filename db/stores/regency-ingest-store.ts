// The regency Worker's storage of what villages send (D1 in production, any SQLite-dialect Kysely in tests).
// A payload's accepted days are written in one atomic batch of a fixed handful of statements, whatever the number
// of days: each table's rows travel as one JSON parameter expanded by `json_each`, so no statement binds more than
// a few parameters (D1 allows 100) and an ingest stays far under D1's 50 statements per request (free plan).
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import type { CoverageRowWire } from '../../src/domain/regency-payload.js';
import type {
  AreaScope,
  IngestStore,
  MaintenanceStore,
  VillageRecord,
  VillageStore,
} from '../../src/services/regency/regency-ports.js';
import { type AtomicWrites, chunks } from '../atomic-writes.js';
import type { RegencyDatabase, VillageTable } from '../regency-schema.js';

const toRecord = (r: VillageTable): VillageRecord => ({
  code: r.code,
  name: r.name,
  kecamatan: r.kecamatan,
  tokenSalt: r.token_salt,
  lastReceivedAt: r.last_received_at,
  lastDay: r.last_day,
  stoppedSince: r.stopped_since,
});

/** `json_extract(value, '$.name')` for each name: the columns of a json_each row. */
const cols = (names: readonly string[]) =>
  sql.raw(names.map((n) => `json_extract(value, '$.${n}')`).join(', '));

function jsonInsert(
  db: Kysely<RegencyDatabase>,
  table: string,
  village: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): CompiledQuery[] {
  return chunks(rows).map((part) =>
    sql`INSERT INTO ${sql.table(table)} (village, ${sql.raw(columns.join(', '))})
        SELECT ${village}, ${cols(columns)} FROM json_each(${JSON.stringify(part)})`.compile(db),
  );
}

export function createRegencyIngestStore(
  db: Kysely<RegencyDatabase>,
  atomic: AtomicWrites,
): IngestStore & VillageStore & MaintenanceStore {
  const village = async (code: string) => {
    const r = await db.selectFrom('villages').selectAll().where('code', '=', code).executeTakeFirst();
    return r ? toRecord(r) : undefined;
  };
  return {
    village,

    async rememberNonce(villageCode, nonce, expiresAt) {
      const r = await db
        .insertInto('ingest_nonces')
        .values({ village: villageCode, nonce, expires_at: expiresAt })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async storedDays(villageCode, days) {
      const rows = await db
        .selectFrom('village_days')
        .select(['day', 'computed_at'])
        .where('village', '=', villageCode)
        .where(sql<boolean>`day IN (SELECT value FROM json_each(${JSON.stringify(days)}))`)
        .execute();
      return new Map(rows.map((r) => [r.day, Number(r.computed_at)]));
    },

    async coverageDay(villageCode) {
      const r = await db
        .selectFrom('village_coverage')
        .select('day')
        .where('village', '=', villageCode)
        .limit(1)
        .executeTakeFirst();
      return r?.day;
    },

    async writeDays(villageCode, days, coverage, receivedAt) {
      const dayList = JSON.stringify(days.map((d) => d.day.day));
      const inDays = sql<boolean>`day IN (SELECT value FROM json_each(${dayList}))`;
      const statements: CompiledQuery[] = [];
      for (const table of ['village_usage', 'village_hourly', 'village_uptime'] as const) {
        statements.push(db.deleteFrom(table).where('village', '=', villageCode).where(inDays).compile());
      }
      statements.push(
        db.deleteFrom('village_days').where('village', '=', villageCode).where(inDays).compile(),
      );
      statements.push(
        ...jsonInsert(
          db,
          'village_days',
          villageCode,
          [
            'day',
            'final',
            'computed_at',
            'received_at',
            'bytes_down',
            'bytes_up',
            'sessions',
            'devices',
            'residents',
            'mtd_devices',
            'mtd_residents',
            'vouchers_created',
            'vouchers_used',
            'vouchers_expired',
            'voucher_revenue_rp',
          ],
          days.map(({ day: d, computedAtMs }) => ({
            day: d.day,
            final: d.final ? 1 : 0,
            computed_at: computedAtMs,
            received_at: receivedAt,
            bytes_down: d.usage.totals.bytesDown,
            bytes_up: d.usage.totals.bytesUp,
            sessions: d.usage.totals.sessions,
            devices: d.usage.totals.devices,
            residents: d.usage.totals.residents,
            mtd_devices: d.usage.monthToDate.devices,
            mtd_residents: d.usage.monthToDate.residents,
            vouchers_created: d.vouchers.created,
            vouchers_used: d.vouchers.used,
            vouchers_expired: d.vouchers.expired,
            voucher_revenue_rp: d.vouchers.revenueRp,
          })),
        ),
      );
      const usage = days.flatMap(({ day: d }) =>
        (
          [
            ['router', d.usage.byRouter],
            ['dusun', d.usage.byDusun],
            ['plan', d.usage.byPlan],
          ] as const
        ).flatMap(([dim, rows]) =>
          rows.map((r) => ({
            day: d.day,
            dim,
            key: r.key,
            bytes_down: r.bytesDown,
            bytes_up: r.bytesUp,
            sessions: r.sessions,
            devices: r.devices,
            residents: r.residents,
          })),
        ),
      );
      statements.push(
        ...jsonInsert(
          db,
          'village_usage',
          villageCode,
          ['day', 'dim', 'key', 'bytes_down', 'bytes_up', 'sessions', 'devices', 'residents'],
          usage,
        ),
      );
      statements.push(
        ...jsonInsert(
          db,
          'village_hourly',
          villageCode,
          ['day', 'hour', 'bytes', 'sessions'],
          days.flatMap(({ day: d }) => d.hourly.map((h) => ({ day: d.day, ...h }))),
        ),
      );
      statements.push(
        ...jsonInsert(
          db,
          'village_uptime',
          villageCode,
          ['day', 'router', 'up_ms', 'down_ms', 'peak_sessions'],
          days.flatMap(({ day: d }) =>
            d.uptime.map((u) => ({
              day: d.day,
              router: u.router,
              up_ms: u.upMs,
              down_ms: u.downMs,
              peak_sessions: u.peakSessions,
            })),
          ),
        ),
      );
      statements.push(
        ...rollupStatements(
          db,
          villageCode,
          days.map((d) => d.day.day),
        ),
      );
      if (coverage) statements.push(...coverageStatements(db, villageCode, coverage));
      const lastDay =
        days
          .map((d) => d.day.day)
          .sort()
          .at(-1) ?? '';
      statements.push(
        db
          .updateTable('villages')
          .set({
            last_received_at: receivedAt,
            last_day: sql`CASE WHEN last_day IS NULL OR last_day < ${lastDay} THEN ${lastDay} ELSE last_day END`,
            stopped_since: null,
          })
          .where('code', '=', villageCode)
          .compile(),
      );
      await atomic(statements);
    },

    async list(scope: AreaScope) {
      let q = db.selectFrom('villages').selectAll();
      if (scope.scope === 'kecamatan') q = q.where('kecamatan', '=', scope.kecamatan);
      if (scope.scope === 'desa') q = q.where('code', '=', scope.village);
      return (await q.orderBy('kecamatan').orderBy('name').execute()).map(toRecord);
    },

    async insert(v) {
      const r = await db
        .insertInto('villages')
        .values({
          code: v.code,
          name: v.name,
          kecamatan: v.kecamatan,
          token_salt: v.tokenSalt,
          created_at: v.at,
          token_issued_at: v.at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async setSalt(code, tokenSalt, at) {
      const r = await db
        .updateTable('villages')
        .set({ token_salt: tokenSalt, token_issued_at: tokenSalt ? at : null })
        .where('code', '=', code)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async markStopped(lastDayBefore) {
      const r = await db
        .updateTable('villages')
        .set({ stopped_since: sql`last_day` })
        .where('stopped_since', 'is', null)
        .where('last_day', '<', lastDayBefore)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async pruneNonces(now) {
      const r = await db.deleteFrom('ingest_nonces').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async pruneSessions(now) {
      const r = await db.deleteFrom('official_sessions').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

/**
 * Rewrites the rollups the days touch (db/d1-migrations/0002_regency_rollups.sql) from what is stored once the
 * days are written: the village's months, their heat map, and its kecamatan's days. Recomputed, never added to,
 * so a resent or corrected day replaces its share. Six statements, whatever the number of days.
 */
function rollupStatements(
  db: Kysely<RegencyDatabase>,
  villageCode: string,
  days: readonly string[],
): CompiledQuery[] {
  if (days.length === 0) return [];
  const months = [...new Set(days.map((d) => d.slice(0, 7)))].sort();
  const monthList = JSON.stringify(months);
  const dayList = JSON.stringify(days);
  // The days of those months, as a range the (village, day) key reads, narrowed to the months themselves.
  const inMonths = sql`day BETWEEN ${`${months[0]}-01`} AND ${`${months.at(-1)}-31`}
    AND substr(day, 1, 7) IN (SELECT value FROM json_each(${monthList}))`;
  const kecamatan = sql`(SELECT kecamatan FROM villages WHERE code = ${villageCode})`;
  return [
    sql`DELETE FROM village_months WHERE village = ${villageCode}
        AND month IN (SELECT value FROM json_each(${monthList}))`.compile(db),
    sql`INSERT INTO village_months
        SELECT d.village, d.month, d.days, d.last_day, d.bd, d.bu, d.s, d.dv, d.rs, l.mtd_devices, l.mtd_residents,
               d.vc, d.vu, d.ve, d.rp, COALESCE(u.up, 0), COALESCE(u.down, 0)
        FROM (SELECT village, substr(day, 1, 7) AS month, COUNT(*) AS days, MAX(day) AS last_day,
                     SUM(bytes_down) AS bd, SUM(bytes_up) AS bu, SUM(sessions) AS s, MAX(devices) AS dv,
                     MAX(residents) AS rs, SUM(vouchers_created) AS vc, SUM(vouchers_used) AS vu,
                     SUM(vouchers_expired) AS ve, SUM(voucher_revenue_rp) AS rp
              FROM village_days WHERE village = ${villageCode} AND ${inMonths}
              GROUP BY village, substr(day, 1, 7)) d
        JOIN village_days l ON l.village = d.village AND l.day = d.last_day
        LEFT JOIN (SELECT substr(day, 1, 7) AS month, SUM(up_ms) AS up, SUM(down_ms) AS down
                   FROM village_uptime WHERE village = ${villageCode} AND ${inMonths}
                   GROUP BY substr(day, 1, 7)) u ON u.month = d.month`.compile(db),
    sql`DELETE FROM village_heat_months WHERE village = ${villageCode}
        AND month IN (SELECT value FROM json_each(${monthList}))`.compile(db),
    sql`INSERT INTO village_heat_months
        SELECT village, substr(day, 1, 7), (CAST(strftime('%w', day) AS INTEGER) + 6) % 7 AS wd, hour,
               SUM(bytes), SUM(sessions)
        FROM village_hourly WHERE village = ${villageCode} AND ${inMonths}
        GROUP BY substr(day, 1, 7), wd, hour`.compile(db),
    sql`DELETE FROM kecamatan_days WHERE kecamatan = ${kecamatan}
        AND day IN (SELECT value FROM json_each(${dayList}))`.compile(db),
    sql`INSERT INTO kecamatan_days
        SELECT v.kecamatan, d.day, COUNT(*), SUM(d.bytes_down), SUM(d.bytes_up), SUM(d.sessions), SUM(d.devices),
               SUM(d.residents)
        FROM villages v JOIN village_days d ON d.village = v.code
        WHERE v.kecamatan = ${kecamatan} AND d.day IN (SELECT value FROM json_each(${dayList}))
        GROUP BY v.kecamatan, d.day`.compile(db),
  ];
}

function coverageStatements(
  db: Kysely<RegencyDatabase>,
  villageCode: string,
  coverage: { day: string; rows: readonly CoverageRowWire[] },
): CompiledQuery[] {
  return [
    db.deleteFrom('village_coverage').where('village', '=', villageCode).compile(),
    ...jsonInsert(
      db,
      'village_coverage',
      villageCode,
      ['day', 'dusun', 'rw', 'rt', 'residents', 'registered', 'households', 'households_connected'],
      coverage.rows.map((r) => ({
        day: coverage.day,
        dusun: r.dusun,
        rw: r.rw,
        rt: r.rt,
        residents: r.residents,
        registered: r.registered,
        households: r.households,
        households_connected: r.householdsConnected,
      })),
    ),
  ];
}
