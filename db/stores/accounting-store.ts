// Accounting writes: one transaction per group of records. It loads the sessions the records touch, lets the
// service compute the new states and day totals, then upserts both (idempotent on the session key and the
// usage day key). Reads are one statement whatever the batch size (the keys travel as a single parameter);
// writes go through `rowInserter`.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { SessionState } from '../../src/domain/accounting-session.js';
import type { AccountingStore, SessionKey } from '../../src/services/radius/accounting.js';
import type { Database } from '../schema.js';
import {
  type Columns,
  type ColumnType,
  inList,
  isPostgres,
  rowInserter,
  rowsOf,
  summingInserter,
} from './radius-sql.js';
import { createUsageDailyWriter } from './usage-daily.js';
import { createUsageRollups } from './usage-rollups.js';
import { addVoucherUsage } from './voucher-usage.js';

const SESSION_COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['router_id', 'int'],
  ['acct_session_id', 'text'],
  ['device_id', 'int'],
  ['username', 'text'],
  ['mac', 'text'],
  ['framed_ip', 'text'],
  ['nas_port', 'bigint'],
  ['class', 'text'],
  ['started_at', 'bigint'],
  ['updated_at', 'bigint'],
  ['stopped_at', 'bigint'],
  ['input_bytes', 'bigint'],
  ['output_bytes', 'bigint'],
  ['session_time_s', 'int'],
  ['terminate_cause', 'text'],
  ['state', 'text'],
];
const SESSION_UPDATES = SESSION_COLUMNS.slice(2)
  .filter(([c]) => c !== 'username' && c !== 'started_at')
  .map(([c]) => `${c} = excluded.${c}`)
  .join(', ');

/** What a usage row adds to its key's row (see `summingInserter`), in the order the rows hold it. */
const TRAFFIC: Columns = [
  ['bytes_in', 'bigint'],
  ['bytes_out', 'bigint'],
  ['sessions', 'int'],
];
const TRAFFIC_AND_TIME: Columns = [
  ['bytes_in', 'bigint'],
  ['bytes_out', 'bigint'],
  ['seconds', 'bigint'],
  ['sessions', 'int'],
];

async function loadSessions(
  trx: Transaction<Database>,
  pg: boolean,
  keys: readonly SessionKey[],
): Promise<SessionState[]> {
  if (keys.length === 0) return [];
  const wanted = rowsOf(
    pg,
    [
      ['r', 'int'],
      ['a', 'text'],
    ],
    keys.map((k) => [k.routerId, k.acctSessionId]),
  );
  const { rows } = await sql<Database['sessions'] & { id: number }>`
    select s.* from ${wanted} k join sessions s on s.router_id = k.r and s.acct_session_id = k.a`.execute(
    trx,
  );
  return rows.map((r) => ({
    routerId: r.router_id,
    acctSessionId: r.acct_session_id,
    deviceId: r.device_id,
    username: r.username,
    mac: r.mac,
    framedIp: r.framed_ip,
    nasPort: r.nas_port === null ? null : Number(r.nas_port),
    className: r.class,
    startedAt: Number(r.started_at),
    updatedAt: Number(r.updated_at),
    stoppedAt: r.stopped_at === null ? null : Number(r.stopped_at),
    inputBytes: Number(r.input_bytes),
    outputBytes: Number(r.output_bytes),
    sessionTimeS: Number(r.session_time_s),
    terminateCause: r.terminate_cause,
    state: r.state,
  }));
}

async function loadDevices(
  trx: Transaction<Database>,
  pg: boolean,
  wanted: { usernames: readonly string[]; macs: readonly string[] },
) {
  const byUsername = new Map<string, number>();
  const byMac = new Map<string, number>();
  if (wanted.usernames.length > 0) {
    const rows = await trx
      .selectFrom('devices')
      .select(['id', 'username'])
      .where(inList(pg, 'username', wanted.usernames, 'text'))
      .execute();
    for (const r of rows) byUsername.set(r.username, r.id);
  }
  if (wanted.macs.length > 0) {
    const rows = await trx
      .selectFrom('devices')
      .select(['id', 'mac'])
      .where(inList(pg, 'mac', wanted.macs, 'text'))
      .where('revoked_at', 'is', null)
      .execute();
    for (const r of rows) byMac.set(r.mac, r.id);
  }
  return { byUsername, byMac };
}

