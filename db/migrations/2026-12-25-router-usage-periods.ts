// usage_router_periods: one row per router and month ('YYYY-MM') and per router and year ('YYYY') with its bytes,
// sessions and the bytes of each local hour (h00 … h23), replacing usage_router_hours_monthly (a row per month ×
// router × hour). The access points report of a regency (9,000 routers) read 216,000 hour rows a month and 2.6
// million a year, twice; a month or a year is now 9,000 rows read in one pass, without summing. Every column is a
// sum, so the accounting transaction keeps it exact by adding deltas, and the busiest hours are picked from the
// period's summed hours when read. Filled here from usage_hourly (kept for ever), in one INSERT … SELECT.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

const HOURS = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);

/** Fills usage_router_periods from usage_hourly (an empty table: the migration, or a test rebuilding it). */
export async function backfill(db: Db): Promise<void> {
  const pivot = HOURS.map(
    (c, h) => sql`sum(case when hour = ${sql.lit(h)} then bytes_in + bytes_out else 0 end) as ${sql.ref(c)}`,
  );
  const sums = (period: unknown) =>
    sql`select ${period} as period, router_id, sum(bytes_in) as bytes_in, sum(bytes_out) as bytes_out,
      sum(sessions) as sessions, ${sql.join(pivot)} from usage_hourly group by 1, 2`;
  await sql`insert into usage_router_periods (period, router_id, bytes_in, bytes_out, sessions, ${sql.join(HOURS.map((c) => sql.ref(c)))})
    select * from (${sums(sql`substr(day, 1, 7)`)} union all ${sums(sql`substr(day, 1, 4)`)}) x
    order by 1, 2`.execute(db);
}

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  let table = db.schema
    .createTable('usage_router_periods')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0));
  for (const c of HOURS) table = table.addColumn(c, 'bigint', (col) => col.notNull().defaultTo(0));
  await table
    .addPrimaryKeyConstraint('usage_router_periods_pk', ['period', 'router_id'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await backfill(db);
  await db.schema.dropTable('usage_router_hours_monthly').execute();
}

export async function down(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('usage_router_hours_monthly')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_router_hours_monthly_pk', ['month', 'router_id', 'hour'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await sql`insert into usage_router_hours_monthly (month, router_id, hour, bytes_in, bytes_out, sessions)
    select substr(day, 1, 7), router_id, hour, sum(bytes_in), sum(bytes_out), sum(sessions) from usage_hourly
    group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  await db.schema.dropTable('usage_router_periods').execute();
}
