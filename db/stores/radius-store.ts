// What the RADIUS server reads: routers by NAS address, devices with their account, resident and plan, the
// live devices and the usage per account today and earlier this month, and sessions for operators. A batch of lookups
// is one query per table, its list passed as a single parameter.
import { type Kysely, sql } from 'kysely';
import type { PlanFacts } from '../../src/domain/authorize.js';
import type { AccountUsage, DeviceRecord, SubjectStore } from '../../src/services/radius/radius-auth.js';
import type { NasRow, NasStore } from '../../src/services/radius/radius-nas.js';
import type { KickTargetRow, SessionStore, SessionView } from '../../src/services/radius/radius-sessions.js';
import type { Database, PlanRow } from '../schema.js';
import { isPostgres, listOf, nameContains } from './radius-sql.js';

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
  monthly_quota_bytes: p.monthly_quota_bytes === null ? null : Number(p.monthly_quota_bytes),
  devices_allowed: p.devices_allowed,
  session_timeout_s: p.session_timeout_s,
  idle_timeout_s: p.idle_timeout_s,
  at_quota: p.at_quota,
  throttle_down_rate: p.throttle_down_rate,
  throttle_up_rate: p.throttle_up_rate,
  time_window: p.time_window,
  step_down_bytes: p.step_down_bytes === null ? null : Number(p.step_down_bytes),
  step_down_down_rate: p.step_down_down_rate === null ? null : Number(p.step_down_down_rate),
  step_down_up_rate: p.step_down_up_rate === null ? null : Number(p.step_down_up_rate),
});

export function createRadiusStore(db: Kysely<Database>): NasStore & SubjectStore & SessionStore {
  const pg = isPostgres(db);
  // Read on every batch of Access-Requests: compiled once, not rebuilt and recompiled each time.
  const plansQuery = db.selectFrom('plans').selectAll().orderBy('id').compile();
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
    resident_name?: string | null;
    device_label?: string | null;
  };
  const sessionView = (r: SessionSelect): SessionView => ({
    resident: r.resident_name ?? null,
    device: r.device_label ?? null,
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
      type Row = {
        id: number;
        account_id: number;
        username: string;
        mac: string;
        secret_enc: string;
        revoked_at: number | null;
        status: string;
        plan_id: number | null;
        active: number;
      };
      const by = async (column: 'username' | 'mac', values: readonly string[]) => {
        if (values.length === 0) return [];
        const { rows } = await sql<Row>`
          select d.id, d.account_id, d.username, d.mac, d.secret_enc, d.revoked_at, a.status, a.plan_id, r.active
          from ${listOf(pg, values, 'text')} k
          cross join devices d
          join accounts a on a.id = d.account_id
          join residents r on r.id = a.resident_id
          where ${sql.ref(`d.${column}`)} = k.v`.execute(db);
        return rows;
      };
      const [byName, byMac] = await Promise.all([by('username', usernames), by('mac', macs)]);
      const rows = [...byName, ...byMac];
      return rows.map((r) => ({
        deviceId: r.id,
        accountId: r.account_id,
        username: r.username,
        mac: r.mac,
        secretEnc: r.secret_enc,
        revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
        accountStatus: r.status,
        residentActive: r.active === 1,
        planId: r.plan_id,
      }));
    },

    async findPlans() {
      const { rows } = await db.executeQuery(plansQuery);
      const byId = new Map(rows.map((p) => [p.id, planFacts(p)] as const));
      const d = rows.find((p) => p.is_default === 1);
      return { byId, defaultPlan: d ? byId.get(d.id) : undefined };
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
      const accounts = listOf(pg, accountIds, 'int');
      const [live, used] = await Promise.all([
        sql<{ account_id: number; device_id: number }>`
          select d.account_id, s.device_id
          from ${accounts} k
          cross join devices d
          cross join sessions s
          where d.account_id = k.v and s.device_id = d.id and s.state = 'active' and s.updated_at >= ${activeSince}`.execute(
          db,
        ),
        sql<{ account_id: number; used: number }>`
          select d.account_id, cast(sum(u.bytes_in + u.bytes_out) as bigint) as used
          from ${accounts} k
          cross join devices d
          cross join usage_daily u
          where d.account_id = k.v and u.day = ${day} and u.device_id = d.id
          group by d.account_id`.execute(db),
      ]);
      for (const r of live.rows) entry(r.account_id).activeDeviceIds.push(r.device_id);
      for (const r of used.rows) entry(r.account_id).usedTodayBytes = Number(r.used);
      return out as Map<number, AccountUsage>;
    },

    async usageBetween(accountIds, fromDay, beforeDay) {
      // Day strings sort as text; the usage_daily_device_day index seeks each device's days.
      const { rows } = await sql<{ account_id: number; used: number }>`
        select d.account_id, cast(sum(u.bytes_in + u.bytes_out) as bigint) as used
        from ${listOf(pg, accountIds, 'int')} k
        cross join devices d
        cross join usage_daily u
        where d.account_id = k.v and u.device_id = d.id and u.day >= ${fromDay} and u.day < ${beforeDay}
        group by d.account_id`.execute(db);
      return new Map(rows.map((r) => [r.account_id, Number(r.used)] as const));
    },

    async listSessions({
      activeOnly,
      limit,
      routerName,
      mac,
      nikIndex,
      since,
      offset,
      residentName,
      nikMasked,
    }) {
      let q = db
        .selectFrom('sessions as s')
        .innerJoin('routers as r', 'r.id', 's.router_id')
        .leftJoin('devices as d', 'd.id', 's.device_id')
        .leftJoin('accounts as a', 'a.id', 'd.account_id')
        .leftJoin('residents as res', 'res.id', 'a.resident_id')
        .select(sessionColumns)
        .select(['res.name as resident_name', 'd.label as device_label'])
        .orderBy('s.updated_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(limit);
      if (activeOnly) q = q.where('s.state', '=', 'active');
      if (routerName !== undefined) q = q.where('r.name', '=', routerName);
      if (mac !== undefined) q = q.where('s.mac', '=', mac);
      if (nikIndex !== undefined) q = q.where('res.nik_index', 'in', [nikIndex].flat());
      if (since !== undefined) q = q.where('s.updated_at', '>=', since);
      if (nikMasked !== undefined) q = q.where('res.nik_masked', '=', nikMasked);
      if (residentName !== undefined) q = q.where(nameContains('res.name', residentName));
      if (offset !== undefined) q = q.offset(offset);
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
      return r
        ? { session: sessionView(r), nasIp: r.nas_ip, radiusSecretEnc: r.radius_secret_enc }
        : undefined;
    },
  };
}
