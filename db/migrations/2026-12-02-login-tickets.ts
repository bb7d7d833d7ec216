// Single-use login tickets: the portal no longer binds the MAC a browser names; it hands the phone a short-lived
// credential, and the RADIUS server binds the MAC the router reports when the ticket is used. Also the routers'
// hotspot address (the only origin the portal posts logins to or redirects to), and an index to find a live
// session by the address the router gave the phone (the portal's status answers only that phone).
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('login_tickets')
    // `wt-…`: the hotspot user name the login form posts; random, so it is the key.
    .addColumn('username', 'text', (c) => c.primaryKey())
    // A ticket means nothing without its account: it goes with it.
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // AES-256-GCM under the server key, like a device's secret: CHAP needs it back.
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    // The Calling-Station-Id of the Access-Request that used it.
    .addColumn('used_mac', 'text')
    .execute();
  // Old tickets are pruned by expiry.
  await db.schema.createIndex('login_tickets_expires').on('login_tickets').column('expires_at').execute();

  // Host or host:port of the router's hotspot (its `dns-name`, else its `hotspot-address`).
  await db.schema.alterTable('routers').addColumn('hotspot_address', 'text').execute();

  await db.schema.createIndex('sessions_framed_ip').on('sessions').columns(['framed_ip', 'state']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('sessions_framed_ip').execute();
  await db.schema.alterTable('routers').dropColumn('hotspot_address').execute();
  await db.schema.dropTable('login_tickets').execute();
}
