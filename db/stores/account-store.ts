// Accounts in the `accounts` table, and the resident lookup they start from (by the NIK's keyed hash).
import { type Kysely, sql } from 'kysely';
import type {
  AccountListing,
  AccountRecord,
  AccountStore,
  NewAccountFields,
} from '../../src/services/accounts/accounts.js';
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

    async list(): Promise<AccountListing[]> {
      const rows = await db
        .selectFrom('accounts as a')
        .innerJoin('residents as r', 'r.id', 'a.resident_id')
        .leftJoin('plans as p', (j) =>
          j.on((eb) =>
            eb.or([
              eb('p.id', '=', eb.ref('a.plan_id')),
              eb.and([eb('a.plan_id', 'is', null), eb('p.is_default', '=', 1)]),
            ]),
          ),
        )
        .select((eb) => [
          'a.id',
          'r.nik_masked',
          'r.name',
          'r.dusun',
          'r.rw',
          'r.rt',
          'r.active',
          'a.status',
          'a.plan_id',
          'p.name as plan_name',
          'a.unverified_reason',
          'a.suspended_reason',
          'a.created_at',
          eb
            .selectFrom('devices as d')
            .select(sql<number>`count(*)`.as('n'))
            .whereRef('d.account_id', '=', 'a.id')
            .where('d.revoked_at', 'is', null)
            .as('devices'),
        ])
        .orderBy('r.dusun')
        .orderBy('r.rw')
        .orderBy('r.rt')
        .orderBy('r.name')
        .orderBy('a.id')
        .execute();
      return rows.map(({ active, devices, ...r }) => ({
        ...r,
        resident_active: active === 1,
        follows_default_plan: r.plan_id === null,
        devices: Number(devices ?? 0),
      }));
    },
  };
}
