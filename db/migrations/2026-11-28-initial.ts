// The first schema: every table of the design. Frozen: later changes go in new dated migrations.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

// PostgreSQL's serial is already auto-incrementing; SQLite needs the keyword (and D1 is SQLite).
const pk = (db: Db) =>
  db.getExecutor().adapter instanceof PostgresAdapter
    ? (['serial', (c: ColumnDefinitionBuilder) => c.primaryKey()] as const)
    : (['integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement()] as const);

export async function up(db: Db): Promise<void> {
  const [idType, idCol] = pk(db);

  await db.schema
    .createTable('import_batches')
    .addColumn('id', idType, idCol)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('full', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deactivated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('residents')
    .addColumn('id', idType, idCol)
    .addColumn('nik_index', 'text', (c) => c.notNull().unique())
    .addColumn('nik_masked', 'text', (c) => c.notNull())
    .addColumn('kk_index', 'text', (c) => c.notNull())
    .addColumn('kk_masked', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'integer')
    .addColumn('birth_date', 'text')
    .addColumn('dusun', 'text', (c) => c.notNull())
    .addColumn('rw', 'text', (c) => c.notNull())
    .addColumn('rt', 'text', (c) => c.notNull())
    .addColumn('kk_level', 'integer')
    .addColumn('status_dasar', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'text')
    .addColumn('import_batch_id', 'integer', (c) => c.references('import_batches.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deactivated_at', 'bigint')
    .execute();
  await db.schema.createIndex('residents_kk_index').on('residents').column('kk_index').execute();
  await db.schema.createIndex('residents_area').on('residents').columns(['dusun', 'rw', 'rt']).execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', idType, idCol)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('profile_name', 'text', (c) => c.notNull().unique())
    .addColumn('down_rate', 'bigint', (c) => c.notNull())
    .addColumn('up_rate', 'bigint', (c) => c.notNull())
    .addColumn('burst_down_rate', 'bigint')
    .addColumn('burst_up_rate', 'bigint')
    .addColumn('burst_threshold_down', 'bigint')
    .addColumn('burst_threshold_up', 'bigint')
    .addColumn('burst_time_s', 'integer')
    .addColumn('priority', 'integer')
    .addColumn('daily_quota_bytes', 'bigint')
    .addColumn('monthly_quota_bytes', 'bigint')
    .addColumn('devices_allowed', 'integer', (c) => c.notNull())
    .addColumn('session_timeout_s', 'integer')
    .addColumn('idle_timeout_s', 'integer')
    .addColumn('at_quota', 'text', (c) => c.notNull().defaultTo('cut'))
    .addColumn('throttle_down_rate', 'bigint')
    .addColumn('throttle_up_rate', 'bigint')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', idType, idCol)
    .addColumn('resident_id', 'integer', (c) => c.notNull().unique().references('residents.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.references('plans.id'))
    .addColumn('pin_hash', 'text')
    .addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pin_locked_until', 'bigint')
    .addColumn('consent_at', 'bigint')
    .addColumn('consent_notice_version', 'text')
    .addColumn('consent_channel', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', idType, idCol)
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('mac', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('first_seen_at', 'bigint')
    .addColumn('last_seen_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // A MAC belongs to at most one live device; revoked rows keep their history.
  await db.schema
    .createIndex('devices_live_mac')
    .on('devices')
    .column('mac')
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
  await db.schema.createIndex('devices_account').on('devices').column('account_id').execute();

  await db.schema
    .createTable('routers')
    .addColumn('id', idType, idCol)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('nas_ip', 'text', (c) => c.notNull().unique())
    .addColumn('radius_secret_enc', 'text', (c) => c.notNull())
    .addColumn('require_message_auth', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('api_host', 'text')
    .addColumn('api_port', 'integer')
    .addColumn('api_tls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('api_user', 'text')
    .addColumn('api_password_enc', 'text')
    .addColumn('hotspot_server', 'text')
    .addColumn('hotspot_profile', 'text')
    .addColumn('dusun', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('uplink_down_rate', 'bigint')
    .addColumn('uplink_up_rate', 'bigint')
    .addColumn('health', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('health_changed_at', 'bigint')
    .addColumn('last_contact_at', 'bigint')
    .addColumn('ros_version', 'text')
    .addColumn('board', 'text')
    .addColumn('last_sync_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', idType, idCol)
    .addColumn('router_id', 'integer', (c) => c.notNull().references('routers.id'))
    .addColumn('acct_session_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('mac', 'text')
    .addColumn('framed_ip', 'text')
    .addColumn('nas_port', 'bigint')
    .addColumn('class', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('stopped_at', 'bigint')
    .addColumn('input_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('output_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('session_time_s', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('terminate_cause', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addUniqueConstraint('sessions_router_acct_id', ['router_id', 'acct_session_id'])
    .execute();
  await db.schema.createIndex('sessions_state').on('sessions').columns(['state', 'router_id']).execute();
  await db.schema.createIndex('sessions_device').on('sessions').column('device_id').execute();

  await db.schema
    .createTable('usage_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('seconds', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_daily_pk', ['day', 'device_id', 'router_id'])
    .execute();

  await db.schema
    .createTable('auth_log')
    .addColumn('id', idType, idCol)
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('router_id', 'integer')
    .addColumn('mac', 'text')
    .addColumn('username', 'text')
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_log_at').on('auth_log').column('at').execute();

  await db.schema
    .createTable('router_jobs')
    .addColumn('id', idType, idCol)
    .addColumn('router_id', 'integer', (c) => c.notNull().references('routers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_try_at', 'bigint', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('router_jobs_due')
    .on('router_jobs')
    .columns(['state', 'next_try_at'])
    .execute();

  await db.schema
    .createTable('admin_users')
    .addColumn('id', idType, idCol)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('disabled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', idType, idCol)
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text')
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'audit_log',
    'admin_users',
    'router_jobs',
    'auth_log',
    'usage_daily',
    'sessions',
    'routers',
    'devices',
    'accounts',
    'plans',
    'residents',
    'import_batches',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
