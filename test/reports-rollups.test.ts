// The reports read rollups kept beside usage_daily (2026-12-16 migration). Proven here: for any period (a day, a
// month, a year, custom ranges cutting weeks and months) and any grouping, the usage report equals the same
// figures counted the slow way straight from usage_daily; the migration's backfill rebuilds exactly the rollups
// the accounting transaction kept; rejects outlive the auth log's retention (folded rows' later counts included);
// erasing an account removes the resident's first-seen rows and keeps the counts.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfill } from '../db/migrations/2026-12-16-report-speed.js';
import { backfill as backfillMonthly } from '../db/migrations/2026-12-21-usage-monthly.js';
import { backfill as backfillAccountTotals } from '../db/migrations/2026-12-23-account-usage-daily.js';
import { backfill as backfillRouterPeriods } from '../db/migrations/2026-12-25-router-usage-periods.js';
import { backfill as backfillSeenDays } from '../db/migrations/2026-12-26-usage-seen-days.js';
import { backfill as backfillWeekly } from '../db/migrations/2026-12-28-usage-groups-weekly.js';
import { backfill as backfillSeenGaps } from '../db/migrations/2026-12-31-usage-seen-gaps.js';
import { backfill as backfillDayHours } from '../db/migrations/2027-01-02-usage-day-hours.js';
import type { Database } from '../db/schema.js';
import { createStores } from '../db/stores/index.js';
import { isPostgres } from '../db/stores/radius-sql.js';
import type { GroupedDimension as UsageDimension } from '../db/stores/report-usage.js';
import { weekStart } from '../src/domain/report-period.js';
import { type AccountingOp, createAccountingService } from '../src/services/radius/accounting.js';
import { createReportService } from '../src/services/reports/reports.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { planReader } from './support/query-plans.js';
import {
  accountingRecord,
  seedAccount,
  seedDevice,
  seedPlan,
  seedRouter,
  testKeyring,
} from './support/radius-fixtures.js';

const TZ = 'Asia/Jakarta';
const wib = (d: string) => Date.parse(`${d}+07:00`);
const DAYS = 75;
const FIRST = Date.UTC(2026, 0, 24);
const dayAt = (i: number) => new Date(FIRST + i * 86_400_000).toISOString().slice(0, 10);

/** The usage report as it was computed before the rollups: straight from usage_daily, today's attributes. */
async function slowUsage(db: Kysely<Database>, from: string, to: string, by: UsageDimension | null) {
  const pg = isPostgres(db);
  const keys: Record<UsageDimension, RawBuilder<string>> = {
    day: sql`u.day`,
    week: pg
      ? sql`to_char(date_trunc('week', u.day::date), 'YYYY-MM-DD')`
      : sql`date(u.day, '-' || ((cast(strftime('%w', u.day) as integer) + 6) % 7) || ' days')`,
    month: sql`substr(u.day, 1, 7)`,
    year: sql`substr(u.day, 1, 4)`,
    router: sql`coalesce(ro.name, '-')`,
    dusun: sql`coalesce(r.dusun, '-')`,
    plan: sql`coalesce(p.name, dp.name, '-')`,
  };
  const { rows } = await sql<Record<string, unknown>>`
    select ${by ? keys[by] : sql`''`} as key,
      sum(u.bytes_out) as down, sum(u.bytes_in) as up, sum(u.sessions) as sessions,
      count(distinct case when u.device_id <> 0 then u.device_id end) as devices,
      count(distinct a.resident_id) as residents
    from usage_daily u
    left join devices d on d.id = u.device_id
    left join accounts a on a.id = d.account_id
    left join routers ro on ro.id = u.router_id
    left join residents r on r.id = a.resident_id
    left join plans p on p.id = a.plan_id
    left join plans dp on dp.is_default = 1 and a.id is not null
    where u.day >= ${from} and u.day <= ${to}
    group by 1 order by 1`.execute(db);
  return rows.map((r) => ({
    key: String(r.key),
    bytesDown: Number(r.down),
    bytesUp: Number(r.up),
    sessions: Number(r.sessions),
    devices: Number(r.devices),
    residents: Number(r.residents),
  }));
}

