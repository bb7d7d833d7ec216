// Signed-in browsers of the admin web: one row per session, keyed by the SHA-256 of the cookie's random token (the
// database alone does not give a usable cookie). Idle and absolute timeouts are checked against these times, and
// signing out, disabling a user or changing a password removes the rows.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('admin_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('admin_id', 'integer', (c) => c.notNull().references('admin_users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    // Where it was signed in from, for the user's own list of sessions.
    .addColumn('address', 'text')
    .execute();
  await db.schema.createIndex('admin_sessions_admin').on('admin_sessions').column('admin_id').execute();
  await db.schema.createIndex('admin_sessions_expires').on('admin_sessions').column('expires_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('admin_sessions').execute();
}
