// The regency's first-seen rows (usage_seen) on PostgreSQL, generated set-based in the shape of the large SQLite
// village's, so that a custom range that cuts months is measured with the rows its distinct counts read. The
// regency seed (seedRegencyRollups) leaves usage_seen empty: its month and year cases read usage_counts.
//
// What the ranges read (db/stores/report-usage.ts): a custom range, the year rows of its whole months and the month
// rows of the months it cuts (`maskedPeriods`): for the benches' 2026-02-10 … 2026-11-20 `y:2026`, `m:2026-02` and
// `m:2026-11`, every dimension; a range of at most 4 days or weeks (a week a month or year cuts), day rows. Only those
// are generated (a full year of month rows would be 12 × 24 M rows): SEEN_PERIODS.
//
// The shape, as bench/reports-village.ts's usage_daily makes it in each village (checked against its bench.db):
// device `id` (1 … 15,000) is used on day n of the year when (id × 7 + n × 13) % 10 < 3, always on router
// 1 + id % 30, by account 1 + (id − 1) % 3,500 whose resident (same id) lives in dusun (id − 1) % 5. A resident's
// devices are ≡ its id (mod 10), so it is seen on the same days as device (its id); they sit on 3 routers. Per
// village: 18,500 subjects (15,000 devices, 3,500 residents) in 'all', 'dusun' and 'plan', 25,500 in 'router'; a
// year row's month bits are all 12, a month row's day bits depend on the subject mod 10 (10 masks). Village v's
// subjects are offset (devices v × 15,000 + id, residents −(v × 5,000 + id)), its routers are the regency seed's
// (v × 30 + 1 … 30) and its dusun names the regency seed's ('Desa v / Dusun k').
//
// Measured with them (session 9, the machine to itself, main's code; p50 = p99 where one run): the custom range's
// pages by day, week, month, router, dusun and plan take 29, 61, 60, 47, 41 and 39 s (without them: 19 … 198 ms);
// June by week 5.1 s and 2026 by week 15.7 s (2 and 8 days of day rows). Counting the 5.55 M subjects of y:2026
// 'all' alone, index-only with two workers, takes 1.1 s, so no plan over these rows reaches 300 ms at this size.
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { REGENCY, SIZE } from './reports-village.js';

/**
 * The periods the benches' ranges read beyond usage_counts: the custom range's year and cut months (every
 * dimension), and the days of the weeks a month or a year cuts (2026-06-29 … 30 of June's last week, 2026-01-01 … 04
 * and 2026-12-28 … 31 of the year's first and last weeks): a range of at most 4 days or weeks is counted from
 * their own rows, which hold dimension 'all' only.
 */
export const SEEN_PERIODS = [
  'y:2026',
  'm:2026-02',
  'm:2026-11',
  ...['01-01', '01-02', '01-03', '01-04', '06-29', '06-30', '12-28', '12-29', '12-30', '12-31'].map(
    (d) => `d:2026-${d}`,
  ),
] as const;

/**
 * Fills usage_seen with the regency's rows of `periods` (about 24.3 M a year or month, 1.7 M a day). On an empty
 * table the primary key is dropped for the load and built once after it (a sort, not 90 M b-tree inserts); then
 * the table is vacuumed so that its scans can be index-only as on a live server. Returns how many rows it holds.
 */
