// The facts a login is decided on, as the subject service gathers them from a real database: today's usage is
// read on every lookup, the month's earlier days once per account per quota day (they no longer change), and a
// new day reads them again, yesterday included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRadiusStore } from '../db/stores/radius-store.js';
import { createSubjectService } from '../src/services/radius/radius-auth.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedPlan, seedRouter, seedSubscriber, testKeyring } from './support/radius-fixtures.js';

const TZ = 'Asia/Jakarta';
const GB = 1_000_000_000;
/** 10.00 WIB on Saturday 5 December 2026, then 10.00 WIB the next day. */
const DEC_5 = Date.UTC(2026, 11, 5, 3);
const DEC_6 = DEC_5 + 86_400_000;

describe.each(databaseKinds)('subject facts (%s)', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  it('adds the month’s earlier days, read once per day, to today’s usage read on every login', async () => {
    const keyring = await testKeyring();
    const routerId = await seedRouter(t.db, keyring, { nasIp: '10.0.0.1' });
    const planId = await seedPlan(t.db, { is_default: 1, monthly_quota_bytes: 30 * GB });
    const { deviceId } = await seedSubscriber(
      t.db,
      keyring,
      { mac: '02:00:00:00:00:01', username: 'wn-00000001', secret: 'rahasia' },
      { planId },
    );
    const book = (day: string, bytes: number) =>
      t.db
        .insertInto('usage_daily')
        .values({ day, device_id: deviceId, router_id: routerId, bytes_in: bytes, bytes_out: 0 })
        .onConflict((oc) =>
          oc
            .columns(['day', 'device_id', 'router_id'])
            .doUpdateSet((eb) => ({ bytes_in: eb('usage_daily.bytes_in', '+', bytes) })),
        )
        .execute();
    await book('2026-11-30', 9 * GB); // last month
    await book('2026-12-02', 2 * GB);
    await book('2026-12-05', 1 * GB); // today

    const store = createRadiusStore(t.db);
    const reads: string[][] = [];
    let now = DEC_5;
    const subjects = createSubjectService({
      store: {
        ...store,
        usageBetween: (ids, from, before) => {
          reads.push([from, before]);
          return store.usageBetween(ids, from, before);
        },
      },
      keyring,
      now: () => now,
      timeZone: TZ,
      interimIntervalS: 300,
    });
    const facts = async () => (await subjects.lookup('wn-00000001'))!.facts;

    expect(await facts()).toMatchObject({ usedTodayBytes: 1 * GB, usedThisMonthBytes: 3 * GB });
    await book('2026-12-05', 4 * GB);
    expect(await facts()).toMatchObject({ usedTodayBytes: 5 * GB, usedThisMonthBytes: 7 * GB });
    expect(reads).toEqual([['2026-12-01', '2026-12-05']]);

    now = DEC_6;
    expect(await facts()).toMatchObject({ usedTodayBytes: 0, usedThisMonthBytes: 7 * GB });
    expect(reads).toEqual([
      ['2026-12-01', '2026-12-05'],
      ['2026-12-01', '2026-12-06'],
    ]);
  });

  it('reads no earlier days on the 1st, when the month is only today', async () => {
    const keyring = await testKeyring();
    const planId = await seedPlan(t.db, { is_default: 1, monthly_quota_bytes: 30 * GB });
    await seedSubscriber(
      t.db,
      keyring,
      { mac: '02:00:00:00:00:02', username: 'wn-00000002', secret: 'rahasia' },
      { planId },
    );
    const store = createRadiusStore(t.db);
    let reads = 0;
    const subjects = createSubjectService({
      store: {
        ...store,
        usageBetween: (...args) => {
          reads++;
          return store.usageBetween(...args);
        },
      },
      keyring,
      // 00.30 WIB on 1 December.
      now: () => Date.UTC(2026, 10, 30, 17, 30),
      timeZone: TZ,
      interimIntervalS: 300,
    });
    expect((await subjects.lookup('wn-00000002'))?.facts.usedThisMonthBytes).toBe(0);
    expect(reads).toBe(0);
  });
});
