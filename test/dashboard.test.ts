// The dashboard's figures from known data, on SQLite and PostgreSQL: routers by health with their live
// sessions, today's data and registrations in the village's time zone, pending approvals, the last hour's
// rejects by reason (folded rows included, older ones not), failed router jobs; one reading shared for a while.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { createDashboard } from '../src/services/dashboard/dashboard.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { testKeyring } from './support/radius-fixtures.js';

// 10:00 WIB on 10 December 2026; the local day began at 17:00 UTC the day before.
const NOW = Date.UTC(2026, 11, 10, 3, 0, 0);
const TODAY_START = Date.UTC(2026, 11, 9, 17, 0, 0);
const MIN = 60_000;

describe.each(databaseKinds)('dashboard summary (%s)', (kind) => {
  let t: TestDatabase;
  const routerIds: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const router = async (name: string, nas: string, health: string, lastContact: number | null) => {
      const r = await t.db
        .insertInto('routers')
        .values({
          ...{ name, nas_ip: nas, radius_secret_enc: 'x', health, last_contact_at: lastContact },
          ...{ health_changed_at: lastContact, created_at: 1, updated_at: 1 },
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      routerIds[name] = r.id;
    };
    await router('Balai', '10.0.0.1', 'up', NOW - 30_000);
    await router('Pos Ronda', '10.0.0.2', 'down', NOW - 50 * MIN);
    await router('Masjid', '10.0.0.3', 'unknown', null);

    const account = async (n: number, status: string, createdAt: number) => {
      const r = await t.db
        .insertInto('residents')
        .values({
          ...{ nik_index: `nik-${n}`, nik_masked: 'm', kk_index: 'kk', kk_masked: 'k', name: `Warga ${n}` },
          ...{ sex: null, birth_date: null, dusun: 'Krajan', rw: '1', rt: '1', kk_level: null },
          ...{ status_dasar: 1, active: 1, warnings: null, import_batch_id: null },
          ...{ created_at: 1, updated_at: 1, deactivated_at: null },
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('accounts')
        .values({ resident_id: r.id, status, plan_id: null, created_at: createdAt, updated_at: createdAt })
        .execute();
    };
    await account(1, 'active', TODAY_START - 1); // yesterday, one millisecond before local midnight
    await account(2, 'pending', TODAY_START - 5 * MIN);
    await account(3, 'pending', TODAY_START);
    await account(4, 'active', NOW - MIN);
    await account(5, 'suspended', NOW - 2 * MIN);

    const session = (routerId: number, id: string, state: string) =>
      t.db
        .insertInto('sessions')
        .values({
          ...{ router_id: routerId, acct_session_id: id, username: 'u', started_at: NOW - MIN },
          ...{ updated_at: NOW, state },
        })
        .execute();
    await session(routerIds.Balai!, 'a', 'active');
    await session(routerIds.Balai!, 'b', 'active');
    await session(routerIds.Balai!, 'c', 'stopped');
    await session(routerIds['Pos Ronda']!, 'd', 'active');
    await session(routerIds['Pos Ronda']!, 'e', 'closed');

    const usage = (day: string, device: number, bytesIn: number, bytesOut: number) =>
      t.db
        .insertInto('usage_daily')
        .values({
          day,
          device_id: device,
          router_id: routerIds.Balai!,
          bytes_in: bytesIn,
          bytes_out: bytesOut,
        })
        .execute();
    await usage('2026-12-09', 1, 9999, 9999);
    await usage('2026-12-10', 1, 100, 1000);
    // Beyond 2^32: sums are exact 64-bit figures.
    await usage('2026-12-10', 2, 50, 5_000_000_000);
    await usage('2026-12-11', 1, 7777, 7777);

    // Written in time order, as the auth log's batches are.
    const log = (at: number, lastAt: number, decision: string, reason: string, count = 1) =>
      t.db
        .insertInto('auth_log')
        .values({ at, last_at: lastAt, count, router_id: null, mac: null, username: null, decision, reason })
        .execute();
    await log(NOW - 5 * 60 * MIN, NOW - 5 * 60 * MIN, 'reject', 'wrong-pin', 40);
    await log(NOW - 2 * 60 * MIN, NOW - 2 * 60 * MIN, 'reject', 'unknown-device', 9);
    await log(NOW - 90 * MIN, NOW - 20 * MIN, 'reject', 'wrong-pin', 5); // folded, still repeating
    await log(NOW - 70 * MIN, NOW - 61 * MIN, 'reject', 'quota', 3); // folded, ended before the hour
    await log(NOW - 30 * MIN, NOW - 30 * MIN, 'reject', 'unknown-device');
    await log(NOW - 10 * MIN, NOW - 10 * MIN, 'reject', 'wrong-pin', 3);
    await log(NOW - 5 * MIN, NOW - 4 * MIN, 'drop', 'unknown-router', 2);
    await log(NOW - MIN, NOW - MIN, 'accept', 'ok', 50);

    const job = (state: string, updatedAt: number, error: string | null) =>
      t.db
        .insertInto('router_jobs')
        .values({
          ...{ router_id: routerIds['Pos Ronda']!, kind: 'plan-push', payload: '{}', state, attempts: 3 },
          ...{ next_try_at: 0, last_error: error, created_at: 1, updated_at: updatedAt },
        })
        .execute();
    for (let i = 1; i <= 7; i++) await job('failed', NOW - i * MIN, `timeout ${i}`);
    await job('pending', NOW, null);
    await job('done', NOW, null);
  });
  afterAll(async () => {
    await t.close();
  });

  const deps = (now: () => number) => ({
    stores: createStores(t.db),
    keyring: undefined as never,
    now,
    villageCode: '35.23.12.2002',
    timeZone: 'Asia/Jakarta',
  });

  it('answers every figure from known data, in the village time zone', async () => {
    const services = createServices({ ...deps(() => NOW), keyring: await testKeyring() });
    const s = await services.dashboard.summary();
    expect(s.at).toBe(NOW);
    expect(s.day).toBe('2026-12-10');
    expect(s.routers.up).toBe(1);
    expect(s.routers.down).toBe(1);
    expect(s.routers.unknown).toBe(1);
    expect(s.routers.list).toEqual([
      {
        id: routerIds['Pos Ronda'],
        name: 'Pos Ronda',
        health: 'down',
        healthChangedAt: NOW - 50 * MIN,
        lastContactAt: NOW - 50 * MIN,
        liveSessions: 1,
      },
      {
        id: routerIds.Masjid,
        name: 'Masjid',
        health: 'unknown',
        healthChangedAt: null,
        lastContactAt: null,
        liveSessions: 0,
      },
      {
        id: routerIds.Balai,
        name: 'Balai',
        health: 'up',
        healthChangedAt: NOW - 30_000,
        lastContactAt: NOW - 30_000,
        liveSessions: 2,
      },
    ]);
    expect(s.liveSessions).toBe(3);
    expect(s.dataToday).toEqual({ downloadBytes: 5_000_001_000, uploadBytes: 150 });
    expect(s.registrationsToday).toBe(3);
    expect(s.pendingApprovals).toBe(2);
    expect(s.rejectsLastHour).toEqual({
      total: 11,
      byReason: [
        { decision: 'reject', reason: 'wrong-pin', count: 8 },
        { decision: 'drop', reason: 'unknown-router', count: 2 },
        { decision: 'reject', reason: 'unknown-device', count: 1 },
      ],
    });
    expect(s.failedJobs.count).toBe(7);
    expect(s.failedJobs.latest.map((j) => j.lastError)).toEqual([
      'timeout 1',
      'timeout 2',
      'timeout 3',
      'timeout 4',
      'timeout 5',
    ]);
    expect(s.failedJobs.latest[0]).toMatchObject({
      routerId: routerIds['Pos Ronda'],
      routerName: 'Pos Ronda',
      kind: 'plan-push',
      attempts: 3,
      updatedAt: NOW - MIN,
    });
  });

  it('serves one reading to everyone asking within a few seconds, then reads afresh', async () => {
    let now = NOW;
    const dashboard = createDashboard(
      deps(() => now),
      { maxAgeMs: 5000 },
    );
    const [a, b] = await Promise.all([dashboard.summary(), dashboard.summary()]);
    expect(b).toBe(a);
    await t.db.updateTable('accounts').set({ status: 'pending' }).where('status', '=', 'suspended').execute();
    now += 4999;
    expect((await dashboard.summary()).pendingApprovals).toBe(2);
    now += 1;
    const fresh = await dashboard.summary();
    expect(fresh.pendingApprovals).toBe(3);
    expect(fresh.at).toBe(NOW + 5000);
    await t.db
      .updateTable('accounts')
      .set({ status: 'suspended' })
      .where('created_at', '=', NOW - 2 * MIN)
      .execute();
  });
});