export async function seedRegencySeen(
  db: Kysely<Database>,
  periods: readonly string[] = SEEN_PERIODS,
): Promise<{ rows: number; bytes: number }> {
  const V = REGENCY.villages;
  const D = SIZE.devices;
  const A = SIZE.accounts;
  const R = SIZE.routers;
  await db.connection().execute(async (c) => {
    await sql`set maintenance_work_mem = '1GB'`.execute(c);
    const { rows: held } = await sql`select 1 from usage_seen limit 1`.execute(c);
    const rebuild = held.length === 0;
    if (rebuild) await sql`alter table usage_seen drop constraint usage_seen_pk`.execute(c);
    for (const period of periods) {
      // Devices: (village, id, its resident); residents: (village, id) with their 3 routers' offsets.
      const devices = sql`select v.i as v, d.i as id, 1 + (d.i - 1) % ${sql.lit(A)} as a, v.i * ${sql.lit(D)} + d.i as subject
        from generate_series(0, ${sql.lit(V - 1)}) as v(i) cross join generate_series(1, ${sql.lit(D)}) as d(i)`;
      const residents = sql`select v.i as v, a.i as id, a.i as a, -(v.i * ${sql.lit(SIZE.residents)} + a.i) as subject
        from generate_series(0, ${sql.lit(V - 1)}) as v(i) cross join generate_series(1, ${sql.lit(A)}) as a(i)`;
      if (period.startsWith('d:')) {
        // A day row: who was seen that day (day n of the year), with no bits.
        const n = sql.lit(Math.round((Date.parse(period.slice(2)) - Date.UTC(2026, 0, 1)) / 86_400_000));
        await sql`insert into usage_seen (period, dim, key, subject, days)
          select ${period}, 'all', '', s.subject, 0 from (${devices} union all ${residents}) s
          where (s.id * 7 + ${n} * 13) % 10 < 3 order by s.subject`.execute(c);
        continue;
      }
      // The bits of a subject ≡ r (mod 10): the months of a year row, the days of a month row.
      const masks = period.startsWith('y:')
        ? sql`select r.i as r, 4095 as bits from generate_series(0, 9) as r(i)`
        : sql`select r.i as r, sum(1 << (extract(day from date '2026-01-01' + n.i)::int - 1))::int as bits
            from generate_series(0, 9) as r(i) cross join generate_series(0, ${sql.lit(SIZE.days - 1)}) as n(i)
            where to_char(date '2026-01-01' + n.i, 'YYYY-MM') = ${period.slice(2)} and (r.i * 7 + n.i * 13) % 10 < 3
            group by 1`;
      const dusun = sql`'Desa ' || s.v || ' / Dusun ' || ((s.a - 1) % 5)`;
      const dims = [
        ['all', sql`''`],
        ['plan', sql`'1'`],
        ['dusun', dusun],
      ] as const;
      for (const [dim, key] of dims) {
        await sql`insert into usage_seen (period, dim, key, subject, days)
          select ${period}, ${dim}, ${key}, s.subject, m.bits
          from (${devices} union all ${residents}) s join (${masks}) m on m.r = s.id % 10`.execute(c);
      }
      await sql`insert into usage_seen (period, dim, key, subject, days)
        select ${period}, 'router', (s.v * ${sql.lit(R)} + 1 + s.id % ${sql.lit(R)})::text, s.subject, m.bits
        from (${devices}) s join (${masks}) m on m.r = s.id % 10
        union all
        select ${period}, 'router', (s.v * ${sql.lit(R)} + 1 + (s.id + 10 * k.i) % ${sql.lit(R)})::text, s.subject, m.bits
        from (${residents}) s cross join generate_series(0, 2) as k(i) join (${masks}) m on m.r = s.id % 10`.execute(
        c,
      );
    }
    if (rebuild)
      await sql`alter table usage_seen add constraint usage_seen_pk primary key (period, dim, key, subject)`.execute(
        c,
      );
    await sql`vacuum (analyze) usage_seen`.execute(c);
  });
  const { rows } = await sql<{ n: unknown; bytes: unknown }>`
    select count(*) as n, pg_total_relation_size('usage_seen') as bytes from usage_seen`.execute(db);
  return { rows: Number(rows[0]?.n), bytes: Number(rows[0]?.bytes) };
}

/**
 * usage_seen_gaps' cells of the regency (see the 2026-12-31 migration), set-based from the same shape as the
 * first-seen rows: a subject's active days depend only on its id mod 10, so the cells are each residue's days
 * linked to its previous active day of 2026 ('' for the first), counted over every village's devices and residents
 * of that residue. The shape links days 1 to 5 apart: about a thousand cells. `full` adds one device to every
 * pair of 2026's days (and ''), the most cells a year can hold (66,795): a regency whose residents come back after
 * any gap. Returns how many cells there are.
 */
