// A voucher's usage kept on the voucher: bytes and seconds added by accounting in the same transaction as the
// session's counters, so deleting ended sessions (retention) never hands a used-up quota back. Also the instant
// the quota ran out (the reports' "expired" day for a used-up voucher). Backfilled from the sessions still kept.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('vouchers')
    .addColumn('used_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('vouchers')
    .addColumn('used_seconds', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('vouchers').addColumn('used_up_at', 'bigint').execute();
  const mine = sql`s.class = 'warganet:v=' || cast(vouchers.id as text)`;
  await sql`update vouchers set
      used_bytes = coalesce((select sum(s.input_bytes + s.output_bytes) from sessions s where ${mine}), 0),
      used_seconds = coalesce((select sum(s.session_time_s) from sessions s where ${mine}), 0)`.execute(db);
  await sql`update vouchers set used_up_at = updated_at
      where quota_bytes is not null and used_bytes >= quota_bytes`.execute(db);
  await db.schema.createIndex('vouchers_first_login').on('vouchers').column('first_login_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('vouchers_first_login').execute();
  await db.schema.alterTable('vouchers').dropColumn('used_up_at').execute();
  await db.schema.alterTable('vouchers').dropColumn('used_seconds').execute();
  await db.schema.alterTable('vouchers').dropColumn('used_bytes').execute();
}