const ROLLUPS = [
  'usage_groups_daily',
  'usage_seen',
  'usage_counts',
  'quota_exhausted_daily',
  'rejects_hourly',
  'usage_heat_monthly',
  'usage_router_periods',
  'account_usage_daily',
  'usage_groups_monthly',
  'usage_totals_daily',
  'usage_groups_weekly',
  'usage_seen_gaps',
  'usage_heat_daily',
];

async function snapshot(db: Kysely<Database>) {
  const out: Record<string, unknown[]> = {};
  for (const t of ROLLUPS) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db);
    out[t] = rows
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]))))
      .sort();
  }
  return out;
}

describe.each(databaseKinds)('report rollups on %s', (kind) => {
  let tdb: TestDatabase;
  const accounts: number[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const db = tdb.db;
    const keyring = await testKeyring();
    const routers: number[] = [];
    for (const [i, name] of ['balai', 'masjid', 'sekolah'].entries())
      routers.push(await seedRouter(db, keyring, { name, nasIp: `127.0.0.${i + 1}`, secret: 's' }));
    await seedPlan(db, { is_default: 1, daily_quota_bytes: 900_000_000 });
    const pelajar = await seedPlan(db, {
      name: 'Pelajar',
      profile_name: 'pelajar',
      daily_quota_bytes: 300_000_000,
    });
    const devices: string[] = [];
    for (let a = 0; a < 8; a++) {
      const accountId = await seedAccount(db, { planId: a % 3 === 0 ? pelajar : null });
      accounts.push(accountId);
      for (let k = 0; k < 1 + (a % 3); k++) {
        const username = `wn-${a}-${k}`;
        await seedDevice(db, keyring, { accountId, mac: `02:00:00:00:${a}${k}:01`, username, secret: 's' });
        devices.push(username);
      }
    }
    await sql`update residents set dusun = case when id % 3 = 0 then 'Krajan' when id % 3 = 1 then 'Sumberjo' else 'Ngasem' end`.execute(
      db,
    );
    // And a phone the village does not know: its bytes count, it is no device and no resident.
    devices.push('unknown-phone');
    const accounting = createAccountingService({ store: createStores(db).accounting, timeZone: TZ });
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let day = 0; day < DAYS; day++) {
      const date = dayAt(day);
      const starts: AccountingOp[] = [];
      const stops: AccountingOp[] = [];
      for (const [j, username] of devices.entries()) {
        if (rnd(3) !== 0) continue;
        const sessions = 1 + rnd(2);
        for (let s = 0; s < sessions; s++) {
          const base = { routerId: routers[rnd(3)]!, acctSessionId: `${date}-${j}-${s}`, username };
          starts.push(
            accountingRecord({
              ...base,
              status: 'start',
              at: wib(`${date}T10:00:00`),
              inputBytes: 0,
              outputBytes: 0,
              sessionTimeS: 0,
            }),
          );
          stops.push(
            accountingRecord({
              ...base,
              status: 'stop',
              at: wib(`${date}T1${1 + s}:00:00`),
              inputBytes: 1_000 + rnd(50_000_000),
              outputBytes: 1_000 + rnd(400_000_000),
              sessionTimeS: 3600,
            }),
          );
        }
      }
      // A day's starts, then its stops, each as one group commit.
      await Promise.all(starts.map((op) => accounting.submit(op)));
      await Promise.all(stops.map((op) => accounting.submit(op)));
    }
    // Across the end of January and of March in WIB: a session from 23:00 to 01:00 with interim updates (one
    // sent twice), and one the router forgets at an Accounting-On after midnight.
    const edge = (acctSessionId: string, status: 'start' | 'interim' | 'stop', at: string, bytes: number) =>
      accounting.submit(
        accountingRecord({
          routerId: routers[1]!,
          acctSessionId,
          username: devices[0]!,
          status,
          at: wib(at),
          inputBytes: bytes,
          outputBytes: bytes * 9,
          sessionTimeS: 60,
        }),
      );
    await edge('edge-jan', 'start', '2026-01-31T23:00:00', 0);
    await edge('edge-jan', 'interim', '2026-01-31T23:50:00', 7_000_000);
    await edge('edge-jan', 'interim', '2026-01-31T23:50:00', 7_000_000);
    await edge('edge-jan', 'interim', '2026-02-01T00:30:00', 11_000_000);
    await edge('edge-jan', 'stop', '2026-02-01T01:00:00', 13_000_000);
    await edge('edge-mar', 'start', '2026-03-31T22:00:00', 0);
    await edge('edge-mar', 'interim', '2026-03-31T23:30:00', 5_000_000);
    await edge('edge-mar', 'interim', '2026-04-01T00:20:00', 6_000_000);
    await accounting.submit({
      kind: 'close-router',
      routerId: routers[1]!,
      at: wib('2026-04-01T00:40:00'),
      cause: 'NAS-Reboot',
    });
    await accounting.drain();
  }, 120_000);
  afterAll(async () => {
    await tdb?.close();
  });

  const reportStore = () => createStores(tdb.db).reports;

  it('equals usage_daily counted the slow way, for every grouping and periods cutting weeks and months', async () => {
    const ranges: Array<[string, string]> = [
      ['2026-02-01', '2026-02-28'],
      ['2026-01-01', '2026-12-31'],
      ['2026-02-14', '2026-02-14'],
      ['2026-01-28', '2026-03-10'],
      ['2026-02-02', '2026-02-15'],
      ['2026-03-30', '2026-04-05'],
      ['2026-01-24', '2026-04-08'],
      ['2025-12-01', '2026-03-31'],
      ['2026-01-31', '2026-02-01'],
      ['2026-01-31', '2026-04-01'],
      ['2026-02-01', '2026-04-08'],
      ['2026-01-24', '2026-03-31'],
      ['2025-01-01', '2027-12-31'],
      // Cut months read as the month minus its few days outside the range, at one end or both.
      ['2026-01-05', '2026-03-25'],
      ['2026-02-03', '2026-02-25'],
      ['2025-12-20', '2026-02-10'],
      // Weeks (usage_groups_weekly) inside a cut month, added or subtracted from it: the week of 2 February
      // subtracted, the weeks of 9 and 16 February added, and March minus the week of 23 March and its days.
      ['2026-02-10', '2026-03-20'],
      ['2026-02-09', '2026-02-22'],
      ['2026-01-26', '2026-02-18'],
      ['2026-01-12', '2026-03-08'],
    ];
    for (const [from, to] of ranges) {
      for (const by of ['day', 'week', 'month', 'year', 'router', 'dusun', 'plan'] as const) {
        const fast = await reportStore().usage(from, to, by);
        expect(fast.rows, `${from}..${to} by ${by}`).toEqual(await slowUsage(tdb.db, from, to, by));
        expect([fast.totals], `${from}..${to} totals`).toEqual(
          (await slowUsage(tdb.db, from, to, null)).map(({ key: _, ...t }) => t),
        );
      }
    }
  });

  it('gives router, dusun and plan rows the sums of usage_daily while their counts run in the background', async () => {
    // The page and the API read these sums with their own statement (`usageSums`, run without a parallel plan on
    // PostgreSQL) while the distinct counts wait: ranges cutting months, weeks added and subtracted.
    const reports = createReportService({
      store: reportStore(),
      now: () => wib('2026-06-01T12:00:00'),
      timeZone: TZ,
      minAge: 17,
      distinctCounts: { inlineScanLimit: 0 },
    });
    const sums = (
      rows: ReadonlyArray<{ key: string; bytesDown: number; bytesUp: number; sessions: number }>,
    ) => rows.map(({ key, bytesDown, bytesUp, sessions }) => ({ key, bytesDown, bytesUp, sessions }));
    for (const [from, to] of [
      ['2026-02-10', '2026-03-20'],
      ['2026-01-05', '2026-03-25'],
      ['2026-01-31', '2026-04-01'],
    ] as const) {
      for (const by of ['router', 'dusun', 'plan'] as const) {
        const report = await reports.usageReport({ from, to, by }, 'admin');
        expect(report.counting?.state, `${from}..${to} by ${by}`).toBe('pending');
        const slow = await slowUsage(tdb.db, from, to, by);
        expect(slow.length).toBeGreaterThan(1);
        expect(sums(report.rows), `${from}..${to} by ${by}`).toEqual(sums(slow));
      }
    }
    await reports.settle();
  });

  it('keeps whole-month and whole-week groups and day totals that are exactly the sums of the daily groups', async () => {
    const { rows: months } = await sql<Record<string, unknown>>`
      select substr(day, 1, 7) as month, router_id, dusun, plan_id, sum(bytes_in) as i, sum(bytes_out) as o,
        sum(sessions) as s from usage_groups_daily group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(tdb.db);
    const { rows: kept } = await sql<Record<string, unknown>>`
      select month, router_id, dusun, plan_id, bytes_in as i, bytes_out as o, sessions as s
      from usage_groups_monthly order by 1, 2, 3, 4`.execute(tdb.db);
    const norm = (rows: Record<string, unknown>[]) => rows.map((r) => Object.values(r).map(String));
    expect(months.length).toBeGreaterThan(10);
    expect(norm(kept)).toEqual(norm(months));
    // Weeks by their Monday: the sessions across the end of January and of March fall in the weeks of 26 January
    // and 30 March, whose days lie in two months.
    const { rows: daily } = await sql<{ day: string } & Record<string, unknown>>`
      select day, router_id, dusun, plan_id, bytes_in as i, bytes_out as o, sessions as s from usage_groups_daily`.execute(
      tdb.db,
    );
    const weeks = new Map<string, [string, number, string, number, number, number, number]>();
    for (const r of daily) {
      const key = [weekStart(r.day), r.router_id, r.dusun, r.plan_id].join('|');
      const w = weeks.get(key) ?? [
        weekStart(r.day),
        Number(r.router_id),
        String(r.dusun),
        Number(r.plan_id),
        0,
        0,
        0,
      ];
      w[4] += Number(r.i);
      w[5] += Number(r.o);
      w[6] += Number(r.s);
      weeks.set(key, w);
    }
    const { rows: keptWeeks } = await sql<Record<string, unknown>>`
      select week, router_id, dusun, plan_id, bytes_in as i, bytes_out as o, sessions as s
      from usage_groups_weekly`.execute(tdb.db);
    const sorted = (rows: unknown[][]) => rows.map((r) => r.map(String).join('|')).sort();
    expect(keptWeeks.length).toBeGreaterThan(10);
    expect(keptWeeks.some((r) => r.week === '2026-01-26')).toBe(true);
    expect(sorted(keptWeeks.map((r) => Object.values(r)))).toEqual(sorted([...weeks.values()]));
    const { rows: days } = await sql<Record<string, unknown>>`
      select day, sum(bytes_in) as i, sum(bytes_out) as o, sum(sessions) as s from usage_groups_daily
      group by 1 order by 1`.execute(tdb.db);
    const { rows: totals } = await sql<Record<string, unknown>>`
      select day, bytes_in as i, bytes_out as o, sessions as s from usage_totals_daily order by 1`.execute(
      tdb.db,
    );
    expect(norm(totals)).toEqual(norm(days));
    // The sessions across the month ends are in usage_daily on both sides of midnight, once.
    const { rows: edge } = await sql<{ day: string; o: unknown }>`
      select day, sum(bytes_out) as o from usage_daily where day in ('2026-01-31', '2026-02-01', '2026-03-31', '2026-04-01')
      group by 1 order by 1`.execute(tdb.db);
    expect(edge.map((r) => r.day)).toEqual(['2026-01-31', '2026-02-01', '2026-03-31', '2026-04-01']);
  });

  it('reads the usage sums by key ranges of the rollups’ primary keys, never a scan', async () => {
    const plans = planReader(kind, { url: tdb.url, dir: tdb.dir });
    try {
      const store = createStores(plans.db).reports;
      for (const [from, to] of [
        ['2026-01-01', '2026-12-31'],
        ['2026-01-28', '2026-03-10'],
        ['2026-02-01', '2026-02-28'],
        ['2026-02-10', '2026-03-20'],
      ] as const) {
        for (const by of ['day', 'week', 'month', 'router', 'dusun', 'plan'] as const) {
          plans.queries.length = 0;
          await store.usage(from, to, by);
          const sums = plans.queries.filter((q) =>
            /usage_groups_(monthly|weekly|daily)|usage_totals_daily/.test(q.sql),
          );
          expect(sums.length, `${from}..${to} by ${by}`).toBeGreaterThan(0);
          for (const q of sums) {
            const plan = await plans.explain(q);
            const where = `${from}..${to} by ${by}: ${plan}`;
            if (kind === 'sqlite') {
              expect(plan, where).toMatch(
                /SEARCH [gt] USING PRIMARY KEY \((month|week|day)>\? AND (month|week|day)<\?\)/,
              );
              expect(plan, where).not.toMatch(/^SCAN [gt]$/m);
            } else {
              expect(plan, where).toMatch(
                /usage_(groups_monthly|groups_weekly|groups_daily|totals_daily)_pk/,
              );
              expect(plan, where).not.toMatch(/Seq Scan on usage_/);
            }
          }
        }
      }
    } finally {
      await plans.close();
    }
  });

  it('sums the heat map and each router’s hours (its busiest three) from monthly sums as usage_hourly does, for any period', async () => {
    const pg = isPostgres(tdb.db);
    const weekday = pg
      ? sql`(extract(isodow from day::date)::int - 1)`
      : sql`((cast(strftime('%w', day) as integer) + 6) % 7)`;
    for (const [from, to] of [
      ['2026-02-01', '2026-02-28'],
      ['2026-01-01', '2026-12-31'],
      ['2026-01-28', '2026-03-10'],
      ['2026-03-05', '2026-03-05'],
    ] as const) {
      const { rows: heat } = await sql<Record<string, unknown>>`
        select ${weekday} as w, hour, sum(bytes_in + bytes_out) as b, sum(sessions) as s from usage_hourly
        where day >= ${from} and day <= ${to} group by 1, 2 order by 1, 2`.execute(tdb.db);
      expect(await reportStore().heatMap(from, to), `${from}..${to}`).toEqual(
        heat.map((r) => ({
          weekday: Number(r.w),
          hour: Number(r.hour),
          bytes: Number(r.b),
          sessions: Number(r.s),
        })),
      );
      const { rows: hours } = await sql<Record<string, unknown>>`
        select router_id as id, hour, sum(bytes_in + bytes_out) as b from usage_hourly
        where day >= ${from} and day <= ${to} group by 1, 2 order by 1, 2`.execute(tdb.db);
      const { rows: points } = await sql<Record<string, unknown>>`
        select router_id as id, sum(bytes_out) as d, sum(bytes_in) as u, sum(sessions) as s from usage_hourly
        where day >= ${from} and day <= ${to} group by 1`.execute(tdb.db);
      const got = await reportStore().accessPoints(from, to);
      expect(points.length, `${from}..${to}`).toBeGreaterThan(0);
      for (const p of points) {
        const hourBytes = Array.from({ length: 24 }, (_, hour) =>
          hours
            .filter((h) => Number(h.id) === Number(p.id) && Number(h.hour) === hour)
            .reduce((sum, h) => sum + Number(h.b), 0),
        );
        // The busiest three of the hours summed here, the earlier hour first on a tie.
        const busiestHours = hourBytes
          .map((bytes, hour) => ({ bytes, hour }))
          .filter((h) => h.bytes > 0)
          .sort((a, b) => b.bytes - a.bytes || a.hour - b.hour)
          .slice(0, 3)
          .map((h) => h.hour);
        expect(got.find((g) => g.routerId === Number(p.id))).toMatchObject({
          bytesDown: Number(p.d),
          bytesUp: Number(p.u),
          sessions: Number(p.s),
          busiestHours,
        });
      }
    }
  });

  it('counts a day whose quota an account used up, against the plan it had', async () => {
    const { rows } = await sql<{ day: string; c: unknown }>`
      select t.day as day, count(*) as c from (
        select u.day as day, a.id, sum(u.bytes_in + u.bytes_out) as used, max(p.daily_quota_bytes) as quota
        from usage_daily u join devices d on d.id = u.device_id join accounts a on a.id = d.account_id
        left join plans p on p.id = coalesce(a.plan_id, (select min(id) from plans where is_default = 1))
        group by u.day, a.id) t
      where t.used >= t.quota group by 1 order by 1`.execute(tdb.db);
    const expected = rows.map((r) => ({ day: r.day, accounts: Number(r.c) }));
    expect(expected.length).toBeGreaterThan(5);
    expect(await reportStore().quotaExhaustion('2026-01-01', '2026-12-31')).toEqual(expected);
  });

  it('keeps each account’s running daily total equal to usage_daily summed over its devices, through retransmissions, Accounting-On and midnight', async () => {
    const db = tdb.db;
    // A Pelajar account (quota 300 MB): a session from 23:50 WIB across midnight, its interim sent twice, the
    // router's Accounting-On closing it, a new session after it whose Stop is sent twice, counters above 4 GiB.
    const accountId = accounts[3]!;
    const device = await db
      .selectFrom('devices')
      .select(['id', 'username'])
      .where('account_id', '=', accountId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const accounting = createAccountingService({ store: createStores(db).accounting, timeZone: TZ });
    const record = (
      acctSessionId: string,
      status: 'start' | 'interim' | 'stop',
      at: string,
      inputBytes: number,
      outputBytes: number,
    ) =>
      accountingRecord({
        routerId: 2,
        acctSessionId,
        status,
        at: wib(at),
        username: device.username,
        inputBytes,
        outputBytes,
        sessionTimeS: 60,
      });
    const send = async (...ops: AccountingOp[]) => {
      for (const op of ops) await accounting.submit(op);
    };
    await send(record('night-1', 'start', '2026-06-10T23:50:00', 0, 0));
    await send(record('night-1', 'interim', '2026-06-10T23:55:00', 10_000_000, 90_000_000));
    await send(record('night-1', 'interim', '2026-06-10T23:55:00', 10_000_000, 90_000_000));
    await send(record('night-1', 'interim', '2026-06-11T00:10:00', 20_000_000, 150_000_000));
    await send({ kind: 'close-router', routerId: 2, at: wib('2026-06-11T00:20:00'), cause: 'NAS-Reboot' });
    await send(record('night-1', 'interim', '2026-06-11T00:25:00', 30_000_000, 160_000_000));
    await send(record('morning-1', 'start', '2026-06-11T07:00:00', 0, 0));
    await send(record('morning-1', 'stop', '2026-06-11T08:00:00', 1_000_000, 5_000_000_000));
    await send(record('morning-1', 'stop', '2026-06-11T08:00:00', 1_000_000, 5_000_000_000));
    await accounting.drain();

    const { rows: slow } = await sql<Record<string, unknown>>`
      select u.day as day, d.account_id as account_id, sum(u.bytes_in + u.bytes_out) as bytes
      from usage_daily u join devices d on d.id = u.device_id where d.account_id is not null
      group by 1, 2`.execute(db);
    const { rows: running } = await sql<Record<string, unknown>>`
      select day, account_id, bytes from account_usage_daily`.execute(db);
    const asText = (rows: Record<string, unknown>[]) =>
      rows.map((r) => `${r.day}|${Number(r.account_id)}|${Number(r.bytes)}`).sort();
    expect(running.length).toBeGreaterThan(100);
    expect(asText(running)).toEqual(asText(slow));
    const day = (d: string) =>
      db
        .selectFrom('account_usage_daily')
        .select('bytes')
        .where('day', '=', d)
        .where('account_id', '=', accountId)
        .executeTakeFirst()
        .then((r) => Number(r?.bytes));
    // The first night's bytes on the 10th; on the 11th the rest of that session (an interim arriving after the
    // Accounting-On still books its delta, as usage_daily does) and the morning's, each retransmission once.
    expect(await day('2026-06-10')).toBe(100_000_000);
    expect(await day('2026-06-11')).toBe(90_000_000 + 5_001_000_000);
    const exhausted = await db
      .selectFrom('quota_exhausted_daily')
      .select('day')
      .where('account_id', '=', accountId)
      .where('day', '>=', '2026-06-01')
      .execute();
    expect(exhausted).toEqual([{ day: '2026-06-11' }]);
  });

  it('rebuilds exactly the same rollups from usage_daily and the auth log in the migration', async () => {
    const stores = createStores(tdb.db);
    await stores.authLog.writeBatch({
      rows: [
        {
          at: wib('2026-02-03T08:00:00'),
          lastAt: wib('2026-02-03T08:00:00'),
          count: 2,
          routerId: 1,
          mac: null,
          username: null,
          decision: 'reject',
          reason: 'quota-exceeded',
        },
      ],
      folds: [],
      bumps: [],
    });
    const kept = await snapshot(tdb.db);
    expect(kept.usage_seen!.length).toBeGreaterThan(100);
    for (const t of ROLLUPS) await sql`delete from ${sql.table(t)}`.execute(tdb.db);
    // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
    await backfill(tdb.db as Kysely<any>);
    // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
    await backfillAccountTotals(tdb.db as Kysely<any>);
    // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
    await backfillMonthly(tdb.db as Kysely<any>);
    // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
    await backfillRouterPeriods(tdb.db as Kysely<any>);
    // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
    await backfillDayHours(tdb.db as Kysely<any>);
    // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
    await backfillSeenDays(tdb.db as Kysely<any>);
    // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
    await backfillWeekly(tdb.db as Kysely<any>);
    // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
    await backfillSeenGaps(tdb.db as Kysely<any>);
    expect(await snapshot(tdb.db)).toEqual(kept);
  });

  it('keeps rejects per local day after the auth log is pruned, with a folded row’s later counts', async () => {
    const store = createStores(tdb.db).authLog;
    const row = (at: string, reason: string, routerId: number | null, count = 1) => ({
      at: wib(at),
      lastAt: wib(at),
      count,
      routerId,
      mac: '02:00:00:00:00:99',
      username: null,
      decision: 'reject' as const,
      reason,
    });
    await store.writeBatch({
      rows: [
        row('2026-05-01T00:30:00', 'device-not-found', 1),
        row('2026-05-01T23:59:00', 'device-not-found', 2),
        row('2026-05-02T07:00:00', 'account-pending', null, 3),
        { ...row('2026-05-02T07:00:00', 'ok', 1), decision: 'accept' as const },
      ],
      folds: [],
      bumps: [],
    });
    const [folded] = await store.writeBatch({
      rows: [],
      folds: [row('2026-05-02T06:59:00', 'quota-exceeded', 1)],
      bumps: [],
    });
    await store.writeBatch({
      rows: [],
      folds: [],
      bumps: [{ id: folded!, count: 4, lastAt: wib('2026-05-02T07:30:00') }],
    });
    const expected = [
      { day: '2026-05-01', reason: 'device-not-found', count: 2 },
      { day: '2026-05-02', reason: 'account-pending', count: 3 },
      { day: '2026-05-02', reason: 'quota-exceeded', count: 5 },
    ];
    const offset = 7 * 3_600_000;
    expect(await reportStore().rejects('2026-05-01', '2026-05-02', offset)).toEqual(expected);
    expect(await store.deleteBefore(wib('2027-01-01T00:00:00'))).toBeGreaterThan(0);
    expect(await reportStore().rejects('2026-05-01', '2026-05-02', offset)).toEqual(expected);
    expect(await reportStore().rejects('2026-05-02', '2026-05-02', offset)).toEqual(expected.slice(1));
  });

  it('forgets an erased resident in the first-seen rows and keeps the counts', async () => {
    const before = await reportStore().usage('2026-01-01', '2026-12-31', 'month');
    const accountId = accounts[1]!;
    const { resident_id } = await tdb.db
      .selectFrom('accounts')
      .select('resident_id')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    const seen = () =>
      tdb.db.selectFrom('usage_seen').select('period').where('subject', '=', -resident_id).execute();
    expect((await seen()).length).toBeGreaterThan(0);
    await createStores(tdb.db).accountAdmin.eraseAccount(accountId, {
      at: wib('2026-06-01T00:00:00'),
      actor: 'cli',
      action: 'account.erase',
      target: `account:${accountId}`,
    });
    expect(await seen()).toEqual([]);
    // A later account given the same id must not inherit its running daily totals.
    const totals = await tdb.db
      .selectFrom('account_usage_daily')
      .select('day')
      .where('account_id', '=', accountId)
      .execute();
    expect(totals).toEqual([]);
    expect(await reportStore().usage('2026-01-01', '2026-12-31', 'month')).toEqual(before);
  });

  it('counts a device or resident once in the row of removed access points ("-"), for whole and cut periods', async () => {
    // Two removed routers read as one label: the distinct counts cannot be summed per router any more.
    for (const id of [1, 2])
      await createStores(tdb.db).routers.remove(id, {
        at: wib('2026-06-01T00:00:00'),
        actor: 'cli',
        action: 'router.remove',
        target: `router:${id}`,
      });
    for (const [from, to] of [
      ['2026-02-01', '2026-02-28'],
      ['2026-01-01', '2026-12-31'],
      ['2026-02-10', '2026-03-20'],
      ['2026-01-24', '2026-04-08'],
    ] as const) {
      const fast = await reportStore().usage(from, to, 'router');
      expect(fast.rows.map((r) => r.key)).toEqual(['-', 'sekolah']);
      expect(fast.rows, `${from}..${to}`).toEqual(await slowUsage(tdb.db, from, to, 'router'));
    }
  });
});
