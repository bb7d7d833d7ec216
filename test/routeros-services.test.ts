// Router operations end to end on a real database (SQLite and PostgreSQL) and the virtual router over TCP:
// provisioning records the router; a plan change queues a push per router that reaches the router's profile and
// its live sessions; a router that is down keeps its pushes pending (visible, retried with backoff) and gets them
// when it comes back; health polls record up/down with times and close sessions the router no longer has.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOTSPOT_PAGE_FILES } from '../captive-portal/hotspot-pages.js';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { apiDisconnector } from '../src/routeros/api-disconnector.js';
import { createRouterOsGateway } from '../src/routeros/routeros-gateway.js';
import { Keyring } from '../src/services/keyring.js';
import type { LiveSessionControl, LiveSessionTarget } from '../src/services/radius/live-sessions.js';
import { createProvisioningService } from '../src/services/routers/provisioning.js';
import type { RouterGateway } from '../src/services/routers/router-gateway.js';
import { createRouterHealthService } from '../src/services/routers/router-health.js';
import { createRouterJobQueue, createRouterJobRunner } from '../src/services/routers/router-jobs.js';
import { RouterModel } from '../src/sim/routeros-model.js';
import { startVirtualRouterOs, type VirtualRouterOs } from '../src/sim/routeros-server.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedAccount } from './support/radius-fixtures.js';

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

