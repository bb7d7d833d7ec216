import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import { createAccountingStore } from './accounting-store.js';

const DAY = 86_400_000;

describe.each(databaseKinds)('accounting store retention on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.close());

  it('deletes only sessions that ended before the cutoff, never live ones, and keeps daily totals', async () => {
    const now = Date.UTC(2026, 10, 28);
    const { id: routerId } = await t.db
      .insertInto('routers')
      .values({ name: 'balai', nas_ip: '10.0.0.1', radius_secret_enc: 'x', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = (
      acctId: string,
      state: string,
      stoppedAt: number | null,
      startedAt = now - 400 * DAY,
    ) => ({
      router_id: routerId,
      acct_session_id: acctId,
      username: 'wn-abcdefgh',
      started_at: startedAt,
      updated_at: stoppedAt ?? startedAt,
      stopped_at: stoppedAt,
      state,
    });
    await t.db
      .insertInto('sessions')
      .values([
        session('80000001', 'stopped', now - 400 * DAY), // ended long ago: goes
        session('80000002', 'closed', now - 366 * DAY), // closed by us long ago: goes
        session('80000003', 'stopped', now - 10 * DAY), // recent: stays
        session('80000004', 'active', null), // a year-long live session: stays
      ])
      .execute();
    await t.db
      .insertInto('usage_daily')
      .values({
        day: '2025-10-01',
        device_id: 0,
        router_id: routerId,
        bytes_in: 5,
        bytes_out: 7,
        seconds: 1,
        sessions: 1,
      })
      .execute();

    const deleted = await createAccountingStore(t.db).deleteSessionsEndedBefore(now - 365 * DAY);

    expect(deleted).toBe(2);
    const left = await t.db
      .selectFrom('sessions')
      .select('acct_session_id')
      .orderBy('acct_session_id')
      .execute();
    expect(left.map((r) => r.acct_session_id)).toEqual(['80000003', '80000004']);
    expect(await t.db.selectFrom('usage_daily').select('bytes_in').execute()).toEqual([{ bytes_in: 5 }]);
  });
});

describe.each(databaseKinds)('accounting store writes on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.close());

  it('stores a batch whole or not at all: a row that breaks a constraint undoes the rows before it', async () => {
    const now = Date.UTC(2026, 10, 28);
    const { id: routerId } = await t.db
      .insertInto('routers')
      .values({ name: 'balai', nas_ip: '10.0.0.9', radius_secret_enc: 'x', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = (acctSessionId: string, router: number) => ({
      routerId: router,
      acctSessionId,
      deviceId: null,
      username: 'wn-abcdefgh',
      mac: null,
      framedIp: null,
      nasPort: null,
      className: null,
      startedAt: now,
      updatedAt: now,
      stoppedAt: null,
      inputBytes: 5 * 2 ** 32 + 1,
      outputBytes: 7,
      sessionTimeS: 0,
      terminateCause: null,
      state: 'active',
    });
    const usage = {
      day: '2026-11-28',
      deviceId: 0,
      routerId,
      bytesIn: 5,
      bytesOut: 7,
      seconds: 1,
      sessions: 1,
    };
    const store = createAccountingStore(t.db);
    const apply = (sessions: ReturnType<typeof session>[]) =>
      store.applyBatch([], { usernames: [], macs: [] }, () => ({
        closeRouters: [],
        sessions,
        usage: [usage],
      }));

    // The second session names a router that does not exist: the foreign key refuses it.
    await expect(
      apply([session('80000001', routerId), session('80000002', routerId + 999)]),
    ).rejects.toThrow();
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom('usage_daily').selectAll().execute()).toEqual([]);

    await apply([session('80000001', routerId)]);
    await apply([{ ...session('80000001', routerId), updatedAt: now + 1, outputBytes: 9 }]);
    const rows = await t.db
      .selectFrom('sessions')
      .select(['input_bytes', 'output_bytes', 'updated_at'])
      .execute();
    expect(rows.map((r) => [Number(r.input_bytes), Number(r.output_bytes), Number(r.updated_at)])).toEqual([
      [5 * 2 ** 32 + 1, 9, now + 1],
    ]);
    const day = await t.db
      .selectFrom('usage_daily')
      .select(['bytes_in', 'sessions'])
      .executeTakeFirstOrThrow();
    expect([Number(day.bytes_in), Number(day.sessions)]).toEqual([10, 2]);
  });
});
