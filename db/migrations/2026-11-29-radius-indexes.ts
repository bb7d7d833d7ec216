// Indexes the RADIUS hot path needs: MAC authentication looks a MAC up among all devices, revoked ones
// included (to tell a revoked device from an unknown one), which the partial live-MAC index cannot serve.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.createIndex('devices_mac').on('devices').column('mac').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('devices_mac').execute();
}
