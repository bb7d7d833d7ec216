// Rollups the officials' reports read besides usage_daily: traffic per local hour (the hour × weekday heat map
// and each access point's busiest hours), and how long each router was seen up or down per local day (from
// the health polls, with the most concurrent sessions a poll saw). Both are kept when raw sessions are deleted by retention.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('usage_hourly')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_hourly_pk', ['day', 'hour', 'router_id'])
    .execute();
  await db.schema
    .createTable('router_uptime_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('up_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('down_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    // The most hotspot hosts one poll saw on the router that day (peak concurrent sessions).
    .addColumn('peak_sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('router_uptime_daily_pk', ['day', 'router_id'])
    .execute();
  // The last poll of each router: the span from it to the next poll is booked to the health it saw.
  await db.schema
    .createTable('router_health_marks')
    .addColumn('router_id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('health', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('router_health_marks').execute();
  await db.schema.dropTable('router_uptime_daily').execute();
  await db.schema.dropTable('usage_hourly').execute();
}
