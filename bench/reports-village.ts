// A year of a large village, generated in SQL (fast on SQLite and PostgreSQL): 5,000 residents in 5 dusun, 10 RW
// and 40 RT, households of three, 3,500 registered with 15,000 devices, 30 routers; usage_daily for each device on
// about 3 days in 10, usage_hourly for every router and hour, router uptime per day, 200 rejected logins a day.
import { type Kysely, sql } from 'kysely';
import { backfill as backfillMonthly } from '../db/migrations/2026-12-21-usage-monthly.js';
import { backfill as backfillWeekly } from '../db/migrations/2026-12-28-usage-groups-weekly.js';
import type { Database } from '../db/schema.js';

export const SIZE = { residents: 5000, accounts: 3500, devices: 15000, routers: 30, days: 365 } as const;
const T0 = Date.UTC(2026, 0, 1);

/** `usage: false` leaves usage_daily and usage_hourly out (the regency run generates its rollups instead). */
export async function seedLargeVillage(
  db: Kysely<Database>,
  pg: boolean,
  options: { usage?: boolean } = {},
): Promise<{ usageRows: number }> {
  const numbers = (n: number) =>
    pg
      ? sql`(select i from generate_series(0, ${sql.lit(n - 1)}) as g(i))`
      : sql`(with recursive c(i) as (select 0 union all select i + 1 from c where i < ${sql.lit(n - 1)}) select i from c)`;
  const rnd = (max: number) =>
    pg ? sql`floor(random() * ${sql.lit(max)})::bigint` : sql`(abs(random()) % ${sql.lit(max)})`;
  const dayOf = (i: unknown) =>
    pg
      ? sql`to_char(date '2026-01-01' + (${i})::int, 'YYYY-MM-DD')`
      : sql`date('2026-01-01', '+' || (${i}) || ' days')`;
  const text = (e: unknown) => (pg ? sql`(${e})::text` : sql`cast(${e} as text)`);
  await sql`insert into plans (name, profile_name, down_rate, up_rate, daily_quota_bytes, devices_allowed, is_default, created_at, updated_at)
    values ('Warga', 'warga', 5000000, 2000000, 2000000000, 5, 1, ${T0}, ${T0})`.execute(db);
  for (let r = 1; r <= SIZE.routers; r++) {
    await sql`insert into routers (name, nas_ip, radius_secret_enc, dusun, created_at, updated_at)
      values (${`ap-${String(r).padStart(2, '0')}`}, ${`10.0.${r}.1`}, 'x', ${`Dusun ${r % 5}`}, ${T0}, ${T0})`.execute(
      db,
    );
  }
  const n = sql.ref('n.i');
  await sql`insert into residents (nik_index, nik_masked, kk_index, kk_masked, name, birth_date, dusun, rw, rt, status_dasar, active, created_at, updated_at)
    select ${sql`'nik-' || ${text(n)}`}, '3523**********01', ${sql`'kk-' || ${text(sql`n.i / 3`)}`}, '3523**********02',
      ${sql`'Warga ' || ${text(n)}`}, ${sql`case when n.i % 4 = 0 then '2015-06-01' else '1985-06-01' end`},
      ${sql`'Dusun ' || ${text(sql`n.i % 5`)}`}, ${sql`'00' || ${text(sql`n.i % 10 / 5 + 1`)}`},
      ${sql`'00' || ${text(sql`n.i % 8 + 1`)}`}, 1, 1, ${T0}, ${T0}
    from ${numbers(SIZE.residents)} n`.execute(db);
  await sql`insert into accounts (resident_id, status, plan_id, created_at, updated_at)
    select r.id, 'active', 1, ${sql.lit(T0)} + cast(r.id as bigint) * 7000000, ${T0} from residents r where r.id <= ${SIZE.accounts}`.execute(
    db,
  );
  await sql`insert into devices (account_id, mac, username, secret_enc, created_at)
    select 1 + n.i % ${sql.lit(SIZE.accounts)}, ${sql`'02:00:' || ${text(n)}`}, ${sql`'wn-' || ${text(n)}`}, 'x', ${T0}
    from ${numbers(SIZE.devices)} n`.execute(db);
  await sql`insert into auth_log (at, last_at, count, router_id, decision, reason)
    select ${sql.lit(T0)} + cast(n.i as bigint) * 432000, ${sql.lit(T0)} + cast(n.i as bigint) * 432000, 1, 1 + n.i % 30, 'reject',
      ${sql`case n.i % 3 when 0 then 'device-not-found' when 1 then 'quota-exceeded' else 'account-pending' end`}
    from ${numbers(SIZE.days * 200)} n`.execute(db);
  if (options.usage === false) return { usageRows: 0 };
  await sql`insert into usage_daily (day, device_id, router_id, bytes_in, bytes_out, seconds, sessions)
    select ${dayOf(n)}, d.id, 1 + d.id % ${sql.lit(SIZE.routers)}, ${rnd(50_000_000)}, ${rnd(500_000_000)}, 3600, 1 + d.id % 3
    from ${numbers(SIZE.days)} n cross join devices d where (d.id * 7 + n.i * 13) % 10 < 3`.execute(db);
  await sql`insert into usage_hourly (day, hour, router_id, bytes_in, bytes_out, sessions)
    select ${dayOf(sql`n.i / 24`)}, n.i % 24, r.id, ${rnd(50_000_000)}, ${rnd(500_000_000)}, ${rnd(40)}
    from ${numbers(SIZE.days * 24)} n cross join routers r`.execute(db);
  await sql`insert into router_uptime_daily (day, router_id, up_ms, down_ms, peak_sessions)
    select ${dayOf(n)}, r.id, 86400000 - ${rnd(3_600_000)}, ${rnd(3_600_000)}, ${rnd(120)}
    from ${numbers(SIZE.days)} n cross join routers r`.execute(db);
  await uptimeRollups(db);
  const { rows } = await sql<{ c: unknown }>`select count(*) as c from usage_daily`.execute(db);
  return { usageRows: Number(rows[0]?.c) };
}

