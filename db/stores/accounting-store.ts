// Accounting writes: one transaction per group of records. It loads the sessions the records touch, lets the
// service compute the new states and day totals, then upserts both (idempotent on the session key and the
// usage day key), so a batch of hundreds of records costs a handful of statements and one commit.
import type { Kysely, Transaction } from 'kysely';
import type { SessionState } from '../../src/domain/accounting-session.js';
import type { AccountingStore, SessionKey } from '../../src/services/accounting.js';
import type { Database } from '../schema.js';

// Stays under SQLite's and PostgreSQL's bound-parameter limits with 16 columns a row.
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function loadSessions(trx: Transaction<Database>, keys: readonly SessionKey[]): Promise<SessionState[]> {
  const out: SessionState[] = [];
  for (const part of chunks(keys)) {
    const rows = await trx
      .selectFrom('sessions')
      .selectAll()
      .where(({ eb, refTuple, tuple }) =>
        eb(
          refTuple('router_id', 'acct_session_id'),
          'in',
          part.map((k) => tuple(k.routerId, k.acctSessionId)),
        ),
      )
      .execute();
    for (const r of rows) {
      out.push({
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
        sessionTimeS: r.session_time_s,
        terminateCause: r.terminate_cause,
        state: r.state,
      });
    }
  }
  return out;
}

async function loadDevices(
  trx: Transaction<Database>,
  names: { usernames: readonly string[]; macs: readonly string[] },
) {
  const byUsername = new Map<string, number>();
  const byMac = new Map<string, number>();
  for (const part of chunks(names.usernames)) {
    const rows = await trx.selectFrom('devices').select(['id', 'username']).where('username', 'in', part).execute();
    for (const r of rows) byUsername.set(r.username, r.id);
  }
  for (const part of chunks(names.macs)) {
    const rows = await trx
      .selectFrom('devices')
      .select(['id', 'mac'])
      .where('mac', 'in', part)
      .where('revoked_at', 'is', null)
      .execute();
    for (const r of rows) byMac.set(r.mac, r.id);
  }
  return { byUsername, byMac };
}

export function createAccountingStore(db: Kysely<Database>): AccountingStore {
  return {
    async applyBatch(keys, names, compute) {
      await db.transaction().execute(async (trx) => {
        const existing = await loadSessions(trx, keys);
        const devices = await loadDevices(trx, names);
        const writes = compute(existing, devices);
        for (const c of writes.closeRouters) {
          await trx
            .updateTable('sessions')
            .set({ state: 'closed', stopped_at: c.at, updated_at: c.at, terminate_cause: c.cause })
            .where('router_id', '=', c.routerId)
            .where('state', '=', 'active')
            .execute();
        }
        for (const part of chunks(writes.sessions)) {
          await trx
            .insertInto('sessions')
            .values(
              part.map((s) => ({
                router_id: s.routerId,
                acct_session_id: s.acctSessionId,
                device_id: s.deviceId,
                username: s.username,
                mac: s.mac,
                framed_ip: s.framedIp,
                nas_port: s.nasPort,
                class: s.className,
                started_at: s.startedAt,
                updated_at: s.updatedAt,
                stopped_at: s.stoppedAt,
                input_bytes: s.inputBytes,
                output_bytes: s.outputBytes,
                session_time_s: s.sessionTimeS,
                terminate_cause: s.terminateCause,
                state: s.state,
              })),
            )
            .onConflict((oc) =>
              oc.columns(['router_id', 'acct_session_id']).doUpdateSet((eb) => ({
                device_id: eb.ref('excluded.device_id'),
                mac: eb.ref('excluded.mac'),
                framed_ip: eb.ref('excluded.framed_ip'),
                nas_port: eb.ref('excluded.nas_port'),
                class: eb.ref('excluded.class'),
                updated_at: eb.ref('excluded.updated_at'),
                stopped_at: eb.ref('excluded.stopped_at'),
                input_bytes: eb.ref('excluded.input_bytes'),
                output_bytes: eb.ref('excluded.output_bytes'),
                session_time_s: eb.ref('excluded.session_time_s'),
                terminate_cause: eb.ref('excluded.terminate_cause'),
                state: eb.ref('excluded.state'),
              })),
            )
            .execute();
        }
        for (const part of chunks(writes.usage)) {
          await trx
            .insertInto('usage_daily')
            .values(
              part.map((u) => ({
                day: u.day,
                device_id: u.deviceId,
                router_id: u.routerId,
                bytes_in: u.bytesIn,
                bytes_out: u.bytesOut,
                seconds: u.seconds,
                sessions: u.sessions,
              })),
            )
            .onConflict((oc) =>
              oc.columns(['day', 'device_id', 'router_id']).doUpdateSet((eb) => ({
                bytes_in: eb('usage_daily.bytes_in', '+', eb.ref('excluded.bytes_in')),
                bytes_out: eb('usage_daily.bytes_out', '+', eb.ref('excluded.bytes_out')),
                seconds: eb('usage_daily.seconds', '+', eb.ref('excluded.seconds')),
                sessions: eb('usage_daily.sessions', '+', eb.ref('excluded.sessions')),
              })),
            )
            .execute();
        }
      });
    },
  };
}
