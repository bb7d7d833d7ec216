// usage_seen_gaps (2026-12-31 migration): each subject's active day counted in the cell (day, its previous active
// day), from which the reports read the distinct devices and residents of any range. Proven here on both
// databases, with accounting sent out of order as routers do: a late packet for an earlier day (in the same month,
// an earlier month, an earlier year across a year the subject skipped), a batch holding several days of one
// subject between its known days, and sessions across midnight keep the cells exactly those counted from
// usage_daily after every step; every range's distinct counts equal usage_daily's; the migration's backfill from
// the first-seen rows rebuilds exactly the live cells.
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfill } from '../db/migrations/2026-12-31-usage-seen-gaps.js';
import type { Database } from '../db/schema.js';
import { createStores } from '../db/stores/index.js';
import { addDays } from '../src/domain/report-period.js';
import { type AccountingOp, createAccountingService } from '../src/services/radius/accounting.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
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

/** The cells counted straight from usage_daily: each subject's distinct days and the day before each. */
async function cellsFromUsage(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select x.day, x.prev_day, sum(case when x.subject > 0 then 1 else 0 end) as devices,
      sum(case when x.subject < 0 then 1 else 0 end) as residents
    from (select s.day, s.subject,
        coalesce(lag(s.day) over (partition by s.subject order by s.day), '') as prev_day
      from (select u.day as day, u.device_id as subject from usage_daily u where u.device_id <> 0
        union
        select u.day, -a.resident_id from usage_daily u join devices d on d.id = u.device_id
          join accounts a on a.id = d.account_id where a.resident_id is not null) s) x
    group by x.day, x.prev_day`.execute(db);
  return rows.map((r) => Object.values(r).map(String).join(' ')).sort();
}

async function cellsKept(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select day, prev_day, devices, residents from usage_seen_gaps`.execute(db);
  return rows.map((r) => Object.values(r).map(String).join(' ')).sort();
}

/** Distinct devices and residents of [from, to] counted from usage_daily. */
async function slowDistinct(db: Kysely<Database>, from: string, to: string) {
  const { rows } = await sql<{ devices: unknown; residents: unknown }>`
    select count(distinct case when u.device_id <> 0 then u.device_id end) as devices,
      count(distinct a.resident_id) as residents
    from usage_daily u left join devices d on d.id = u.device_id left join accounts a on a.id = d.account_id
    where u.day >= ${from} and u.day <= ${to}`.execute(db);
  return { devices: Number(rows[0]?.devices), residents: Number(rows[0]?.residents) };
}

