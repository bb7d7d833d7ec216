// A village moving from Mikhmon: its router holds Mikhmon's vouchers as router-local hotspot users
// (/ip/hotspot/user, with Mikhmon's own user profiles). Provisioning's dry run says in plain words that they keep
// working and nothing of Mikhmon's changes; after provisioning (the router fetches Warganet's login pages from
// the portal with /tool/fetch), a phone in Chromium, through the virtual hotspot that reads the same router
// configuration, logs in with a Mikhmon voucher through Warganet's login page (CHAP computed in the page), and
// the resident's way to the portal is still on that page. Screenshots go to test-artifacts/mikhmon/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app-context.js';
import type { RouterOps } from '../src/router-ops-wiring.js';
import type { VirtualHotspot } from '../src/sim/hotspot-server.js';
import type { VirtualRouterOs } from '../src/sim/routeros-server.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { seedPlan, seedRouter, testKeyring } from './support/radius-fixtures.js';
import {
  type HotspotVillage,
  launchPhoneChromium,
  PORTAL_HOST,
  startHotspotVillage,
  villageRouterModel,
} from './support/virtual-hotspot.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'mikhmon');
const SECRET = 'rahasia-radius-desa';
// What Mikhmon writes: a user profile with its on-login script, vouchers whose password is the user name
// (voucher mode) or a separate one (member mode), comment "vc-<batch>-<date>-".
const MIKHMON_ON_LOGIN = ':put (",rem,5000,1d,5000,,Disable,"); {:local date [ /system clock get date ];}';
const PHONE = { mac: '5C:1A:2B:00:70:01', ip: '10.5.50.71' };
const PHONE2 = { mac: '5C:1A:2B:00:70:02', ip: '10.5.50.72' };
const GUEST = { mac: '5C:1A:2B:00:70:03', ip: '10.5.50.73' };
const GUEST2 = { mac: '5C:1A:2B:00:70:04', ip: '10.5.50.74' };

