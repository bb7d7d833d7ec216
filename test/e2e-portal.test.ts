// End to end in headless Chromium: phones (browser contexts, each with its own MAC through the virtual
// MikroTik hotspot as its HTTP proxy) open any http:// page, land on the portal, register or add themselves with
// NIK + PIN, and get online through a real RADIUS exchange with our server; accounting arrives; the device
// limit, a resident who left the roster, and the PIN lock-out behave as a resident would expect. Screenshots of
// every page at 360×640 go to test-artifacts/portal/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app-context.js';
import type { VirtualHotspot } from '../src/sim/hotspot-server.js';
import { makeKk, makeNik } from './fixtures/roster.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { seedPlan, seedRosterResident, seedRouter, testKeyring } from './support/radius-fixtures.js';
import {
  type HotspotVillage,
  launchPhoneChromium,
  PORTAL_HOST,
  startHotspotVillage,
} from './support/virtual-hotspot.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'portal');
const RADIUS_SECRET = 'rahasia-radius-desa';

const SITI = { nik: makeNik('1988-03-14', 2, 101), kk: makeKk(501), pin: '482915' };
const BUDI = { nik: makeNik('1979-07-02', 1, 102), kk: makeKk(502) };
const DEWI = { nik: makeNik('1995-11-23', 2, 103), kk: makeKk(503), pin: '730164' };

const PHONES = {
  siti: { mac: '5C:1A:2B:00:00:01', ip: '10.5.50.11' },
  kedua: { mac: '5C:1A:2B:00:00:02', ip: '10.5.50.12' },
  ketiga: { mac: '5C:1A:2B:00:00:03', ip: '10.5.50.13' },
  budi: { mac: '5C:1A:2B:00:00:04', ip: '10.5.50.14' },
  dewi: { mac: '5C:1A:2B:00:00:05', ip: '10.5.50.15' },
} as const;

