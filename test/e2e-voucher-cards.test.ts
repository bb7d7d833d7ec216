// A village prints guest vouchers and a guest scans one: in Chromium, an operator signs in to the admin web,
// makes a batch on the form (by its labels), opens the A4 sheet and the 58 mm roll (screenshotted as printed,
// into test-artifacts/vouchers/), and takes a card's QR link from the sheet; the QR drawn there is that link's
// matrix. Then a phone on the virtual hotspot (provisioned with Warganet's login pages, the portal in its walled
// garden, not logged in) opens the link as a camera app would, and ends up online by RADIUS with the plan's rate,
// the voucher's validity as Session-Timeout and its quota as Total-Limit, bound to that phone.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, openAppContext } from '../src/app-context.js';
import { parseConfig } from '../src/config.js';
import { displayCode } from '../src/domain/voucher-code.js';
import { createLogger } from '../src/logger.js';
import { createRouterOps, type RouterOps } from '../src/router-ops-wiring.js';
import { type RunningServer, startServer } from '../src/server.js';
import { startVirtualHotspot, type VirtualHotspot } from '../src/sim/hotspot-server.js';
import { RouterModel } from '../src/sim/routeros-model.js';
import { startVirtualRouterOs, type VirtualRouterOs } from '../src/sim/routeros-server.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { seedPlan, seedRouter, testKeyring } from './support/radius-fixtures.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'vouchers');
const PORTAL_HOST = 'portal.desa.test';
const SECRET = 'rahasia-radius-desa';
const PASSWORD = 'kata-sandi-uji-123';
const GUEST = { mac: '5C:1A:2B:00:80:01', ip: '10.5.50.81' };
/** 1 mm at the 96 px per inch Chromium lays out with. */
const MM = 96 / 25.4;

/** The SVG path the print page draws for a link (as src/admin/views/voucher-print.tsx draws it). */
function qrPath(link: string): string {
  const { data } = encode(link, { ecc: 'M', border: 2 });
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return d;
}

