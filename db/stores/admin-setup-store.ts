// The first-admin setup link's token (hashed) in `admin_setup_tokens`, and creating the first admin with it in one
// transaction: the token is deleted, no admin may exist yet, the admin and its audit row are written.
import { type Kysely, sql } from 'kysely';
import type { AdminSetupStore } from '../../src/services/admins/admin-setup.js';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type { Database } from '../schema.js';
import { adminRecord } from './admin-store.js';
import { withAudit } from './audit-store.js';

async function activeAdmins(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('admin_users')
    .select(sql<number>`count(*)`.as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function createAdminSetupStore(db: Kysely<Database>): AdminSetupStore {
  return {
    countActiveAdmins: () => activeAdmins(db),

    async replaceSetupToken(tokenHash: string, at: number) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('admin_setup_tokens').execute();
        await trx
          .insertInto('admin_setup_tokens')
          .values({ token_hash: tokenHash, created_at: at })
          .execute();
      });
    },

    async setupTokenExists(tokenHash: string) {
      const row = await db
        .selectFrom('admin_setup_tokens')
        .select('token_hash')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row !== undefined;
    },

    async createFirstAdmin(
      tokenHash: string,
      fields: { username: string; password_hash: string; created_at: number },
      audit: AuditEntry,
    ) {
      return db.transaction().execute(async (trx) => {
        const used = await trx
          .deleteFrom('admin_setup_tokens')
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst();
        if (Number(used.numDeletedRows) !== 1 || (await activeAdmins(trx)) > 0) return undefined;
        const row = await withAudit(trx, audit, (t) =>
          t
            .insertInto('admin_users')
            .values({ ...fields, role: 'admin' })
            .returningAll()
            .executeTakeFirstOrThrow(),
        );
        return adminRecord(row);
      });
    },
  };
}