describe('captive portal in Chromium through the virtual hotspot', () => {
  let tdb: TestDatabase;
  let village: HotspotVillage;
  let app: AppContext;
  let hotspot: VirtualHotspot;
  let phoneChromium: Awaited<ReturnType<typeof launchPhoneChromium>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const proxies = new Map<string, string>();

  async function phone(name: keyof typeof PHONES, opts: { javaScript?: boolean; locale?: string } = {}) {
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 1,
      proxy: { server: proxies.get(PHONES[name].mac)! },
      javaScriptEnabled: opts.javaScript ?? true,
      locale: opts.locale ?? 'id-ID',
    });
    contexts.push(context);
    return context.newPage();
  }

  const see = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
  async function seeHeading(page: Page, text: string) {
    await see(page.locator('h1').filter({ hasText: text }));
    expect((await page.locator('h1').first().textContent())?.trim()).toBe(text);
  }
  async function alertText(page: Page) {
    await see(page.getByRole('alert'));
    return (await page.getByRole('alert').first().textContent()) ?? '';
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  const db = () => app.database.db;
  const sessionsOf = (mac: string) =>
    db().selectFrom('sessions').selectAll().where('mac', '=', mac).execute();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    tdb = await createTestDatabase('sqlite');
    const keyring = await testKeyring();
    // The virtual hotspot serves its login pages at 10.5.50.1, as provisioning would have learnt.
    await seedRouter(tdb.db, keyring, {
      nasIp: '127.0.0.1',
      secret: RADIUS_SECRET,
      hotspotAddress: '10.5.50.1',
    });
    // A monthly quota far above the day's, so RADIUS still grants the day's remainder (2 GB).
    await seedPlan(tdb.db, {
      is_default: 1,
      devices_allowed: 2,
      down_rate: 5_000_000,
      up_rate: 2_000_000,
      monthly_quota_bytes: 60_000_000_000,
    });
    for (const [person, active] of [
      [SITI, true],
      [BUDI, false],
      [DEWI, true],
    ] as const)
      await seedRosterResident(tdb.db, keyring, { ...person, active });

    village = await startHotspotVillage(tdb, { secret: RADIUS_SECRET, loginPages: 'fetch' });
    ({ app, hotspot } = village);
    for (const p of Object.values(PHONES)) proxies.set(p.mac, (await hotspot.addClient(p)).proxyUrl);

    phoneChromium = await launchPhoneChromium();
    ({ browser } = phoneChromium);
  }, 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await phoneChromium?.close();
    await village?.stop();
    await tdb?.close();
  });

  it('a resident opens any page, lands on the portal, registers, and is online with the plan rate; accounting arrives', async () => {
    const page = await phone('siti');
    await page.goto('http://example.com/berita');
    // The router's login page offers both ways in; a resident takes the portal's.
    await page.getByRole('button', { name: 'Warga desa: masuk atau daftar' }).click();
    await page.waitForURL((u) => u.host === PORTAL_HOST && u.pathname === '/');
    const url = new URL(page.url());
    expect(url.searchParams.get('mac')).toBe(PHONES.siti.mac);
    expect(url.searchParams.get('chap-id')).toMatch(/^\\[0-7]{3}$/);
    expect(url.searchParams.get('chap-challenge')).toMatch(/^(\\[0-7]{3}){16}$/);
    expect(url.searchParams.get('link-orig')).toBe('http://example.com/berita');
    await seeHeading(page, 'Internet gratis untuk warga desa');
    await shot(page, '01-welcome');

    await page.getByRole('link', { name: /Daftar \(pertama kali\)/ }).click();
    await page.waitForURL(/\/daftar/);
    await shot(page, '02-register');
    await page.getByLabel('NIK', { exact: true }).fill(SITI.nik);
    await page.getByLabel('Nomor Kartu Keluarga (KK)').fill(SITI.kk);
    await page.getByLabel('Buat PIN 6 angka').fill(SITI.pin);
    await page.getByLabel('Ulangi PIN').fill(SITI.pin);
    await page.getByLabel('Nama perangkat (boleh dikosongkan)').fill('HP Siti');
    await page.getByLabel(/setuju data saya dipakai/).check();
    await page.getByRole('button', { name: 'Daftar dan sambungkan' }).click();

    // The portal's page posts the CHAP answer to the router; the router shows alogin, then the page asked for.
    await seeHeading(page, 'HP Anda sudah terhubung');
    await page.getByRole('link', { name: 'Buka halaman tujuan' }).click();
    await page.waitForURL('http://example.com/berita');
    await seeHeading(page, 'Internet');
    const session = hotspot.activeFor(PHONES.siti.mac)!;
    expect(session.loginBy).toBe('http-chap');
    // The page posted a one-time ticket; RADIUS bound the MAC the router reported with it.
    expect(session.userName).toMatch(/^wt-/);
    expect(await db().selectFrom('devices').select(['mac', 'label']).execute()).toEqual([
      { mac: PHONES.siti.mac, label: 'HP Siti' },
    ]);
    expect(session.rateLimit).toBe('2M/5M');
    expect(session.group).toBe('warga');
    expect(session.totalLimitBytes).toBe(2_000_000_000);

    const [start] = hotspot.accounting.filter((a) => a.mac === PHONES.siti.mac);
    expect(start).toMatchObject({ kind: 'start', answered: true });
    await hotspot.sendInterimUpdates();
    await hotspot.sendInterimUpdates();
    const interims = hotspot.accounting.filter((a) => a.mac === PHONES.siti.mac && a.kind === 'interim');
    expect(interims).toHaveLength(2);
    expect(interims[1]!.outputBytes).toBeGreaterThan(interims[0]!.outputBytes);
    const [row] = await sessionsOf(PHONES.siti.mac);
    expect(row).toMatchObject({ state: 'active', acct_session_id: session.acctSessionId });
    expect(Number(row!.output_bytes)).toBe(interims[1]!.outputBytes);
    const usage = await db()
      .selectFrom('usage_daily')
      .selectAll()
      .where('device_id', '=', row!.device_id!)
      .execute();
    expect(usage.reduce((n, u) => n + Number(u.bytes_out), 0)).toBe(interims[1]!.outputBytes);
  });

  it('shows the resident their plan, speed, quota and devices', async () => {
    const page = contexts[0]!.pages()[0]!;
    await page.goto(
      `http://${PORTAL_HOST}/status?mac=${encodeURIComponent(PHONES.siti.mac)}&link-login-only=${encodeURIComponent('http://10.5.50.1/login')}`,
    );
    await see(page.getByText('5 Mbps unduh · 2 Mbps unggah'));
    await see(page.getByText(/terpakai/));
    await see(page.getByText(/^Direset pukul 00\.00 WIB tanggal 1 /));
    await see(page.getByText('HP Siti'));
    await shot(page, '05-status');
    await page.goto(`http://${PORTAL_HOST}/status?lang=en&mac=${encodeURIComponent(PHONES.siti.mac)}`);
    await seeHeading(page, 'Your Wi-Fi status');
    await shot(page, '05-status-en');
  });

  it('a known phone that comes back is let in by MAC authentication, without the portal', async () => {
    const page = contexts[0]!.pages()[0]!;
    await hotspot.forgetHost(PHONES.siti.mac);
    expect(hotspot.activeFor(PHONES.siti.mac)).toBeUndefined();
    await page.goto('http://example.com/lagi');
    expect(page.url()).toBe('http://example.com/lagi');
    expect(hotspot.activeFor(PHONES.siti.mac)?.loginBy).toBe('mac');
  });

  it('a second phone is added with NIK + PIN, without JavaScript (button instead of auto-submit)', async () => {
    const page = await phone('kedua', { javaScript: false });
    await page.goto('http://detik.com/');
    // The router's login page offers both ways in; a resident takes the portal's.
    await page.getByRole('button', { name: 'Warga desa: masuk atau daftar' }).click();
    await page.waitForURL((u) => u.host === PORTAL_HOST);
    await page.getByRole('link', { name: /Sambungkan HP ini/ }).click();
    await page.waitForURL(/\/perangkat/);
    await shot(page, '03-add-device');
    await page.getByLabel('NIK', { exact: true }).fill(SITI.nik);
    await page.getByLabel('PIN 6 angka').fill(SITI.pin);
    await page.getByLabel('Nama perangkat (boleh dikosongkan)').fill('HP kedua');
    await page.getByRole('button', { name: 'Sambungkan HP ini' }).click();
    await seeHeading(page, 'Menyambungkan…');
    await shot(page, '04-login-no-script');
    await page.getByRole('button', { name: 'Sambungkan sekarang' }).click();
    await seeHeading(page, 'HP Anda sudah terhubung');
    await shot(page, '06-router-alogin');
    expect(hotspot.activeFor(PHONES.kedua.mac)?.rateLimit).toBe('2M/5M');
  });

  it('a phone beyond the plan count is refused with the device list, and gets on after removing one', async () => {
    const page = await phone('ketiga');
    await page.goto('http://example.com/');
    // The router's login page offers both ways in; a resident takes the portal's.
    await page.getByRole('button', { name: 'Warga desa: masuk atau daftar' }).click();
    await page.waitForURL((u) => u.host === PORTAL_HOST);
    await page.getByRole('link', { name: /Sambungkan HP ini/ }).click();
    await page.getByLabel('NIK', { exact: true }).fill(SITI.nik);
    await page.getByLabel('PIN 6 angka').fill(SITI.pin);
    await page.getByRole('button', { name: 'Sambungkan HP ini' }).click();
    await seeHeading(page, 'Batas perangkat sudah penuh');
    await see(page.getByText('Paket Warga boleh dipakai di 2 perangkat'));
    await see(page.getByText('HP Siti'));
    await see(page.getByText('HP kedua'));
    await shot(page, '07-devices-full');
    expect(hotspot.activeFor(PHONES.ketiga.mac)).toBeUndefined();

    await page.getByRole('button', { name: 'Hapus HP kedua' }).click();
    await seeHeading(page, 'HP Anda sudah terhubung');
    expect(hotspot.activeFor(PHONES.ketiga.mac)?.rateLimit).toBe('2M/5M');
    // The removed phone was cut off by Disconnect-Request, and its session closed by accounting Stop.
    expect(hotspot.activeFor(PHONES.kedua.mac)).toBeUndefined();
    const stop = hotspot.accounting.find((a) => a.mac === PHONES.kedua.mac && a.kind === 'stop');
    expect(stop).toMatchObject({ terminateCause: 6, answered: true });
    const [revoked] = await db()
      .selectFrom('devices')
      .select('revoked_at')
      .where('mac', '=', PHONES.kedua.mac)
      .execute();
    expect(revoked?.revoked_at).not.toBeNull();
  });

  it('a resident marked inactive in the roster cannot register', async () => {
    const page = await phone('budi');
    await page.goto('http://example.com/');
    // The router's login page offers both ways in; a resident takes the portal's.
    await page.getByRole('button', { name: 'Warga desa: masuk atau daftar' }).click();
    await page.waitForURL((u) => u.host === PORTAL_HOST);
    await page.getByRole('link', { name: /Daftar \(pertama kali\)/ }).click();
    await page.getByLabel('NIK', { exact: true }).fill(BUDI.nik);
    await page.getByLabel('Nomor Kartu Keluarga (KK)').fill(BUDI.kk);
    await page.getByLabel('Buat PIN 6 angka').fill('615243');
    await page.getByLabel('Ulangi PIN').fill('615243');
    await page.getByLabel(/setuju data saya dipakai/).check();
    await page.getByRole('button', { name: 'Daftar dan sambungkan' }).click();
    await seeHeading(page, 'Belum bisa mendaftar');
    await see(page.getByText(/tidak lagi tercatat aktif/));
    await shot(page, '08-refused-inactive');
    expect(await db().selectFrom('accounts').select('id').execute()).toHaveLength(1);
    expect(hotspot.activeFor(PHONES.budi.mac)).toBeUndefined();
  });

  it('wrong PINs make the next try wait, the page says how long, and even the right PIN waits', async () => {
    // Dewi registered earlier at home (no hotspot context), so her account has a PIN.
    const home = await phone('dewi');
    await home.goto(`http://${PORTAL_HOST}/daftar`);
    await home.getByLabel('NIK', { exact: true }).fill(DEWI.nik);
    await home.getByLabel('Nomor Kartu Keluarga (KK)').fill(DEWI.kk);
    await home.getByLabel('Buat PIN 6 angka').fill(DEWI.pin);
    await home.getByLabel('Ulangi PIN').fill(DEWI.pin);
    await home.getByLabel(/setuju data saya dipakai/).check();
    await home.getByRole('button', { name: 'Daftar dan sambungkan' }).click();
    await seeHeading(home, 'Pendaftaran berhasil');
    await shot(home, '09-registered-outside-hotspot');

    const page = await phone('dewi');
    await page.goto('http://example.com/');
    // The router's login page offers both ways in; a resident takes the portal's.
    await page.getByRole('button', { name: 'Warga desa: masuk atau daftar' }).click();
    await page.waitForURL((u) => u.host === PORTAL_HOST);
    await page.getByRole('link', { name: /Sambungkan HP ini/ }).click();
    const send = async (pin: string) => {
      await page.getByLabel('NIK', { exact: true }).fill(DEWI.nik);
      await page.getByLabel('PIN 6 angka').fill(pin);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/perangkat')),
        page.getByRole('button', { name: 'Sambungkan HP ini' }).click(),
      ]);
      await page.waitForLoadState();
      return response.status();
    };
    // The address's free tries (4, some spent earlier in this file) or the NIK's (5) run out first.
    let wrong = 0;
    while ((await send('111222')) === 401) {
      wrong++;
      await see(page.getByText(/NIK atau PIN salah\./));
      if (wrong === 1) await shot(page, '10-wrong-pin');
      expect(wrong).toBeLessThan(5);
    }
    expect(await alertText(page)).toMatch(
      /tunggu \d+ (detik|menit) lalu coba lagi \(setelah pukul \d\d\.\d\d WIB\)/,
    );
    await shot(page, '11-pin-locked');
    // Even the right PIN is not compared while the wait runs.
    expect(await send(DEWI.pin)).toBe(429);
    expect(await alertText(page)).toContain('Terlalu banyak percobaan yang salah');
    expect(hotspot.activeFor(PHONES.dewi.mac)).toBeUndefined();
  });

  it('fits 360 px across with large text (150 %), with nothing to scroll sideways', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      proxy: { server: proxies.get(PHONES.budi.mac)! },
      locale: 'id-ID',
      // Only to inject the larger text size (as Android's font scale does); the portal's own CSP stays intact.
      bypassCSP: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    for (const [path, name] of [
      ['/', '12-welcome-large-text'],
      ['/daftar', '13-register-large-text'],
      ['/perangkat', '14-add-device-large-text'],
    ] as const) {
      await page.goto(`http://${PORTAL_HOST}${path}?mac=${encodeURIComponent(PHONES.budi.mac)}`);
      await page.addStyleTag({ content: 'html{font-size:150%}' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(360);
      await shot(page, name);
    }
  });

  it('never writes a NIK or KK number into the database, a URL it was shown, or an audit entry', async () => {
    const dump = JSON.stringify([
      await db().selectFrom('residents').selectAll().execute(),
      await db().selectFrom('accounts').selectAll().execute(),
      await db().selectFrom('devices').selectAll().execute(),
      await db().selectFrom('audit_log').selectAll().execute(),
      await db().selectFrom('portal_attempts').selectAll().execute(),
      await db().selectFrom('auth_log').selectAll().execute(),
    ]);
    for (const secret of [SITI.nik, SITI.kk, BUDI.nik, BUDI.kk, DEWI.nik, DEWI.kk, SITI.pin, DEWI.pin]) {
      expect(dump).not.toContain(secret);
    }
    for (const c of contexts) for (const p of c.pages()) expect(p.url()).not.toMatch(/\d{16}/);
  });
});
