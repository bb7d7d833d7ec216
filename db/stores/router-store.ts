// The `routers` table, for the routers service (add, list) and for router operations (lookups, health, sync):
// one row-to-record mapping for both. Flags are 0/1 in the table and booleans above it. The RADIUS hot path
// reads its few columns on its own (radius-store.ts findRouterByNasIp).
import { type Kysely, sql } from 'kysely';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type { HotspotAddressStore } from '../../src/services/portal/hotspot-addresses.js';
import type { ManagedRouterStore } from '../../src/services/routers/router-ops-ports.js';
import type { Router } from '../../src/services/routers/router-record.js';
import type { RouterFields, RouterStore } from '../../src/services/routers/routers.js';
import type { Database, RouterRow } from '../schema.js';
import { withAudit } from './audit-store.js';

function toRouter(row: RouterRow): Router {
  return {
    id: row.id,
    name: row.name,
    nasIp: row.nas_ip,
    radiusSecretEnc: row.radius_secret_enc,
    requireMessageAuth: row.require_message_auth === 1,
    apiHost: row.api_host,
    apiPort: row.api_port,
    apiTls: row.api_tls === 1,
    apiUser: row.api_user,
    apiPasswordEnc: row.api_password_enc,
    hotspotServer: row.hotspot_server,
    hotspotProfile: row.hotspot_profile,
    hotspotAddress: row.hotspot_address,
    dusun: row.dusun,
    uplinkDownRate: row.uplink_down_rate,
    uplinkUpRate: row.uplink_up_rate,
    health: row.health,
    healthChangedAt: row.health_changed_at,
    lastContactAt: row.last_contact_at,
    rosVersion: row.ros_version,
    board: row.board,
    lastSyncAt: row.last_sync_at,
    provisionedAt: row.provisioned_at === null ? null : Number(row.provisioned_at),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createRouterStore(
  db: Kysely<Database>,
): RouterStore & ManagedRouterStore & HotspotAddressStore {
  const findBy = async (column: 'id' | 'name' | 'nas_ip', value: string | number) => {
    const row = await db.selectFrom('routers').selectAll().where(column, '=', value).executeTakeFirst();
    return row && toRouter(row);
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
    if (before.health !== health)
      await db.insertInto('router_health_events').values({ router_id: routerId, at, health }).execute();
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
    async list() {
      const rows = await db.selectFrom('routers').selectAll().orderBy('name').execute();
      return rows.map(toRouter);
    },

    async listManaged() {
      const rows = await db
        .selectFrom('routers')
        .selectAll()
        .where('api_host', 'is not', null)
        .orderBy('name')
        .execute();
      return rows.map(toRouter);
    },

    findById: (id) => findBy('id', id),
    // Names are one whatever their case (routers_name_ci).
    async findByName(name) {
      const row = await db
        .selectFrom('routers')
        .selectAll()
        .where(sql`lower(name)`, '=', sql`lower(${name})`)
        .executeTakeFirst();
      return row && toRouter(row);
    },
    findByNasIp: (nasIp) => findBy('nas_ip', nasIp),

    create(fields: RouterFields, at: number, audit: AuditEntry) {
      return withAudit(db, audit, async (trx) => {
        const row = await trx
          .insertInto('routers')
          .values({
            name: fields.name,
            nas_ip: fields.nasIp,
            radius_secret_enc: fields.radiusSecretEnc,
            require_message_auth: fields.requireMessageAuth ? 1 : 0,
            api_host: fields.apiHost,
            api_port: fields.apiPort,
            api_tls: fields.apiTls ? 1 : 0,
            api_user: fields.apiUser,
            api_password_enc: fields.apiPasswordEnc,
            hotspot_server: fields.hotspotServer,
            hotspot_profile: fields.hotspotProfile,
            hotspot_address: fields.hotspotAddress,
            dusun: fields.dusun,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRouter(row);
      });
    },

    update(id, fields, at, audit) {
      const columns = {
        nas_ip: fields.nasIp,
        radius_secret_enc: fields.radiusSecretEnc,
        require_message_auth:
          fields.requireMessageAuth === undefined ? undefined : fields.requireMessageAuth ? 1 : 0,
        api_host: fields.apiHost,
        api_port: fields.apiPort,
        api_tls: fields.apiTls === undefined ? undefined : fields.apiTls ? 1 : 0,
        api_user: fields.apiUser,
        api_password_enc: fields.apiPasswordEnc,
        hotspot_server: fields.hotspotServer,
        hotspot_profile: fields.hotspotProfile,
        hotspot_address: fields.hotspotAddress,
        dusun: fields.dusun,
      };
      return withAudit(db, audit, async (trx) => {
        const row = await trx
          .updateTable('routers')
          .set({
            ...Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)),
            updated_at: at,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRouter(row);
      });
    },

    async activeSessionCount(routerId) {
      const { n } = await db
        .selectFrom('sessions')
        .select(sql<number>`count(*)`.as('n'))
        .where('router_id', '=', routerId)
        .where('state', '=', 'active')
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    remove(id, audit) {
      return withAudit(db, audit, async (trx) => {
        // Both reference routers.id; the raw sessions' totals already went into usage_daily.
        await trx.deleteFrom('sessions').where('router_id', '=', id).execute();
        await trx.deleteFrom('router_jobs').where('router_id', '=', id).execute();
        await trx.deleteFrom('router_health_events').where('router_id', '=', id).execute();
        await trx.deleteFrom('routers').where('id', '=', id).execute();
      });
    },

    recordUp: (routerId, at, reading) =>
      recordHealth(routerId, at, 'up', {
        last_contact_at: at,
        ros_version: reading.version,
        ...(reading.board ? { board: reading.board } : {}),
      }),

    recordDown: (routerId, at) => recordHealth(routerId, at, 'down', {}),

    async healthHistory(routerId, limit) {
      const rows = await db
        .selectFrom('router_health_events')
        .select(['at', 'health'])
        .where('router_id', '=', routerId)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ at: Number(r.at), health: r.health }));
    },

    async setHotspotAddress(routerId, address, at) {
      await db
        .updateTable('routers')
        .set({ hotspot_address: address, updated_at: at })
        .where('id', '=', routerId)
        .execute();
    },

    async hotspotAddresses() {
      const rows = await db
        .selectFrom('routers')
        .select('hotspot_address')
        .where('hotspot_address', 'is not', null)
        .execute();
      return rows.map((r) => r.hotspot_address!);
    },

    async markSynced(routerId, at) {
      await db.updateTable('routers').set({ last_sync_at: at }).where('id', '=', routerId).execute();
    },

    async markProvisioned(routerId, at) {
      await db
        .updateTable('routers')
        .set({ last_sync_at: at, provisioned_at: at })
        .where('id', '=', routerId)
        .execute();
    },
  };
}