describe.each(databaseKinds)('distinct counts from usage_seen_gaps on %s', (kind) => {
  let tdb: TestDatabase;
  let submit: (ops: readonly AccountingOp[]) => Promise<void>;
  let seq = 0;
  const days = new Set<string>();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const db = tdb.db;
    const keyring = await testKeyring();
    const routerId = await seedRouter(db, keyring, { nasIp: '127.0.0.7', secret: 's' });
    await seedPlan(db, { is_default: 1 });
    // a and b: one resident's two phones; c another resident's.
    const first = await seedAccount(db);
    await seedDevice(db, keyring, {
      accountId: first,
      mac: '02:00:00:00:00:0a',
      username: 'wn-a',
      secret: 's',
    });
    await seedDevice(db, keyring, {
      accountId: first,
      mac: '02:00:00:00:00:0b',
      username: 'wn-b',
      secret: 's',
    });
    const second = await seedAccount(db);
    await seedDevice(db, keyring, {
      accountId: second,
      mac: '02:00:00:00:00:0c',
      username: 'wn-c',
      secret: 's',
    });
    const accounting = createAccountingService({ store: createStores(db).accounting, timeZone: TZ });
    /** The records' starts as one group commit, then their updates and stops as another (one batch). */
    submit = async (ops) => {
      await Promise.all(
        ops
          .filter((o) => o.kind === 'record' && o.record.status === 'start')
          .map((o) => accounting.submit(o)),
      );
      await Promise.all(
        ops
          .filter((o) => o.kind !== 'record' || o.record.status !== 'start')
          .map((o) => accounting.submit(o)),
      );
      await accounting.drain();
    };
    void routerId;
    record = (username, status, at, bytes, id) =>
      accountingRecord({
        routerId,
        acctSessionId: id,
        username,
        status,
        at: wib(at),
        inputBytes: bytes,
        outputBytes: bytes * 3,
        sessionTimeS: 60,
      });
  });
  afterAll(async () => {
    await tdb?.close();
  });

  let record: (
    username: string,
    status: 'start' | 'interim' | 'stop',
    at: string,
    bytes: number,
    id: string,
  ) => AccountingOp;
  /** A session of `username` on `day`, 10:00 to 11:00. */
  const session = (username: string, day: string): AccountingOp[] => {
    const id = `s-${++seq}`;
    days.add(day);
    return [
      record(username, 'start', `${day}T10:00:00`, 0, id),
      record(username, 'stop', `${day}T11:00:00`, 5_000 + seq, id),
    ];
  };

  const steps: Array<[string, () => AccountingOp[]]> = [
    [
      'in order',
      () => [
        ...session('wn-a', '2026-03-10'),
        ...session('wn-b', '2026-03-10'),
        ...session('wn-c', '2026-03-10'),
      ],
    ],
    ['a later day', () => session('wn-a', '2026-03-12')],
    ['a late packet between two known days of the month', () => session('wn-a', '2026-03-11')],
    [
      'a late packet in an earlier month',
      () => [...session('wn-a', '2026-01-05'), ...session('wn-c', '2026-01-05')],
    ],
    ['a day in an earlier year', () => session('wn-c', '2025-05-05')],
    ['a late packet two years back, across a year the subject skipped', () => session('wn-a', '2024-07-01')],
    [
      'one batch with several days of a subject between and around its known days',
      () => [
        ...session('wn-a', '2026-03-09'),
        ...session('wn-a', '2026-03-13'),
        ...session('wn-a', '2026-02-01'),
        ...session('wn-b', '2026-03-11'),
        ...session('wn-b', '2026-01-04'),
      ],
    ],
    [
      'a session across midnight, and a late one across midnight before known days',
      () => {
        days.add('2026-03-20').add('2026-03-21').add('2026-03-01').add('2026-03-02');
        return [
          record('wn-a', 'start', '2026-03-20T23:00:00', 0, 'night-a'),
          record('wn-a', 'interim', '2026-03-21T00:30:00', 7_000, 'night-a'),
          record('wn-a', 'stop', '2026-03-21T00:50:00', 9_000, 'night-a'),
          record('wn-c', 'start', '2026-03-01T23:30:00', 0, 'night-c'),
          record('wn-c', 'stop', '2026-03-02T00:30:00', 8_000, 'night-c'),
        ];
      },
    ],
    ['a day in a later year', () => session('wn-b', '2027-01-02')],
    [
      'a late packet at the end of the year before it',
      () => [...session('wn-b', '2026-12-31'), ...session('wn-c', '2026-12-30')],
    ],
  ];

  it('keeps the cells those of usage_daily after every packet, in order or not', async () => {
    for (const [what, ops] of steps) {
      await submit(ops());
      expect(await cellsKept(tdb.db), what).toEqual(await cellsFromUsage(tdb.db));
    }
    expect((await cellsKept(tdb.db)).length).toBeGreaterThan(15);
  });

  it('counts the distinct devices and residents of every range exactly as usage_daily does', async () => {
    const ends = [...days, '2024-01-01', '2026-03-15', '2027-12-31'].sort();
    const reports = createStores(tdb.db).reports;
    for (const from of ends)
      for (const to of ends) {
        if (to < from) continue;
        const { devices, residents } = await reports.usageTotals(from, to);
        expect({ devices, residents }, `${from}..${to}`).toEqual(await slowDistinct(tdb.db, from, to));
      }
    // Week and month rows cut by the range (all of them in one statement), each as its part in the range.
    for (const [from, to] of [
      ['2026-03-04', '2026-03-19'],
      ['2026-01-05', '2026-03-11'],
      ['2025-05-05', '2027-01-01'],
    ] as const)
      for (const by of ['week', 'month'] as const) {
        const { rows } = await reports.usage(from, to, by);
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) {
          const start = by === 'week' ? r.key : `${r.key}-01`;
          const end =
            by === 'week' ? addDays(r.key, 6) : addDays(`${addDays(`${r.key}-28`, 4).slice(0, 7)}-01`, -1);
          // The row's days inside the range (ISO days compare as text).
          const part = [[start, from].sort()[1]!, [end, to].sort()[0]!] as const;
          expect({ devices: r.devices, residents: r.residents }, `${by} ${r.key} of ${from}..${to}`).toEqual(
            await slowDistinct(tdb.db, ...part),
          );
        }
      }
  });

  it('rebuilds exactly the live cells from the first-seen rows in the migration', async () => {
    const live = await cellsKept(tdb.db);
    await sql`delete from usage_seen_gaps`.execute(tdb.db);
    // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
    await backfill(tdb.db as Kysely<any>);
    expect(await cellsKept(tdb.db)).toEqual(live);
  });
});
