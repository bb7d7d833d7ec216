// What the RADIUS server reads: routers by NAS address, devices with their account, resident and plan, the
// live devices and today's usage per account, and sessions for operators. Lists are queried in chunks so a
// batch of lookups stays one query per few hundred requests.
import { type Kysely, sql } from 'kysely';
import type { PlanFacts } from '../../src/domain/authorize.js';
import type { AccountUsage, DeviceRecord, SubjectStore } from '../../src/services/radius-auth.js';
import type { NasRow, NasStore } from '../../src/services/radius-nas.js';
import type { KickTargetRow, SessionStore, SessionView } from '../../src/services/radius-sessions.js';
import type { Database, PlanRow } from '../schema.js';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const planFacts = (p: PlanRow): PlanFacts => ({
  id: p.id,
  profile_name: p.profile_name,
  down_rate: Number(p.down_rate),
  up_rate: Number(p.up_rate),
  burst_down_rate: p.burst_down_rate,
  burst_up_rate: p.burst_up_rate,
  burst_threshold_down: p.burst_threshold_down,
  burst_threshold_up: p.burst_threshold_up,
  burst_time_s: p.burst_time_s,
  priority: p.priority,
  daily_quota_bytes: p.daily_quota_bytes === null ? null : Number(p.daily_quota_bytes),
  devices_allowed: p.devices_allowed,
  session_timeout_s: p.session_timeout_s,
  idle_timeout_s: p.idle_timeout_s,
  at_quota: p.at_quota,
  throttle_down_rate: p.throttle_down_rate,
  throttle_up_rate: p.throttle_up_rate,
});