/** `reportRollups: false` leaves the reports' rollups out (bench/reports.ts measures what they cost). */
export function createAccountingStore(
  db: Kysely<Database>,
  options: { reportRollups?: boolean } = {},
): AccountingStore {
  const pg = isPostgres(db);
  const rollups = options.reportRollups === false ? undefined : createUsageRollups(db);
  const upsertSessions = rowInserter(
    db,
    'sessions',
    SESSION_COLUMNS,
    `on conflict (router_id, acct_session_id) do update set ${SESSION_UPDATES}`,
  );
  const addUsage = rollups ? undefined : createUsageDailyWriter(db, { inserted: false });
  // Same transaction as usage_daily: the heat map and the daily totals never disagree.
  const addHourly = summingInserter(
    db,
    'usage_hourly',
    [
      ['day', 'text'],
      ['hour', 'int'],
      ['router_id', 'int'],
    ],
    TRAFFIC,
  );
  // Institution devices' traffic, in the same transaction: their report and the village total never disagree.
  const addInstitution = summingInserter(
    db,
    'usage_institution_daily',
    [
      ['day', 'text'],
      ['institution_id', 'int'],
      ['router_id', 'int'],
    ],
    TRAFFIC_AND_TIME,
  );
  return {
    async deleteSessionsEndedBefore(cutoff) {
      const result = await db
        .deleteFrom('sessions')
        .where('state', '!=', 'active')
        .where('stopped_at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async applyBatch(keys, wanted, compute) {
      await db.transaction().execute(async (trx) => {
        const existing = await loadSessions(trx, pg, keys);
        const devices = await loadDevices(trx, pg, wanted);
        const writes = compute(existing, devices);
        for (const c of writes.closeRouters) {
          await trx
            .updateTable('sessions')
            .set({ state: 'closed', stopped_at: c.at, updated_at: c.at, terminate_cause: c.cause })
            .where('router_id', '=', c.routerId)
            .where('state', '=', 'active')
            .execute();
        }
        if (writes.sessions.length > 0) {
          const rows = writes.sessions.map((s) => [
            s.routerId,
            s.acctSessionId,
            s.deviceId,
            s.username,
            s.mac,
            s.framedIp,
            s.nasPort,
            s.className,
            s.startedAt,
            s.updatedAt,
            s.stoppedAt,
            s.inputBytes,
            s.outputBytes,
            s.sessionTimeS,
            s.terminateCause,
            s.state,
          ]);
          await upsertSessions(trx, rows);
          await addVoucherUsage(trx, existing, writes.sessions);
        }
        // With the rollups, the usage upsert also tells which rows are new (their first-seen rows).
        const rollup = rollups && (await rollups.writeUsage(trx, writes.usage));
        if (addUsage) await addUsage(trx, writes.usage);
        if (rollup) await rollups.write(trx, rollup);
        if (writes.hourly && writes.hourly.length > 0) {
          const rows = writes.hourly.map((h) => [
            h.day,
            h.hour,
            h.routerId,
            h.bytesIn,
            h.bytesOut,
            h.sessions,
          ]);
          await addHourly(trx, rows);
          if (rollups) await rollups.writeHourly(trx, writes.hourly);
        }
        if (writes.institutions && writes.institutions.length > 0) {
          const rows = writes.institutions.map((u) => [
            u.day,
            u.institutionId,
            u.routerId,
            u.bytesIn,
            u.bytesOut,
            u.seconds,
            u.sessions,
          ]);
          await addInstitution(trx, rows);
        }
      });
    },
  };
}
