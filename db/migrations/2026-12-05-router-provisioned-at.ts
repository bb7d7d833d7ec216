// When a router was last provisioned: the agent pushes plans only to routers set up for Warganet (an unset
// router would refuse them and fill the outbox with failures). A router that synced before was set up then.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('routers').addColumn('provisioned_at', 'bigint').execute();
  await sql`update routers set provisioned_at = last_sync_at where last_sync_at is not null`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('routers').dropColumn('provisioned_at').execute();
}
