// Provisioning through node-routeros against the virtual router: from a factory-fresh router and from one an
// operator (and Mikhmon) already set up; dry runs write nothing, a second run writes nothing, what Warganet did
// not create survives untouched, and a router that drops the connection or is slow ends in a clear report.
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOTSPOT_PAGE_FILES } from '../captive-portal/hotspot-pages.js';
import { PROFILE_MARKER } from '../src/routeros/provision-plan.js';
import { createRouterOsGateway } from '../src/routeros/routeros-gateway.js';
import type { ProvisionSpec, RouterGateway, RouterTarget } from '../src/services/routers/router-gateway.js';
import { RouterModel } from '../src/sim/routeros-model.js';
import {
  startVirtualRouterOs,
  type VirtualRouterOs,
  type VirtualRouterOsOptions,
} from '../src/sim/routeros-server.js';

let portal: Server;
let portalUrl: string;
let portalPort: number;

beforeAll(async () => {
  // Serves exactly the pages the portal serves, so provisioning can only fetch what exists.
  portal = createServer((req, res) => {
    const file = req.url?.replace(/^\/hotspot\//, '') ?? '';
    if ((HOTSPOT_PAGE_FILES as readonly string[]).includes(file)) res.end(`<html><!-- ${file} --></html>`);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalPort = (portal.address() as { port: number }).port;
  portalUrl = `http://127.0.0.1:${portalPort}`;
});
afterAll(() => new Promise<void>((resolve) => portal.close(() => resolve())));

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function router(options: VirtualRouterOsOptions = {}): Promise<VirtualRouterOs> {
  const r = await startVirtualRouterOs({ users: [{ name: 'warganet', password: 'api-pw' }], ...options });
  cleanup.push(() => r.stop());
  return r;
}

function gateway(): RouterGateway {
  const g = createRouterOsGateway({
    connection: { connectTimeoutMs: 1000, commandTimeoutMs: 1000, backoffInitialMs: 10, backoffMaxMs: 10 },
    fetchTimeoutMs: 2000,
  });
  cleanup.push(() => g.close());
  return g;
}

const target = (r: VirtualRouterOs): RouterTarget => ({
  id: 1,
  name: 'balai-desa',
  host: r.host,
  port: r.port,
  tls: false,
  user: 'warganet',
  password: 'api-pw',
});

function spec(over: Partial<ProvisionSpec> = {}): ProvisionSpec {
  return {
    radius: {
      address: '192.0.2.10',
      secret: 'rahasia-radius',
      authPort: 1812,
      acctPort: 1813,
      timeout: '2s',
      requireMessageAuth: true,
    },
    coaPort: 3799,
    hotspot: { server: null, profile: null },
    portal: { url: portalUrl, host: '127.0.0.1', port: portalPort },
    pages: [
      { url: `${portalUrl}/hotspot/login.html`, file: 'login.html' },
      { url: `${portalUrl}/hotspot/alogin.html`, file: 'alogin.html' },
    ],
    userProfiles: [
      { name: 'warga-5M', rateLimit: '2M/5M', sharedUsers: 2 },
      { name: 'warga-10M', rateLimit: '5M/10M', sharedUsers: 3 },
    ],
    uplink: { up: '20M', down: '50M' },
    ...over,
  };
}

/** Every menu the virtual router has, as `print` shows it: to prove that nothing changed. */
function everything(r: VirtualRouterOs) {
  const menus = [
    '/radius',
    '/radius/incoming',
    '/ip/hotspot',
    '/ip/hotspot/profile',
    '/ip/hotspot/user/profile',
    '/ip/hotspot/user',
    '/ip/hotspot/walled-garden',
    '/ip/hotspot/walled-garden/ip',
    '/queue/simple',
    '/system/script',
    '/system/scheduler',
    '/file',
  ];
  return Object.fromEntries(menus.map((m) => [m, r.model.print(m)]));
}

/** After `/ip hotspot setup`: a server on the bridge using profile hsprof1. */
function withHotspot(model: RouterModel): RouterModel {
  model.add('/ip/hotspot/profile', {
    name: 'hsprof1',
    'hotspot-address': '10.5.50.1',
    'dns-name': 'wifi.desa',
  });
  model.add('/ip/hotspot', {
    name: 'hotspot1',
    interface: 'bridge',
    profile: 'hsprof1',
    'address-pool': 'hs-pool-1',
  });
  return model;
}

/** What an operator with Mikhmon typically has, plus what an earlier Warganet left behind. */
function halfConfigured(version: string): RouterModel {
  const m = withHotspot(new RouterModel(version));
  m.add('/radius', { service: 'ppp', address: '10.9.9.9', secret: 'ppp-secret', comment: 'pppoe' });
  m.add('/radius', {
    service: 'hotspot',
    address: '10.0.0.5',
    secret: 'lama',
    'authentication-port': '1645',
    comment: 'warganet',
  });
  m.add('/system/script', { name: 'mikhmon-expire', source: ':log info "expire"', comment: 'mikhmon' });
  m.add('/system/scheduler', {
    name: 'Mikhmon',
    'on-event': 'mikhmon-expire',
    interval: '1m',
    comment: 'mikhmon',
  });
  m.add('/ip/hotspot/user/profile', {
    name: 'voucher-1jam',
    'rate-limit': '1M/1M',
    'on-login':
      ':put (",rem,5000,1h,0,,Disable,"); {:local comment [ /ip hotspot user get [/ip hotspot user find where name="$user"] comment]}',
  });
  m.add('/ip/hotspot/user/profile', {
    name: 'warga-5M',
    'rate-limit': '1M/2M',
    'shared-users': '1',
    'on-login': PROFILE_MARKER,
  });
  m.add('/ip/hotspot/user/profile', {
    name: 'paket-lama',
    'rate-limit': '512k/1M',
    'on-login': PROFILE_MARKER,
  });
  m.add('/ip/hotspot/user', {
    name: 'vc-8812',
    password: '8812',
    profile: 'voucher-1jam',
    comment: 'vc-mikhmon',
  });
  m.add('/ip/hotspot/walled-garden', { 'dst-host': '*.desa.id', comment: 'operator' });
  m.add('/ip/hotspot/walled-garden', { 'dst-host': 'portal-lama.desa.id', comment: 'warganet' });
  m.add('/queue/simple', { name: 'kantor-desa', target: '10.5.50.2/32', 'max-limit': '5M/5M' });
  return m;
}

const operatorParts = (r: VirtualRouterOs) => ({
  ppp: r.model.print('/radius', { queries: ['?comment=pppoe'] }),
  scripts: r.model.print('/system/script'),
  scheduler: r.model.print('/system/scheduler'),
  voucherProfile: r.model.print('/ip/hotspot/user/profile', { queries: ['?name=voucher-1jam'] }),
  users: r.model.print('/ip/hotspot/user'),
  garden: r.model.print('/ip/hotspot/walled-garden', { queries: ['?comment=operator'] }),
  queue: r.model.print('/queue/simple', { queries: ['?name=kantor-desa'] }),
});

describe('provisioning a factory-fresh RouterOS 7.18 router', () => {
  it('sets up RADIUS, CoA, a hotspot profile, walled garden, login pages, user profiles; again changes nothing', async () => {
    const r = await router();
    const g = gateway();
    const report = await g.provision(target(r), spec(), { dryRun: false });
    expect(report.error).toBeUndefined();
    expect(report.applied).toBe(report.changes.length);
    expect(report.rosVersion).toBe('7.18.2 (stable)');

    expect(r.model.print('/radius')).toEqual([
      {
        '.id': '*1',
        service: 'hotspot',
        address: '192.0.2.10',
        secret: 'rahasia-radius',
        'authentication-port': '1812',
        'accounting-port': '1813',
        timeout: '2s',
        'accounting-backup': 'false',
        'src-address': '0.0.0.0',
        protocol: 'udp',
        certificate: 'none',
        'require-message-auth': 'yes-for-request-resp',
        comment: 'warganet',
        disabled: 'false',
      },
    ]);
    expect(r.model.print('/radius/incoming')[0]).toMatchObject({ accept: 'true', port: '3799' });
    expect(r.model.print('/ip/hotspot/profile', { queries: ['?name=warganet'] })[0]).toMatchObject({
      'use-radius': 'true',
      'radius-accounting': 'true',
      'login-by': 'mac,http-chap',
      'mac-auth-mode': 'mac-as-username-and-password',
      'radius-mac-format': 'XX:XX:XX:XX:XX:XX',
      'html-directory': 'warganet',
    });
    expect(r.model.print('/ip/hotspot/walled-garden')).toMatchObject([
      { 'dst-host': '127.0.0.1', action: 'allow', comment: 'warganet' },
    ]);
    expect(r.model.print('/ip/hotspot/walled-garden/ip')).toMatchObject([
      {
        action: 'accept',
        protocol: 'tcp',
        'dst-address': '127.0.0.1',
        'dst-port': String(portalPort),
        comment: 'warganet',
      },
    ]);
    expect(r.model.print('/file').map((f) => f.name)).toEqual([
      'warganet/login.html',
      'warganet/alogin.html',
    ]);
    expect(
      r.model.print('/ip/hotspot/user/profile', { proplist: ['name', 'rate-limit', 'shared-users'] }),
    ).toEqual([
      { name: 'default', 'shared-users': '1' },
      { name: 'warga-5M', 'rate-limit': '2M/5M', 'shared-users': '2' },
      { name: 'warga-10M', 'rate-limit': '5M/10M', 'shared-users': '3' },
    ]);
    expect(report.notes.map((n) => n.message).join('\n')).toMatch(/Belum ada hotspot server/);
    expect(report.notes.map((n) => n.message).join('\n')).toMatch(/Batas uplink tidak dipasang/);

    const writes = r.stats.writes;
    const again = await g.provision(target(r), spec(), { dryRun: false });
    expect(again.changes).toEqual([]);
    expect(r.stats.writes).toBe(writes);
  });

  it('a dry run describes the changes in Indonesian and writes nothing', async () => {
    const r = await router();
    const before = everything(r);
    const report = await gateway().provision(target(r), spec(), { dryRun: true });
    expect(report.applied).toBe(0);
    expect(r.stats.writes).toBe(0);
    expect(everything(r)).toEqual(before);
    const lines = report.changes.map((c) => c.description);
    expect(lines).toContain(
      'Tambah klien RADIUS hotspot (server 192.0.2.10): layanan hotspot, alamat server 192.0.2.10, rahasia ••••, ' +
        'port autentikasi 1812, port accounting 1813, batas waktu 2s, wajib Message-Authenticator yes-for-request-resp',
    );
    expect(lines).toContain(
      'Ubah penerimaan CoA/Disconnect (/radius incoming): terima CoA/Disconnect tidak → ya',
    );
    expect(lines).toContain(
      `Unduh halaman login.html dari ${portalUrl}/hotspot/login.html ke warganet/login.html`,
    );
    expect(lines).toContain(
      'Tambah profil pengguna warga-5M: batas kecepatan (unggah/unduh) 2M/5M, perangkat bersamaan 2',
    );
    expect(lines.join('\n')).not.toContain('rahasia-radius');
  });
});

describe('provisioning a router an operator already set up (with Mikhmon)', () => {
  it('a dry run lists the differences and changes nothing', async () => {
    const r = await router({ model: halfConfigured('7.18.2') });
    const before = everything(r);
    const report = await gateway().provision(target(r), spec(), { dryRun: true });
    expect(everything(r)).toEqual(before);
    expect(r.stats.writes).toBe(0);
    const lines = report.changes.map((c) => c.description);
    expect(lines).toContain(
      'Ubah klien RADIUS hotspot (server 192.0.2.10): alamat server 10.0.0.5 → 192.0.2.10; rahasia diganti; ' +
        'port autentikasi 1645 → 1812; batas waktu 300ms → 2s',
    );
    expect(lines).toContain(
      'Ubah profil hotspot hsprof1: pakai RADIUS tidak → ya; mode login MAC mac-as-username → ' +
        'mac-as-username-and-password; folder halaman login hotspot → warganet; cara login cookie,http-chap → cookie,http-chap,mac',
    );
    expect(lines).toContain('Hapus profil pengguna paket-lama (dibuat Warganet, tidak diperlukan lagi)');
    expect(lines).toContain(
      'Hapus walled garden portal-lama.desa.id (dibuat Warganet, tidak diperlukan lagi)',
    );
    expect(lines).toContain(
      'Tambah antrean uplink warganet-uplink: target bridge, batas (unggah/unduh) 20M/50M',
    );
  });

  it('applies only to what Warganet owns or needs; operator and Mikhmon entries survive; a second run writes nothing', async () => {
    const r = await router({ model: halfConfigured('7.18.2') });
    const operator = operatorParts(r);
    const g = gateway();
    const report = await g.provision(target(r), spec(), { dryRun: false });
    expect(report.error).toBeUndefined();
    expect(operatorParts(r)).toEqual(operator);

    expect(r.model.print('/radius', { queries: ['?comment=warganet'] })).toMatchObject([
      { address: '192.0.2.10', secret: 'rahasia-radius', 'authentication-port': '1812', timeout: '2s' },
    ]);
    expect(r.model.print('/ip/hotspot/profile', { queries: ['?name=hsprof1'] })[0]).toMatchObject({
      'use-radius': 'true',
      'login-by': 'mac,cookie,http-chap',
      'html-directory': 'warganet',
      'hotspot-address': '10.5.50.1',
      'dns-name': 'wifi.desa',
    });
    expect(r.model.print('/ip/hotspot/profile', { queries: ['?name=warganet'] })).toEqual([]);
    const profiles = r.model.print('/ip/hotspot/user/profile', { proplist: ['name', 'rate-limit'] });
    expect(profiles.map((p) => p.name)).toEqual(['default', 'voucher-1jam', 'warga-5M', 'warga-10M']);
    expect(profiles.find((p) => p.name === 'warga-5M')).toEqual({ name: 'warga-5M', 'rate-limit': '2M/5M' });
    expect(r.model.print('/ip/hotspot/walled-garden').map((w) => w['dst-host'])).toEqual([
      '*.desa.id',
      '127.0.0.1',
    ]);
    expect(r.model.print('/queue/simple', { queries: ['?name=warganet-uplink'] })[0]).toMatchObject({
      target: 'bridge',
      'max-limit': '20M/50M',
      comment: 'warganet',
    });
    expect(report.notes.map((n) => n.message).join('\n')).not.toMatch(/hotspot lain/);

    const writes = r.stats.writes;
    const again = await g.provision(target(r), spec(), { dryRun: false });
    expect(again.changes).toEqual([]);
    expect(again.notes.filter((n) => n.level === 'problem')).toEqual([]);
    expect(r.stats.writes).toBe(writes);
  });

  it('a user profile of the same name that Warganet did not create is left alone and reported', async () => {
    const model = withHotspot(new RouterModel('7.18.2'));
    model.add('/ip/hotspot/user/profile', { name: 'warga-10M', 'rate-limit': '9M/9M' });
    const r = await router({ model });
    const report = await gateway().provision(target(r), spec(), { dryRun: false });
    expect(report.notes).toContainEqual({
      level: 'problem',
      message: expect.stringMatching(/warga-10M sudah ada/),
    });
    expect(r.model.print('/ip/hotspot/user/profile', { queries: ['?name=warga-10M'] })[0]).toMatchObject({
      'rate-limit': '9M/9M',
    });
  });

  it('another RADIUS server for the hotspot is reported, not touched', async () => {
    const model = withHotspot(new RouterModel('7.18.2'));
    model.add('/radius', { service: 'hotspot,login', address: '10.1.1.1', secret: 'x' });
    const r = await router({ model });
    const report = await gateway().provision(target(r), spec(), { dryRun: false });
    expect(report.notes).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(/server 10.1.1.1/),
    });
    expect(r.model.print('/radius', { queries: ['?address=10.1.1.1'] })).toHaveLength(1);
  });
});

describe('provisioning older RouterOS', () => {
  it.each(['7.14.3', '6.49.10'])(
    'RouterOS %s: no require-message-auth (reported), converges, second run writes nothing',
    async (version) => {
      const r = await router({ version, model: halfConfigured(version) });
      const g = gateway();
      const report = await g.provision(target(r), spec(), { dryRun: false });
      expect(report.error).toBeUndefined();
      // A problem, not a warning: with Message-Authenticator required, every login from it would be dropped.
      expect(report.notes).toContainEqual({
        level: 'problem',
        message: expect.stringMatching(
          /di bawah 7\.15 tidak mengirim Message-Authenticator.*--no-require-message-auth/,
        ),
      });
      const [entry] = r.model.print('/radius', { queries: ['?comment=warganet'] });
      expect(entry).not.toHaveProperty('require-message-auth');
      expect(r.model.print('/ip/hotspot/profile', { queries: ['?name=hsprof1'] })[0]!['use-radius']).toBe(
        version.startsWith('6') ? 'yes' : 'true',
      );
      expect(r.model.print('/radius/incoming')[0]).toMatchObject({ port: '3799' });
      const writes = r.stats.writes;
      expect((await g.provision(target(r), spec(), { dryRun: false })).changes).toEqual([]);
      expect(r.stats.writes).toBe(writes);
    },
  );
});

describe('provisioning a misbehaving router', () => {
  it('a connection dropped mid-way is reported with what was applied; running again completes it', async () => {
    const r = await router({
      model: halfConfigured('7.18.2'),
      faults: { dropOn: '/ip/hotspot/walled-garden/add' },
    });
    const g = gateway();
    const first = await g.provision(target(r), spec(), { dryRun: false });
    expect(first.error).toMatchObject({ kind: 'connection-lost', transient: true });
    expect(first.applied).toBeGreaterThan(0);
    expect(first.applied).toBeLessThan(first.changes.length);
    expect(r.model.print('/ip/hotspot/profile', { queries: ['?name=hsprof1'] })[0]!['html-directory']).toBe(
      'hotspot',
    );
    r.faults = {};
    const second = await g.provision(target(r), spec(), { dryRun: false });
    expect(second.error).toBeUndefined();
    expect(second.changes.length).toBe(first.changes.length - first.applied);
    expect((await g.provision(target(r), spec(), { dryRun: false })).changes).toEqual([]);
  });

  it('a slow router is waited for', async () => {
    const r = await router({ faults: { replyDelayMs: 30 } });
    const report = await gateway().provision(target(r), spec(), { dryRun: false });
    expect(report.error).toBeUndefined();
    expect(report.applied).toBe(report.changes.length);
  });

  it('a login page the portal does not serve stops before the hotspot is pointed at the page folder', async () => {
    const r = await router({ model: withHotspot(new RouterModel('7.18.2')) });
    const pages = [{ url: `${portalUrl}/tidak-ada.html`, file: 'login.html' }];
    const report = await gateway().provision(target(r), spec({ pages }), { dryRun: false });
    expect(report.error).toMatchObject({ kind: 'refused', message: expect.stringMatching(/404/) });
    expect(r.model.print('/ip/hotspot/profile', { queries: ['?name=hsprof1'] })[0]!['html-directory']).toBe(
      'hotspot',
    );
  });

  it('a router that refuses the login is reported as such', async () => {
    const r = await router();
    const err = await gateway()
      .provision({ ...target(r), password: 'salah' }, spec(), { dryRun: true })
      .catch((e) => e);
    expect(err).toMatchObject({ kind: 'login', transient: false });
  });
});