export function createRadiusStore(db: Kysely<Database>): NasStore & SubjectStore & SessionStore {
  const sessionColumns = [
    's.id',
    's.username',
    's.mac',
    's.framed_ip',
    's.router_id',
    'r.name as router_name',
    's.acct_session_id',
    's.started_at',
    's.updated_at',
    's.stopped_at',
    's.input_bytes',
    's.output_bytes',
    's.session_time_s',
    's.terminate_cause',
    's.state',
  ] as const;
  type SessionSelect = {
    id: number;
    username: string;
    mac: string | null;
    framed_ip: string | null;
    router_id: number;
    router_name: string;
    acct_session_id: string;
    started_at: number;
    updated_at: number;
    stopped_at: number | null;
    input_bytes: number;
    output_bytes: number;
    session_time_s: number;
    terminate_cause: string | null;
    state: string;
  };
  const sessionView = (r: SessionSelect): SessionView => ({
    id: r.id,
    username: r.username,
    mac: r.mac,
    ip: r.framed_ip,
    routerId: r.router_id,
    router: r.router_name,
    acctSessionId: r.acct_session_id,
    startedAt: Number(r.started_at),
    updatedAt: Number(r.updated_at),
    stoppedAt: r.stopped_at === null ? null : Number(r.stopped_at),
    inputBytes: Number(r.input_bytes),
    outputBytes: Number(r.output_bytes),
    sessionTimeS: r.session_time_s,
    terminateCause: r.terminate_cause,
    state: r.state,
  });

  return {
    async findRouterByNasIp(ip: string): Promise<NasRow | undefined> {
      const r = await db
        .selectFrom('routers')
        .select(['id', 'name', 'nas_ip', 'radius_secret_enc', 'require_message_auth'])
        .where('nas_ip', '=', ip)
        .executeTakeFirst();
      return r
        ? {
            routerId: r.id,
            name: r.name,
            nasIp: r.nas_ip,
            radiusSecretEnc: r.radius_secret_enc,
            requireMessageAuth: r.require_message_auth === 1,
          }
        : undefined;
    },

    async findDevices(usernames, macs): Promise<DeviceRecord[]> {
      const out: DeviceRecord[] = [];
      const groups = Math.max(Math.ceil(usernames.length / CHUNK), Math.ceil(macs.length / CHUNK));
      for (let g = 0; g < groups; g++) {
        const u = usernames.slice(g * CHUNK, (g + 1) * CHUNK);
        const m = macs.slice(g * CHUNK, (g + 1) * CHUNK);
        const rows = await db
          .selectFrom('devices as d')
          .innerJoin('accounts as a', 'a.id', 'd.account_id')
          .innerJoin('residents as r', 'r.id', 'a.resident_id')
          .leftJoin('plans as p', 'p.id', 'a.plan_id')
          .select([
            'd.id as device_id',
            'd.account_id',
            'd.username',
            'd.mac',
            'd.secret_enc',
            'd.revoked_at',
            'a.status as account_status',
            'r.active as resident_active',
          ])
          // The plan's own columns (id, name, rates…) do not collide with the aliases above; id is null
          // when the account has no plan.
          .selectAll('p')
          .where((eb) =>
            eb.or([
              ...(u.length > 0 ? [eb('d.username', 'in', u)] : []),
              ...(m.length > 0 ? [eb('d.mac', 'in', m)] : []),
            ]),
          )
          .execute();
        for (const row of rows) {
          out.push({
            deviceId: row.device_id,
            accountId: row.account_id,
            username: row.username,
            mac: row.mac,
            secretEnc: row.secret_enc,
            revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
            accountStatus: row.account_status,
            residentActive: row.resident_active === 1,
            plan: row.id === null ? undefined : planFacts(row as PlanRow),
          });
        }
      }
      return out;
    },

    async findDefaultPlan() {
      const p = await db.selectFrom('plans').selectAll().where('is_default', '=', 1).orderBy('id').executeTakeFirst();
      return p ? planFacts(p) : undefined;
    },

    async accountUsage(accountIds, day, activeSince) {
      const out = new Map<number, { activeDeviceIds: number[]; usedTodayBytes: number }>();
      const entry = (id: number) => {
        let e = out.get(id);
        if (!e) {
          e = { activeDeviceIds: [], usedTodayBytes: 0 };
          out.set(id, e);
        }
        return e;
      };
      for (const ids of chunks(accountIds)) {
        const [live, used] = await Promise.all([
          db
            .selectFrom('sessions as s')
            .innerJoin('devices as d', 'd.id', 's.device_id')
            .select(['d.account_id', 's.device_id'])
            .where('d.account_id', 'in', ids)
            .where('s.state', '=', 'active')
            .where('s.updated_at', '>=', activeSince)
            .execute(),
          db
            .selectFrom('usage_daily as u')
            .innerJoin('devices as d', 'd.id', 'u.device_id')
            .select(['d.account_id', sql<number>`cast(sum(u.bytes_in + u.bytes_out) as bigint)`.as('used')])
            .where('u.day', '=', day)
            .where('d.account_id', 'in', ids)
            .groupBy('d.account_id')
            .execute(),
        ]);
        for (const r of live) if (r.device_id !== null) entry(r.account_id).activeDeviceIds.push(r.device_id);
        for (const r of used) entry(r.account_id).usedTodayBytes = Number(r.used);
      }
      return out as Map<number, AccountUsage>;
    },

    async listSessions({ activeOnly, limit }) {
      let q = db
        .selectFrom('sessions as s')
        .innerJoin('routers as r', 'r.id', 's.router_id')
        .select(sessionColumns)
        .orderBy('s.updated_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(limit);
      if (activeOnly) q = q.where('s.state', '=', 'active');
      return (await q.execute()).map(sessionView);
    },

    async findKickTarget(sessionId): Promise<KickTargetRow | undefined> {
      const r = await db
        .selectFrom('sessions as s')
        .innerJoin('routers as r', 'r.id', 's.router_id')
        .select(sessionColumns)
        .select(['r.nas_ip', 'r.radius_secret_enc'])
        .where('s.id', '=', sessionId)
        .executeTakeFirst();
      return r ? { session: sessionView(r), nasIp: r.nas_ip, radiusSecretEnc: r.radius_secret_enc } : undefined;
    },
  };
}
