// The routers, sessions and login-log pages and their API, through app.request on SQLite and PostgreSQL, against
// the virtual MikroTik over TCP: a provisioning dry run changes nothing and shows the difference, apply provisions,
// sync and retry deliver jobs, secrets never leave the server, an operator may not change a secret (or where one
// goes), an official may do nothing here, and a kick asks first and then ends the session on the router.

import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOTSPOT_PAGE_FILES } from '../captive-portal/hotspot-pages.js';
import { coaLiveSessions } from '../radius/coa-live-sessions.js';
import type { RouterWorkPort } from '../src/admin/admin-deps.js';
import { CheckBody, ProvisionJobBody } from '../src/admin/api/routers.js';
import type { Services } from '../src/compose.js';
import { createRouterOsGateway } from '../src/routeros/routeros-gateway.js';
import { Keyring } from '../src/services/keyring.js';
import { RouterModel } from '../src/sim/routeros-model.js';
import { startVirtualRouterOs, type VirtualRouterOs } from '../src/sim/routeros-server.js';
import { type AdminHarness, createAdminHarness, T0, type WebBrowser } from './fixtures/admin-web.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { databaseKinds } from './support/databases.js';
import { seedAccount } from './support/radius-fixtures.js';

const RADIUS_SECRET = 'rahasia-radius-JANGAN-BOCOR';
const API_PASSWORD = 'sandi-api-JANGAN-BOCOR';

