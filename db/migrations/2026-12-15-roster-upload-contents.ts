// An uploaded roster file moves out of roster_uploads into a table of its own. SQLite rewrites a whole row on
// every UPDATE, so with a 50 MB file in the row each progress update of a regency-size import rewrote (and
// fsynced) the file: 0.8 s with the server held still, once a second. The job's row is now small.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('roster_upload_contents')
    .addColumn('upload_id', 'integer', (c) =>
      c.primaryKey().references('roster_uploads.id').onDelete('cascade'),
    )
    .addColumn('content', pg ? sql`bytea` : 'blob', (c) => c.notNull())
    .execute();
  await db
    .insertInto('roster_upload_contents')
    .columns(['upload_id', 'content'])
    .expression((eb) =>
      eb.selectFrom('roster_uploads').select(['id', 'content']).where('content', 'is not', null),
    )
    .execute();
  await db.schema.alterTable('roster_uploads').dropColumn('content').execute();
}

export async function down(db: Db): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .alterTable('roster_uploads')
    .addColumn('content', pg ? sql`bytea` : 'blob')
    .execute();
  await sql`update roster_uploads set content = (select c.content from roster_upload_contents c where c.upload_id = roster_uploads.id)`.execute(
    db,
  );
  await db.schema.dropTable('roster_upload_contents').execute();
}
