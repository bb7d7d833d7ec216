// What the admin web reads at regency size (300,000 residents) without scanning a table: the resident search
// walks residents in name order (lower(name), then id, for keyset pages), alone, within a dusun, or within a
// dusun and RT (written 1, 01 or 001, hence ltrim); the dashboard counts accounts by status and those created
// today. PostgreSQL compares the name key bytewise (collate "C") so that a prefix is one range whatever the
// database's locale; SQLite's default comparison already is bytewise.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const nameKey = pg ? sql`(lower(name) collate "C")` : sql`lower(name)`;
  await sql`create index residents_name_key on residents (${nameKey}, id)`.execute(db);
  await sql`create index residents_dusun_name on residents (lower(dusun), ${nameKey}, id)`.execute(db);
  await sql`create index residents_dusun_rt_name on residents (lower(dusun), ltrim(rt, '0'), ${nameKey}, id)`.execute(
    db,
  );
  await db.schema.createIndex('accounts_status').on('accounts').columns(['status', 'resident_id']).execute();
  await db.schema.createIndex('accounts_created').on('accounts').column('created_at').execute();
}

export async function down(db: Db): Promise<void> {
  for (const name of [
    'accounts_created',
    'accounts_status',
    'residents_dusun_rt_name',
    'residents_dusun_name',
    'residents_name_key',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