describe.each(databaseKinds)('admin routers, sessions and login log (%s)', (kind) => {
  let h: AdminHarness;
  let r: VirtualRouterOs;
  let portal: Server;
  let silent: Socket;
  /** While set, the portal holds the router's page downloads (provisioning's /tool/fetch) until it resolves. */
  let holdPages: Promise<void> | undefined;

  /** Router work as the Node wiring does it, with a short timeout and a CoA port that never answers. */
  const routerWork =
    (portalUrl: string, coaPort: number) =>
    (services: Services): RouterWorkPort =>
    async (work) => {
      const gateway = createRouterOsGateway({
        connection: { connectTimeoutMs: 1000, commandTimeoutMs: 1000, backoffInitialMs: 0, backoffMaxMs: 0 },
      });
      try {
        const ops = services.routerWork({
          gateway,
          provisioning: {
            publicUrl: portalUrl,
            radiusAddress: '10.0.0.1',
            radiusAuthPort: 1812,
            radiusAcctPort: 1813,
            coaPort: 3799,
            pages: HOTSPOT_PAGE_FILES,
          },
        });
        const coa = coaLiveSessions({ port: coaPort, timeoutMs: 200, retries: 0 });
        return await work({ ...ops, disconnectors: [coa, ops.apiDisconnector] });
      } finally {
        gateway.close();
      }
    };

  beforeEach(async () => {
    const model = new RouterModel('7.18.2');
    model.add('/ip/hotspot/profile', { name: 'hsprof1' });
    model.add('/ip/hotspot', { name: 'hotspot1', interface: 'bridge', profile: 'hsprof1' });
    r = await startVirtualRouterOs({ model, users: [{ name: 'wn', password: API_PASSWORD }] });
    holdPages = undefined;
    portal = createServer(async (_req, res) => {
      await holdPages;
      res.end('<html></html>');
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    // A UDP port that swallows Disconnect-Requests: the router's /radius incoming is off.
    silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    const portalUrl = `http://127.0.0.1:${(portal.address() as { port: number }).port}`;
    h = await createAdminHarness(kind, { routerWork: routerWork(portalUrl, silent.address().port) });
  });
  afterEach(async () => {
    await h.close();
    await r.stop();
    await new Promise<void>((resolve) => portal.close(() => resolve()));
    silent.close();
  });

  async function addBalai(b: WebBrowser) {
    await b.get('/admin/router/baru');
    const res = await b.post('/admin/router/baru', {
      name: 'balai',
      nasIp: '10.0.0.2',
      secret: RADIUS_SECRET,
      apiHost: '127.0.0.1',
      apiPort: String(r.port),
      apiUser: 'wn',
      apiPassword: API_PASSWORD,
      dusun: 'Krajan',
      requireMessageAuth: '1',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin/router/balai');
  }

  const routerRow = () =>
    h.db.db.selectFrom('routers').selectAll().where('name', '=', 'balai').executeTakeFirstOrThrow();

  /** A resident's device with a live session on the router, also listed as a host on the router. */
  async function liveSession(mac = '02:00:00:00:00:2A'): Promise<number> {
    const db = h.db.db;
    const router = await routerRow();
    const accountId = await seedAccount(db, { name: 'Siti Aminah' });
    const device = await db
      .insertInto('devices')
      .values({
        account_id: accountId,
        mac,
        username: 'wn-siti1',
        label: 'HP Siti',
        secret_enc: 'v1.x',
        created_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await db
      .insertInto('sessions')
      .values({
        router_id: router.id,
        acct_session_id: '80100020',
        device_id: device.id,
        username: 'wn-siti1',
        mac,
        framed_ip: '10.5.50.42',
        input_bytes: 1_234_000,
        output_bytes: 7_540_000_000,
        started_at: T0 - 60_000,
        updated_at: T0,
        state: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    r.model.insert('/ip/hotspot/active', { user: 'wn-siti1', address: '10.5.50.42', 'mac-address': mac });
    return session.id;
  }

  it('an operator adds a router; its secrets never appear in a page or an API answer, and are stored sealed', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    const pages = await Promise.all(
      [
        '/admin/router',
        '/admin/router/balai',
        '/admin/router/balai/ubah',
        '/api/v1/routers',
        '/api/v1/routers/balai',
      ].map((p) => op.get(p)),
    );
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(RADIUS_SECRET);
      expect(page.text).not.toContain(API_PASSWORD);
      expect(page.text).not.toMatch(/radiusSecretEnc|apiPasswordEnc|radius_secret_enc|api_password_enc/);
    }
    expect(pages[0]!.text).toContain('balai');
    const api = JSON.parse(pages[4]!.text) as Record<string, unknown>;
    expect(Object.keys(api)).not.toContain('secret');
    expect(api).toMatchObject({
      name: 'balai',
      nasIp: '10.0.0.2',
      apiUser: 'wn',
      dusun: 'Krajan',
      health: 'unknown',
    });
    const row = await routerRow();
    expect(row.radius_secret_enc).not.toContain(RADIUS_SECRET);
    const keyring = await Keyring.fromHex(TEST_SECRET_KEY);
    expect(await keyring.decrypt(row.radius_secret_enc)).toBe(RADIUS_SECRET);
    const audit = await h.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'router.add')
      .execute();
    expect(audit).toMatchObject([{ actor: 'admin:operator-uji', target: 'router:balai' }]);
    expect(JSON.stringify(audit)).not.toContain(RADIUS_SECRET);
  });

  it('a provisioning dry run changes nothing and shows the difference; apply asks, then provisions the router', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    const writesBefore = r.stats.writes;
    const dry = await op.get('/admin/router/balai/siapkan');
    expect(dry.status).toBe(200);
    expect(dry.text).toContain('Uji coba: router belum diubah');
    expect(dry.text).toMatch(/\d+ perubahan akan diterapkan/);
    expect(dry.text).toContain('Terapkan ke router');
    expect(r.stats.writes).toBe(writesBefore);
    expect((await routerRow()).provisioned_at).toBeNull();

    // Without script, the server asks first; nothing is applied until confirmed.
    const ask = await op.post('/admin/router/balai/siapkan');
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('name="confirm" value="1"');
    expect(r.stats.writes).toBe(writesBefore);

    // Applying is a job: the request returns at once and its page follows the steps until done.
    const started = await op.post('/admin/router/balai/siapkan', { confirm: '1' });
    expect(started.status).toBe(303);
    expect(started.location).toMatch(/^\/admin\/router\/balai\/siapkan\/\d+$/);
    await h.services.provisionJobs.idle();
    const applied = await op.get(started.location!);
    expect(applied.status).toBe(200);
    expect(applied.text).toMatch(/\d+ perubahan diterapkan ke router balai/);
    expect(r.stats.writes).toBeGreaterThan(writesBefore);
    expect((await routerRow()).provisioned_at).toBe(T0);
    expect(r.model.print('/radius').length).toBeGreaterThan(0);
    // The router answered: it is up, and the page's up/down history says since when.
    const detail = await op.get('/admin/router/balai');
    expect(detail.text).toContain('Riwayat hidup/mati');
    expect(detail.text).toMatch(/badge ok">Hidup<\/span> 29 Nov 2026/);

    // Provisioned: a second dry run, through the API, finds nothing to change.
    const again = await op.api('POST', '/api/v1/routers/balai/provision', { dryRun: true });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text)).toMatchObject({ router: 'balai', dryRun: true, changes: [], error: null });
    expect(again.text).not.toContain(RADIUS_SECRET);
  });

  it('an apply shows its steps done and to do while it runs, on a page that refreshes itself, and the result after', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    let release!: () => void;
    holdPages = new Promise<void>((resolve) => (release = resolve));
    const started = await op.post('/admin/router/balai/siapkan', { confirm: '1' });
    expect(started.status).toBe(303);
    // The router is downloading the hotspot pages, which the portal holds: the job is part way.
    let page = await op.get(started.location!);
    for (let i = 0; i < 200 && !/[1-9]\d* dari \d+ perubahan sudah diterapkan/.test(page.text); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      page = await op.get(started.location!);
    }
    expect(page.status).toBe(200);
    const [, done, all] = /(\d+) dari (\d+) perubahan sudah diterapkan/.exec(page.text)!;
    expect(Number(done)).toBeGreaterThan(0);
    expect(Number(done)).toBeLessThan(Number(all));
    expect(page.text).toContain('<progress');
    expect(page.text).toContain('data-refresh="2"');
    // A second apply of the same router waits for this one.
    const again = await op.post('/admin/router/balai/siapkan', { confirm: '1' });
    expect(again.status).toBe(409);
    expect((await routerRow()).provisioned_at).toBeNull();
    release();
    await h.services.provisionJobs.idle();
    const finished = await op.get(started.location!);
    expect(finished.text).toMatch(new RegExp(`${all} perubahan diterapkan ke router balai`));
    expect(finished.text).not.toContain('<progress');
    expect((await routerRow()).provisioned_at).toBe(T0);
  });

  it('an apply by API answers 202 at once with a job to follow, refuses a second while it runs, and ends with the result', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    let release!: () => void;
    holdPages = new Promise<void>((resolve) => (release = resolve));
    const started = await op.api('POST', '/api/v1/routers/balai/provision', { dryRun: false });
    expect(started.status).toBe(202);
    const job = ProvisionJobBody.parse(JSON.parse(started.text));
    expect(job).toMatchObject({ router: 'balai', state: 'running', result: null });
    expect(job.href).toBe(`/api/v1/routers/balai/provision/${job.id}`);
    // Held while the router downloads the hotspot pages: a second apply is refused, the first is part way.
    expect((await op.api('POST', '/api/v1/routers/balai/provision', { dryRun: false })).status).toBe(409);
    let running = ProvisionJobBody.parse(JSON.parse((await op.api('GET', job.href)).text));
    for (let i = 0; i < 200 && running.applied === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      running = ProvisionJobBody.parse(JSON.parse((await op.api('GET', job.href)).text));
    }
    expect(running.state).toBe('running');
    expect(running.applied).toBeGreaterThan(0);
    expect(running.applied).toBeLessThan(running.total);
    expect((await routerRow()).provisioned_at).toBeNull();
    release();
    await h.services.provisionJobs.idle();
    const done = ProvisionJobBody.parse(JSON.parse((await op.api('GET', job.href)).text));
    expect(done).toMatchObject({
      state: 'done',
      error: null,
      result: { router: 'balai', dryRun: false, error: null },
    });
    expect(done.result!.applied).toBe(done.total);
    expect((await routerRow()).provisioned_at).toBe(T0);
    // A job this process never ran (the server restarted) or another router's is plainly not there.
    const gone = await op.api('GET', '/api/v1/routers/balai/provision/999999');
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('dimulai ulang');
    expect((await op.api('GET', `/api/v1/routers/lain/provision/${job.id}`)).status).toBe(404);
    const official = await h.signedIn('official');
    expect((await official.api('GET', job.href)).status).toBe(403);
  });

  it("'router status' by API: asks the router now and answers up with its version and board; an official is refused", async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    const res = await op.api('POST', '/api/v1/routers/balai/check');
    expect(res.status).toBe(200);
    const body = CheckBody.parse(JSON.parse(res.text));
    expect(body).toMatchObject({ router: 'balai', health: 'up', error: null });
    expect(body.reading?.version).toMatch(/^7\.18\.2/);
    expect((await op.api('POST', '/api/v1/routers/tidak-ada/check')).status).toBe(404);
    const official = await h.signedIn('official');
    expect((await official.api('POST', '/api/v1/routers/balai/check')).status).toBe(403);
  });

  it('sync shows a failed job with its reason; the jobs list and retry deliver it once the router is fixed', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    await op.post('/admin/router/balai/siapkan', { confirm: '1' });
    await h.services.provisionJobs.idle();
    // The operator already has a profile of that name (Mikhmon's): the router will not let us take it over.
    r.model.add('/ip/hotspot/user/profile', { name: 'wn-murah', 'rate-limit': '1M/1M' });
    await h.services.plans.add('Murah', { down: '2M', up: '1M' }, 'cli');
    const sync = await op.post('/admin/router/balai/sinkron');
    expect(sync.status).toBe(200);
    expect(sync.text).toContain('0 dari 1 pekerjaan terkirim');
    expect(sync.text).toContain('bukan buatan Warganet');

    const detail = await op.get('/admin/router/balai');
    expect(detail.text).toContain('Gagal');
    const jobs = JSON.parse((await op.get('/api/v1/routers/balai/jobs')).text) as {
      jobs: Array<{ id: number; state: string }>;
    };
    expect(jobs.jobs).toMatchObject([{ state: 'failed' }]);
    expect(JSON.parse((await op.get('/api/v1/routers')).text)).toMatchObject({
      routers: [{ failedJobs: 1 }],
    });

    r.model.remove(
      '/ip/hotspot/user/profile',
      r.model.print('/ip/hotspot/user/profile', { queries: ['?name=wn-murah'] })[0]!['.id'],
    );
    const retried = await op.post('/admin/router/balai/coba-lagi', { job: String(jobs.jobs[0]!.id) });
    expect(retried.status).toBe(200);
    expect(retried.text).toContain('1 dari 1 pekerjaan terkirim');
    expect(r.model.print('/ip/hotspot/user/profile', { queries: ['?name=wn-murah'] })).toHaveLength(1);
    const after = JSON.parse((await op.get('/api/v1/routers/balai/jobs?all=true')).text) as {
      jobs: Array<{ state: string }>;
    };
    expect(after.jobs).toMatchObject([{ state: 'done' }]);
    const noneLeft = await op.api('POST', '/api/v1/routers/balai/jobs/retry', {});
    expect(JSON.parse(noneLeft.text)).toMatchObject({ router: 'balai', requeued: 0, runs: [] });
  });

  it('an operator may not change a secret or where one is sent; an admin may', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    const before = await routerRow();
    const form = await op.get('/admin/router/balai/ubah');
    expect(form.text).toContain('hanya admin yang boleh mengubah ini');
    for (const change of <Array<Record<string, string>>>[
      { secret: 'baru-123' },
      { apiPassword: 'baru-123' },
      { nasIp: '10.0.0.9' },
      { apiHost: '203.0.113.5' },
    ]) {
      const res = await op.post('/admin/router/balai/ubah', {
        nasIp: '10.0.0.2',
        apiHost: '127.0.0.1',
        apiPort: String(r.port),
        apiUser: 'wn',
        ...change,
      });
      expect(res.status).toBe(403);
      const api = await op.api('PATCH', '/api/v1/routers/balai', change);
      expect(api.status).toBe(403);
    }
    expect(await routerRow()).toEqual(before);
    // What is not secret, an operator may change (the disabled fields post back as they were).
    const ok = await op.post('/admin/router/balai/ubah', {
      nasIp: '10.0.0.2',
      apiHost: '127.0.0.1',
      apiPort: String(r.port),
      apiUser: 'wn',
      dusun: 'Ngasem',
      requireMessageAuth: '1',
    });
    expect(ok.status).toBe(303);
    expect(await routerRow()).toMatchObject({
      dusun: 'Ngasem',
      radius_secret_enc: before.radius_secret_enc,
      nas_ip: '10.0.0.2',
    });

    const admin = await h.signedIn('admin');
    const changed = await admin.api('PATCH', '/api/v1/routers/balai', { secret: 'rahasia-baru-2' });
    expect(changed.status).toBe(200);
    expect(changed.text).not.toContain('rahasia-baru-2');
    const keyring = await Keyring.fromHex(TEST_SECRET_KEY);
    expect(await keyring.decrypt((await routerRow()).radius_secret_enc)).toBe('rahasia-baru-2');
  });

  it('an official is refused every page, action and API call here, and nothing changes', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    const id = await liveSession();
    const before = await routerRow();
    const official = await h.signedIn('official');
    for (const path of [
      '/admin/router',
      '/admin/router/balai',
      '/admin/router/baru',
      '/admin/router/balai/siapkan',
      '/admin/sesi',
      '/admin/log-masuk',
    ])
      expect((await official.get(path)).status, path).toBe(403);
    await official.get('/admin');
    for (const path of [
      '/admin/router/baru',
      '/admin/router/balai/ubah',
      '/admin/router/balai/siapkan',
      '/admin/router/balai/sinkron',
      '/admin/router/balai/coba-lagi',
      '/admin/router/balai/hapus',
      `/admin/sesi/${id}/putus`,
    ])
      expect(
        (await official.post(path, { confirm: '1', secret: 'x', name: 'lain', nasIp: '10.0.0.7' })).status,
        path,
      ).toBe(403);
    for (const [method, path, body] of [
      ['GET', '/api/v1/routers'],
      ['POST', '/api/v1/routers', { name: 'lain', nasIp: '10.0.0.7', secret: 'x' }],
      ['PATCH', '/api/v1/routers/balai', { dusun: 'x' }],
      ['DELETE', '/api/v1/routers/balai?force=true'],
      ['POST', '/api/v1/routers/balai/provision', { dryRun: false }],
      ['POST', '/api/v1/routers/balai/sync'],
      ['GET', '/api/v1/routers/balai/jobs'],
      ['POST', '/api/v1/routers/balai/jobs/retry', {}],
      ['GET', '/api/v1/sessions'],
      ['POST', `/api/v1/sessions/${id}/kick`],
      ['GET', '/api/v1/auth-log'],
    ] as Array<[string, string, unknown?]>)
      expect((await official.api(method, path, body)).status, `${method} ${path}`).toBe(403);
    expect(await routerRow()).toEqual(before);
    expect(r.stats.writes).toBe(0);
    expect(r.model.print('/ip/hotspot/active')).toHaveLength(1);
    expect(await h.db.db.selectFrom('routers').select('name').execute()).toEqual([{ name: 'balai' }]);
  });

  it('a kick asks first, then ends the session on the router (Disconnect unanswered, the RouterOS API after)', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    const id = await liveSession();
    const list = await op.get('/admin/sesi');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Siti Aminah');
    expect(list.text).toContain('02:00:00:00:00:2A');
    // Sizes in the page's language: Indonesian writes a decimal comma.
    expect(list.text).toContain('1,2 MB');
    expect(list.text).toContain('7,5 GB');
    expect((await op.get('/admin/router/balai')).text).toContain('Siti Aminah');

    const ask = await op.post(`/admin/sesi/${id}/putus`, { back: '/admin/sesi' });
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Putuskan sesi');
    expect(r.model.print('/ip/hotspot/active')).toHaveLength(1);

    const done = await op.post(`/admin/sesi/${id}/putus`, { back: '/admin/sesi', confirm: '1' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/admin/sesi');
    expect(r.model.print('/ip/hotspot/active')).toEqual([]);
    expect((await op.get('/admin/sesi')).text).toMatch(new RegExp(`Sesi ${id} diputus \\(routeros-api`));
  });

  it('removing a device on the resident card ends its session the way a kick does (Disconnect unanswered, then the RouterOS API)', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    await liveSession();
    const device = await h.db.db
      .selectFrom('devices')
      .innerJoin('accounts', 'accounts.id', 'devices.account_id')
      .select(['devices.id as deviceId', 'accounts.resident_id as residentId'])
      .where('devices.mac', '=', '02:00:00:00:00:2A')
      .executeTakeFirstOrThrow();
    expect(r.model.print('/ip/hotspot/active')).toHaveLength(1);
    const removed = await op.post(`/admin/warga/${device.residentId}/perangkat/${device.deviceId}/cabut`, {
      confirm: '1',
    });
    expect(removed.status).toBe(303);
    expect(r.model.print('/ip/hotspot/active')).toEqual([]);
  });

  it('suspending an account through the API ends its live session on the router too', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    await liveSession();
    const account = await h.db.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    const res = await op.api('POST', `/api/v1/accounts/${account.id}/suspend`, { reason: 'tunggakan' });
    expect(res.status).toBe(200);
    expect(r.model.print('/ip/hotspot/active')).toEqual([]);
  });

  it('the sessions page and API filter by router, MAC and resident (name, NIK mask), a page at a time', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    await liveSession();
    const byName = JSON.parse((await op.get('/api/v1/sessions?resident=aminah')).text) as {
      sessions: unknown[];
    };
    expect(byName.sessions).toHaveLength(1);
    const byMask = JSON.parse(
      (await op.get(`/api/v1/sessions?resident=${encodeURIComponent('3523**********01')}`)).text,
    ) as { sessions: unknown[] };
    expect(byMask.sessions).toHaveLength(1);
    const other = JSON.parse((await op.get('/api/v1/sessions?mac=02:00:00:00:00:99&active=false')).text) as {
      sessions: unknown[];
    };
    expect(other.sessions).toEqual([]);
    expect((await op.get('/admin/sesi?router=balai&warga=Siti')).text).toContain('Siti Aminah');
    expect((await op.get('/admin/sesi?warga=budi')).text).toContain('Tidak ada sesi yang cocok');
    const bad = await op.get('/admin/sesi?mac=bukan-mac');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('bukan alamat MAC');
    // A hostile page number is taken as the first page, not a query error.
    expect((await op.get('/admin/sesi?page=1e99')).status).toBe(200);
  });

  it('the login log finds a phone by MAC, name or masked NIK and says why in plain words, drops included', async () => {
    const op = await h.signedIn('operator');
    await addBalai(op);
    await liveSession();
    const router = await routerRow();
    await h.db.db
      .insertInto('auth_log')
      .values([
        {
          at: T0 - 5000,
          last_at: T0 - 5000,
          count: 3,
          router_id: router.id,
          mac: '02:00:00:00:00:2A',
          username: 'wn-siti1',
          decision: 'reject',
          reason: 'account_suspended',
          source: null,
        },
        {
          at: T0 - 4000,
          last_at: T0 - 4000,
          count: 7,
          router_id: null,
          mac: null,
          username: null,
          decision: 'drop',
          reason: 'unknown_nas',
          source: '10.0.0.77',
        },
        {
          at: T0 - 3000,
          last_at: T0 - 3000,
          count: 1,
          router_id: router.id,
          mac: '02:00:00:00:00:3B',
          username: 'wn-lain',
          decision: 'accept',
          reason: 'ok',
          source: null,
        },
      ])
      .execute();
    const all = await op.get('/admin/log-masuk');
    expect(all.status).toBe(200);
    expect(all.text).toContain('akun dinonaktifkan');
    expect(all.text).toContain('Akun Anda sedang dinonaktifkan');
    expect(all.text).toContain('router tidak dikenal');
    expect(all.text).toContain('Tambahkan router dengan IP 10.0.0.77');
    for (const q of ['02-00-00-00-00-2a', 'siti', '3523**********01']) {
      const page = await op.get(`/admin/log-masuk?q=${encodeURIComponent(q)}`);
      expect(page.text, q).toContain('akun dinonaktifkan');
      expect(page.text, q).not.toContain('wn-lain');
    }
    const api = JSON.parse((await op.get('/api/v1/auth-log?q=siti')).text) as { entries: unknown[] };
    expect(api.entries).toMatchObject([
      {
        decision: 'reject',
        reason: 'account_suspended',
        reasonText: 'akun dinonaktifkan',
        count: 3,
        resident: 'Siti Aminah',
      },
    ]);
    const drops = JSON.parse((await op.get('/api/v1/auth-log')).text) as { fixes: string[] };
    expect(drops.fixes).toEqual([expect.stringContaining('10.0.0.77')]);
  });

  it('every API path used here is in the OpenAPI document', async () => {
    const op = await h.signedIn('operator');
    const doc = JSON.parse((await op.get('/api/v1/openapi.json')).text) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const expected: Array<[string, string, string]> = [
      ['/routers', 'get', '200'],
      ['/routers', 'post', '201'],
      ['/routers/{name}', 'get', '200'],
      ['/routers/{name}', 'patch', '403'],
      ['/routers/{name}', 'delete', '200'],
      ['/routers/{name}/provision', 'post', '503'],
      ['/routers/{name}/provision', 'post', '202'],
      ['/routers/{name}/provision/{id}', 'get', '200'],
      ['/routers/{name}/sync', 'post', '200'],
      ['/routers/{name}/check', 'post', '200'],
      ['/routers/{name}/jobs', 'get', '200'],
      ['/routers/{name}/jobs/retry', 'post', '200'],
      ['/sessions', 'get', '200'],
      ['/sessions/{id}/kick', 'post', '409'],
      ['/auth-log', 'get', '200'],
    ];
    for (const [path, method, status] of expected)
      expect(
        doc.paths[`/api/v1${path}`]?.[method]?.responses[status],
        `${method} ${path} ${status}`,
      ).toBeDefined();
  });
});

describe.each(databaseKinds)('admin routers without router work (Workers) (%s)', (kind) => {
  it('says the action is not available here instead of failing', async () => {
    const h = await createAdminHarness(kind);
    try {
      const op = await h.signedIn('operator');
      await op.get('/admin/router/baru');
      await op.post('/admin/router/baru', {
        name: 'balai',
        nasIp: '10.0.0.2',
        secret: 's',
        apiHost: '127.0.0.1',
        apiUser: 'wn',
        apiPassword: 'p',
      });
      const page = await op.get('/admin/router/balai/siapkan');
      expect(page.status).toBe(503);
      expect(page.text).toContain('tidak tersedia di server ini');
      expect((await op.api('POST', '/api/v1/routers/balai/sync')).status).toBe(503);
    } finally {
      await h.close();
    }
  });
});
