// What router operations read and record: routers with their API settings and health, plans as profiles, and
// the accounting sessions a router still has open. Health changes and session closes are single statements.
import { type Kysely, sql } from 'kysely';
import type {
  ManagedRouter,
  OpenSession,
  PlanProfile,
  RouterOpsStore,
} from '../../src/services/router-ops-ports.js';
import type { Database, PlanRow, RouterRow, SessionRow } from '../schema.js';

function toManagedRouter(r: RouterRow): ManagedRouter {
  return {
    id: r.id,
    name: r.name,
    nasIp: r.nas_ip,
    radiusSecretEnc: r.radius_secret_enc,
    requireMessageAuth: r.require_message_auth === 1,
    apiHost: r.api_host,
    apiPort: r.api_port,
    apiTls: r.api_tls === 1,
    apiUser: r.api_user,
    apiPasswordEnc: r.api_password_enc,
    hotspotServer: r.hotspot_server,
    hotspotProfile: r.hotspot_profile,
    uplinkDownRate: r.uplink_down_rate,
    uplinkUpRate: r.uplink_up_rate,
    health: r.health,
    healthChangedAt: r.health_changed_at,
    lastContactAt: r.last_contact_at,
    rosVersion: r.ros_version,
    board: r.board,
    lastSyncAt: r.last_sync_at,
  };
}

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
  const routerBy = async (column: 'id' | 'name', value: string | number) => {
    const row = await db.selectFrom('routers').selectAll().where(column, '=', value).executeTakeFirst();
    return row && toManagedRouter(row);
  };

  /**
   * Sets health and contact fields; health_changed_at moves only when the health does, decided inside the one
   * UPDATE so that it is right even when two agents poll at once. Returns the health read just before.
   */
  async function recordHealth(
    routerId: number,
    at: number,
    health: 'up' | 'down',
    extra: Partial<Pick<RouterRow, 'last_contact_at' | 'ros_version' | 'board'>>,
  ): Promise<string> {
    const before = await db
      .selectFrom('routers')
      .select('health')
      .where('id', '=', routerId)
      .executeTakeFirst();
    if (!before) return 'unknown';
    await db
      .updateTable('routers')
      .set({
        ...extra,
        health,
        health_changed_at: sql<number>`case when health = ${health} then health_changed_at else ${at} end`,
      })
      .where('id', '=', routerId)
      .execute();
    return before.health;
  }

  return {
    findRouterByName: (name) => routerBy('name', name),
    findRouterById: (id) => routerBy('id', id),

    async listManagedRouters() {
      const rows = await db
        .selectFrom('routers')
        .selectAll()
        .where('api_host', 'is not', null)
        .orderBy('name')
        .execute();
      return rows.map(toManagedRouter);
    },

    async listPlans() {
      return (await db.selectFrom('plans').selectAll().orderBy('name').execute()).map(toPlanProfile);
    },

    async findPlan(id) {
      const row = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPlanProfile(row);
    },

    recordUp: (routerId, at, reading) =>
      recordHealth(routerId, at, 'up', {
        last_contact_at: at,
        ros_version: reading.version,
        ...(reading.board ? { board: reading.board } : {}),
      }),

    recordDown: (routerId, at) => recordHealth(routerId, at, 'down', {}),

    async markSynced(routerId, at) {
      await db.updateTable('routers').set({ last_sync_at: at }).where('id', '=', routerId).execute();
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
