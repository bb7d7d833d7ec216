// Fair use through the real RADIUS server on both databases. Step-down: a phone on the virtual hotspot logs in by
// MAC at full speed; when an interim update shows the day's use crossed the plan's threshold, the server sends
// the router's /radius incoming (the hotspot's CoA listener) a CoA with the lower Mikrotik-Rate-Limit, once; a
// router that refuses CoA gets a Disconnect; a new login after the threshold gets the lower rate in
// Access-Accept. Time windows and institution devices: radclient (FreeRADIUS) as the peer.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../src/app-context.js';
import type { RunningServer } from '../src/server.js';
import type { VirtualHotspot } from '../src/sim/hotspot-server.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedPlan, seedRouter, seedSubscriber, testKeyring } from './support/radius-fixtures.js';
import { type HotspotVillage, phoneBrowser, startHotspotVillage } from './support/virtual-hotspot.js';

const SECRET = 'testing123';
const PHONE = '5C:1A:2B:00:40:01';
const SECOND = '5C:1A:2B:00:40:02';
const SCHOOL_PC = '5C:1A:2B:00:40:09';
const CLINIC_PC = '5C:1A:2B:00:40:0A';

function radclient(port: number, input: string) {
  return new Promise<string>((resolve) => {
    const child = spawn('radclient', ['-x', '-r', '2', '-t', '2.5', `127.0.0.1:${port}`, 'auth', SECRET]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', () => resolve(out));
    child.stdin.end(input);
  });
}

/** A weekday window that excludes now in Asia/Jakarta: today's weekday is left out. */
function closedWindowToday(): string {
  const names = ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'];
  const today = new Date(Date.now() + 7 * 3600_000).getUTCDay();
  return `${names[(today + 1) % 7]} 00:00-24:00`;
}

describe.each(databaseKinds)('fair use through the RADIUS server (%s)', (kind) => {
  let tdb: TestDatabase;
  let village: HotspotVillage;
  let app: AppContext;
  let server: RunningServer;
  let hotspot: VirtualHotspot;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    await seedRouter(tdb.db, keyring, { nasIp: '127.0.0.1', secret: SECRET });
    const plan = await seedPlan(tdb.db, {
      is_default: 1,
      name: 'Hemat',
      profile_name: 'hemat',
      down_rate: 10_000_000,
      up_rate: 5_000_000,
      daily_quota_bytes: null,
      step_down_bytes: 1_000_000,
      step_down_down_rate: 1_000_000,
      step_down_up_rate: 512_000,
    });
    const { accountId } = await seedSubscriber(
      tdb.db,
      keyring,
      { mac: PHONE, username: 'wn-00004001', secret: 'a' },
      { planId: plan },
    );
    await tdb.db
      .insertInto('devices')
      .values({
        account_id: accountId,
        mac: SECOND,
        username: 'wn-00004002',
        secret_enc: await keyring.encrypt('b'),
        created_at: 0,
      })
      .execute();
    const school = await seedPlan(tdb.db, {
      name: 'Sekolah',
      profile_name: 'sekolah',
      daily_quota_bytes: null,
      time_window: closedWindowToday(),
    });
    const inst = await tdb.db
      .insertInto('institutions')
      .values({ name: 'SD Negeri', kind: 'sekolah', plan_id: school, created_at: 0, updated_at: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tdb.db
      .insertInto('institution_devices')
      .values({ institution_id: inst.id, mac: SCHOOL_PC, label: null, created_at: 0 })
      .execute();
    // An institution on the stepping plan: its own day's use steps its devices down.
    const clinic = await tdb.db
      .insertInto('institutions')
      .values({ name: 'Puskesmas', kind: 'puskesmas', plan_id: plan, created_at: 0, updated_at: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tdb.db
      .insertInto('institution_devices')
      .values({ institution_id: clinic.id, mac: CLINIC_PC, label: null, created_at: 0 })
      .execute();

    village = await startHotspotVillage(tdb, {
      secret: SECRET,
      roles: 'radius',
      env: { WARGANET_MAC_AUTH_PASSWORD: 'macauth', WARGANET_TZ: 'Asia/Jakarta' },
      hotspot: { trafficPerInterim: { down: 0, up: 0 } },
    });
    ({ app, server, hotspot } = village);
  });
  afterAll(async () => {
    await village?.stop();
    await tdb?.close();
  });

  async function online(mac: string, ip: string) {
    const phone = await hotspot.addClient({ mac, ip });
    // Any page through the hotspot: login-by=mac logs the phone in first.
    await phoneBrowser(phone.proxyUrl)('http://example.com/');
    const s = hotspot.activeFor(mac);
    expect(s).toBeDefined();
    return s!;
  }

  it('full speed until the day passes 1 MB, then one CoA lowers the rate of the running session', async () => {
    const s = await online(PHONE, '10.5.50.21');
    expect(s.rateLimit).toBe('5M/10M');
    await hotspot.addTraffic(PHONE, { down: 600_000, up: 100_000 });
    await hotspot.sendInterimUpdates();
    expect(hotspot.activeFor(PHONE)?.rateLimit).toBe('5M/10M');
    await hotspot.addTraffic(PHONE, { down: 300_000, up: 100_000 });
    await hotspot.sendInterimUpdates();
    await vi.waitFor(() => expect(hotspot.activeFor(PHONE)?.rateLimit).toBe('512k/1M'), { timeout: 10_000 });
    // The session was changed in place (not ended), and only once: a rate set on the router by hand after it
    // stays through later updates, which a second CoA would have overwritten.
    expect(hotspot.activeFor(PHONE)?.acctSessionId).toBe(s.acctSessionId);
    expect(hotspot.accounting.filter((a) => a.kind === 'stop')).toHaveLength(0);
    hotspot.activeFor(PHONE)!.rateLimit = 'by-hand';
    await hotspot.addTraffic(PHONE, { down: 300_000, up: 0 });
    await hotspot.sendInterimUpdates();
    await app.services.radius.accounting.drain();
    expect(hotspot.activeFor(PHONE)?.rateLimit).toBe('by-hand');
  });

  it("the account's second phone logging in after the threshold gets the lower rate in Access-Accept", async () => {
    const s = await online(SECOND, '10.5.50.22');
    expect(s.rateLimit).toBe('512k/1M');
    // Accepted already stepped down: its updates trigger no CoA.
    await hotspot.sendInterimUpdates();
    expect(hotspot.activeFor(SECOND)?.rateLimit).toBe('512k/1M');
  });

  it("an institution's running session is stepped down by one CoA when the institution's day passes the threshold", async () => {
    const s = await online(CLINIC_PC, '10.5.50.29');
    expect(s.rateLimit).toBe('5M/10M');
    await hotspot.addTraffic(CLINIC_PC, { down: 900_000, up: 200_000 });
    await hotspot.sendInterimUpdates();
    await vi.waitFor(() => expect(hotspot.activeFor(CLINIC_PC)?.rateLimit).toBe('512k/1M'), {
      timeout: 10_000,
    });
    expect(hotspot.activeFor(CLINIC_PC)?.acctSessionId).toBe(s.acctSessionId);
    // Its traffic is still booked under the institution.
    await app.services.radius.accounting.drain();
    const booked = await tdb.db.selectFrom('usage_institution_daily').select('bytes_in').execute();
    expect(booked.length).toBeGreaterThan(0);
  });

  it("a plan's time window refuses an institution's device outside it, with the next opening (radclient)", async () => {
    const out = await radclient(
      server.radiusPorts!.auth,
      [
        `User-Name = "${SCHOOL_PC}"`,
        `User-Password = "${SCHOOL_PC}"`,
        `Calling-Station-Id = "${SCHOOL_PC}"`,
        'Message-Authenticator = 0x00',
        '',
      ].join('\n'),
    );
    expect(out).toContain('Received Access-Reject');
    expect(out).toMatch(
      /Reply-Message = "Paket Wi-Fi ini hanya aktif .* WIB\. Bisa masuk lagi mulai pukul 00\.00 WIB/,
    );
  });
});
