// Admin users in the `admin_users` table; a change to a user ends their sessions, revokes their tokens or
// replaces their recovery codes in the same transaction as the change and its audit row.
import { type Kysely, sql } from 'kysely';
import type {
  AdminChangeEffects,
  AdminFields,
  AdminRecord,
  AdminRole,
  AdminStore,
} from '../../src/services/admins/admins.js';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type { Database } from '../schema.js';
import { withAudit } from './audit-store.js';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Bigint columns come back as strings from PostgreSQL. */
export function adminRecord(row: {
  id: number;
  username: string;
  role: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
  totp_secret?: string | null;
  totp_enabled_at?: number | null;
  totp_last_step?: number | null;
  last_sign_in_at?: number | null;
}): AdminRecord {
  return {
    id: Number(row.id),
    username: row.username,
    role: row.role,
    password_hash: row.password_hash,
    created_at: Number(row.created_at),
    disabled_at: num(row.disabled_at),
    totp_secret: row.totp_secret ?? null,
    totp_enabled_at: num(row.totp_enabled_at),
    totp_last_step: num(row.totp_last_step),
    last_sign_in_at: num(row.last_sign_in_at),
  };
}

/** The effects of a change, inside its transaction. */
export async function applyAdminEffects(
  trx: Kysely<Database>,
  adminId: number,
  effects: AdminChangeEffects,
  at: number,
): Promise<void> {
  if (effects.endSessions) {
    let q = trx.deleteFrom('admin_sessions').where('admin_id', '=', adminId);
    if (effects.endSessions.except) q = q.where('token_hash', '!=', effects.endSessions.except);
    await q.execute();
  }
  if (effects.revokeTokens) {
    await trx
      .updateTable('admin_api_tokens')
      .set({ revoked_at: at })
      .where('admin_id', '=', adminId)
      .where('revoked_at', 'is', null)
      .execute();
  }
  if (effects.recoveryCodes) {
    await trx.deleteFrom('admin_recovery_codes').where('admin_id', '=', adminId).execute();
    if (effects.recoveryCodes.length > 0) {
      await trx
        .insertInto('admin_recovery_codes')
        .values(effects.recoveryCodes.map((code_hash) => ({ code_hash, admin_id: adminId, used_at: null })))
        .execute();
    }
  }
}

export function createAdminStore(db: Kysely<Database>): AdminStore & {
  /** Takes a time step for the user's codes: false when that step (or a later one) was used already. */
  useTotpStep(id: number, step: number): Promise<boolean>;
  /** Marks a recovery code used: false when it is unknown or used already. */
  useRecoveryCode(id: number, codeHash: string, at: number): Promise<boolean>;
  unusedRecoveryCodes(id: number): Promise<number>;
} {
  return {
    async findByUsername(username: string) {
      const row = await db
        .selectFrom('admin_users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row ? adminRecord(row) : undefined;
    },

    async findById(id: number) {
      const row = await db.selectFrom('admin_users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? adminRecord(row) : undefined;
    },

    async list() {
      const rows = await db.selectFrom('admin_users').selectAll().orderBy('username').execute();
      return rows.map(adminRecord);
    },

    async countActiveAdmins() {
      const r = await db
        .selectFrom('admin_users')
        .select(sql<number>`count(*)`.as('n'))
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async create(
      fields: { username: string; role: AdminRole; password_hash: string; created_at: number },
      audit: AuditEntry,
    ): Promise<AdminRecord> {
      const row = await withAudit(db, audit, (trx) =>
        trx.insertInto('admin_users').values(fields).returningAll().executeTakeFirstOrThrow(),
      );
      return adminRecord(row);
    },

    async update(id: number, fields: AdminFields, audit: AuditEntry, effects: AdminChangeEffects = {}) {
      await withAudit(db, audit, async (trx) => {
        if (Object.keys(fields).length > 0)
          await trx.updateTable('admin_users').set(fields).where('id', '=', id).execute();
        await applyAdminEffects(trx, id, effects, audit.at);
      });
    },

    async useTotpStep(id: number, step: number) {
      const r = await db
        .updateTable('admin_users')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async useRecoveryCode(id: number, codeHash: string, at: number) {
      const r = await db
        .updateTable('admin_recovery_codes')
        .set({ used_at: at })
        .where('admin_id', '=', id)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async unusedRecoveryCodes(id: number) {
      const r = await db
        .selectFrom('admin_recovery_codes')
        .select(sql<number>`count(*)`.as('n'))
        .where('admin_id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
