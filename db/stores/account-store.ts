// Accounts in the `accounts` table, and the resident lookup they start from (by the NIK's keyed hash).
import type { Kysely } from 'kysely';
import type { AccountRecord, AccountStore, NewAccountFields } from '../../src/services/accounts/accounts.js';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type { ResidentSummary } from '../../src/services/residents/resident-lookup.js';
import type { Database } from '../schema.js';
import { withAudit } from './audit-store.js';

export function createAccountStore(db: Kysely<Database>): AccountStore {
  return {
    async findResidentByNikIndex(nikIndex: string): Promise<ResidentSummary | undefined> {
      const row = await db
        .selectFrom('residents')
        .select(['id', 'nik_masked', 'name', 'dusun', 'rw', 'rt', 'active'])
        .where('nik_index', '=', nikIndex)
        .executeTakeFirst();
      return row && { ...row, active: row.active === 1 };
    },

    async findResidentById(residentId: number): Promise<ResidentSummary | undefined> {
      const row = await db
        .selectFrom('residents')
        .select(['id', 'nik_masked', 'name', 'dusun', 'rw', 'rt', 'active'])
        .where('id', '=', residentId)
        .executeTakeFirst();
      return row && { ...row, active: row.active === 1 };
    },

    findByResidentId(residentId: number): Promise<AccountRecord | undefined> {
      return db
        .selectFrom('accounts')
        .select(['id', 'resident_id', 'status', 'plan_id', 'created_at'])
        .where('resident_id', '=', residentId)
        .executeTakeFirst();
    },

    create(fields: NewAccountFields, audit: (accountId: number) => AuditEntry): Promise<AccountRecord> {
      return withAudit(
        db,
        (a: AccountRecord) => audit(a.id),
        (trx) =>
          trx
            .insertInto('accounts')
            .values({ ...fields, updated_at: fields.created_at })
            .returning(['id', 'resident_id', 'status', 'plan_id', 'created_at'])
            .executeTakeFirstOrThrow(),
      );
    },
  };
}
