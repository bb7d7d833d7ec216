// usage_seen_gaps with two PostgreSQL writers at once (issue 12): two nodes book one subject's first packets of
// two days in different years at the same moment. Their transactions share no first-seen row (the years' rows
// differ, and so may the weeks' and months'), so each would count its day without the other's: the cells then
// differ from the migration's backfill. One transaction is held after its cells by a third connection's row lock
// on a row it writes later (usage_hourly), so the other runs wholly inside it; then the lock is let go. A batch
// too large to lock each subject still waits for, or holds up, its subjects' other batches; a small one holds up
// no other subject's.
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfill } from '../db/migrations/2026-12-31-usage-seen-gaps.js';
import { type OpenDatabase, openDatabase } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { createStores } from '../db/stores/index.js';
import {
  type AccountingOp,
  type AccountingService,
  createAccountingService,
} from '../src/services/radius/accounting.js';
import { createTestDatabase, pgUrl, type TestDatabase } from './support/databases.js';
import {
  accountingRecord,
  seedAccount,
  seedDevice,
  seedManyDevices,
  seedPlan,
  seedRouter,
  testKeyring,
  usernameFor,
} from './support/radius-fixtures.js';

const TZ = 'Asia/Jakarta';
const wib = (d: string) => Date.parse(`${d}+07:00`);

async function cellsKept(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select day, prev_day, devices, residents from usage_seen_gaps`.execute(db);
  return rows.map((r) => Object.values(r).map(String).join(' ')).sort();
}

/** The cells the migration's backfill builds from the first-seen rows (it leaves them in place). */
async function cellsOfBackfill(db: Kysely<Database>): Promise<string[]> {
  await sql`delete from usage_seen_gaps`.execute(db);
  // biome-ignore lint/suspicious/noExplicitAny: the migration's own type
  await backfill(db as Kysely<any>);
  return cellsKept(db);
}

/** How many of the database's backends wait for a lock (a row's, a transaction's, an advisory one). */
async function waitingForLocks(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
  return rows[0]?.n ?? 0;
}

async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe.skipIf(!pgUrl)('usage_seen_gaps with two PostgreSQL writers across a year end', () => {
  let tdb: TestDatabase;
  let other: OpenDatabase;
  let nodes: [AccountingService, AccountingService];
  let routerId: number;
  let seq = 0;
  const keyring = testKeyring();

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    other = openDatabase({ url: tdb.url, sqliteFile: '' });
    routerId = await seedRouter(tdb.db, await keyring, { nasIp: '127.0.0.9', secret: 's' });
    await seedPlan(tdb.db, { is_default: 1 });
    // Two nodes: each its own pool and its own group commit, as two RADIUS servers on one database.
    nodes = [
      createAccountingService({ store: createStores(tdb.db).accounting, timeZone: TZ }),
      createAccountingService({ store: createStores(other.db).accounting, timeZone: TZ }),
    ];
  });
  afterAll(async () => {
    await other?.close();
    await tdb?.close();
  });

  /** A new resident's phone. */
  const newDevice = async () => {
    const username = `wn-${++seq}`;
    await seedDevice(tdb.db, await keyring, {
      accountId: await seedAccount(tdb.db),
      mac: `02:00:00:00:01:${seq.toString(16).padStart(2, '0')}`,
      username,
      secret: 's',
    });
    return username;
  };
  /** A session's start at 10:00 local time on `day`, sent to a node: the device's first packet of the day. */
  const start = (node: AccountingService, username: string, day: string) => {
    const op: AccountingOp = accountingRecord({
      routerId,
      acctSessionId: `s-${++seq}`,
      username,
      status: 'start',
      at: wib(`${day}T10:00:00`),
      inputBytes: 0,
      outputBytes: 0,
      sessionTimeS: 0,
    });
    return node.submit(op);
  };

  /**
   * Runs `held` (batches that book `day`) until it waits for a third connection's row lock on that day's
   * usage_hourly rows, after its cells; then runs `meanwhile` until it commits or waits too; then lets go.
   * Tells whether `meanwhile` committed while `held` was held.
   */
  async function overlap(
    day: string,
    held: () => Promise<unknown>,
    meanwhile: () => Promise<unknown>,
  ): Promise<boolean> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const locker = tdb.db.transaction().execute(async (trx) => {
      await sql`select 1 from usage_hourly where day = ${day} for update`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    let committed = false;
    let settled = false;
    try {
      const first = held();
      await until('the held batch waits for the row lock', async () => (await waitingForLocks(tdb.db)) >= 1);
      const second = meanwhile().then(
        () => {
          committed = true;
        },
        (e: unknown) => {
          settled = true;
          throw e;
        },
      );
      await until(
        'the other batch commits or waits',
        async () => committed || settled || (await waitingForLocks(tdb.db)) >= 2,
      );
      const whileHeld = committed;
      release();
      await Promise.all([locker, first, second]);
      return whileHeld;
    } finally {
      release();
    }
  }

  it.each([
    // Thursday and Friday of one ISO week: the week's rows (usage groups, first-seen) are common to both.
    ['2026-12-31', '2027-01-01', '2026-12-20'],
    // Sunday and Monday: no row in common at all, whichever is held.
    ['2028-12-31', '2029-01-01', '2028-12-20'],
    ['2029-01-01', '2028-12-31', '2028-12-20'],
  ])('keeps the backfill cells when %s is booked while %s is', async (held, meanwhile, before) => {
    const phone = await newDevice();
    await start(nodes[0], phone, before);
    // Another phone's packet of the held day, 10:00: the usage_hourly row the held batch adds to last.
    await start(nodes[0], await newDevice(), held);
    await overlap(
      held,
      () => start(nodes[0], phone, held),
      () => start(nodes[1], phone, meanwhile),
    );
    const live = await cellsKept(tdb.db);
    expect(live).toEqual(await cellsOfBackfill(tdb.db));
    // The later day follows the earlier one, whichever was booked first.
    const [early, late] = [held, meanwhile].sort();
    expect(live.some((c) => c.startsWith(`${late} ${early} `))).toBe(true);
  });

  it('keeps them when the held batch has too many subjects to lock each (300 phones and their residents)', async () => {
    const plan = await tdb.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
    await seedManyDevices(tdb.db, await keyring, 300, plan.id);
    const phone = await newDevice();
    await start(nodes[0], phone, '2034-12-20');
    await start(nodes[0], await newDevice(), '2034-12-31');
    await overlap(
      '2034-12-31',
      () =>
        Promise.all([
          start(nodes[0], phone, '2034-12-31'),
          ...Array.from({ length: 300 }, (_, i) => start(nodes[0], usernameFor(i), '2034-12-31')),
        ]),
      () => start(nodes[1], phone, '2035-01-01'),
    );
    const live = await cellsKept(tdb.db);
    expect(live).toEqual(await cellsOfBackfill(tdb.db));
    expect(live).toContain('2035-01-01 2034-12-31 1 1');
  });

  it("does not hold up a batch of another subject's first packet", async () => {
    const [one, two] = [await newDevice(), await newDevice()];
    await start(nodes[0], await newDevice(), '2040-12-31');
    const whileHeld = await overlap(
      '2040-12-31',
      () => start(nodes[0], one, '2040-12-31'),
      () => start(nodes[1], two, '2041-01-07'),
    );
    expect(whileHeld).toBe(true);
    expect(await cellsKept(tdb.db)).toEqual(await cellsOfBackfill(tdb.db));
  });
});
