// Vouchers: guest access on a printed code, backed by our RADIUS server. The code is the hotspot user name and
// (unless a separate password is given) the password; CHAP needs it back, so it is kept encrypted like a device
// secret, and found by a keyed index (HMAC under the server key) of what the router sends as User-Name: the
// database alone gives no usable code. Usage is read from the sessions whose Class names the voucher.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  // PostgreSQL's serial is already auto-incrementing; SQLite needs the keyword.
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('vouchers')
    .addColumn('id', pg ? 'serial' : 'integer', (c: ColumnDefinitionBuilder) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('code_index', 'text', (c) => c.notNull().unique())
    .addColumn('code_enc', 'text', (c) => c.notNull())
    // Only when the password differs from the code (member-style vouchers).
    .addColumn('password_enc', 'text')
    .addColumn('validity_s', 'integer', (c) => c.notNull())
    // 'first-login' | 'creation'
    .addColumn('validity_from', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('quota_bytes', 'bigint')
    .addColumn('devices_allowed', 'integer', (c) => c.notNull())
    // Comma-separated canonical MACs, in the order they logged in.
    .addColumn('bound_macs', 'text', (c) => c.notNull().defaultTo(''))
    // Rupiah; null: free.
    .addColumn('price', 'integer')
    .addColumn('note', 'text')
    .addColumn('first_login_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vouchers_batch').on('vouchers').column('batch').execute();
  // A voucher's usage is the sum over its sessions (Class warganet:v=<id>).
  await db.schema.createIndex('sessions_class').on('sessions').column('class').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('sessions_class').execute();
  await db.schema.dropTable('vouchers').execute();
}
