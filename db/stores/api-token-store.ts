// Scripts' bearer tokens in `admin_api_tokens` (SHA-256 of the token only), read with their user in one query.
import type { Kysely } from 'kysely';
import type { ApiTokenRow, ApiTokenStore } from '../../src/services/admins/api-tokens.js';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type { Database } from '../schema.js';
import { adminRecord } from './admin-store.js';
import { withAudit } from './audit-store.js';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function tokenRow(r: {
  id: string;
  admin_id: number;
  token_hash: string;
  label: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}): ApiTokenRow {
  return {
    id: r.id,
    admin_id: Number(r.admin_id),
    token_hash: r.token_hash,
    label: r.label,
    created_at: Number(r.created_at),
    last_used_at: num(r.last_used_at),
    revoked_at: num(r.revoked_at),
  };
}

export function createApiTokenStore(db: Kysely<Database>): ApiTokenStore {
  return {
    async createToken(row: ApiTokenRow, audit: AuditEntry) {
      await withAudit(db, audit, (trx) => trx.insertInto('admin_api_tokens').values(row).execute());
    },

    async findToken(tokenHash: string) {
      const row = await db
        .selectFrom('admin_api_tokens as t')
        .innerJoin('admin_users as a', 'a.id', 't.admin_id')
        .selectAll('t')
        .select([
          'a.username',
          'a.role',
          'a.password_hash',
          'a.created_at as admin_created_at',
          'a.disabled_at',
          'a.totp_enabled_at',
        ])
        .where('t.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        token: tokenRow(row),
        admin: adminRecord({
          id: row.admin_id,
          username: row.username,
          role: row.role,
          password_hash: row.password_hash,
          created_at: row.admin_created_at,
          disabled_at: row.disabled_at,
          totp_enabled_at: row.totp_enabled_at,
        }),
      };
    },

    async listTokens(adminId?: number) {
      let q = db
        .selectFrom('admin_api_tokens as t')
        .innerJoin('admin_users as a', 'a.id', 't.admin_id')
        .selectAll('t')
        .select('a.username')
        .orderBy('t.created_at', 'desc');
      if (adminId !== undefined) q = q.where('t.admin_id', '=', adminId);
      return (await q.execute()).map((r) => ({ ...tokenRow(r), username: r.username }));
    },

    async revokeToken(id: string, audit: AuditEntry) {
      const done = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('admin_api_tokens')
          .set({ revoked_at: audit.at })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        await withAudit(trx, audit, async () => undefined);
        return true;
      });
      return done;
    },

    async touchToken(id: string, at: number) {
      await db.updateTable('admin_api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
