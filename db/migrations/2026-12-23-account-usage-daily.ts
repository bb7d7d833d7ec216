// A running total of each account's bytes per local day, upserted with the deltas in the accounting transaction,
// so that the daily-quota check of the reports' rollups reads one row instead of re-summing usage_daily over the
// account's devices at every accounting batch. Bytes are booked to the account that owned the device when the
// traffic was accounted (as RADIUS applied its quota). `backfill` fills it from usage_daily in one statement.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('account_usage_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('account_id', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('account_usage_daily_pk', ['day', 'account_id'])
    // SQLite: the primary key is the table (one b-tree to seek and to write).
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await backfill(db);
}

/** Fills account_usage_daily from usage_daily (an empty table expected); in key order, so the b-tree is appended. */
export async function backfill(db: Db): Promise<void> {
  await sql`insert into account_usage_daily (day, account_id, bytes)
    select u.day, d.account_id, sum(u.bytes_in + u.bytes_out) from usage_daily u
    join devices d on d.id = u.device_id
    where d.account_id is not null
    group by 1, 2 order by 1, 2`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('account_usage_daily').execute();
}
