import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayOf, quotaMonth } from '../../src/domain/quota-day.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import {
  seedAccount,
  seedDevice,
  seedPlan,
  seedRouter,
  testKeyring,
} from '../../test/support/radius-fixtures.js';
import { createRadiusStore } from './radius-store.js';

const TZ = 'Asia/Jakarta';
/** 07.00 WIB on Saturday 5 December 2026. */
const NOW = Date.UTC(2026, 11, 5, 0);
const GB = 1_000_000_000;

describe.each(databaseKinds)('radius store (%s)', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  const usage = (day: string, deviceId: number, routerId: number, bytesIn: number, bytesOut: number) =>
    t.db
      .insertInto('usage_daily')
      .values({ day, device_id: deviceId, router_id: routerId, bytes_in: bytesIn, bytes_out: bytesOut })
      .execute();

  it('sums an account’s usage today, and on the month’s earlier days in Asia/Jakarta without last month’s last day', async () => {
    const keyring = await testKeyring();
    const balai = await seedRouter(t.db, keyring, { name: 'balai', nasIp: '10.0.0.1' });
    const masjid = await seedRouter(t.db, keyring, { name: 'masjid', nasIp: '10.0.0.2' });
    const account = await seedAccount(t.db);
    const other = await seedAccount(t.db);
    const monthOnly = await seedAccount(t.db);
    const device = (accountId: number, n: number) =>
      seedDevice(t.db, keyring, {
        accountId,
        mac: `02:00:00:00:00:0${n}`,
        username: `wn-0000000${n}`,
        secret: 'x',
      });
    const phone = await device(account, 1);
    const laptop = await device(account, 2);
    const otherPhone = await device(other, 3);
    const monthOnlyPhone = await device(monthOnly, 4);

    // The month boundary as the village lives it: 23.59 WIB on 30 November is November, 00.00 is December.
    expect(quotaMonth(Date.UTC(2026, 10, 30, 16, 59, 59), TZ).firstDay).toBe('2026-11-01');
    const day = dayOf(NOW, TZ);
    const { firstDay } = quotaMonth(NOW, TZ);
    expect([day, firstDay]).toEqual(['2026-12-05', '2026-12-01']);

    await usage('2026-11-30', phone, balai, 7 * GB, 7 * GB); // last month's last day: not counted
    await usage('2026-11-01', laptop, balai, 9 * GB, 0); // last month's first day: not counted
    await usage('2026-12-01', phone, balai, 3 * GB, 2 * GB); // 00.00 WIB on the 1st onwards: counted
    await usage('2026-12-01', laptop, masjid, 1 * GB, 0);
    await usage('2026-12-05', phone, balai, 4 * GB, 1 * GB); // today, on two routers
    await usage('2026-12-05', phone, masjid, 300, 200);
    await usage('2026-12-05', otherPhone, balai, 11 * GB, 0); // another account
    await usage('2026-12-03', monthOnlyPhone, balai, 2 * GB, 0); // this month, nothing today

    const store = createRadiusStore(t.db);
    const today = await store.accountUsage([account, monthOnly], day, NOW - 600_000);
    expect(Object.fromEntries(today)).toEqual({
      // Above 2^32 on purpose: the sums travel as 64-bit integers on both databases.
      [account]: { activeDeviceIds: [], usedTodayBytes: 5 * GB + 500 },
    });
    const earlier = await store.usageBetween([account, other, monthOnly], firstDay, day);
    expect(Object.fromEntries(earlier)).toEqual({ [account]: 6 * GB, [monthOnly]: 2 * GB });
  });

  it('reads each plan’s monthly quota as a number, null when the plan has none', async () => {
    const capped = await seedPlan(t.db, {
      name: 'Bulanan',
      profile_name: 'bulanan',
      monthly_quota_bytes: 30 * GB,
    });
    const open = await seedPlan(t.db, { name: 'Bebas', profile_name: 'bebas', is_default: 1 });
    const plans = await createRadiusStore(t.db).findPlans();
    expect(plans.byId.get(capped)?.monthly_quota_bytes).toBe(30 * GB);
    expect(plans.byId.get(open)?.monthly_quota_bytes).toBeNull();
    expect(plans.defaultPlan?.id).toBe(open);
  });
});
