// router_uptime_yearly: router_uptime_daily summed per year (up and down milliseconds, the year's peak sessions),
// kept by the same health-poll transaction beside the month row, so the access points report for a year at regency
// size (9,000 routers) reads one row a router instead of summing 12 months (108,000 rows). Filled here from the
// daily rows, in one INSERT … SELECT.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

/** Fills router_uptime_yearly from router_uptime_daily (an empty table: the migration, or a test rebuilding it). */
export async function backfill(db: Db): Promise<void> {
  await sql`insert into router_uptime_yearly (year, router_id, up_ms, down_ms, peak_sessions)
    select substr(day, 1, 4), router_id, sum(up_ms), sum(down_ms), max(peak_sessions)
    from router_uptime_daily group by 1, 2 order by 1, 2`.execute(db);
}

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('router_uptime_yearly')
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('up_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('down_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('peak_sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('router_uptime_yearly_pk', ['year', 'router_id'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await backfill(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('router_uptime_yearly').execute();
}
