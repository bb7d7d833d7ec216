// The RADIUS hot path reads an account's usage for the month so far (monthly quotas): per device, the days
// from the 1st on. The primary key leads with the day, which would scan every device's month; this index
// seeks one device's days. Accounting upserts change only byte counters, never these columns.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('usage_daily_device_day')
    .on('usage_daily')
    .columns(['device_id', 'day'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('usage_daily_device_day').execute();
}
