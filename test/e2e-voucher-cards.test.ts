// A village prints guest vouchers and a guest scans one: in Chromium, an operator signs in to the admin web,
// makes a batch on the form (by its labels), opens the A4 sheet and the 58 mm roll (screenshotted as printed,
// into test-artifacts/vouchers/), and takes a card's QR link from the sheet; the QR drawn there is that link's
// matrix. Then a phone on the virtual hotspot (provisioned with Warganet's login pages, the portal in its walled
// garden, not logged in) opens the link as a camera app would, and ends up online by RADIUS with the plan's rate,
// the voucher's validity as Session-Timeout and its quota as Total-Limit, bound to that phone.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app-context.js';
import { displayCode } from '../src/domain/voucher-code.js';
import type { VirtualHotspot } from '../src/sim/hotspot-server.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { seedPlan, seedRouter, testKeyring } from './support/radius-fixtures.js';
import {
  type HotspotVillage,
  launchPhoneChromium,
  PORTAL_HOST,
  startHotspotVillage,
  villageRouterModel,
} from './support/virtual-hotspot.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'vouchers');
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
  let village: HotspotVillage;
  let app: AppContext;
  let hotspot: VirtualHotspot;
  let phoneChromium: Awaited<ReturnType<typeof launchPhoneChromium>>;
  let browser: Browser;
  let adminUrl: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    tdb = await createTestDatabase('sqlite');
    const keyring = await testKeyring();
    const model = villageRouterModel();
    const routerId = await seedRouter(tdb.db, keyring, {
      name: 'balai',
      nasIp: '127.0.0.1',
      secret: SECRET,
      hotspotAddress: '10.5.50.1',
    });
    await seedPlan(tdb.db, { is_default: 1 });
    await seedPlan(tdb.db, { name: 'Tamu', profile_name: 'tamu', down_rate: 2_000_000, up_rate: 1_000_000 });

    village = await startHotspotVillage(tdb, {
      secret: SECRET,
      env: { WARGANET_VILLAGE_NAME: 'Socorejo' },
      hotspot: { router: model },
      routerApi: { model, routerId, keyring },
      beforeStart: async (opened) => {
        await opened.services.admins.add({ username: 'admin-uji', role: 'admin', password: PASSWORD }, 'cli');
        await opened.services.admins.add({ username: 'sari', role: 'operator', password: PASSWORD }, 'cli');
      },
    });
    ({ app, hotspot } = village);
    adminUrl = `http://127.0.0.1:${village.server.httpPort}`;
    const done = await village.ops!.provisioning.provision('balai', { dryRun: false });
    expect(done.report.error).toBeUndefined();
    // The hotspot serves the login pages provisioning put in the profile's html-directory.
    hotspot.loadTemplatesFromRouter('warganet');

    phoneChromium = await launchPhoneChromium();
    ({ browser } = phoneChromium);
  }, 90_000);

  afterAll(async () => {
    await phoneChromium?.close();
    await village?.stop();
    await tdb?.close();
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
    // An operator opening the sheet on a phone can scroll to every card: none starts left of the screen (a centred
    // grid wider than the phone overflowed to the left, where nothing scrolls).
    await op.setViewportSize({ width: 360, height: 640 });
    const lefts = await cards.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
    expect(Math.min(...lefts)).toBeGreaterThanOrEqual(0);
    await op.setViewportSize({ width: Math.round(210 * MM), height: Math.round(297 * MM) });
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
