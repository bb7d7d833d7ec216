// usage_groups_weekly: usage_groups_daily summed per ISO week (its Monday, YYYY-MM-DD) × router × dusun × plan.
// A custom range that cuts months reads its loose days (the part of a cut month inside the range, or the days
// outside it subtracted from the whole month) as whole weeks and the days around them: at regency size (9,000
// routers) 2026-02-10 … 2026-11-20 reads 7 weeks and days instead of 19 days of every router. The accounting
// transaction adds to it beside usage_groups_monthly from the same deltas (db/stores/usage-monthly.ts), so it stays
// exactly the daily groups' sums. `backfill` fills it from usage_groups_daily in one INSERT … SELECT (exported for
// the benches and the test that proves it equals the live rollup).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Fills usage_groups_weekly from usage_groups_daily (an empty table: the migration, or a test rebuilding it). */
export async function backfill(db: Db): Promise<void> {
  // The Monday of the day's ISO week, as the report's week rows key it.
  const week = isPg(db)
    ? sql`to_char(date_trunc('week', day::date), 'YYYY-MM-DD')`
    : sql`date(day, '-' || ((cast(strftime('%w', day) as integer) + 6) % 7) || ' days')`;
  await sql`insert into usage_groups_weekly (week, router_id, dusun, plan_id, bytes_in, bytes_out, sessions)
    select ${week}, router_id, dusun, plan_id, sum(bytes_in), sum(bytes_out), sum(sessions)
    from usage_groups_daily group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('usage_groups_weekly')
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('dusun', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_groups_weekly_pk', ['week', 'router_id', 'dusun', 'plan_id'])
    // SQLite: the primary key is the table, so a range of weeks is read without a second b-tree.
    .modifyEnd(isPg(db) ? sql`` : sql`without rowid`)
    .execute();
  await backfill(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('usage_groups_weekly').execute();
}
