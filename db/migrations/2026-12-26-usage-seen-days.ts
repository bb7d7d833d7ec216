// The days (or months) of a first-seen row, so that a custom range that cuts months counts its distinct devices
// and residents per router, dusun and plan exactly from a few first-seen rows instead of usage_daily's days:
// - usage_seen.days on a month row (`m:YYYY-MM`, every dimension) is a bitmask of the days of that month the
//   subject was seen there (bit 0 = the 1st … bit 30 = the 31st); on a year row (`y:YYYY`) the months of that year
//   (bit 0 = January … bit 11 = December). Day and week rows keep 0.
// A range then reads, per year it touches, the year rows whose months meet its whole months and the month rows
// whose days meet its cut months (db/stores/report-usage.ts). The accounting transaction ORs each fresh usage
// row's day and month in (db/stores/usage-rollups.ts). `backfill` fills the masks from usage_daily with today's
// dusun and plan, as the 2026-12-16 backfill did; a row no usage_daily row explains (a dusun or plan changed since,
// or usage_daily pruned) gets every bit, so it is counted in any range that meets its month or year.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Every day of a month, every month of a year. */
const ALL_DAYS = 0x7fffffff;
const ALL_MONTHS = 0xfff;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('usage_seen')
    .addColumn('days', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await backfill(db);
}

/** Sets the masks of every month and year row of usage_seen from usage_daily (set-based, three statements). */
export async function backfill(db: Db): Promise<void> {
  const pg = isPg(db);
  const text = (e: unknown) => (pg ? sql`(${e})::text` : sql`cast(${e} as text)`);
  const dayBit = sql`(1 << (cast(substr(day, 9, 2) as integer) - 1))`;
  const monthBit = sql`(1 << (cast(substr(day, 6, 2) as integer) - 1))`;
  // Each subject's (device, or resident negated) days on each router, once.
  await sql`create table report_seen_days_scratch as
    select day, router_id, subject from (
      select u.day as day, u.router_id as router_id, u.device_id as subject from usage_daily u where u.device_id <> 0
      union all
      select u.day, u.router_id, -a.resident_id from usage_daily u
        join devices d on d.id = u.device_id join accounts a on a.id = d.account_id
        where a.resident_id is not null
    ) x group by 1, 2, 3`.execute(db);
  // The masks by period × key × subject: the key is the router for 'router' rows, '' for the rest (a device has
  // one dusun and one plan at a time, so its days anywhere are its days in its dusun and plan, and in 'all').
  await db.schema
    .createTable('report_seen_days_masks')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('subject', 'bigint', (c) => c.notNull())
    .addColumn('days', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_seen_days_masks_pk', ['period', 'key', 'subject'])
    .execute();
  const parts = [
    sql`select 'm:' || substr(day, 1, 7), ${text(sql`router_id`)}, subject, sum(distinct ${dayBit})
      from report_seen_days_scratch group by 1, 2, 3`,
    sql`select 'm:' || substr(day, 1, 7), '', subject, sum(distinct ${dayBit})
      from report_seen_days_scratch group by 1, 2, 3`,
    sql`select 'y:' || substr(day, 1, 4), ${text(sql`router_id`)}, subject, sum(distinct ${monthBit})
      from report_seen_days_scratch group by 1, 2, 3`,
    sql`select 'y:' || substr(day, 1, 4), '', subject, sum(distinct ${monthBit})
      from report_seen_days_scratch group by 1, 2, 3`,
  ];
  for (const part of parts)
    await sql`insert into report_seen_days_masks (period, key, subject, days) ${part}`.execute(db);
  await sql`drop table report_seen_days_scratch`.execute(db);
  for (const [prefix, all] of [
    ['m:', ALL_DAYS],
    ['y:', ALL_MONTHS],
  ] as const) {
    // The primary key's range of the period kind: `m:` … `m;` (';' follows ':').
    await sql`update usage_seen set days = cast(coalesce((select m.days from report_seen_days_masks m
        where m.period = usage_seen.period and m.subject = usage_seen.subject
          and m.key = case when usage_seen.dim = 'router' then usage_seen.key else '' end), ${sql.lit(all)}) as integer)
      where usage_seen.period > ${prefix} and usage_seen.period < ${`${prefix[0]};`}`.execute(db);
  }
  await sql`drop table report_seen_days_masks`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('usage_seen').dropColumn('days').execute();
}
