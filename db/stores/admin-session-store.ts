// Admin web sessions in `admin_sessions`, read with their user in one query.
import type { Kysely } from 'kysely';
import type { AdminSessionRow, AdminSessionStore } from '../../src/services/admins/admin-sessions.js';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type { Database } from '../schema.js';
import { adminRecord } from './admin-store.js';
import { withAudit } from './audit-store.js';

export function createAdminSessionStore(db: Kysely<Database>): AdminSessionStore {
  return {
    async create(row: AdminSessionRow, audit: AuditEntry) {
      await withAudit(db, audit, async (trx) => {
        await trx.insertInto('admin_sessions').values(row).execute();
        await trx
          .updateTable('admin_users')
          .set({ last_sign_in_at: row.created_at })
          .where('id', '=', row.admin_id)
          .execute();
      });
    },

    async find(tokenHash: string) {
      const row = await db
        .selectFrom('admin_sessions as s')
        .innerJoin('admin_users as a', 'a.id', 's.admin_id')
        .select([
          's.token_hash',
          's.admin_id',
          's.created_at',
          's.last_seen_at',
          's.expires_at',
          's.address',
          'a.id',
          'a.username',
          'a.role',
          'a.password_hash',
          'a.created_at as admin_created_at',
          'a.disabled_at',
          'a.totp_secret',
          'a.totp_enabled_at',
          'a.totp_last_step',
          'a.last_sign_in_at',
        ])
        .where('s.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      const {
        id,
        username,
        role,
        password_hash,
        admin_created_at,
        disabled_at,
        totp_secret,
        totp_enabled_at,
        totp_last_step,
        last_sign_in_at,
        ...s
      } = row;
      return {
        session: {
          ...s,
          admin_id: Number(s.admin_id),
          created_at: Number(s.created_at),
          last_seen_at: Number(s.last_seen_at),
          expires_at: Number(s.expires_at),
        },
        admin: adminRecord({
          id,
          username,
          role,
          password_hash,
          created_at: admin_created_at,
          disabled_at,
          totp_secret,
          totp_enabled_at,
          totp_last_step,
          last_sign_in_at,
        }),
      };
    },

    async touch(tokenHash: string, at: number) {
      await db
        .updateTable('admin_sessions')
        .set({ last_seen_at: at })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async remove(tokenHash: string, audit: AuditEntry) {
      await withAudit(db, audit, (trx) =>
        trx.deleteFrom('admin_sessions').where('token_hash', '=', tokenHash).execute(),
      );
    },

    async prune(idleBefore: number) {
      const r = await db
        .deleteFrom('admin_sessions')
        .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('expires_at', '<', idleBefore)]))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
