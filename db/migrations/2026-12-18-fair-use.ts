// Fair use (issue 13 §3): plans get a time window (when their devices may be online, in the village's zone) and
// a daily step-down (full speed for the first N bytes of the day, then a lower rate); institutions (the school,
// the puskesmas, the balai desa kiosk) own devices with their own plan and priority, and their usage is rolled
// up per institution so that reports show it under the institution, never under a resident.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = pg ? 'serial' : 'integer';

  // Canonical text, e.g. "Sen-Jum 07:00-14:00"; null: any time.
  await db.schema.alterTable('plans').addColumn('time_window', 'text').execute();
  await db.schema.alterTable('plans').addColumn('step_down_bytes', 'bigint').execute();
  await db.schema.alterTable('plans').addColumn('step_down_down_rate', 'bigint').execute();
  await db.schema.alterTable('plans').addColumn('step_down_up_rate', 'bigint').execute();

  await db.schema
    .createTable('institutions')
    .addColumn('id', idType, id)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    // 'sekolah' | 'puskesmas' | 'balai-desa' | 'lainnya'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dusun', 'text')
    .addColumn('plan_id', 'integer', (c) => c.references('plans.id'))
    // MikroTik queue priority 1 (highest) – 8; null: the plan's.
    .addColumn('priority', 'integer')
    .addColumn('note', 'text')
    .addColumn('disabled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('institution_devices')
    .addColumn('id', idType, id)
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('institutions.id'))
    // Upper-case with colons; one institution device per MAC.
    .addColumn('mac', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('institution_devices_institution')
    .on('institution_devices')
    .column('institution_id')
    .execute();

  // Traffic of institution devices per local day and router, beside usage_daily (where it is booked to device 0).
  await db.schema
    .createTable('usage_institution_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'integer', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('seconds', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_institution_daily_pk', ['day', 'institution_id', 'router_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('usage_institution_daily').execute();
  await db.schema.dropTable('institution_devices').execute();
  await db.schema.dropTable('institutions').execute();
  for (const c of ['step_down_up_rate', 'step_down_down_rate', 'step_down_bytes', 'time_window'])
    await db.schema.alterTable('plans').dropColumn(c).execute();
}
