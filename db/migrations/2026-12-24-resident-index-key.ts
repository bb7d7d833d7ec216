// Which key each resident's NIK/KK index was computed under (Keyring.keyId), so that after a key rotation
// `warganet key status` can count the residents not yet re-indexed under the new key, and the old key can be
// deleted once none that matter remain. Null: indexed before this column, under the key of that time.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('residents').addColumn('index_key_id', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('residents').dropColumn('index_key_id').execute();
}
