// Admin users in the `admin_users` table.
import type { Kysely } from 'kysely';
import type { AdminRecord, AdminRole, AdminStore } from '../../src/services/admins/admins.js';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type { Database } from '../schema.js';
import { withAudit } from './audit-store.js';

export function createAdminStore(db: Kysely<Database>): AdminStore {
  return {
    findByUsername(username: string): Promise<AdminRecord | undefined> {
      return db.selectFrom('admin_users').selectAll().where('username', '=', username).executeTakeFirst();
    },

    create(
      fields: { username: string; role: AdminRole; password_hash: string; created_at: number },
      audit: AuditEntry,
    ): Promise<AdminRecord> {
      return withAudit(db, audit, (trx) =>
        trx.insertInto('admin_users').values(fields).returningAll().executeTakeFirstOrThrow(),
      );
    },
  };
}
