// usage_daily's columns and upsert, shared by the accounting store (which writes it alone when the reports'
// rollups are off) and the rollups (which write it and learn from the same upsert which rows were new).
import type { UsageRow } from '../../src/services/radius/accounting.js';
import type { ColumnType } from './radius-sql.js';

export const USAGE_COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['day', 'text'],
  ['device_id', 'int'],
  ['router_id', 'int'],
  ['bytes_in', 'bigint'],
  ['bytes_out', 'bigint'],
  ['seconds', 'bigint'],
  ['sessions', 'int'],
];

export const USAGE_NAMES = USAGE_COLUMNS.map(([c]) => c).join(', ');

/** Adds the deltas to the day's row: idempotent on the key, exact under any interleaving. */
export const USAGE_UPSERT = `on conflict (day, device_id, router_id) do update set
      bytes_in = usage_daily.bytes_in + excluded.bytes_in,
      bytes_out = usage_daily.bytes_out + excluded.bytes_out,
      seconds = usage_daily.seconds + excluded.seconds,
      sessions = usage_daily.sessions + excluded.sessions`;

/** A usage row in USAGE_COLUMNS' order. */
export const usageValues = (u: UsageRow) =>
  [u.day, u.deviceId, u.routerId, u.bytesIn, u.bytesOut, u.seconds, u.sessions] as const;
