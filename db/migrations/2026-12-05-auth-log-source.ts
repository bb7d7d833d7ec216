// Packets dropped before a decision (unknown router address, wrong secret, missing Message-Authenticator) are
// logged in auth_log too, and for an unknown router the source address is all there is to show.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('auth_log').addColumn('source', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('auth_log').dropColumn('source').execute();
}
