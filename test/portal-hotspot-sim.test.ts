// The virtual MikroTik hotspot against our real RADIUS server (no browser): the packets it builds are
// byte-identical to the reference capture, the servlet redirects and renders the shipped login pages with real
// variables, CHAP and MAC logins go through RADIUS with the reply applied, accounting arrives, and Disconnect /
// CoA from our CoA client are honoured. Replies without Message-Authenticator are dropped, as RouterOS 7.15+ does.
import { createSocket } from 'node:dgram';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCoa, sendDisconnect } from '../radius/coa-client.js';
import { Code, Mikrotik, VENDOR_MIKROTIK } from '../radius/dictionary.js';
import { decodePacket, vsaString } from '../radius/packet.js';
import { encodeResponse } from '../radius/signing.js';
import type { AppContext } from '../src/app-context.js';
import { chapLoginPassword } from '../src/domain/chap.js';
import {
  encodeHotspotAccessRequest,
  encodeHotspotAccounting,
  type NasIdentity,
} from '../src/sim/hotspot-radius.js';
import { startVirtualHotspot, type VirtualHotspot } from '../src/sim/hotspot-server.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedPlan, seedRouter, seedSubscriber, testKeyring } from './support/radius-fixtures.js';
import { type HotspotVillage, startHotspotVillage } from './support/virtual-hotspot.js';

// Reference §8, built from capture A's attribute set with secret testing123.
const GOLDEN_ACCESS =
  '012c00f2000102030405060708090a0b0c0d0e0f3d06000000131f1342433a32343a31313a45423a35363a34441e1468732d766c616e3838382d686f7473706f745711766c616e3838382d686f7473706f74010b74686570756d7065720506801000142c0a383031303030313408060a0558021a0c00003a8c0a060a0558023c1219a63ce2e283187f977609b470b01368031334b7226284e0fdeddd5b12a8ee74e8b25c0606000000011a1f0000372a0319687474703a2f2f31302e352e38382e312f6c6f676f757420114b6877616e726963686169486f6d6504060a00000150126c2b8098a96d20a4d65bab89373d5f50';
const GOLDEN_STOP =
  '042e00d8c52af275935ee5fb76751f4f2f05b7c22806000000023106000000013d06000000131f1342433a32343a31313a45423a35363a34441e1468732d766c616e3838382d686f7473706f745711766c616e3838382d686f7473706f74010b74686570756d7065720506801000142c0a383031303030313408060a0558021a0c00003a8c0a060a05580237066a42ac532a06000000382b06000000383406000000003506000000002f06000000013006000000012e060000000520114b6877616e726963686169486f6d6529060000000004060a000001';

const CAPTURE_NAS: NasIdentity = {
  nasIp: '10.0.0.1',
  identity: 'KhwanrichaiHome',
  serverName: 'hs-vlan888-hotspot',
  interfaceName: 'vlan888-hotspot',
  hotspotAddress: '10.5.88.1',
};
const CAPTURE_SESSION = {
  mac: 'BC:24:11:EB:56:4D',
  ip: '10.5.88.2',
  userName: 'thepumper',
  acctSessionId: '80100014',
};

describe('virtual hotspot packets are those of a real RouterOS 7.15+', () => {
  it('builds the capture A Access-Request byte for byte (CHAP, Message-Authenticator last)', () => {
    const packet = encodeHotspotAccessRequest({
      identifier: 44,
      authenticator: Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'),
      secret: Buffer.from('testing123'),
      nas: CAPTURE_NAS,
      session: CAPTURE_SESSION,
      credentials: {
        kind: 'chap',
        ident: 0x34,
        response: Buffer.from('b7226284e0fdeddd5b12a8ee74e8b25c', 'hex'),
        challenge: Buffer.from('19a63ce2e283187f977609b470b01368', 'hex'),
      },
    });
    expect(packet.toString('hex')).toBe(GOLDEN_ACCESS);
  });

  it('builds the capture A Accounting Stop byte for byte', () => {
    const packet = encodeHotspotAccounting({
      identifier: 46,
      secret: Buffer.from('testing123'),
      nas: CAPTURE_NAS,
      session: CAPTURE_SESSION,
      kind: 'stop',
      terminateCause: 1,
      eventTimestamp: 0x6a42ac53,
      counters: { inputBytes: 56, outputBytes: 56, inputPackets: 1, outputPackets: 1, sessionTimeS: 5 },
    });
    expect(packet.toString('hex')).toBe(GOLDEN_STOP);
  });
});

