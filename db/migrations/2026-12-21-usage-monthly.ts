// Whole-month and whole-day totals of usage_groups_daily, so that a usage report over a year reads 12 months of
// groups instead of 365 days of them, and its days a row each instead of every group's:
// - usage_groups_monthly: bytes and sessions per month × router × dusun × plan;
// - usage_totals_daily: bytes and sessions per local day (the village, or the regency's whole database).
// The accounting transaction adds to both beside usage_groups_daily (db/stores/usage-monthly.ts), from the same
// deltas, so they stay exactly its sums. `backfill` fills them from usage_groups_daily (exported for the benches).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  // SQLite: the primary key is the table, so a range of keys is read without a second b-tree.
  const keyOnly = isPg(db) ? sql`` : sql`without rowid`;
  await db.schema
    .createTable('usage_groups_monthly')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('dusun', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_groups_monthly_pk', ['month', 'router_id', 'dusun', 'plan_id'])
    .modifyEnd(keyOnly)
    .execute();
  await db.schema
    .createTable('usage_totals_daily')
    .addColumn('day', 'text', (c) => c.notNull().primaryKey())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .modifyEnd(keyOnly)
    .execute();
  await backfill(db);
}

/** Fills both tables from usage_groups_daily (empty tables expected): one grouped pass each, in key order. */
export async function backfill(db: Db): Promise<void> {
  await sql`insert into usage_groups_monthly (month, router_id, dusun, plan_id, bytes_in, bytes_out, sessions)
    select substr(day, 1, 7), router_id, dusun, plan_id, sum(bytes_in), sum(bytes_out), sum(sessions)
    from usage_groups_daily group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
  await sql`insert into usage_totals_daily (day, bytes_in, bytes_out, sessions)
    select day, sum(bytes_in), sum(bytes_out), sum(sessions) from usage_groups_daily group by 1 order by 1`.execute(
    db,
  );
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('usage_totals_daily').execute();
  await db.schema.dropTable('usage_groups_monthly').execute();
}