/**
 * router_uptime_daily's months and years, as the health-poll transaction keeps them (the migrations that fill them
 * ran before this seeding; without it the large village's access points were read without uptime).
 */
async function uptimeRollups(db: Kysely<Database>) {
  for (const [table, period, length] of [
    ['router_uptime_monthly', 'month', 7],
    ['router_uptime_yearly', 'year', 4],
  ] as const) {
    await sql`insert into ${sql.table(table)} (${sql.ref(period)}, router_id, up_ms, down_ms, peak_sessions)
      select substr(day, 1, ${sql.lit(length)}), router_id, sum(up_ms), sum(down_ms), max(peak_sessions)
      from router_uptime_daily group by 1, 2`.execute(db);
  }
}

export const REGENCY = { villages: 300 } as const;

/**
 * The rollups of a regency of 300 such villages for 2026, generated straight into the rollup tables on
 * PostgreSQL (usage_daily and the first-seen rows are not generated: month and year read the counts): 9,000 routers
 * (30 a village, each in one of its 5 dusun), bytes per day × router × dusun, distinct devices and residents
 * per day, week, month and year (and per router, dusun and plan by month and year), usage per month × router ×
 * hour and weekday × hour, router uptime per day and month. The village seeded before keeps its roster, accounts and rejects.
 */
