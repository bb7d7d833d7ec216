// The reports in Chromium at phone size (360×640), as a kepala desa opens them: coverage, usage, access points and
// the monthly print page, and the monthly PDF rendered by Chromium's own PDF viewer, as screenshots kept in
// test-artifacts/reports/ (and looked at). Also proves the pages fit the phone: no page wider than its screen, every table but the
// heat map's grid as labelled lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createRouterUptime } from '../src/services/routers/router-uptime.js';
import { type AdminBrowserRig, startAdminBrowserRig } from './support/admin-chromium.js';
import { phoneLayout } from './support/phone-layout.js';
import { recordKnownVillage, TZ, wib } from './support/report-village.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'reports');
const DECEMBER = 'kind=month&at=2026-12';

describe('reports in Chromium at 360×640', () => {
  let rig: AdminBrowserRig;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    rig = await startAdminBrowserRig('sqlite', { WARGANET_VILLAGE_NAME: 'Socorejo' });
    const village = await recordKnownVillage(rig.db.db, { now: wib('2026-12-01T00:00:00') });
    const uptime = createRouterUptime({ store: createStores(rig.db.db).routerUptime, timeZone: TZ });
    for (let i = 0; i <= 40; i++) {
      const at = wib('2026-12-02T08:00:00') + i * 5 * 60_000;
      await uptime.record(village.balai, at, 'up', 3 + (i % 4));
      await uptime.record(village.masjid, at, i > 30 ? 'down' : 'up', i % 3);
    }
  }, 90_000);
  afterAll(() => rig?.close());

  const pages = [
    ['coverage', `/reports/coverage?${DECEMBER}&by=rt`],
    ['usage', `/reports/usage?${DECEMBER}&by=day`],
    ['usage-dusun', `/reports/usage?${DECEMBER}&by=dusun`],
    ['access-points', `/reports/access-points?${DECEMBER}`],
    ['monthly', '/reports/monthly?month=2026-12'],
  ] as const;

  it('shows every report page to an official on a phone without sideways scrolling', async () => {
    const p = await rig.page('official', 'phone');
    for (const [name, path] of pages) {
      await p.goto(`${rig.baseUrl}${path}`);
      expect(await p.locator('h1, .letterhead').count(), name).toBeGreaterThan(0);
      expect(await p.locator('svg').count(), name).toBeGreaterThan(0);
      await p.screenshot({ path: join(ARTIFACTS, `${name}-360.png`), fullPage: true });
      // Every table but the heat map's grid is labelled lines: nothing wider than the phone, hidden ones neither.
      const layout = await phoneLayout(p);
      expect(layout, name).toMatchObject({ pageOverflow: 0, tooWide: [], unlabelled: 0 });
      expect(layout.stackedCells, name).toBeGreaterThan(0);
    }
    // The print layout on A4, as the browser prints it.
    await p.goto(`${rig.baseUrl}/reports/monthly?month=2026-12`);
    // On paper: no report tabs, period form or download links; the charts no wider than 10.5 cm, so their text
    // stays near the body text's size.
    await p.emulateMedia({ media: 'print' });
    for (const hidden of ['nav.tabs', 'form.period', '.exports'])
      expect(await p.locator(hidden).first().isVisible(), hidden).toBe(false);
    const chartWidth = await p.evaluate(
      () => document.querySelector('.chart svg')!.getBoundingClientRect().width,
    );
    expect(chartWidth).toBeLessThanOrEqual((10.5 / 2.54) * 96 + 1);
    await p.pdf({ path: join(ARTIFACTS, 'monthly-printed-by-chromium.pdf'), format: 'A4' });
  });

  it('renders the server-made monthly PDF to an image', async () => {
    const p = await rig.page('official', 'phone');
    const res = await p.request.get(`${rig.baseUrl}/reports/monthly.pdf?month=2026-12`);
    expect(res.status()).toBe(200);
    const file = join(ARTIFACTS, 'monthly.pdf');
    writeFileSync(file, await res.body());
    // The PDF viewer ships only with the new headless mode; it renders in its own frame, so the picture is ready
    // when two screenshots in a row agree and differ from the empty viewer.
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const viewer = await browser.newPage({ viewport: { width: 820, height: 1160 } });
      await viewer.goto(`file://${file}#toolbar=0&navpanes=0&view=FitH`);
      const empty = await viewer.screenshot();
      let last = empty;
      let shot: Buffer | undefined;
      for (let i = 0; i < 60 && !shot; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const next = await viewer.screenshot();
        if (!next.equals(empty) && next.equals(last)) shot = next;
        last = next;
      }
      expect(shot).toBeDefined();
      writeFileSync(join(ARTIFACTS, 'monthly-pdf-page1.png'), shot!);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('shows a regency-sized list as its 50 first routers with a note, and exports every router', async () => {
    // 60 more routers (a regency's database holds thousands): the page lists 50, the CSV all of them.
    await rig.db.db
      .insertInto('routers')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          name: `desa-${String(i).padStart(2, '0')}-ap`,
          nas_ip: `10.9.0.${i + 1}`,
          radius_secret_enc: 'x',
          created_at: 0,
          updated_at: 0,
        })),
      )
      .execute();
    const total = Number(
      (
        await rig.db.db
          .selectFrom('routers')
          .select((e) => e.fn.countAll().as('c'))
          .executeTakeFirst()
      )?.c,
    );
    const p = await rig.page('official', 'phone');
    await p.goto(`${rig.baseUrl}/reports/access-points?${DECEMBER}`);
    expect(await p.locator('table').last().locator('tbody tr').count()).toBe(50);
    await expect(p.getByText(`Ditampilkan 50 dari ${total} titik akses`).count()).resolves.toBe(1);
    await p.screenshot({ path: join(ARTIFACTS, 'access-points-truncated-360.png'), fullPage: true });
    expect(await phoneLayout(p)).toMatchObject({ pageOverflow: 0, tooWide: [], unlabelled: 0 });
    const csv = await p.request.get(`${rig.baseUrl}/reports/access-points/titik-akses.csv?${DECEMBER}`);
    expect(csv.ok()).toBe(true);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + total);
  }, 60_000);
});
