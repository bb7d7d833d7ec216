// Sign-in security for the admin web: TOTP two-factor (the secret sealed with the server key, the last time step
// used so a code works once), one-time recovery codes (hashed), scripts' bearer tokens (SHA-256 of the token,
// revocable, last use kept), the first-admin setup link (hashed, one at a time), and each user's last sign-in.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('admin_users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('admin_users').addColumn('totp_enabled_at', 'bigint').execute();
  await db.schema.alterTable('admin_users').addColumn('totp_last_step', 'bigint').execute();
  await db.schema.alterTable('admin_users').addColumn('last_sign_in_at', 'bigint').execute();

  await db.schema
    .createTable('admin_recovery_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('admin_id', 'integer', (c) => c.notNull().references('admin_users.id').onDelete('cascade'))
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('admin_recovery_codes_admin')
    .on('admin_recovery_codes')
    .column('admin_id')
    .execute();

  await db.schema
    .createTable('admin_api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('admin_id', 'integer', (c) => c.notNull().references('admin_users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('admin_api_tokens_admin').on('admin_api_tokens').column('admin_id').execute();

  await db.schema
    .createTable('admin_setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // The audit page filters by actor and action, newest first.
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'id']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('audit_log_at').execute();
  await db.schema.dropIndex('audit_log_action').execute();
  await db.schema.dropIndex('audit_log_actor').execute();
  await db.schema.dropTable('admin_setup_tokens').execute();
  await db.schema.dropTable('admin_api_tokens').execute();
  await db.schema.dropTable('admin_recovery_codes').execute();
  for (const column of ['last_sign_in_at', 'totp_last_step', 'totp_enabled_at', 'totp_secret'])
    await db.schema.alterTable('admin_users').dropColumn(column).execute();
}