export async function seedRegencyRollups(db: Kysely<Database>): Promise<{ groupRows: number }> {
  const V = REGENCY.villages;
  const R = SIZE.routers;
  const day = sql`to_char(date '2026-01-01' + d.i, 'YYYY-MM-DD')`;
  const rnd = (max: number) => sql`floor(random() * ${sql.lit(max)})::bigint`;
  const days = sql`generate_series(0, ${sql.lit(SIZE.days - 1)}) as d(i)`;
  await sql`delete from routers`.execute(db);
  await sql`insert into routers (id, name, nas_ip, radius_secret_enc, dusun, created_at, updated_at)
    select v.i * ${sql.lit(R)} + r.i, 'desa-' || v.i || '-ap-' || r.i, '10.' || (v.i / 256) || '.' || (v.i % 256) || '.' || r.i,
      'x', 'Desa ' || v.i || ' / Dusun ' || (r.i % 5), 0, 0
    from generate_series(0, ${sql.lit(V - 1)}) as v(i) cross join generate_series(1, ${sql.lit(R)}) as r(i)`.execute(
    db,
  );
  await sql`insert into usage_groups_daily (day, router_id, dusun, plan_id, bytes_in, bytes_out, sessions)
    select ${day}, ro.id, ro.dusun, 1, ${rnd(1_500_000_000)}, ${rnd(15_000_000_000)}, ${rnd(400)}
    from ${days} cross join routers ro`.execute(db);
  // Its whole months and day totals, and its whole weeks, as the 2026-12-21 and 2026-12-28 migrations fill them.
  await backfillMonthly(db);
  await backfillWeekly(db);
  const all = (period: unknown, n: number) =>
    sql`insert into usage_counts (period, dim, key, devices, residents)
      select ${period}, 'all', '', ${sql.lit(n)} * ${sql.lit(V)} - ${rnd(5000)}, ${sql.lit(Math.round(n * 0.6))} * ${sql.lit(V)} - ${rnd(3000)}
      from ${days}`;
  await all(sql`'d:' || ${day}`, 4500).execute(db);
  await sql`insert into usage_counts (period, dim, key, devices, residents)
    select distinct on (1) 'w:' || to_char(date_trunc('week', (date '2026-01-01' + d.i)::timestamp), 'YYYY-MM-DD'), 'all', '',
      ${sql.lit(13_000 * V)}, ${sql.lit(3_300 * V)} from ${days}`.execute(db);
  for (const period of [
    ...Array.from({ length: 12 }, (_, i) => `m:2026-${String(i + 1).padStart(2, '0')}`),
    'y:2026',
  ]) {
    await sql`insert into usage_counts (period, dim, key, devices, residents) values
      (${period}, 'all', '', ${15_000 * V}, ${3_500 * V}), (${period}, 'plan', '1', ${15_000 * V}, ${3_500 * V})`.execute(
      db,
    );
    await sql`insert into usage_counts (period, dim, key, devices, residents)
      select ${period}, 'router', ro.id::text, 500 + ${rnd(100)}, 200 + ${rnd(100)} from routers ro`.execute(
      db,
    );
    await sql`insert into usage_counts (period, dim, key, devices, residents)
      select distinct ${period}, 'dusun', ro.dusun, 3000, 700 from routers ro`.execute(db);
  }
  // Per router and day, each local hour's bytes in its own column (2026-12-25, days 2027-01-02), a tenth of them
  // upload; then each router's months and year, summed from its days as the accounting transaction keeps them.
  const hours = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);
  const columns = sql.raw(['bytes_in', 'bytes_out', 'sessions', ...hours].join(', '));
  const sums = sql.raw(['bytes_in', 'bytes_out', 'sessions', ...hours].map((c) => `sum(${c})`).join(', '));
  const total = sql.raw(hours.join(' + '));
  await sql`insert into usage_router_periods (period, router_id, ${columns})
    select x.day, x.router_id, (${total}) / 10, (${total}) - (${total}) / 10, x.s, ${sql.raw(hours.join(', '))}
    from (select ${day} as day, ro.id as router_id, ${rnd(300)} as s,
        ${sql.raw(hours.map((h) => `floor(random() * 40000000)::bigint as ${h}`).join(', '))}
      from ${days} cross join routers ro) x`.execute(db);
  await sql`insert into usage_router_periods (period, router_id, ${columns})
    select substr(period, 1, 7), router_id, ${sums} from usage_router_periods group by 1, 2`.execute(db);
  await sql`insert into usage_router_periods (period, router_id, ${columns})
    select '2026', router_id, ${sums} from usage_router_periods where length(period) = 7 group by 2`.execute(
    db,
  );
  // The village's bytes per day and hour (2027-01-02), and per month × weekday × hour summed from them.
  await sql`insert into usage_heat_daily (day, hour, bytes, sessions)
    select ${day}, h.i, ${rnd(1_000_000_000_000)}, ${rnd(1_000_000)}
    from ${days} cross join generate_series(0, 23) as h(i)`.execute(db);
  await sql`insert into usage_heat_monthly (month, weekday, hour, bytes, sessions)
    select substr(day, 1, 7), extract(isodow from day::date)::int - 1, hour, sum(bytes), sum(sessions)
    from usage_heat_daily group by 1, 2, 3`.execute(db);
  await sql`insert into router_uptime_daily (day, router_id, up_ms, down_ms, peak_sessions)
    select ${day}, ro.id, 86400000 - ${rnd(3_600_000)}, ${rnd(3_600_000)}, ${rnd(120)} from ${days} cross join routers ro`.execute(
    db,
  );
  await uptimeRollups(db);
  const { rows } = await sql<{ c: unknown }>`select count(*) as c from usage_groups_daily`.execute(db);
  return { groupRows: Number(rows[0]?.c) };
}