describe('Mikhmon vouchers beside Warganet on one hotspot', () => {
  let tdb: TestDatabase;
  let village: HotspotVillage;
  let app: AppContext;
  let router: VirtualRouterOs;
  let hotspot: VirtualHotspot;
  let ops: RouterOps;
  let phoneChromium: Awaited<ReturnType<typeof launchPhoneChromium>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    tdb = await createTestDatabase('sqlite');
    const keyring = await testKeyring();
    const model = villageRouterModel();
    model.add('/ip/hotspot/user/profile', {
      name: '1Hari-5rb',
      'rate-limit': '1M/2M',
      'shared-users': '1',
      'on-login': MIKHMON_ON_LOGIN,
    });
    model.add('/ip/hotspot/user', {
      name: 'kx7m4p',
      password: 'kx7m4p',
      profile: '1Hari-5rb',
      'limit-uptime': '1d',
      comment: 'vc-482-11.29.26-',
    });
    model.add('/ip/hotspot/user', {
      name: 'budi',
      password: 'rahasia9',
      profile: '1Hari-5rb',
      comment: 'up-210-11.29.26-',
    });
    const routerId = await seedRouter(tdb.db, keyring, {
      name: 'balai',
      nasIp: '127.0.0.1',
      secret: SECRET,
      hotspotAddress: '10.5.50.1',
    });
    await seedPlan(tdb.db, { is_default: 1 });

    village = await startHotspotVillage(tdb, {
      secret: SECRET,
      hotspot: { router: model },
      routerApi: { model, routerId, keyring },
    });
    ({ app, hotspot } = village);
    router = village.router!;
    ops = village.ops!;

    phoneChromium = await launchPhoneChromium();
    ({ browser } = phoneChromium);
  }, 60_000);

  afterAll(async () => {
    await phoneChromium?.close();
    await village?.stop();
    await tdb?.close();
  });

  const mikhmonState = () => ({
    users: router.model.print('/ip/hotspot/user'),
    profiles: router.model.print('/ip/hotspot/user/profile', { queries: ['?name=1Hari-5rb'] }),
  });

  it("the dry run says the router's local users keep working; provisioning leaves every Mikhmon user and profile as it was", async () => {
    const before = mikhmonState();
    const dry = await ops.provisioning.provision('balai', { dryRun: true });
    const notes = dry.report.notes.map((n) => n.message).join('\n');
    expect(notes).toContain('2 pengguna lokal hotspot (/ip/hotspot/user, misalnya voucher Mikhmon)');
    expect(notes).toContain('1 profil pengguna yang bukan buatan Warganet');
    expect(notes).toContain('tidak diubah dan tetap bisa dipakai');
    expect(notes).toContain('Halaman login lama di folder hotspot tidak dihapus');
    expect(dry.report.changes.some((c) => c.menu === '/ip/hotspot/user')).toBe(false);

    const done = await ops.provisioning.provision('balai', { dryRun: false });
    expect(done.report.error).toBeUndefined();
    expect(mikhmonState()).toEqual(before);
    const [profile] = router.model.print('/ip/hotspot/profile', { queries: ['?name=hsprof1'] });
    // The village's http-chap stays; MAC login is added for residents' known phones.
    expect(profile).toMatchObject({ 'use-radius': 'true', 'html-directory': 'warganet' });
    expect(profile!['login-by']?.split(',')).toEqual(expect.arrayContaining(['http-chap', 'cookie', 'mac']));
  });

  it('a phone logs in with a Mikhmon voucher through the login page Warganet shipped (CHAP in the page, nothing loaded from outside)', async () => {
    // The hotspot serves what provisioning put in the profile's html-directory.
    hotspot.loadTemplatesFromRouter('warganet');
    const proxy = (await hotspot.addClient(PHONE)).proxyUrl;
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      proxy: { server: proxy },
    });
    const page = await context.newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      const host = new URL(r.url()).hostname;
      if (host !== '10.5.50.1' && host !== 'example.com') outside.push(r.url());
    });
    await page.goto('http://example.com/berita');
    await page.waitForURL((u) => u.hostname === '10.5.50.1' && u.pathname === '/login');
    // Both ways in on one page: the resident's button and the hotspot login form.
    await page.getByRole('button', { name: 'Warga desa: masuk atau daftar' }).waitFor();
    await page.getByRole('link', { name: 'Punya kode voucher?' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'login-page.png'), fullPage: true });

    // A wrong password is refused, the router's error shown on the same page.
    await page.getByLabel('Nama pengguna atau kode voucher').fill('budi');
    await page.getByLabel('Kata sandi').fill('salah');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'invalid username or password' }).waitFor();
    expect(hotspot.activeFor(PHONE.mac)).toBeUndefined();

    await page.getByLabel('Nama pengguna atau kode voucher').fill('budi');
    await page.getByLabel('Kata sandi').fill('rahasia9');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('heading', { name: 'HP Anda sudah terhubung' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'logged-in.png'), fullPage: true });
    expect(hotspot.activeFor(PHONE.mac)).toMatchObject({
      userName: 'budi',
      loginBy: 'http-chap',
      local: true,
      rateLimit: '1M/2M',
    });
    // The router decided locally: RADIUS never heard of budi.
    expect(hotspot.accessRequests.some((r) => r.userName === 'budi')).toBe(false);
    expect(outside).toEqual([]);
    await context.close();
  });

  it('a voucher-mode code (password = user name) logs in with the password left empty', async () => {
    const proxy = (await hotspot.addClient(PHONE2)).proxyUrl;
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      proxy: { server: proxy },
    });
    const page = await context.newPage();
    await page.goto('http://example.com/');
    await page.getByLabel('Nama pengguna atau kode voucher').fill('kx7m4p');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('heading', { name: 'HP Anda sudah terhubung' }).waitFor();
    expect(hotspot.activeFor(PHONE2.mac)).toMatchObject({
      userName: 'kx7m4p',
      local: true,
      sessionTimeoutS: 86_400,
    });
    await context.close();
  });

  it("a guest opens a Warganet voucher card's QR link on the hotspot and is online, by RADIUS, with the plan's limits", async () => {
    await seedPlan(tdb.db, { name: 'Tamu', profile_name: 'tamu', down_rate: 2_000_000, up_rate: 1_000_000 });
    const [v] = await app.services.vouchers.create({ plan: 'Tamu', count: 1, validity: '1d' }, 'test');
    const proxy = (await hotspot.addClient(GUEST)).proxyUrl;
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      proxy: { server: proxy },
    });
    const page = await context.newPage();
    // What scanning the card does: the phone opens the link.
    await page.goto(`http://${PORTAL_HOST}/voucher?code=${v!.code}`);
    await page.getByRole('heading', { name: 'HP Anda sudah terhubung' }).waitFor();
    expect(hotspot.activeFor(GUEST.mac)).toMatchObject({
      userName: v!.code,
      rateLimit: '1M/2M',
      group: 'tamu',
    });
    expect(hotspot.activeFor(GUEST.mac)?.sessionTimeoutS).toBe(86_400);
    expect(await app.services.vouchers.show(v!.code)).toMatchObject({
      status: 'active',
      boundMacs: [GUEST.mac],
    });
    await context.close();

    // The same card on a second phone: refused, and the router's page says why.
    const other = await browser.newContext({
      viewport: { width: 360, height: 640 },
      locale: 'id-ID',
      proxy: { server: (await hotspot.addClient(GUEST2)).proxyUrl },
    });
    const page2 = await other.newPage();
    await page2.goto('http://example.com/');
    await page2.getByRole('link', { name: 'Punya kode voucher?' }).click();
    await page2.getByLabel('Kode voucher').fill(v!.code.toUpperCase());
    await page2.getByRole('button', { name: 'Masuk dengan voucher' }).click();
    await page2
      .getByRole('alert')
      .filter({ hasText: 'Voucher ini sudah dipakai di perangkat lain.' })
      .waitFor();
    await page2.screenshot({ path: join(ARTIFACTS, 'voucher-other-device.png'), fullPage: true });
    expect(hotspot.activeFor(GUEST2.mac)).toBeUndefined();
    await other.close();
  });
});
