// When a device was last seen, as the portal's device list and the operator's resident card both show it: the
// latest of when it was added, its own last-seen stamp, and its sessions' last accounting update.
import { type ExpressionBuilder, sql } from 'kysely';
import type { Database, DeviceTable } from '../schema.js';

/** The newest accounting update of the device's sessions, for a query over `devices as d`. */
export function sessionSeenAt(eb: ExpressionBuilder<Database & { d: DeviceTable }, 'd'>) {
  return eb
    .selectFrom('sessions as s')
    .select(sql<number | null>`max(s.updated_at)`.as('t'))
    .whereRef('s.device_id', '=', 'd.id')
    .as('session_seen_at');
}

type Stamp = number | string | null;

export function lastSeenAt(row: { created_at: Stamp; last_seen_at: Stamp; session_seen_at: Stamp }): number {
  const n = (v: Stamp) => (v === null ? 0 : Number(v));
  return Math.max(n(row.created_at), n(row.last_seen_at), n(row.session_seen_at));
}
