// Each time a router went up or down, for the routers page's up/down history (the routers row keeps only the
// latest change). Written by the health poll and provisioning when the health changes; removed with the router.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('router_health_events')
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    /** 'up' | 'down' */
    .addColumn('health', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('router_health_events_router_at')
    .on('router_health_events')
    .columns(['router_id', 'at'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('router_health_events').execute();
}
