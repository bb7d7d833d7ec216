// Attempt counters become back-off counters booked before the check: `admitted` carries the booking statement's
// decision back through RETURNING, and `expires_at` (when a row stops meaning anything) lets the http role prune
// them. Counters are minutes-long state, and the old per-MAC rows key on what a browser chooses, so all go.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.deleteFrom('portal_attempts').execute();
  await db.schema
    .alterTable('portal_attempts')
    .addColumn('admitted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('portal_attempts')
    .addColumn('expires_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.dropIndex('portal_attempts_updated').ifExists().execute();
  await db.schema.createIndex('portal_attempts_expires').on('portal_attempts').column('expires_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('portal_attempts_expires').ifExists().execute();
  await db.schema.alterTable('portal_attempts').dropColumn('expires_at').execute();
  await db.schema.alterTable('portal_attempts').dropColumn('admitted').execute();
  await db.schema.createIndex('portal_attempts_updated').on('portal_attempts').column('updated_at').execute();
}