export async function seedRegencyGaps(db: Kysely<Database>, full: boolean): Promise<number> {
  const V = REGENCY.villages;
  const ofResidue = (n: number) =>
    sql`(select count(*) from generate_series(1, ${sql.lit(n)}) as i(i) where i.i % 10 = r.r)`;
  const day = (i: unknown) => sql`to_char(date '2026-01-01' + ${i}, 'YYYY-MM-DD')`;
  await db.transaction().execute(async (trx) => {
    await sql`delete from usage_seen_gaps`.execute(trx);
    await sql`insert into usage_seen_gaps (day, prev_day, devices, residents)
      select x.day, x.prev_day, sum(x.devices), sum(x.residents) from (
        select ${day(sql`a.n`)} as day, coalesce(${day(sql`lag(a.n) over (partition by a.r order by a.n)`)}, '') as prev_day,
          ${sql.lit(V)} * a.devices as devices, ${sql.lit(V)} * a.residents as residents
        from (select r.r, n.i as n, ${ofResidue(SIZE.devices)} as devices, ${ofResidue(SIZE.accounts)} as residents
          from generate_series(0, 9) as r(r) cross join generate_series(0, ${sql.lit(SIZE.days - 1)}) as n(i)
          where (r.r * 7 + n.i * 13) % 10 < 3) a
        ${
          full
            ? sql`union all select ${day(sql`d.i`)}, p.prev_day, 1, 0
          from generate_series(0, ${sql.lit(SIZE.days - 1)}) as d(i)
          cross join lateral (select '' as prev_day union all
            select ${day(sql`q.i`)} from generate_series(0, d.i - 1) as q(i)) p`
            : sql``
        }) x
      group by x.day, x.prev_day`.execute(trx);
  });
  await sql`analyze usage_seen_gaps`.execute(db);
  const { rows } = await sql<{ n: unknown }>`select count(*) as n from usage_seen_gaps`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * BENCH_SEEN=1: seeds the periods of SEEN_PERIODS that usage_seen lacks, and the regency's usage_seen_gaps cells
 * (BENCH_GAPS=full: every pair of days), and says how long it took.
 */
export async function seedSeenUnlessThere(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ period: string }>`select distinct period from usage_seen
    where period in (${sql.join(SEEN_PERIODS)})`.execute(db);
  const missing = SEEN_PERIODS.filter((p) => !rows.some((r) => r.period === p));
  if (missing.length > 0) {
    const s = performance.now();
    const seen = await seedRegencySeen(db, missing);
    console.log(
      `PostgreSQL regency's first-seen rows (${missing.join(', ')}): ${seen.rows} rows, ${(seen.bytes / 2 ** 30).toFixed(1)} GiB with the primary key, seeded in ${((performance.now() - s) / 1000).toFixed(1)} s`,
    );
  }
  const full = process.env.BENCH_GAPS === 'full';
  const s = performance.now();
  const cells = await seedRegencyGaps(db, full);
  console.log(
    `PostgreSQL regency's usage_seen_gaps (${full ? 'every pair of days' : "the seed's shape"}): ${cells} cells in ${((performance.now() - s) / 1000).toFixed(1)} s`,
  );
}

/** The line a PostgreSQL table of figures starts with: how many first-seen rows the distinct counts read. */
export async function seenLine(db: Kysely<Database>): Promise<string> {
  // The planner's estimate: count(*) over 90 M rows would take seconds of the quiet window.
  const { rows } = await sql<{ n: unknown }>`select greatest(reltuples, 0)::bigint as n from pg_class
    where relname = 'usage_seen'`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  // The 'all' counts of a range that is not one period read usage_seen_gaps, whose size does not grow with the
  // regency (at most a cell per day and earlier day of the year: 66,795); BENCH_SEEN=1 generates the regency's.
  const gaps = await sql<{ n: unknown }>`select count(*) as n from usage_seen_gaps`.execute(db);
  const cells = `; usage_seen_gaps: ${Number(gaps.rows[0]?.n ?? 0)} cells (the 'all' counts of cut ranges)`;
  return (
    (n > 0
      ? `usage_seen: about ${(n / 1e6).toFixed(1)} M first-seen rows (BENCH_SEEN=1: ${SEEN_PERIODS.length} periods)`
      : 'usage_seen: EMPTY (seed with BENCH_SEEN=1): custom ranges that cut months measure their sums, not their distinct counts') +
    cells
  );
}
