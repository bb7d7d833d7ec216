// First-seen rows (usage_seen) on one accounting store kept for the whole test, as a server keeps it: a resident
// whose account is erased (which deletes their first-seen rows) and who registers again gets every row written
// again, even on the same day, and the month and year rows carry every day's (month's) bit.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createAccountingService } from '../src/services/radius/accounting.js';
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
const bit = (n: number) => 2 ** (n - 1);

describe.each(databaseKinds)('first-seen rows of a long-lived accounting store on %s', (kind) => {
  let tdb: TestDatabase;
  afterAll(async () => {
    await tdb?.close();
  });
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
  });

  it('writes a resident’s rows again after an erasure, and keeps every day’s bit on the month and year rows', async () => {
    const db = tdb.db;
    const keyring = await testKeyring();
    const routerId = await seedRouter(db, keyring, { nasIp: '127.0.0.9', secret: 's' });
    const planId = await seedPlan(db, { is_default: 1 });
    const first = await seedAccount(db);
    await seedDevice(db, keyring, {
      accountId: first,
      mac: '02:00:00:00:00:01',
      username: 'wn-a',
      secret: 's',
    });
    const { resident_id: resident } = await db
      .selectFrom('accounts')
      .select('resident_id')
      .where('id', '=', first)
      .executeTakeFirstOrThrow();
    // One store for the whole test: its memory lives as long as the server's.
    const stores = createStores(db);
    const accounting = createAccountingService({ store: stores.accounting, timeZone: TZ });
    let n = 0;
    const session = async (username: string, day: string) => {
      const base = { routerId, acctSessionId: `s-${++n}`, username };
      const ops = [
        accountingRecord({
          ...base,
          status: 'start',
          at: wib(`${day}T08:00:00`),
          inputBytes: 0,
          outputBytes: 0,
          sessionTimeS: 0,
        }),
        accountingRecord({
          ...base,
          status: 'stop',
          at: wib(`${day}T09:00:00`),
          inputBytes: 1000,
          outputBytes: 9000,
          sessionTimeS: 3600,
        }),
      ];
      for (const op of ops) await accounting.submit(op);
    };
    const rows = async (subject: number) =>
      (
        await db
          .selectFrom('usage_seen')
          .select(['period', 'dim', 'key', 'days'])
          .where('subject', '=', subject)
          .orderBy('period')
          .orderBy('dim')
          .orderBy('key')
          .execute()
      ).map((r) => `${r.period} ${r.dim} ${r.key} ${Number(r.days)}`);
    const expected = (days: number) =>
      [
        ...(days === bit(10) ? ['d:2026-06-10 all  0'] : ['d:2026-06-09 all  0', 'd:2026-06-10 all  0']),
        `m:2026-06 all  ${days}`,
        `m:2026-06 dusun Krajan ${days}`,
        `m:2026-06 plan ${planId} ${days}`,
        `m:2026-06 router ${routerId} ${days}`,
        'w:2026-06-08 all  0',
        `y:2026 all  ${bit(6)}`,
        `y:2026 dusun Krajan ${bit(6)}`,
        `y:2026 plan ${planId} ${bit(6)}`,
        `y:2026 router ${routerId} ${bit(6)}`,
      ].sort();

    // Tuesday and Wednesday: the second day's rows are known to the store, and get the day's bit.
    await session('wn-a', '2026-06-09');
    await session('wn-a', '2026-06-10');
    const device = Number(
      (await db.selectFrom('devices').select('id').where('username', '=', 'wn-a').executeTakeFirstOrThrow())
        .id,
    );
    expect(await rows(device)).toEqual(expected(bit(9) + bit(10)));
    expect(await rows(-resident)).toEqual(expected(bit(9) + bit(10)));

    await stores.accountAdmin.eraseAccount(first, {
      at: wib('2026-06-10T12:00:00'),
      actor: 'cli',
      action: 'account.erase',
      target: `account:${first}`,
    });
    expect(await rows(-resident)).toEqual([]);

    // Registered again the same day, through a new account and phone: every row of the resident comes back.
    const again = Number(
      (
        await db
          .insertInto('accounts')
          .values({ resident_id: resident, status: 'active', plan_id: null, created_at: 0, updated_at: 0 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    await seedDevice(db, keyring, {
      accountId: again,
      mac: '02:00:00:00:00:02',
      username: 'wn-b',
      secret: 's',
    });
    await session('wn-b', '2026-06-10');
    await accounting.drain();
    expect(await rows(-resident)).toEqual(expected(bit(10)));
    // The erased account's device keeps its rows (bare numbers), untouched.
    expect(await rows(device)).toEqual(expected(bit(9) + bit(10)));
    const counted = await sql<{ residents: unknown }>`select residents from usage_counts
      where period = 'm:2026-06' and dim = 'all' and key = ''`.execute(db);
    // Counts keep the erased resident (aggregates) and count the registration again: the rows were gone.
    expect(Number(counted.rows[0]?.residents)).toBe(2);
  });
});
