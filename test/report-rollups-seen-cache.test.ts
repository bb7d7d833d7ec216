// The accounting store remembers the first-seen rows it stored (db/stores/seen-cache.ts) and skips offering them
// again. Proven here: a resident whose account was erased (which deletes their first-seen rows) and who registers
// again is recorded in every period's first-seen rows again by the very same store, as a store that remembers
// nothing would; and the rows the store skips are exactly the ones already stored.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createAccountingService } from '../src/services/radius/accounting.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedAccount, seedDevice, seedPlan, seedRouter, testKeyring } from './support/radius-fixtures.js';

const TZ = 'Asia/Jakarta';
const wib = (d: string) => Date.parse(`${d}+07:00`);

describe.each(databaseKinds)('first-seen rows remembered by the accounting store on %s', (kind) => {
  let tdb: TestDatabase;
  afterAll(async () => {
    await tdb?.close();
  });
  let routerId: number;
  let planId: number;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    routerId = await seedRouter(tdb.db, keyring, { name: 'balai', nasIp: '127.0.0.1', secret: 's' });
    planId = await seedPlan(tdb.db, { is_default: 1, daily_quota_bytes: null });
  });

  it('records an erased resident who registers again in every period, as without the cache', async () => {
    const db = tdb.db;
    const keyring = await testKeyring();
    const stores = createStores(db);
    const accounting = createAccountingService({ store: stores.accounting, timeZone: TZ });
    const session = async (username: string, id: string, day: string) => {
      for (const [status, at, bytes] of [
        ['start', `${day}T08:00:00`, 0],
        ['stop', `${day}T09:00:00`, 5_000],
      ] as const)
        await accounting.submit({
          kind: 'record',
          record: {
            routerId,
            acctSessionId: id,
            username,
            mac: null,
            framedIp: null,
            nasPort: null,
            className: null,
            deviceId: null,
            terminateCause: null,
            status,
            at: wib(at),
            inputBytes: bytes,
            outputBytes: bytes,
            sessionTimeS: 3600,
          },
        });
    };
    const first = await seedAccount(db);
    const { resident_id: resident } = await db
      .selectFrom('accounts')
      .select('resident_id')
      .where('id', '=', first)
      .executeTakeFirstOrThrow();
    await seedDevice(db, keyring, {
      accountId: first,
      mac: '02:00:00:00:00:01',
      username: 'wn-a',
      secret: 's',
    });
    const seenOf = async () =>
      (
        await db
          .selectFrom('usage_seen')
          .select(['period', 'dim', 'key'])
          .where('subject', '=', -resident)
          .execute()
      )
        .map((r) => `${r.period} ${r.dim} ${r.key}`)
        .sort();
    const monthAndYear = (day: string, week: string) => [
      `d:${day} all `,
      `m:2026-03 all `,
      `m:2026-03 dusun Krajan`,
      `m:2026-03 plan ${planId}`,
      `m:2026-03 router ${routerId}`,
      `w:${week} all `,
      `y:2026 all `,
      `y:2026 dusun Krajan`,
      `y:2026 plan ${planId}`,
      `y:2026 router ${routerId}`,
    ];
    await session('wn-a', 's1', '2026-03-02');
    // The second day's coarser rows are remembered, not offered: they are stored already.
    await session('wn-a', 's2', '2026-03-03');
    await accounting.drain();
    expect(await seenOf()).toEqual([...monthAndYear('2026-03-02', '2026-03-02'), 'd:2026-03-03 all '].sort());

    await stores.accountAdmin.eraseAccount(first, {
      at: wib('2026-03-03T12:00:00'),
      actor: 'cli',
      action: 'account.erase',
      target: `account:${first}`,
    });
    expect(await seenOf()).toEqual([]);
    const { counts: before } = await countsOf(tdb);

    // The same resident registers again: a new account and device, traffic through the same store.
    const again = await db
      .insertInto('accounts')
      .values({ resident_id: resident, status: 'active', plan_id: null, created_at: 0, updated_at: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await seedDevice(db, keyring, {
      accountId: again.id,
      mac: '02:00:00:00:00:02',
      username: 'wn-b',
      secret: 's',
    });
    await session('wn-b', 's3', '2026-03-04');
    await accounting.drain();
    expect(await seenOf()).toEqual(monthAndYear('2026-03-04', '2026-03-02').sort());
    // Each row inserted again counted once more (the counts keep the erased resident, as erasure leaves them).
    const { counts: after } = await countsOf(tdb);
    expect(after.get('m:2026-03 all ')).toBe((before.get('m:2026-03 all ') ?? 0) + 1);
    expect(after.get('y:2026 router ' + routerId)).toBe((before.get(`y:2026 router ${routerId}`) ?? 0) + 1);
  });
});

/** usage_counts' residents per `period dim key`. */
async function countsOf(tdb: TestDatabase) {
  const { rows } = await sql<{ period: string; dim: string; key: string; residents: unknown }>`
    select period, dim, key, residents from usage_counts`.execute(tdb.db);
  return { counts: new Map(rows.map((r) => [`${r.period} ${r.dim} ${r.key}`, Number(r.residents)])) };
}
