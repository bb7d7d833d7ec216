// A year of a large village, generated in SQL (fast on SQLite and PostgreSQL): 5,000 residents in 5 dusun, 10 RW
// and 40 RT, households of three, 3,500 registered with 15,000 devices, 30 routers; usage_daily for each device on
// about 3 days in 10, usage_hourly for every router and hour, router uptime per day, 200 rejected logins a day.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

export const SIZE = { residents: 5000, accounts: 3500, devices: 15000, routers: 30, days: 365 } as const;
const T0 = Date.UTC(2026, 0, 1);

export async function seedLargeVillage(db: Kysely<Database>, pg: boolean): Promise<{ usageRows: number }> {
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
    select r.id, 'active', 1, ${T0} + r.id * 7000000, ${T0} from residents r where r.id <= ${SIZE.accounts}`.execute(
    db,
  );
  await sql`insert into devices (account_id, mac, username, secret_enc, created_at)
    select 1 + n.i % ${sql.lit(SIZE.accounts)}, ${sql`'02:00:' || ${text(n)}`}, ${sql`'wn-' || ${text(n)}`}, 'x', ${T0}
    from ${numbers(SIZE.devices)} n`.execute(db);
  await sql`insert into usage_daily (day, device_id, router_id, bytes_in, bytes_out, seconds, sessions)
    select ${dayOf(n)}, d.id, 1 + d.id % ${sql.lit(SIZE.routers)}, ${rnd(50_000_000)}, ${rnd(500_000_000)}, 3600, 1 + d.id % 3
    from ${numbers(SIZE.days)} n cross join devices d where (d.id * 7 + n.i * 13) % 10 < 3`.execute(db);
  await sql`insert into usage_hourly (day, hour, router_id, bytes_in, bytes_out, sessions)
    select ${dayOf(sql`n.i / 24`)}, n.i % 24, r.id, ${rnd(50_000_000)}, ${rnd(500_000_000)}, ${rnd(40)}
    from ${numbers(SIZE.days * 24)} n cross join routers r`.execute(db);
  await sql`insert into router_uptime_daily (day, router_id, up_ms, down_ms, peak_sessions)
    select ${dayOf(n)}, r.id, 86400000 - ${rnd(3_600_000)}, ${rnd(3_600_000)}, ${rnd(120)}
    from ${numbers(SIZE.days)} n cross join routers r`.execute(db);
  await sql`insert into auth_log (at, last_at, count, router_id, decision, reason)
    select ${T0} + n.i * 432000, ${T0} + n.i * 432000, 1, 1 + n.i % 30, 'reject',
      ${sql`case n.i % 3 when 0 then 'device-not-found' when 1 then 'quota-exceeded' else 'account-pending' end`}
    from ${numbers(SIZE.days * 200)} n`.execute(db);
  const { rows } = await sql<{ c: unknown }>`select count(*) as c from usage_daily`.execute(db);
  return { usageRows: Number(rows[0]?.c) };
}
