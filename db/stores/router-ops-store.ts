// What router operations read besides the routers (router-store.ts holds those): plans as profiles, and the
// accounting sessions a router still has open. Closing sessions is a single statement.
import type { Kysely } from 'kysely';
import type {
  OpenSession,
  PlanProfile,
  RouterOpsStore,
} from '../../src/services/routers/router-ops-ports.js';
import type { Database, PlanRow, SessionRow } from '../schema.js';

function toPlanProfile(p: PlanRow): PlanProfile {
  return {
    id: p.id,
    name: p.name,
    profile_name: p.profile_name,
    down_rate: p.down_rate,
    up_rate: p.up_rate,
    burst_down_rate: p.burst_down_rate,
    burst_up_rate: p.burst_up_rate,
    burst_threshold_down: p.burst_threshold_down,
    burst_threshold_up: p.burst_threshold_up,
    burst_time_s: p.burst_time_s,
    priority: p.priority,
    devices_allowed: p.devices_allowed,
    is_default: p.is_default === 1,
  };
}

function toOpenSession(
  s: Pick<
    SessionRow,
    'id' | 'router_id' | 'acct_session_id' | 'username' | 'mac' | 'framed_ip' | 'started_at' | 'updated_at'
  >,
): OpenSession {
  return {
    id: s.id,
    routerId: s.router_id,
    acctSessionId: s.acct_session_id,
    username: s.username,
    mac: s.mac,
    framedIp: s.framed_ip,
    startedAt: s.started_at,
    updatedAt: s.updated_at,
  };
}

const SESSION_COLUMNS = [
  'sessions.id',
  'sessions.router_id',
  'sessions.acct_session_id',
  'sessions.username',
  'sessions.mac',
  'sessions.framed_ip',
  'sessions.started_at',
  'sessions.updated_at',
] as const;

export function createRouterOpsStore(db: Kysely<Database>): RouterOpsStore {
  return {
    async listPlans() {
      return (await db.selectFrom('plans').selectAll().orderBy('name').execute()).map(toPlanProfile);
    },

    async findPlan(id) {
      const row = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPlanProfile(row);
    },

    async openSessions(routerId) {
      const rows = await db
        .selectFrom('sessions')
        .select(SESSION_COLUMNS)
        .where('router_id', '=', routerId)
        .where('state', '=', 'active')
        .orderBy('id')
        .execute();
      return rows.map(toOpenSession);
    },

    async openSessionsForPlan(routerId, planId, isDefault) {
      const rows = await db
        .selectFrom('sessions')
        .innerJoin('devices', 'devices.id', 'sessions.device_id')
        .innerJoin('accounts', 'accounts.id', 'devices.account_id')
        .select(SESSION_COLUMNS)
        .where('sessions.router_id', '=', routerId)
        .where('sessions.state', '=', 'active')
        .where((eb) =>
          isDefault
            ? eb.or([eb('accounts.plan_id', '=', planId), eb('accounts.plan_id', 'is', null)])
            : eb('accounts.plan_id', '=', planId),
        )
        .orderBy('sessions.id')
        .execute();
      return rows.map(toOpenSession);
    },

    async closeSessions(ids, at, cause) {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('sessions')
        .set({ state: 'closed', stopped_at: at, updated_at: at, terminate_cause: cause })
        .where('id', 'in', [...ids])
        .where('state', '=', 'active')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
