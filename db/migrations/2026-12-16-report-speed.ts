// Rollups that let every report read a few thousand rows instead of usage_daily's device × day rows:
// - usage_groups_daily: bytes and sessions per local day × router × dusun × plan (device-free);
// - usage_seen: who was first seen in a period, per dimension ("d:2026-06-03", "w:2026-06-01" for the week of that
//   Monday, "m:2026-06", "y:2026"; dimension 'all' with key '', or 'router' / 'dusun' / 'plan' by month and year),
//   a subject being a device id (> 0) or a resident id negated (< 0). An insert-or-ignore fills it, and each row it
//   really inserts bumps
// - usage_counts: the distinct devices and residents of each (period, dimension, key), so a count is one row;
// - quota_exhausted_daily: the accounts that reached their plan's daily quota, per local day;
// - usage_heat_monthly, usage_router_hours_monthly: usage_hourly summed per month (weekday × hour; router × hour);
// - rejects_hourly: rejected logins per UTC hour × router × reason, so rejects outlive the auth log's retention
//   (an hour maps to one local day for the whole-hour offsets of Indonesia's zones).
// The dusun and plan are the device's at the time of the traffic. `backfill` fills all of them from usage_daily
// and auth_log (with today's dusun and plan); it is exported so that bench/reports.ts seeds through it too.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const pg = isPg(db);
  // SQLite: the primary key is the table, so a range of keys is read without a second b-tree.
  const keyOnly = pg ? sql`` : sql`without rowid`;
  await db.schema
    .createTable('usage_groups_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('dusun', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_groups_daily_pk', ['day', 'router_id', 'dusun', 'plan_id'])
    .modifyEnd(keyOnly)
    .execute();
  await db.schema
    .createTable('usage_seen')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('subject', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_seen_pk', ['period', 'dim', 'key', 'subject'])
    .modifyEnd(keyOnly)
    .execute();
  await db.schema
    .createTable('usage_counts')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('devices', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('residents', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_counts_pk', ['period', 'dim', 'key'])
    .modifyEnd(keyOnly)
    .execute();
  await db.schema
    .createTable('quota_exhausted_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('account_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('quota_exhausted_daily_pk', ['day', 'account_id'])
    .modifyEnd(keyOnly)
    .execute();
  await db.schema
    .createTable('rejects_hourly')
    .addColumn('hour', 'bigint', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rejects_hourly_pk', ['hour', 'router_id', 'reason'])
    .modifyEnd(keyOnly)
    .execute();
  // usage_hourly summed per month: the heat map (weekday × hour) and each router's hours over whole months.
  await db.schema
    .createTable('usage_heat_monthly')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_heat_monthly_pk', ['month', 'weekday', 'hour'])
    .modifyEnd(keyOnly)
    .execute();
  await db.schema
    .createTable('usage_router_hours_monthly')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('router_id', 'integer', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_router_hours_monthly_pk', ['month', 'router_id', 'hour'])
    .modifyEnd(keyOnly)
    .execute();
  await backfill(db);
}

/** Fills the new rollups from usage_daily and auth_log (empty tables expected). */
export async function backfill(db: Db): Promise<void> {
  const pg = isPg(db);
  // SQLite's page cache is 2 MB by default: the sorts and the inserts below work on hundreds of MB on a large
  // village, so they get 128 MB for the length of the backfill (memory only, it changes nothing on disk).
  const cache = pg ? undefined : (await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0];
  if (cache) await sql`pragma cache_size = -131072`.execute(db);
  try {
    await fill(db, pg);
  } finally {
    if (cache) await sql`pragma cache_size = ${sql.raw(String(Number(cache.cache_size)))}`.execute(db);
  }
}

async function fill(db: Db, pg: boolean): Promise<void> {
  const week = pg
    ? sql`to_char(date_trunc('week', u.day::date), 'YYYY-MM-DD')`
    : sql`date(u.day, '-' || ((cast(strftime('%w', u.day) as integer) + 6) % 7) || ' days')`;
  const text = (e: unknown) => (pg ? sql`(${e})::text` : sql`cast(${e} as text)`);
  // Each usage row with its device's attributes, once (a scratch table): the account's plan, or the default
  // plan, 0 without account. Every rollup below is one pass over it. The attributes per device and the week per
  // day come first, each in a small keyed table, so that a usage row costs two key lookups, not three joins and a
  // date computation.
  await db.schema
    .createTable('report_backfill_devices')
    .addColumn('device_id', 'integer', (c) => c.primaryKey())
    .addColumn('resident_id', 'integer')
    .addColumn('dusun', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into report_backfill_devices (device_id, resident_id, dusun, plan_id)
    select d.id, a.resident_id,
      case when a.id is null then '-' else coalesce(r.dusun, '-') end,
      case when a.id is null then 0 else coalesce(a.plan_id, (select min(id) from plans where is_default = 1), 0) end
    from devices d
    left join accounts a on a.id = d.account_id
    left join residents r on r.id = a.resident_id`.execute(db);
  await db.schema
    .createTable('report_backfill_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('week', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into report_backfill_days (day, week)
    select u.day, ${week} from (select distinct day from usage_daily) u`.execute(db);
  await sql`create table report_backfill_scratch as
    select u.day as day, w.week as week, u.device_id as device_id, u.router_id as router_id,
      u.bytes_in as bytes_in, u.bytes_out as bytes_out, u.sessions as sessions,
      f.resident_id as resident_id, coalesce(f.dusun, '-') as dusun, coalesce(f.plan_id, 0) as plan_id
    from usage_daily u
    join report_backfill_days w on w.day = u.day
    left join report_backfill_devices f on f.device_id = u.device_id`.execute(db);
  await db.schema.dropTable('report_backfill_days').execute();
  await db.schema.dropTable('report_backfill_devices').execute();
  await sql`insert into usage_groups_daily (day, router_id, dusun, plan_id, bytes_in, bytes_out, sessions)
    select day, router_id, dusun, plan_id, sum(bytes_in), sum(bytes_out), sum(sessions)
    from report_backfill_scratch group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
  // By month and year, the first-seen rows come from each month's distinct router × dusun × plan × device ×
  // resident: a device is on the same few routers all month, so this is a fraction of the usage rows, and the
  // sorts below handle that instead.
  await sql`create table report_backfill_months as
    select substr(day, 1, 7) as month, router_id, dusun, plan_id, device_id, resident_id
    from report_backfill_scratch group by 1, 2, 3, 4, 5, 6`.execute(db);
  // usage_seen in its primary key's order, one statement per kind of period (prefix d < m < w < y) with all its
  // dimensions, so every row is appended to the b-tree instead of splitting pages in its middle; the GROUP BY both
  // removes the duplicates (a device on two routers a day, a resident's several devices) and sorts.
  const periods: Array<[unknown, boolean, string]> = [
    [sql`'d:' || day`, false, 'report_backfill_scratch'],
    [sql`'m:' || month`, true, 'report_backfill_months'],
    [sql`'w:' || week`, false, 'report_backfill_scratch'],
    [sql`'y:' || substr(month, 1, 4)`, true, 'report_backfill_months'],
  ];
  for (const [period, withDims, source] of periods) {
    const dims: Array<[string, unknown]> = [['all', sql`''`]];
    if (withDims)
      dims.push(['router', text(sql`router_id`)], ['dusun', sql`dusun`], ['plan', text(sql`plan_id`)]);
    const from = sql.table(source);
    const parts = dims.flatMap(([dim, key]) => [
      sql`select ${period} as p, cast(${dim} as text) as dim, ${key} as k, device_id as s from ${from}
        where device_id <> 0`,
      sql`select ${period} as p, cast(${dim} as text) as dim, ${key} as k, -resident_id as s from ${from}
        where resident_id is not null`,
    ]);
    await sql`insert into usage_seen (period, dim, key, subject)
      select p, dim, k, s from (${sql.join(parts, sql` union all `)}) x
      group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
  }
  await sql`drop table report_backfill_months`.execute(db);
  await sql`drop table report_backfill_scratch`.execute(db);
  await sql`insert into usage_counts (period, dim, key, devices, residents)
    select period, dim, key, sum(case when subject > 0 then 1 else 0 end), sum(case when subject < 0 then 1 else 0 end)
    from usage_seen group by 1, 2, 3`.execute(db);
  const weekday = pg
    ? sql`(extract(isodow from day::date)::int - 1)`
    : sql`((cast(strftime('%w', day) as integer) + 6) % 7)`;
  await sql`insert into usage_heat_monthly (month, weekday, hour, bytes, sessions)
    select substr(day, 1, 7), ${weekday}, hour, sum(bytes_in + bytes_out), sum(sessions) from usage_hourly
    group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  // Replaced by usage_router_periods on 2026-12-25 (its own backfill): a later call (a test or bench rebuilding
  // the rollups of a migrated database) finds no such table and skips it.
  const { rows: routerHours } = await (pg
    ? sql`select 1 from pg_tables where tablename = 'usage_router_hours_monthly' and schemaname = current_schema()`
    : sql`select 1 from sqlite_master where type = 'table' and name = 'usage_router_hours_monthly'`
  ).execute(db);
  if (routerHours.length > 0)
    await sql`insert into usage_router_hours_monthly (month, router_id, hour, bytes_in, bytes_out, sessions)
      select substr(day, 1, 7), router_id, hour, sum(bytes_in), sum(bytes_out), sum(sessions) from usage_hourly
      group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  await sql`insert into quota_exhausted_daily (day, account_id)
    select t.day, t.account_id from (
      select u.day as day, a.id as account_id, sum(u.bytes_in + u.bytes_out) as used,
        max(p.daily_quota_bytes) as quota
      from usage_daily u
      join devices d on d.id = u.device_id
      join accounts a on a.id = d.account_id
      left join plans p on p.id = coalesce(a.plan_id, (select min(id) from plans where is_default = 1))
      group by u.day, a.id
    ) t where t.quota is not null and t.used >= t.quota`.execute(db);
  await sql`insert into rejects_hourly (hour, router_id, reason, count)
    select at / 3600000, coalesce(router_id, 0), coalesce(reason, '-'), sum(count) from auth_log where decision = 'reject'
    group by 1, 2, 3`.execute(db);
}

export async function down(db: Db): Promise<void> {
  for (const t of [
    'usage_router_hours_monthly',
    'usage_heat_monthly',
    'rejects_hourly',
    'quota_exhausted_daily',
    'usage_counts',
    'usage_seen',
    'usage_groups_daily',
  ])
    await db.schema.dropTable(t).execute();
}
