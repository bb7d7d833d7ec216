// Operators' account lifecycle: why a registration is unverified (the roster did not confirm it, so an operator
// must check KTP and KK before approving), why an account is suspended, and router and plan names unique
// whatever their case ("Balai" and "balai" are one router to the people who type them).
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  // 'kk-mismatch' | 'not-in-roster' | 'resident-inactive'; null once the roster or an operator confirmed it.
  await db.schema.alterTable('accounts').addColumn('unverified_reason', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('suspended_reason', 'text').execute();
  // Registrations the roster did not confirm before this column existed: their audit entry says so.
  await sql`
    update accounts set unverified_reason = 'unknown'
    where status = 'pending' and approved_by is null and exists (
      select 1 from audit_log l
      where l.target = 'account:' || accounts.id and l.action = 'account.register'
        and l.detail like '%"verified":false%')`.execute(db);
  for (const table of ['routers', 'plans']) {
    // Names that differ only in case already: the later ones get their id appended, so the index can hold.
    await sql`
      update ${sql.table(table)} set name = name || '-' || id
      where exists (
        select 1 from ${sql.table(table)} o
        where lower(o.name) = lower(${sql.table(table)}.name) and o.id < ${sql.table(table)}.id)`.execute(db);
    await sql`create unique index ${sql.id(`${table}_name_ci`)} on ${sql.table(table)} (lower(name))`.execute(
      db,
    );
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('plans_name_ci').execute();
  await db.schema.dropIndex('routers_name_ci').execute();
  await db.schema.alterTable('accounts').dropColumn('suspended_reason').execute();
  await db.schema.alterTable('accounts').dropColumn('unverified_reason').execute();
}
