// Each account's running daily total (account_usage_daily) and the quota days (quota_exhausted_daily), through
// every way the accounting transaction writes them: a day's first packet, the packets under the quota, the one
// that reaches it, the packets after it, and an account whose plan has no daily quota (no total is checked).
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

describe.each(databaseKinds)('account daily totals on %s', (kind) => {
  let tdb: TestDatabase;
  afterAll(async () => {
    await tdb?.close();
  });
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
  });

  it('adds every packet to its account’s day and records the quota day once, with or without a quota', async () => {
    const db = tdb.db;
    const keyring = await testKeyring();
    const routerId = await seedRouter(db, keyring, { nasIp: '127.0.0.11', secret: 's' });
    await seedPlan(db, { is_default: 1, daily_quota_bytes: 1_000 });
    const unlimited = await seedPlan(db, {
      name: 'Lembaga',
      profile_name: 'lembaga',
      daily_quota_bytes: null,
    });
    const capped = await seedAccount(db);
    const free = await seedAccount(db, { planId: unlimited });
    await seedDevice(db, keyring, {
      accountId: capped,
      mac: '02:00:00:00:01:01',
      username: 'wn-c',
      secret: 's',
    });
    await seedDevice(db, keyring, {
      accountId: free,
      mac: '02:00:00:00:01:02',
      username: 'wn-f',
      secret: 's',
    });
    const accounting = createAccountingService({ store: createStores(db).accounting, timeZone: TZ });
    const packet = (username: string, status: 'start' | 'interim' | 'stop', at: string, bytes: number) =>
      accountingRecord({
        routerId,
        acctSessionId: `s-${username}`,
        status,
        at: wib(at),
        username,
        inputBytes: bytes / 2,
        outputBytes: bytes / 2,
        sessionTimeS: 60,
      });
    // One packet a transaction: 400 (the day's first), 800 (under 1,000), 1,200 (reaches it), 1,600 (over it).
    for (const username of ['wn-c', 'wn-f']) {
      await accounting.submit(packet(username, 'start', '2026-07-01T08:00:00', 0));
      for (const [i, bytes] of [400, 800, 1_200, 1_600].entries()) {
        await accounting.submit(packet(username, 'interim', `2026-07-01T08:0${i + 1}:00`, bytes));
        await accounting.drain();
      }
    }
    const totals = await db
      .selectFrom('account_usage_daily')
      .select(['account_id', 'bytes'])
      .where('day', '=', '2026-07-01')
      .orderBy('account_id')
      .execute();
    expect(totals.map((t) => [Number(t.account_id), Number(t.bytes)])).toEqual([
      [capped, 1_600],
      [free, 1_600],
    ]);
    const exhausted = await db.selectFrom('quota_exhausted_daily').select(['day', 'account_id']).execute();
    expect(exhausted.map((e) => [e.day, Number(e.account_id)])).toEqual([['2026-07-01', capped]]);
  });
});
