// Failed identity checks on the captive portal, per NIK (its keyed hash) and per device MAC, so the attempt
// limits hold across restarts and across several web nodes on one database. Wrong PINs are counted on the
// account itself (accounts.pin_failures, pin_locked_until).
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('portal_attempts')
    // `nik:<blind index>` or `mac:<AA:BB:…>`: never a NIK in clear.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Old rows are pruned by age.
  await db.schema.createIndex('portal_attempts_updated').on('portal_attempts').column('updated_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('portal_attempts').execute();
}