interface ProxyReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function viaProxy(proxyUrl: string, url: string, form?: Record<string, string>): Promise<ProxyReply> {
  const proxy = new URL(proxyUrl);
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: proxy.hostname,
        port: proxy.port,
        method: body ? 'POST' : 'GET',
        path: url,
        headers: {
          host: new URL(url).host,
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';

describe.each(databaseKinds)('virtual hotspot against the RADIUS server (%s)', (kind) => {
  let tdb: TestDatabase;
  let village: HotspotVillage;
  let app: AppContext;
  let hotspot: VirtualHotspot;
  const SECRET = 'rahasia-router';
  const KNOWN = { mac: '02:AA:00:00:00:01', username: 'wn-known001', secret: 'Rahasia12345' };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    await seedRouter(tdb.db, keyring, { nasIp: '127.0.0.1', secret: SECRET });
    await seedPlan(tdb.db, {
      is_default: 1,
      down_rate: 10_000_000,
      up_rate: 3_000_000,
      session_timeout_s: 3600,
    });
    await seedSubscriber(tdb.db, keyring, KNOWN);
    village = await startHotspotVillage(tdb, { secret: SECRET, roles: 'radius', loginPages: 'render' });
    ({ app, hotspot } = village);
  });
  afterAll(async () => {
    await village?.stop();
    await tdb?.close();
  });

  it('redirects a host that is not logged in to the login page with a 302, then renders login.html with octal CHAP variables', async () => {
    const phone = await hotspot.addClient({ mac: '02:AA:00:00:00:09', ip: '10.5.50.9' });
    const first = await viaProxy(phone.proxyUrl, 'http://example.com/berita?x=1');
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe(
      `http://10.5.50.1/login?dst=${encodeURIComponent('http://example.com/berita?x=1')}`,
    );
    // The unknown MAC was offered to RADIUS first, and refused.
    expect(hotspot.accessRequests.at(-1)).toMatchObject({ userName: '02:AA:00:00:00:09', outcome: 'reject' });

    const login = await viaProxy(phone.proxyUrl, first.headers.location as string);
    expect(login.status).toBe(200);
    expect(login.body).toContain('action="http://portal.desa.test/"');
    expect(field(login.body, 'mac')).toBe('02:AA:00:00:00:09');
    expect(field(login.body, 'link-login-only')).toBe('http://10.5.50.1/login');
    expect(field(login.body, 'link-orig')).toBe('http://example.com/berita?x=1');
    expect(field(login.body, 'chap-id')).toMatch(/^\\[0-7]{3}$/);
    expect(field(login.body, 'chap-challenge')).toMatch(/^(\\[0-7]{3}){16}$/);
    // Each rendering brings a fresh challenge.
    const again = await viaProxy(phone.proxyUrl, first.headers.location as string);
    expect(field(again.body, 'chap-challenge')).not.toBe(field(login.body, 'chap-challenge'));
  });

  it('logs a device in by CHAP through RADIUS, applies the reply, and starts accounting', async () => {
    const phone = await hotspot.addClient({ mac: KNOWN.mac, ip: '10.5.50.21' });
    // A known MAC would get in by MAC authentication; ask for the login page directly instead.
    const login = await viaProxy(phone.proxyUrl, 'http://10.5.50.1/login?dst=http%3A%2F%2Fexample.com%2F');
    const chap = chapLoginPassword(
      field(login.body, 'chap-id'),
      field(login.body, 'chap-challenge'),
      KNOWN.secret,
    );
    if (!chap.ok) throw new Error('no CHAP');
    const wrong = await viaProxy(phone.proxyUrl, 'http://10.5.50.1/login', {
      username: KNOWN.username,
      password: '0'.repeat(32),
      dst: 'http://example.com/',
    });
    // flogin.html: back to the portal with the server's Reply-Message as the error.
    expect(field(wrong.body, 'error')).toMatch(/salah/);
    expect(hotspot.activeFor(KNOWN.mac)).toBeUndefined();

    const fresh = await viaProxy(phone.proxyUrl, 'http://10.5.50.1/login?dst=http%3A%2F%2Fexample.com%2F');
    const ok = chapLoginPassword(
      field(fresh.body, 'chap-id'),
      field(fresh.body, 'chap-challenge'),
      KNOWN.secret,
    );
    if (!ok.ok) throw new Error('no CHAP');
    const alogin = await viaProxy(phone.proxyUrl, 'http://10.5.50.1/login', {
      username: KNOWN.username,
      password: ok.password,
      dst: 'http://example.com/',
    });
    expect(alogin.body).toContain('HP Anda sudah terhubung');
    const s = hotspot.activeFor(KNOWN.mac)!;
    expect(s).toMatchObject({
      loginBy: 'http-chap',
      rateLimit: '3M/10M',
      group: 'warga',
      userName: KNOWN.username,
    });
    expect(s.sessionTimeoutS).toBeLessThanOrEqual(3600);
    expect(s.totalLimitBytes).toBe(2_000_000_000);
    expect(hotspot.accounting.at(-1)).toMatchObject({
      kind: 'start',
      acctSessionId: s.acctSessionId,
      answered: true,
    });
    const internet = await viaProxy(phone.proxyUrl, 'http://example.com/');
    expect(internet.body).toContain('(simulasi)');
    await hotspot.sendInterimUpdates();
    const row = await app.database.db
      .selectFrom('sessions')
      .selectAll()
      .where('acct_session_id', '=', s.acctSessionId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('active');
    expect(Number(row.output_bytes)).toBe(s.outputBytes);
    expect(row.class).toMatch(/^warganet:d=\d+$/);
  });

  it('honours CoA (new rate limit) and Disconnect (session ends with Stop, Admin-Reset) from our CoA client', async () => {
    const s = hotspot.activeFor(KNOWN.mac)!;
    const target = { host: '127.0.0.1', port: hotspot.coaPort, secret: SECRET };
    const identity = {
      userName: s.userName,
      acctSessionId: s.acctSessionId,
      framedIp: s.ip,
      nasIp: '127.0.0.1',
    };
    const coa = await sendCoa(target, identity, [vsaString(VENDOR_MIKROTIK, Mikrotik.RateLimit, '1M/2M')]);
    expect(coa.outcome).toBe('ack');
    expect(hotspot.activeFor(KNOWN.mac)?.rateLimit).toBe('1M/2M');

    const missing = await sendDisconnect(target, { ...identity, acctSessionId: '8010ffff' });
    expect(missing).toMatchObject({ outcome: 'nak', errorCause: 503 });
    const wrongSecret = await sendDisconnect({ ...target, secret: 'salah' }, identity, {
      timeoutMs: 200,
      retries: 0,
    });
    expect(wrongSecret.outcome).toBe('timeout');

    const done = await sendDisconnect(target, identity);
    expect(done.outcome).toBe('ack');
    expect(hotspot.activeFor(KNOWN.mac)).toBeUndefined();
    expect(hotspot.accounting.at(-1)).toMatchObject({ kind: 'stop', terminateCause: 6, answered: true });
    const row = await app.database.db
      .selectFrom('sessions')
      .select(['state', 'terminate_cause'])
      .where('acct_session_id', '=', s.acctSessionId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('stopped');
  });

  it('lets a registered device in by MAC authentication on its first request', async () => {
    await hotspot.forgetHost(KNOWN.mac);
    const phone = await hotspot.addClient({ mac: KNOWN.mac, ip: '10.5.50.21' });
    const page = await viaProxy(phone.proxyUrl, 'http://example.com/pagi');
    expect(page.status).toBe(200);
    expect(hotspot.activeFor(KNOWN.mac)).toMatchObject({ loginBy: 'mac', userName: KNOWN.mac });
  });

  it('drops an Access-Accept without Message-Authenticator and reports the server as not responding', async () => {
    // A RADIUS server of the old kind: answers correctly signed, but without Message-Authenticator.
    const old = createSocket('udp4');
    old.on('message', (msg, rinfo) => {
      const d = decodePacket(msg);
      if (!d.ok) return;
      const reply = encodeResponse({
        code: Code.AccessAccept,
        identifier: d.packet.identifier,
        requestAuthenticator: d.packet.authenticator,
        attributes: [],
        secret: Buffer.from(SECRET),
        messageAuthenticator: 'none',
      });
      old.send(reply, rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => old.bind(0, '127.0.0.1', resolve));
    const strict = await startVirtualHotspot({ secret: SECRET, radiusTimeoutMs: 100, radiusRetries: 1 });
    try {
      strict.setTemplates({ 'login.html': 'L:$(error)', 'flogin.html': 'F:$(error)', 'alogin.html': 'OK' });
      strict.setRadius({ host: '127.0.0.1', authPort: old.address().port, acctPort: old.address().port });
      const phone = await strict.addClient({ mac: '02:AA:00:00:00:33', ip: '10.5.50.33' });
      const reply = await viaProxy(phone.proxyUrl, 'http://10.5.50.1/login', {
        username: 'x',
        password: 'y',
      });
      expect(reply.body).toBe('F:web browser did not send challenge response (try again, enable JavaScript)');
      await viaProxy(phone.proxyUrl, 'http://10.5.50.1/login');
      const chapLike = await viaProxy(phone.proxyUrl, 'http://10.5.50.1/login', {
        username: 'x',
        password: 'a'.repeat(32),
      });
      expect(chapLike.body).toBe('F:RADIUS server is not responding');
      expect(strict.radiusStats.badReplies).toBeGreaterThanOrEqual(1);
      expect(strict.activeFor('02:AA:00:00:00:33')).toBeUndefined();
    } finally {
      await strict.stop();
      old.close();
    }
  });
});
