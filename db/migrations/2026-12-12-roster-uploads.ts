// The admin web's roster imports: the uploaded OpenSID file kept server side between the dry run and the apply
// (the browser is never trusted to send the same file twice), the job's state and progress the page follows, and
// who ran each import (import_batches.actor) for the history. Rows expire: the file holds NIKs in clear.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const [idType, idCol] = pg
    ? (['serial', (c: ColumnDefinitionBuilder) => c.primaryKey()] as const)
    : (['integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement()] as const);
  await db.schema
    .createTable('roster_uploads')
    .addColumn('id', idType, idCol)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // The file itself; emptied once applied, failed or expired.
    .addColumn('content', pg ? sql`bytea` : 'blob')
    .addColumn('partial', 'integer', (c) => c.notNull().defaultTo(0))
    // 'checking' | 'checked' | 'applying' | 'applied' | 'refused' | 'failed'
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('stage', 'text')
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    // The dry run's (then the import's) report as JSON, lists capped; masked NIKs only.
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .addColumn('batch_id', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('applied_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roster_uploads_expires').on('roster_uploads').column('expires_at').execute();
  await db.schema.alterTable('import_batches').addColumn('actor', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('import_batches').dropColumn('actor').execute();
  await db.schema.dropTable('roster_uploads').execute();
}