describe('a printed voucher card logs a guest in on first scan', () => {
  let tdb: TestDatabase;
  let app: AppContext;
  let server: RunningServer;
  let router: VirtualRouterOs;
  let hotspot: VirtualHotspot;
  let ops: RouterOps;
  let browser: Browser;
  let profileDir: string;
  let adminUrl: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    tdb = await createTestDatabase('sqlite');
    const keyring = await testKeyring();
    const model = new RouterModel('7.18.2');
    model.add('/ip/hotspot/profile', {
      name: 'hsprof1',
      'hotspot-address': '10.5.50.1',
      'login-by': 'http-chap,cookie',
    });
    model.add('/ip/hotspot', { name: 'hotspot1', interface: 'bridge', profile: 'hsprof1' });
    router = await startVirtualRouterOs({
      model,
      users: [{ name: 'wn', password: 'api-rahasia' }],
      fetchUrl: async (url) => {
        const u = new URL(url);
        const res = await fetch(`http://127.0.0.1:${server.httpPort}${u.pathname}${u.search}`);
        return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
      },
    });
    const routerId = await seedRouter(tdb.db, keyring, {
      name: 'balai',
      nasIp: '127.0.0.1',
      secret: SECRET,
      hotspotAddress: '10.5.50.1',
    });
    await tdb.db
      .updateTable('routers')
      .set({
        api_host: router.host,
        api_port: router.port,
        api_user: 'wn',
        api_password_enc: await keyring.encrypt('api-rahasia'),
      })
      .where('id', '=', routerId)
      .execute();
    await seedPlan(tdb.db, { is_default: 1 });
    await seedPlan(tdb.db, { name: 'Tamu', profile_name: 'tamu', down_rate: 2_000_000, up_rate: 1_000_000 });

    hotspot = await startVirtualHotspot({ secret: SECRET, router: model });
    const parsed = parseConfig({
      WARGANET_DATA_DIR: tdb.dir,
      WARGANET_DATABASE_URL: tdb.url ?? '',
      WARGANET_SECRET_KEY: TEST_SECRET_KEY,
      WARGANET_ROLES: 'http,radius',
      WARGANET_HTTP_HOST: '127.0.0.1',
      WARGANET_RADIUS_HOST: '127.0.0.1',
      WARGANET_RADIUS_AUTH_PORT: '0',
      WARGANET_RADIUS_ACCT_PORT: '0',
      WARGANET_RADIUS_COA_PORT: String(hotspot.coaPort),
      WARGANET_PUBLIC_URL: `http://${PORTAL_HOST}`,
      WARGANET_VILLAGE_NAME: 'Socorejo',
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    app = await openAppContext({ ...parsed.config, httpPort: 0 }, createLogger('silent'));
    await app.services.admins.add({ username: 'admin-uji', role: 'admin', password: PASSWORD }, 'cli');
    await app.services.admins.add({ username: 'sari', role: 'operator', password: PASSWORD }, 'cli');
    server = await startServer(app);
    adminUrl = `http://127.0.0.1:${server.httpPort}`;
    hotspot.setRadius({
      host: '127.0.0.1',
      authPort: server.radiusPorts!.auth,
      acctPort: server.radiusPorts!.acct,
    });
    hotspot.setWalledGarden({ [PORTAL_HOST]: { host: '127.0.0.1', port: server.httpPort! } });
    ops = createRouterOps(
      { config: app.config, logger: createLogger('silent'), services: app.services },
      { liveSessions: null },
    );
    const done = await ops.provisioning.provision('balai', { dryRun: false });
    expect(done.report.error).toBeUndefined();
    // The hotspot serves the login pages provisioning put in the profile's html-directory.
    hotspot.loadTemplatesFromRouter('warganet');

    profileDir = mkdtempSync(join(tmpdir(), 'warganet-chromium-'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      proxy: { server: 'http://per-context' },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--disk-cache-dir=${join(profileDir, 'cache')}`,
      ],
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await ops?.close();
    await server?.stop();
    await hotspot?.stop();
    await router?.stop();
    await tdb?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('an operator makes a batch and prints it; a guest opens a card’s QR link on the hotspot and is online with the plan’s limits', async () => {
    // The operator's browser reaches the server directly, not through the hotspot.
    const office = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'id-ID',
      proxy: { server: 'http://127.0.0.1:9', bypass: '127.0.0.1' },
    });
    const op = await office.newPage();
    await op.goto(`${adminUrl}/admin/masuk`);
    await op.getByLabel('Nama pengguna').fill('sari');
    await op.getByLabel('Kata sandi').fill(PASSWORD);
    await Promise.all([
      op.waitForURL(`${adminUrl}/admin`),
      op.getByRole('button', { name: 'Masuk' }).click(),
    ]);
    await op.getByRole('link', { name: 'Voucher', exact: true }).click();
    await op.getByRole('link', { name: 'Buat voucher' }).click();
    await op.getByLabel('Paket').selectOption('Tamu');
    await op.getByLabel('Jumlah voucher').fill('24');
    await op.getByLabel('Masa berlaku', { exact: true }).fill('1d');
    await op.getByLabel('Kuota data per voucher').fill('500MB');
    await op.getByLabel('Harga (rupiah)').fill('5000');
    await op.getByLabel('Catatan').fill('Tamu Lebaran');
    await op.getByRole('button', { name: 'Buat voucher' }).click();
    await op.getByText('24 voucher dibuat').waitFor();
    const batch = (await app.services.vouchers.list({}))[0]!.batch;

    // The A4 sheet, as printed: 3 × 8 cards fill one page.
    await Promise.all([
      op.waitForURL(/\/admin\/voucher\/cetak/),
      op.getByRole('link', { name: `Cetak A4, batch ${batch}` }).click(),
    ]);
    const cards = op.locator('article.card');
    expect(await cards.count()).toBe(24);
    await op.setViewportSize({ width: Math.round(210 * MM), height: Math.round(297 * MM) });
    await op.emulateMedia({ media: 'print' });
    await op.screenshot({ path: join(ARTIFACTS, 'print-a4.png'), fullPage: true });
    const pdf = await op.pdf({ path: join(ARTIFACTS, 'print-a4.pdf'), preferCSSPageSize: true });
    // One A4 page holds the 24 cards.
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    await op.emulateMedia({ media: 'screen' });
    await op.screenshot({ path: join(ARTIFACTS, 'print-a4-screen.png'), fullPage: true });
    const first = cards.first();
    const code = (await first.locator('.code').textContent())!.replaceAll('-', '');
    const svg = first.locator('svg.qr');
    const link = (await svg.getAttribute('data-link'))!;
    expect(link).toBe(`http://${PORTAL_HOST}/voucher?code=${code}`);
    // What a camera reads is the matrix drawn, and that is the link's.
    expect(await svg.locator('path').getAttribute('d')).toBe(qrPath(link));
    await expect_cardText(first, [
      'Wi-Fi Socorejo',
      'Paket Tamu',
      '1 hari sejak dipakai',
      'Rp5.000',
      displayCode(code),
    ]);

    // The 58 mm roll: one card under the other, 58 mm wide.
    await op.goto(`${adminUrl}/admin/voucher/cetak?batch=${batch}&format=58mm`);
    await op.setViewportSize({ width: Math.round(58 * MM), height: 800 });
    await op.emulateMedia({ media: 'print' });
    const roll = op.locator('article.card');
    expect(await roll.count()).toBe(24);
    const [b1, b2] = [await roll.nth(0).boundingBox(), await roll.nth(1).boundingBox()];
    expect(b2!.y).toBeGreaterThanOrEqual(b1!.y + b1!.height - 1);
    expect(b1!.width).toBeLessThanOrEqual(58 * MM);
    await op.screenshot({
      path: join(ARTIFACTS, 'print-58mm.png'),
      clip: { x: 0, y: 0, width: 58 * MM, height: 1400 },
    });
    await op.setViewportSize({ width: Math.round(58 * MM), height: 1400 });
    await op.screenshot({ path: join(ARTIFACTS, 'print-58mm.png') });
    await office.close();

    // The guest's phone: on the hotspot, not logged in; the camera app opens the card's link.
    const phone = await browser.newContext({
      viewport: { width: 360, height: 640 },
      locale: 'id-ID',
      proxy: { server: (await hotspot.addClient(GUEST)).proxyUrl },
    });
    const page = await phone.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'HP Anda sudah terhubung' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'guest-online.png'), fullPage: true });
    expect(hotspot.activeFor(GUEST.mac)).toMatchObject({
      userName: code,
      rateLimit: '1M/2M',
      group: 'tamu',
      sessionTimeoutS: 86_400,
      totalLimitBytes: 500_000_000,
    });
    expect(await app.services.vouchers.show(code)).toMatchObject({
      status: 'active',
      boundMacs: [GUEST.mac],
    });
    await phone.close();
  });
});

async function expect_cardText(card: import('playwright-core').Locator, parts: readonly string[]) {
  const text = (await card.textContent()) ?? '';
  for (const p of parts) expect(text).toContain(p);
}
