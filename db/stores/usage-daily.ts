// usage_daily's writer, shared by the accounting store with and without the reports' rollups, which need to know
// the rows it inserted (a device's first traffic of the day on a router: its first-seen rows, usage-rollups.ts).
// On SQLite each row is an UPDATE first and an INSERT only when no row matched: no RETURNING, which doubles what
// an upsert costs SQLite (an upsert returning its row measured 21–26 µs a row against 8–9 µs this way, and 10–11
// µs for a plain upsert, with 90,000 rows in batches of 32). better-sqlite3 runs the statements inside the
// accounting transaction, where nothing else writes, so a missed UPDATE means the row is new. PostgreSQL keeps one
// upsert of the whole list, `xmax = 0` telling the inserted rows.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { UsageRow } from '../../src/services/radius/accounting.js';
import { rowStatements } from '../row-statements.js';
import type { Database } from '../schema.js';
import { type ColumnType, isPostgres, rowsOf, summingConflict, summingInserter } from './radius-sql.js';

const USAGE_COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['day', 'text'],
  ['device_id', 'int'],
  ['router_id', 'int'],
  ['bytes_in', 'bigint'],
  ['bytes_out', 'bigint'],
  ['seconds', 'bigint'],
  ['sessions', 'int'],
];

/** A usage row as usage_daily's columns, in USAGE_COLUMNS' order. */
export const usageDailyValues = (u: UsageRow) =>
  [u.day, u.deviceId, u.routerId, u.bytesIn, u.bytesOut, u.seconds, u.sessions] as const;

const UPSERT_TAIL = summingConflict(
  'usage_daily',
  ['day', 'device_id', 'router_id'],
  ['bytes_in', 'bytes_out', 'seconds', 'sessions'],
);

/** Adds the usage rows' deltas to usage_daily; resolves to the rows it inserted (new keys), in the given order. */
export type UsageDailyWriter = (
  trx: Transaction<Database>,
  usage: readonly UsageRow[],
) => Promise<readonly UsageRow[]>;

/** `inserted: false` (accounting without the rollups): PostgreSQL need not tell the new rows (resolves to []). */
export function createUsageDailyWriter(
  db: Kysely<Database>,
  options: { inserted: boolean } = { inserted: true },
): UsageDailyWriter {
  const native = rowStatements(db);
  if (native) {
    return async (_trx, usage) => {
      const update =
        native.prepare(`update usage_daily set bytes_in = bytes_in + ?, bytes_out = bytes_out + ?,
        seconds = seconds + ?, sessions = sessions + ? where day = ? and device_id = ? and router_id = ?`);
      const insert = native.prepare(
        'insert into usage_daily (day, device_id, router_id, bytes_in, bytes_out, seconds, sessions) values (?, ?, ?, ?, ?, ?, ?)',
      );
      const inserted: UsageRow[] = [];
      for (const u of usage) {
        const updated = update.run(
          u.bytesIn,
          u.bytesOut,
          u.seconds,
          u.sessions,
          u.day,
          u.deviceId,
          u.routerId,
        ) as {
          changes: number;
        };
        if (updated.changes === 0) {
          insert.run(...usageDailyValues(u));
          inserted.push(u);
        }
      }
      return inserted;
    };
  }
  if (!options.inserted) {
    const add = summingInserter(db, 'usage_daily', USAGE_COLUMNS.slice(0, 3), USAGE_COLUMNS.slice(3));
    return async (trx, usage) => {
      if (usage.length > 0) await add(trx, usage.map(usageDailyValues));
      return [];
    };
  }
  const pg = isPostgres(db);
  const names = sql.raw(USAGE_COLUMNS.map(([c]) => c).join(', '));
  return async (trx, usage) => {
    if (usage.length === 0) return [];
    const { rows } = await sql<{ day: string; device_id: unknown; router_id: unknown; inserted: boolean }>`
      insert into usage_daily (${names}) select * from ${rowsOf(pg, USAGE_COLUMNS, usage.map(usageDailyValues))} x
      where true ${sql.raw(UPSERT_TAIL)} returning day, device_id, router_id, (xmax = 0) as inserted`.execute(
      trx,
    );
    const keyOf = (day: string, device: unknown, router: unknown) => `${day}|${device}|${router}`;
    const added = new Set(rows.filter((r) => r.inserted).map((r) => keyOf(r.day, r.device_id, r.router_id)));
    return added.size === 0 ? [] : usage.filter((u) => added.has(keyOf(u.day, u.deviceId, u.routerId)));
  };
}
