// What the portal takes from a request and what it must not: it redirects and posts only to a router's hotspot
// address, builds hotspot templates from its configured address (never the Host header), marks cookies Secure
// when residents reach it over https, and tells a phone's status by the socket's peer address (the real Node
// server on loopback, as `warganet start` runs it).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, openAppContext } from '../src/app-context.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { derivePortalUrl } from '../src/portal-wiring.js';
import { type RunningServer, startServer } from '../src/server.js';
import { hotspotFields, hotspotQuery, PortalBrowser, type PortalHarness } from './fixtures/portal.js';
import { portalHarnessPerTest } from './fixtures/portal-per-test.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedDevice, seedPlan, seedRouter, seedSubscriber, testKeyring } from './support/radius-fixtures.js';

const MAC = '5C:1A:2B:00:30:01';
const PIN = '482915';

describe.each(databaseKinds)('redirect targets and cookies (%s)', (kind) => {
  const harness = portalHarnessPerTest(kind);

  it('logs out through the router only when the link names a router hotspot address; any other link ends on the portal', async () => {
    const h = await harness();
    const b = new PortalBrowser(h.app);
    await b.get(`/daftar?${hotspotQuery(MAC)}`);
    const own = await b.post('/keluar', hotspotFields(MAC));
    expect(own.status).toBe(303);
    expect(own.headers.get('location')).toBe('http://10.5.50.1/logout');
    for (const link of [
      'http://evil.example/login',
      'https://evil.example/x',
      'http://10.5.50.1.evil.example/',
    ]) {
      await b.get('/daftar');
      const foreign = await b.post('/keluar', { ...hotspotFields(MAC), 'link-login-only': link });
      expect(foreign.status, link).toBe(303);
      expect(foreign.headers.get('location'), link).toBe('/');
    }
  });

  it('trusts a router added or provisioned a moment ago: its address is read through the service, not fixed at start', async () => {
    const h = await harness();
    const b = new PortalBrowser(h.app);
    await b.get('/daftar');
    const link = { ...hotspotFields(MAC), 'link-login-only': 'http://hotspot.balai.desa/login' };
    expect((await b.post('/keluar', link)).headers.get('location')).toBe('/');
    await seedRouter(h.db.db, h.keyring, {
      name: 'balai',
      nasIp: '10.0.0.2',
      hotspotAddress: 'hotspot.balai.desa',
    });
    // The list is kept a few seconds (every login page asks); the portal's clock moves on.
    h.clock.now += 11_000;
    await b.get('/daftar');
    expect((await b.post('/keluar', link)).headers.get('location')).toBe('http://hotspot.balai.desa/logout');
  });

  it('marks its cookies Secure when its public URL is https, or a trusted proxy says https; not on a forged header', async () => {
    const cookies = async (h: PortalHarness, headers: Record<string, string> = {}) => {
      const b = new PortalBrowser(h.app, headers);
      const res = await b.get('/daftar');
      return res.headers.getSetCookie().join('\n');
    };
    const plain = await harness();
    expect(await cookies(plain)).not.toMatch(/Secure/i);
    expect(await cookies(plain, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/i);
    const https = await harness({ portal: { publicUrl: 'https://wifi.socorejo.desa.id' } });
    expect(await cookies(https)).toMatch(/wn_csrf=[^;]+;.*Secure/);
    const proxied = await harness({ portal: { trustProxy: true } });
    expect(await cookies(proxied)).not.toMatch(/Secure/i);
    expect(await cookies(proxied, { 'x-forwarded-proto': 'https' })).toMatch(/wn_csrf=[^;]+;.*Secure/);

    // The NIK + PIN session cookie too.
    const siti = await https.resident();
    const b = new PortalBrowser(https.app);
    await b.get(`/daftar?${hotspotQuery(MAC)}`);
    const res = await b.post('/daftar', {
      ...hotspotFields(MAC),
      nik: siti.nik,
      kk: siti.kk,
      pin: PIN,
      pin2: PIN,
      consent: '1',
    });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('wn_sesi='))).toMatch(/Secure/);
  });

  it('refuses the hotspot templates when no portal address is configured, whatever the Host header says', async () => {
    const h = await harness({ portal: { publicUrl: undefined } });
    const res = await h.app.request('http://evil.example/hotspot/login.html', {
      headers: { host: 'evil.example' },
    });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toContain('WARGANET_PUBLIC_URL');
    expect(text).not.toContain('evil.example');
    const configured = await harness();
    const page = await (
      await configured.app.request('http://evil.example/hotspot/login.html', {
        headers: { host: 'evil.example' },
      })
    ).text();
    expect(page).toContain('http://portal.desa.test');
    expect(page).not.toContain('evil.example');
  });
});

