// The auth log takes a row for every login decision (thousands a second at peak), and no query reads it by
// `at`: operators list it by last event, retention deletes by last event, both rarely. Keeping an index on
// `at` cost a quarter of every insert for nothing.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.dropIndex('auth_log_at').ifExists().execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.createIndex('auth_log_at').on('auth_log').column('at').execute();
}