describe.each(databaseKinds)('router operations (%s)', (kind) => {
  let t: TestDatabase;
  let keyring: Keyring;
  let clock: number;
  const now = () => clock;
  const cleanup: Array<() => Promise<void> | void> = [];

  beforeEach(async () => {
    t = await createTestDatabase(kind);
    keyring = await Keyring.fromHex(TEST_SECRET_KEY);
    clock = T0;
  });
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
    await t.close();
  });

  const stores = () => createStores(t.db);

  async function virtualRouter(
    version = '7.18.2',
    profile: Record<string, string> = {},
  ): Promise<VirtualRouterOs> {
    const model = new RouterModel(version);
    model.add('/ip/hotspot/profile', { name: 'hsprof1', ...profile });
    model.add('/ip/hotspot', { name: 'hotspot1', interface: 'bridge', profile: 'hsprof1' });
    const r = await startVirtualRouterOs({
      version,
      model,
      users: [{ name: 'wn', password: 'api-rahasia' }],
    });
    cleanup.push(() => r.stop());
    return r;
  }

  function gateway(): RouterGateway {
    const g = createRouterOsGateway({
      // No reconnect backoff: with even 1 ms, a poll right after a failed one could be refused for the wait.
      connection: { connectTimeoutMs: 500, commandTimeoutMs: 500, backoffInitialMs: 0, backoffMaxMs: 0 },
    });
    cleanup.push(() => g.close());
    return g;
  }

  async function addRouter(name: string, nasIp: string, r: VirtualRouterOs | undefined): Promise<number> {
    const row = await t.db
      .insertInto('routers')
      .values({
        name,
        nas_ip: nasIp,
        radius_secret_enc: await keyring.encrypt('radius-rahasia'),
        api_host: r ? r.host : null,
        api_port: r ? r.port : null,
        api_user: r ? 'wn' : null,
        api_password_enc: r ? await keyring.encrypt('api-rahasia') : null,
        // Plan pushes go only to provisioned routers (tested in routeros-jobs-cli.test.ts).
        provisioned_at: r ? T0 : null,
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function addPlan(name: string, down: number, up: number, devices = 2): Promise<number> {
    const row = await t.db
      .insertInto('plans')
      .values({
        name,
        profile_name: `warga-${name}`,
        down_rate: down,
        up_rate: up,
        devices_allowed: devices,
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A resident's device on a plan with an open accounting session on the router. */
  async function liveSession(routerId: number, planId: number, mac: string, startedAt = T0): Promise<number> {
    const n = mac.slice(-2);
    const accountId = await seedAccount(t.db, { name: 'Siti', planId });
    const device = await t.db
      .insertInto('devices')
      .values({ account_id: accountId, mac, username: `wn-${n}`, secret_enc: 'v1.x', created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await t.db
      .insertInto('sessions')
      .values({
        router_id: routerId,
        acct_session_id: `8010000${n}`,
        device_id: device.id,
        username: `wn-${n}`,
        mac,
        framed_ip: `10.5.50.${Number.parseInt(n, 16)}`,
        started_at: startedAt,
        updated_at: startedAt,
        state: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return session.id;
  }

  const routerRow = (id: number) =>
    t.db.selectFrom('routers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobs = () => t.db.selectFrom('router_jobs').selectAll().orderBy('id').execute();
  const profileOn = (r: VirtualRouterOs, name: string) =>
    r.model.print('/ip/hotspot/user/profile', { queries: [`?name=${name}`] })[0];

  function ops(g: RouterGateway, liveSessions?: LiveSessionControl) {
    const s = stores();
    return {
      queue: createRouterJobQueue({ jobs: s.routerJobs, routers: s.routers, now }),
      runner: createRouterJobRunner({
        jobs: s.routerJobs,
        routers: s.routers,
        routerOps: s.routerOps,
        gateway: g,
        keyring,
        now,
        liveSessions,
        backoffBaseMs: 10_000,
        backoffMaxMs: 60_000,
      }),
      health: createRouterHealthService({
        routers: s.routers,
        routerOps: s.routerOps,
        gateway: g,
        keyring,
        now,
        sessionGraceMs: 60_000,
      }),
      provisioning: createProvisioningService({
        routers: s.routers,
        routerOps: s.routerOps,
        gateway: g,
        keyring,
        now,
        settings: {
          publicUrl: undefined,
          radiusAddress: '192.0.2.10',
          radiusAuthPort: 1812,
          radiusAcctPort: 1813,
          coaPort: 3799,
          pages: HOTSPOT_PAGE_FILES,
        },
      }),
    };
  }

  it('provisioning a router from the database: RADIUS secret, plans as profiles; contact and sync recorded', async () => {
    const r = await virtualRouter();
    const id = await addRouter('balai', '10.0.0.2', r);
    await addPlan('5M', 5_000_000, 2_000_000, 3);
    const { provisioning } = ops(gateway());
    const dry = await provisioning.provision('balai', { dryRun: true });
    expect(r.stats.writes).toBe(0);
    expect((await routerRow(id)).last_sync_at).toBeNull();
    const done = await provisioning.provision('balai', { dryRun: false });
    expect(done.report.changes).toEqual(dry.report.changes);
    expect(r.model.print('/radius')[0]).toMatchObject({ address: '192.0.2.10', secret: 'radius-rahasia' });
    expect(profileOn(r, 'warga-5M')).toMatchObject({ 'rate-limit': '2M/5M', 'shared-users': '3' });
    expect(await routerRow(id)).toMatchObject({
      health: 'up',
      ros_version: '7.18.2 (stable)',
      last_contact_at: T0,
      last_sync_at: T0,
    });
    await expect(provisioning.provision('tidak-ada', { dryRun: true })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('provisioning learns where the router serves its login pages (dns-name, else hotspot-address); a dry run changes nothing', async () => {
    const r = await virtualRouter('7.18.2', { 'hotspot-address': '10.5.50.1' });
    const id = await addRouter('pos-ronda', '10.0.0.7', r);
    const { provisioning } = ops(gateway());
    const dry = await provisioning.provision('pos-ronda', { dryRun: true });
    expect(dry.report.hotspotAddress).toBe('10.5.50.1');
    expect((await routerRow(id)).hotspot_address).toBeNull();
    await provisioning.provision('pos-ronda', { dryRun: false });
    expect((await routerRow(id)).hotspot_address).toBe('10.5.50.1');
    // With a DNS name, RouterOS names it in link-login-only: that is where logins go.
    const [profile] = r.model.print('/ip/hotspot/profile', { queries: ['?name=hsprof1'] });
    r.model.set('/ip/hotspot/profile', profile!['.id'], { 'dns-name': 'Wifi.Socorejo.Desa' });
    await provisioning.provision('pos-ronda', { dryRun: false });
    expect((await routerRow(id)).hotspot_address).toBe('wifi.socorejo.desa');
  });

  it('a plan change queues one push per managed router and reaches the router profile and a live session (CoA)', async () => {
    const r = await virtualRouter();
    const id = await addRouter('balai', '10.0.0.2', r);
    await addRouter('pos-ronda', '10.0.0.3', undefined); // RADIUS only, no API: nothing to push
    const services = createServices({
      stores: stores(),
      keyring,
      now,
      villageCode: '35.23.12.2002',
      timeZone: 'Asia/Jakarta',
    });
    const added = await services.plans.add('Dasar', { down: '5M', up: '2M', devices: '2' }, 'test');
    expect(added.followUpError).toBeUndefined();
    const planId = added.plan.id;
    await liveSession(id, planId, '02:00:00:00:00:0A');
    r.model.insert('/ip/hotspot/active', {
      user: 'wn-0A',
      address: '10.5.50.10',
      'mac-address': '02:00:00:00:00:0A',
    });

    const coa: Array<{ target: LiveSessionTarget; rateLimit: string; group: string }> = [];
    const updater: LiveSessionControl = {
      name: 'test-coa',
      changeLimits: async (target, limits) => {
        coa.push({ target, ...limits });
        return true;
      },
      end: async () => ({ ok: false, via: 'test-coa', detail: 'no' }),
    };
    const { runner } = ops(gateway(), updater);
    expect(await runner.runDue()).toMatchObject([{ outcome: 'done', router: 'balai' }]);
    expect(profileOn(r, 'wn-dasar')).toMatchObject({ 'rate-limit': '2M/5M', 'shared-users': '2' });

    clock += 1000;
    await services.plans.set('Dasar', { down: '10M', up: '4M' }, 'test');
    expect((await jobs()).filter((j) => j.state === 'pending')).toMatchObject([
      { router_id: id, kind: 'plan-push' },
    ]);
    const [run] = await runner.runDue();
    expect(run).toMatchObject({ outcome: 'done', sessions: { coa: 1, disconnected: 0, loggedOut: 0 } });
    expect(profileOn(r, 'wn-dasar')).toMatchObject({ 'rate-limit': '4M/10M' });
    // One CoA when the plan was added, one when it changed: the session always gets the current limits.
    expect(coa.map((c) => c.rateLimit)).toEqual(['2M/5M', '4M/10M']);
    expect(coa[1]).toMatchObject({
      group: 'wn-dasar',
      target: { nasIp: '10.0.0.2', radiusSecret: 'radius-rahasia', session: { mac: '02:00:00:00:00:0A' } },
    });
    expect(await jobs()).toMatchObject([{ state: 'done' }, { state: 'done' }]);
    expect((await routerRow(id)).last_sync_at).toBe(clock);
  });

  it('without CoA, a live session of the changed plan is logged out through the API to come back with the new limits', async () => {
    const r = await virtualRouter();
    const id = await addRouter('balai', '10.0.0.2', r);
    const planId = await addPlan('5M', 5_000_000, 2_000_000);
    const other = await addPlan('1M', 1_000_000, 1_000_000);
    await liveSession(id, planId, '02:00:00:00:00:0B');
    await liveSession(id, other, '02:00:00:00:00:0C');
    r.model.insert('/ip/hotspot/active', {
      user: 'wn-0B',
      address: '10.5.50.11',
      'mac-address': '02:00:00:00:00:0B',
    });
    r.model.insert('/ip/hotspot/active', {
      user: 'wn-0C',
      address: '10.5.50.12',
      'mac-address': '02:00:00:00:00:0C',
    });
    const refusing: LiveSessionControl = {
      name: 'test-coa',
      changeLimits: async () => false,
      end: async () => ({ ok: false, via: 'test-coa', detail: 'no' }),
    };
    for (const updater of [undefined, refusing]) {
      const { queue, runner } = ops(gateway(), updater);
      await queue.enqueuePlanPush(planId);
      const [run] = await runner.runDue();
      expect(run).toMatchObject({ outcome: 'done' });
    }
    // The first run logged 0B out; the second found it gone from the router.
    expect(r.model.print('/ip/hotspot/active').map((a) => a.user)).toEqual(['wn-0C']);
  });

  it('a router silent on /radius incoming is asked by RADIUS twice, then the API takes the rest', async () => {
    const r = await virtualRouter();
    const id = await addRouter('balai', '10.0.0.2', r);
    const planId = await addPlan('5M', 5_000_000, 2_000_000);
    for (const n of ['11', '12', '13', '14']) {
      await liveSession(id, planId, `02:00:00:00:00:${n}`);
      r.model.insert('/ip/hotspot/active', { user: `wn-${n}`, 'mac-address': `02:00:00:00:00:${n}` });
    }
    let asked = 0;
    const silent: LiveSessionControl = {
      name: 'test-coa',
      changeLimits: async () => {
        asked++;
        return false;
      },
      end: async () => ({ ok: false, via: 'test-coa', detail: 'no' }),
    };
    const { queue, runner } = ops(gateway(), silent);
    await queue.enqueuePlanPush(planId);
    expect(await runner.runDue()).toMatchObject([{ outcome: 'done', sessions: { coa: 0, loggedOut: 4 } }]);
    expect(asked).toBe(2);
    expect(r.model.print('/ip/hotspot/active')).toEqual([]);
  });

  it('a router that is down keeps its push pending with backoff, visible per router, and gets it when it is back', async () => {
    const r = await virtualRouter();
    const id = await addRouter('balai', '10.0.0.2', r);
    const planId = await addPlan('5M', 5_000_000, 2_000_000);
    const g = gateway();
    const { queue, runner, health } = ops(g);
    await health.pollAll();
    await r.goDown();

    await queue.enqueuePlanPush(planId);
    const [first] = await runner.runDue();
    expect(first).toMatchObject({
      outcome: 'retry',
      nextTryAt: clock + 10_000,
      // Refused at once, or the kept-alive connection found closed: which one depends on when the socket's
      // close is seen, and both say the router is down.
      detail: expect.stringMatching(/tidak|terputus/),
    });
    expect(await runner.runDue()).toEqual([]); // not due yet
    clock += 10_000;
    expect(await runner.runDue()).toMatchObject([{ outcome: 'retry', nextTryAt: clock + 20_000 }]);
    const pending = await stores().routerJobs.listPending(id);
    expect(pending).toMatchObject([{ attempts: 2, lastError: expect.stringMatching(/ECONNREFUSED/) }]);
    expect(await stores().routerJobs.countPending()).toEqual(new Map([[id, 1]]));

    clock += 1_000;
    expect(await health.pollAll()).toMatchObject([{ health: 'down', previous: 'up', cameBack: false }]);
    expect(await routerRow(id)).toMatchObject({ health: 'down', health_changed_at: clock });
    clock += 1_000;
    await health.pollAll();
    expect((await routerRow(id)).health_changed_at).toBe(clock - 1_000); // still down: no new transition

    await r.comeBack();
    clock += 1_000;
    const [back] = await health.pollAll();
    expect(back).toMatchObject({ health: 'up', previous: 'down', cameBack: true });
    expect(await routerRow(id)).toMatchObject({
      health: 'up',
      health_changed_at: clock,
      last_contact_at: clock,
    });
    // What the agent does when a router comes back: deliver its pending work now, backoff or not.
    expect(await runner.runRouter(id)).toMatchObject([{ outcome: 'done' }]);
    expect(profileOn(r, 'warga-5M')).toMatchObject({ 'rate-limit': '2M/5M' });
    expect(await stores().routerJobs.countPending()).toEqual(new Map());
  });

  it('a router that refuses the push marks the job failed with its reason, not retried forever', async () => {
    const r = await virtualRouter();
    r.model.add('/ip/hotspot/user/profile', { name: 'warga-5M', 'rate-limit': '9M/9M' }); // the operator's own
    const id = await addRouter('balai', '10.0.0.2', r);
    const planId = await addPlan('5M', 5_000_000, 2_000_000);
    const { queue, runner } = ops(gateway());
    await queue.enqueuePlanPush(planId);
    expect(await runner.runDue()).toMatchObject([
      { outcome: 'failed', detail: expect.stringMatching(/bukan buatan Warganet/) },
    ]);
    expect(await jobs()).toMatchObject([
      { router_id: id, state: 'failed', last_error: expect.stringMatching(/warga-5M/) },
    ]);
    expect(profileOn(r, 'warga-5M')).toMatchObject({ 'rate-limit': '9M/9M' });
  });

  it('router sync delivers pending work immediately, whatever the backoff', async () => {
    const r = await virtualRouter();
    await addRouter('balai', '10.0.0.2', r);
    const planId = await addPlan('5M', 5_000_000, 2_000_000);
    const { queue, runner } = ops(gateway());
    await r.goDown();
    await queue.enqueuePlanPush(planId);
    await runner.runDue();
    await r.comeBack();
    expect(await runner.runDue()).toEqual([]); // backing off
    expect(await runner.syncRouter('balai')).toMatchObject({ router: 'balai', runs: [{ outcome: 'done' }] });
    await expect(runner.syncRouter('tidak-ada')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a health poll closes sessions accounting has open but the router no longer lists', async () => {
    const r = await virtualRouter('7.16.2');
    const id = await addRouter('balai', '10.0.0.2', r);
    const planId = await addPlan('5M', 5_000_000, 2_000_000);
    const present = await liveSession(id, planId, '02:00:00:00:00:01', T0 - 600_000);
    const gone = await liveSession(id, planId, '02:00:00:00:00:02', T0 - 600_000);
    const young = await liveSession(id, planId, '02:00:00:00:00:03', T0 - 1_000);
    r.model.insert('/ip/hotspot/active', {
      user: 'wn-01',
      address: '10.5.50.1',
      'mac-address': '02:00:00:00:00:01',
    });
    const { health } = ops(gateway());
    const [p] = await health.pollAll();
    expect(p).toMatchObject({ health: 'up', closedSessions: 1, reading: { boardName: 'hAP ac lite' } });
    const states = await t.db
      .selectFrom('sessions')
      .select(['id', 'state', 'terminate_cause', 'stopped_at'])
      .orderBy('id')
      .execute();
    expect(states).toEqual([
      { id: present, state: 'active', terminate_cause: null, stopped_at: null },
      { id: gone, state: 'closed', terminate_cause: 'Lost-Service', stopped_at: T0 },
      { id: young, state: 'active', terminate_cause: null, stopped_at: null },
    ]);
    expect(await routerRow(id)).toMatchObject({ board: 'hAP ac lite', ros_version: '7.16.2 (stable)' });
  });

  it('session kick without CoA: the RouterOS API logs the device out of the hotspot', async () => {
    const r = await virtualRouter();
    const id = await addRouter('balai', '10.0.0.2', r);
    const planId = await addPlan('5M', 5_000_000, 2_000_000);
    const sessionId = await liveSession(id, planId, '02:00:00:00:00:0D');
    r.model.insert('/ip/hotspot/active', {
      user: 'wn-0D',
      address: '10.5.50.13',
      'mac-address': '02:00:00:00:00:0D',
    });
    const services = createServices({
      stores: stores(),
      keyring,
      now,
      villageCode: '35.23.12.2002',
      timeZone: 'Asia/Jakarta',
    });
    const viaApi = apiDisconnector(stores().routers, keyring, gateway());
    const result = await services.radius.sessions.kick(sessionId, [viaApi]);
    expect(result).toMatchObject({ ok: true, outcome: { via: 'routeros-api' } });
    expect(r.model.print('/ip/hotspot/active')).toEqual([]);
    const again = await viaApi.end({
      session: (await services.radius.sessions.list({ activeOnly: true }))[0]!,
      nasIp: '10.0.0.2',
      radiusSecret: 'x',
    });
    expect(again).toMatchObject({ ok: false, detail: expect.stringMatching(/tidak ada di daftar aktif/) });
  });

  it('the outbox hands a job to one claimer at a time, and a job queued again while running stays pending', async () => {
    const r = await virtualRouter();
    const id = await addRouter('balai', '10.0.0.2', r);
    const s = stores();
    const job = await s.routerJobs.enqueue(id, 'plan-push', '{"planId":1}', T0);
    expect((await s.routerJobs.enqueue(id, 'plan-push', '{"planId":1}', T0)).id).toBe(job.id);
    const [claimed] = await s.routerJobs.claim({ at: T0, leaseUntil: T0 + 5000, limit: 10 });
    expect(claimed).toMatchObject({ id: job.id, attempts: 1, nextTryAt: T0 + 5000 });
    expect(await s.routerJobs.claim({ at: T0, leaseUntil: T0 + 5000, limit: 10 })).toEqual([]);
    await s.routerJobs.enqueue(id, 'plan-push', '{"planId":1}', T0 + 1); // the plan changed again meanwhile
    await s.routerJobs.markDone(claimed!, T0 + 2);
    expect(await s.routerJobs.listPending(id)).toMatchObject([{ id: job.id, nextTryAt: T0 + 1 }]);
  });
});
