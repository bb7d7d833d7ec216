// router_uptime_monthly: router_uptime_daily summed per month (up and down milliseconds, the month's peak
// sessions), kept by the same health-poll transaction, so the access points report for a year at regency size
// (9,000 routers) reads 12 rows a router instead of 365. Filled here from the daily rows.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('router_uptime_monthly')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('up_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('down_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('peak_sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('router_uptime_monthly_pk', ['month', 'router_id'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await sql`insert into router_uptime_monthly (month, router_id, up_ms, down_ms, peak_sessions)
    select substr(day, 1, 7), router_id, sum(up_ms), sum(down_ms), max(peak_sessions)
    from router_uptime_daily group by 1, 2`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('router_uptime_monthly').execute();
}