describe('the portal address when WARGANET_PUBLIC_URL is unset', () => {
  const base = { publicUrl: undefined, httpPort: 8080, radiusAddress: undefined };
  it('is the listen address routers can reach, else the RADIUS address, else unknown', () => {
    expect(derivePortalUrl({ ...base, publicUrl: 'https://wifi.desa.id', httpHost: '0.0.0.0' })).toBe(
      'https://wifi.desa.id',
    );
    expect(derivePortalUrl({ ...base, httpHost: '192.168.88.10' })).toBe('http://192.168.88.10:8080');
    expect(derivePortalUrl({ ...base, httpHost: '0.0.0.0', radiusAddress: '192.168.88.10' })).toBe(
      'http://192.168.88.10:8080',
    );
    expect(derivePortalUrl({ ...base, httpHost: '::', radiusAddress: 'fd00::10' })).toBe(
      'http://[fd00::10]:8080',
    );
    expect(derivePortalUrl({ ...base, httpHost: '0.0.0.0' })).toBeUndefined();
    expect(derivePortalUrl({ ...base, httpHost: '127.0.0.1' })).toBeUndefined();
    expect(derivePortalUrl({ ...base, httpHost: 'localhost' })).toBeUndefined();
  });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(databaseKinds)('the Node server tells a phone by its socket address (%s)', (kind) => {
  let tdb: TestDatabase;
  let app: AppContext;
  let server: RunningServer;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    const routerId = await seedRouter(tdb.db, keyring, { nasIp: '10.0.0.1', hotspotAddress: '10.5.50.1' });
    await seedPlan(tdb.db, { is_default: 1 });
    const { deviceId } = await seedSubscriber(tdb.db, keyring, {
      mac: MAC,
      username: 'wn-loopback1',
      secret: 'Rahasia12345',
    });
    const other = await seedSubscriber(tdb.db, keyring, {
      mac: '5C:1A:2B:00:30:02',
      username: 'wn-other0001',
      secret: 'Rahasia12345',
    });
    await seedDevice(tdb.db, keyring, {
      accountId: other.accountId,
      mac: '5C:1A:2B:00:30:03',
      username: 'wn-other0002',
      secret: 'x',
    });
    // This test's client is the phone at 127.0.0.1, by the router's accounting.
    await tdb.db
      .insertInto('sessions')
      .values({
        router_id: routerId,
        acct_session_id: '80100001',
        device_id: deviceId,
        username: 'wn-loopback1',
        mac: MAC,
        framed_ip: '127.0.0.1',
        started_at: Date.now(),
        updated_at: Date.now(),
        state: 'active',
      })
      .execute();
    const parsed = parseConfig({
      WARGANET_DATA_DIR: tdb.dir,
      WARGANET_DATABASE_URL: tdb.url ?? '',
      WARGANET_SECRET_KEY: TEST_SECRET_KEY,
      WARGANET_ROLES: 'http',
      WARGANET_HTTP_HOST: '127.0.0.1',
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    app = await openAppContext({ ...parsed.config, httpPort: 0 }, createLogger('silent'));
    server = await startServer(app);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.close();
  });

  it('answers RFC 8908 for the phone at the socket address, not for a MAC or a forged X-Forwarded-For', async () => {
    const port = server.httpPort!;
    const mine = JSON.parse((await get(port, '/api/captive')).body);
    expect(mine).toMatchObject({ captive: false, 'bytes-remaining': 2_000_000_000 });
    // Without WARGANET_TRUST_PROXY the header is the client's own words.
    const forged = JSON.parse((await get(port, '/api/captive', { 'x-forwarded-for': '10.5.50.99' })).body);
    expect(forged).toMatchObject({ captive: false });
    const status = await get(port, `/status?mac=${encodeURIComponent('5C:1A:2B:00:30:02')}`);
    expect(status.body).toContain('1 dari 2 perangkat terdaftar');
  });

  it('refuses the hotspot templates rather than build them from the Host header (no public URL, loopback listener)', async () => {
    const res = await get(server.httpPort!, '/hotspot/login.html', { host: 'evil.example' });
    expect(res.status).toBe(503);
    expect(res.body).not.toContain('evil.example');
  });
});
