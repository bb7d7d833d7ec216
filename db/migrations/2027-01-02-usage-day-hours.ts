// The day rollups of usage_hourly (a row per day × hour × router: 216,000 a day at regency size, 9,000 routers):
// usage_heat_daily, the village's bytes and sessions per day and local hour (24 rows a day), and usage_router_periods'
// day rows (period 'YYYY-MM-DD', a row per router and day with each hour's bytes, beside its month and year rows).
// A custom range's days outside whole months were read from usage_hourly: the heat map of every usage page of
// 2026-02-10 … 2026-11-20 read 8.4 million rows (3.4 s) and so did the access points of that range; now 936 and
// 351,000. The accounting transaction adds to both from the hourly deltas it adds to usage_heat_monthly and the
// month rows (db/stores/usage-rollups.ts), so they stay exactly usage_hourly's sums. `backfill` fills both from
// usage_hourly, in one INSERT … SELECT each (exported for the benches and the test that proves it equals the live
// rollups).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

const HOURS = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);

/** Fills usage_heat_daily and usage_router_periods' day rows from usage_hourly (neither there yet). */
export async function backfill(db: Db): Promise<void> {
  await sql`insert into usage_heat_daily (day, hour, bytes, sessions)
    select day, hour, sum(bytes_in + bytes_out), sum(sessions) from usage_hourly group by 1, 2 order by 1, 2`.execute(
    db,
  );
  const pivot = HOURS.map(
    (c, h) => sql`sum(case when hour = ${sql.lit(h)} then bytes_in + bytes_out else 0 end) as ${sql.ref(c)}`,
  );
  await sql`insert into usage_router_periods (period, router_id, bytes_in, bytes_out, sessions, ${sql.join(HOURS.map((c) => sql.ref(c)))})
    select day, router_id, sum(bytes_in), sum(bytes_out), sum(sessions), ${sql.join(pivot)}
    from usage_hourly group by 1, 2 order by 1, 2`.execute(db);
}

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('usage_heat_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_heat_daily_pk', ['day', 'hour'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await backfill(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('usage_heat_daily').execute();
  // Day periods are the only ones of ten characters ('YYYY-MM-DD'; months have 7, years 4).
  await sql`delete from usage_router_periods where length(period) = 10`.execute(db);
}
