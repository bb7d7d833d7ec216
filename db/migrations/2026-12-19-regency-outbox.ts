// The village node's link to its regency (issue 14): the Worker's URL and the village token (encrypted under
// the server key), the uplink's state, and the store-and-forward outbox of closed days. A day's row is written
// once, when the day is closed after local midnight; it is marked sent only after the Worker answered 2xx.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('regency_link')
    // One row: a node sends to one regency.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('village', 'text', (c) => c.notNull())
    // AES-GCM under the server key: the HMAC key of every send.
    .addColumn('token_enc', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addColumn('last_success_at', 'bigint')
    // When "today so far" last reached the Worker.
    .addColumn('today_sent_at', 'bigint')
    // Consecutive failed sends and when the next one may go (backoff across an uplink cut).
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_try', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'bigint')
    .execute();
  await db.schema
    .createTable('regency_outbox')
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    // The day as the wire carries it (RegencyDay JSON, final), checked before it was stored.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_try', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('regency_outbox_pk', ['village', 'day'])
    .execute();
  // What is waiting, oldest first.
  await db.schema
    .createIndex('regency_outbox_waiting')
    .on('regency_outbox')
    .columns(['sent_at', 'village', 'day'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('regency_outbox').execute();
  await db.schema.dropTable('regency_link').execute();
}
