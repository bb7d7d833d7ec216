// Plans in the `plans` table. Keeps exactly one default: moving the flag and the write are one transaction.
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type {
  AtQuota,
  PlanFields,
  PlanRecord,
  PlanStore,
  PlanWriteOptions,
} from '../../src/services/plans/plans.js';
import type { Database, PlanRow } from '../schema.js';
import { withAudit } from './audit-store.js';

export function toPlanRecord(row: PlanRow): PlanRecord {
  return { ...row, at_quota: row.at_quota as AtQuota, is_default: row.is_default === 1 };
}

/** Arbitrary, fixed: the PostgreSQL advisory lock that plan writes queue on. */
const PLAN_WRITE_LOCK = 7_242_001;

/**
 * Plan writes take turns, so "who is the default" is read and moved by one writer at a time. Row locks alone
 * cannot do it on PostgreSQL: a new plan is invisible to a concurrent writer's snapshot, and two writers locking
 * rows in different orders deadlock. SQLite needs nothing: it has one writer at a time already.
 */
async function serialisePlanWrites(trx: Kysely<Database>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(${sql.lit(PLAN_WRITE_LOCK)})`.execute(trx);
  }
}

export function createPlanStore(db: Kysely<Database>): PlanStore {
  const findBy = async (column: 'id' | 'name' | 'profile_name' | 'is_default', value: string | number) => {
    const row = await db.selectFrom('plans').selectAll().where(column, '=', value).executeTakeFirst();
    return row && toPlanRecord(row);
  };

  /** Moves the default flag here when asked to, or when no plan has it; inside the caller's transaction. */
  async function takeDefault(trx: Kysely<Database>, id: number, opts: PlanWriteOptions): Promise<void> {
    if (!opts.makeDefault) {
      const holder = await trx
        .selectFrom('plans')
        .select('id')
        .where('is_default', '=', 1)
        .executeTakeFirst();
      if (holder) return;
    }
    await trx
      .updateTable('plans')
      .set({ is_default: sql<number>`case when id = ${id} then 1 else 0 end` })
      .where((eb) => eb.or([eb('is_default', '=', 1), eb('id', '=', id)]))
      .execute();
  }

  async function read(trx: Kysely<Database>, id: number): Promise<PlanRecord> {
    return toPlanRecord(
      await trx.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  }

  return {
    async list() {
      const rows = await db.selectFrom('plans').selectAll().orderBy('name').execute();
      return rows.map(toPlanRecord);
    },
    findById: (id) => findBy('id', id),
    // Names are one whatever their case (plans_name_ci).
    async findByName(name) {
      const row = await db
        .selectFrom('plans')
        .selectAll()
        .where(sql`lower(name)`, '=', sql`lower(${name})`)
        .executeTakeFirst();
      return row && toPlanRecord(row);
    },
    findByProfileName: (profileName) => findBy('profile_name', profileName),
    findDefault: () => findBy('is_default', 1),

    create(fields: PlanFields, opts: PlanWriteOptions, audit: AuditEntry) {
      return withAudit(db, audit, async (trx) => {
        await serialisePlanWrites(trx);
        const { id } = await trx
          .insertInto('plans')
          .values({ ...fields, is_default: 0, created_at: opts.at, updated_at: opts.at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await takeDefault(trx, id, opts);
        return read(trx, id);
      });
    },

    async accountsOn(planId) {
      const plan = await db
        .selectFrom('plans')
        .select('is_default')
        .where('id', '=', planId)
        .executeTakeFirst();
      const { n } = await db
        .selectFrom('accounts')
        .select(sql<number>`count(*)`.as('n'))
        .where((eb) =>
          // Accounts without a plan of their own follow the default one.
          plan?.is_default === 1
            ? eb.or([eb('plan_id', '=', planId), eb('plan_id', 'is', null)])
            : eb('plan_id', '=', planId),
        )
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    async institutionsOn(planId) {
      const { n } = await db
        .selectFrom('institutions')
        .select(sql<number>`count(*)`.as('n'))
        .where('plan_id', '=', planId)
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    remove(id: number, audit: AuditEntry) {
      return withAudit(db, audit, async (trx) => {
        await serialisePlanWrites(trx);
        await trx.deleteFrom('plans').where('id', '=', id).execute();
      });
    },

    update(id: number, fields: PlanFields, opts: PlanWriteOptions, audit: AuditEntry) {
      return withAudit(db, audit, async (trx) => {
        await serialisePlanWrites(trx);
        await trx
          .updateTable('plans')
          .set({ ...fields, updated_at: opts.at })
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await takeDefault(trx, id, opts);
        return read(trx, id);
      });
    },
  };
}
