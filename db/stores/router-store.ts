// Routers in the `routers` table. Flags are 0/1 in the table and booleans above it.
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../src/services/audit.js';
import type { RouterFields, RouterRecord, RouterStore } from '../../src/services/routers.js';
import type { Database, RouterRow } from '../schema.js';
import { withAudit } from './audit-store.js';

export function toRouterRecord(row: RouterRow): RouterRecord {
  return {
    id: row.id,
    name: row.name,
    nas_ip: row.nas_ip,
    radius_secret_enc: row.radius_secret_enc,
    require_message_auth: row.require_message_auth === 1,
    api_host: row.api_host,
    api_port: row.api_port,
    api_tls: row.api_tls === 1,
    api_user: row.api_user,
    api_password_enc: row.api_password_enc,
    hotspot_server: row.hotspot_server,
    hotspot_profile: row.hotspot_profile,
    dusun: row.dusun,
    health: row.health,
    last_contact_at: row.last_contact_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function createRouterStore(db: Kysely<Database>): RouterStore {
  const findBy = async (column: 'id' | 'name' | 'nas_ip', value: string | number) => {
    const row = await db.selectFrom('routers').selectAll().where(column, '=', value).executeTakeFirst();
    return row && toRouterRecord(row);
  };

  return {
    async list() {
      const rows = await db.selectFrom('routers').selectAll().orderBy('name').execute();
      return rows.map(toRouterRecord);
    },
    findByName: (name) => findBy('name', name),
    findByNasIp: (nasIp) => findBy('nas_ip', nasIp),

    create(fields: RouterFields, at: number, audit: AuditEntry) {
      return withAudit(db, audit, async (trx) => {
        const row = await trx
          .insertInto('routers')
          .values({
            ...fields,
            require_message_auth: fields.require_message_auth ? 1 : 0,
            api_tls: fields.api_tls ? 1 : 0,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRouterRecord(row);
      });
    },
  };
}
