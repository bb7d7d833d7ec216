// The official's path on a phone (360×640, Chromium), as a kepala desa walks it: sign in, open the reports from
// the menu, each report from its tab, change the period (day, month, year, a range) with the period form, the
// monthly print page and its PDF, and the CSV/XLSX links of a table. Screenshots into test-artifacts/reports/walk/
// (looked at). The period form shows only the chosen kind's fields, with script and without (CSS :has()).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminBrowserRig, startAdminBrowserRig } from './support/admin-chromium.js';
import { phoneLayout } from './support/phone-layout.js';
import { recordKnownVillage, wib } from './support/report-village.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'reports', 'walk');
const shot = (p: Page, name: string) =>
  p.screenshot({ path: join(ARTIFACTS, `${name}-360.png`), fullPage: true });

/** Elements wider than the phone, and how far the page scrolls sideways (none: no sideways scrolling). */
const tooWide = async (p: Page) => {
  const { pageOverflow, tooWide } = await phoneLayout(p);
  return pageOverflow > 0 ? [`page +${pageOverflow}px`, ...tooWide] : tooWide;
};

/** The labels of the period form's fields a person can see, in order. */
const visibleFields = (p: Page) =>
  p
    .locator('form.period label')
    .evaluateAll((labels) =>
      labels
        .filter((l) => (l as HTMLElement).offsetParent !== null)
        .map((l) => l.firstChild?.textContent?.trim()),
    );

describe('the official’s path through the reports at 360×640', () => {
  let rig: AdminBrowserRig;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    rig = await startAdminBrowserRig('sqlite', { WARGANET_VILLAGE_NAME: 'Socorejo' });
    await recordKnownVillage(rig.db.db, { now: wib('2026-12-01T00:00:00') });
  }, 90_000);
  afterAll(() => rig?.close());

  it('opens every report from the menu and its tabs without sideways scrolling', async () => {
    const p = await rig.page('official', 'phone');
    await p.getByRole('link', { name: 'Laporan', exact: true }).click();
    await p.getByRole('heading', { name: 'Jangkauan warga', level: 1 }).waitFor();
    for (const [tab, heading, name] of [
      ['Jangkauan warga', 'Jangkauan warga', 'coverage'],
      ['Pemakaian', 'Pemakaian internet', 'usage'],
      ['Titik akses', 'Titik akses', 'access-points'],
      ['Voucher', 'Voucher', 'vouchers'],
    ] as const) {
      await p
        .getByRole('navigation', { name: 'Laporan' })
        .getByRole('link', { name: tab, exact: true })
        .click();
      await p.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await tooWide(p), name).toEqual([]);
      // A month is shown: its month field, no "Sampai".
      expect(await visibleFields(p), name).not.toContain('Sampai');
      await shot(p, name);
    }
  }, 90_000);

  for (const javaScript of [true, false]) {
    it(`changes the period by day, year and range with the form${javaScript ? '' : ' (script off)'}`, async () => {
      const p = await rig.page('official', 'phone', { javaScript });
      await p.goto(`${rig.baseUrl}/reports/usage?kind=month&at=2026-12&by=day`);
      const kind = p.getByRole('combobox', { name: /^Periode/ });
      expect(await visibleFields(p)).toEqual(['Periode', 'Bulan', 'Kelompok']);
      expect(await p.getByLabel('Sampai').isVisible()).toBe(false);

      // Only the kind changes: the day field already holds a day of the month shown.
      await kind.selectOption({ label: 'Hari' });
      expect(await visibleFields(p)).toEqual(['Periode', 'Tanggal', 'Kelompok']);
      await p.getByLabel('Tanggal').fill('2026-12-02');
      await p.getByRole('button', { name: 'Tampilkan' }).click();
      await p.getByRole('heading', { name: 'Pemakaian internet', level: 1 }).waitFor();
      expect(new URL(p.url()).searchParams.get('kind')).toBe('day');
      await p.getByText('Periode sebelumnya: 1 Desember 2026 – 1 Desember 2026').waitFor();
      expect(await visibleFields(p)).toEqual(['Periode', 'Tanggal', 'Kelompok']);
      if (javaScript) await shot(p, 'usage-day');

      await kind.selectOption({ label: 'Tahun' });
      expect(await visibleFields(p)).toEqual(['Periode', 'Tahun', 'Kelompok']);
      await p.getByRole('button', { name: 'Tampilkan' }).click();
      await p.getByText('Periode sebelumnya: 1 Januari 2025 – 31 Desember 2025').waitFor();

      await kind.selectOption({ label: 'Rentang' });
      expect(await visibleFields(p)).toEqual(['Periode', 'Dari', 'Sampai', 'Kelompok']);
      await p.getByLabel('Dari').fill('2026-12-01');
      await p.getByLabel('Sampai').fill('2026-12-02');
      if (javaScript) await shot(p, 'usage-range-form');
      await p.getByRole('button', { name: 'Tampilkan' }).click();
      await p.getByText('Periode sebelumnya: 29 November 2026 – 30 November 2026').waitFor();
      expect(await visibleFields(p)).toEqual(['Periode', 'Dari', 'Sampai', 'Kelompok']);
      expect(await tooWide(p)).toEqual([]);

      await kind.selectOption({ label: 'Bulan' });
      await p.getByRole('button', { name: 'Tampilkan' }).click();
      await p.getByText('Periode sebelumnya: 1 November 2026 – 30 November 2026').waitFor();
    }, 90_000);
  }

  it('prints the month and downloads its PDF and a table’s CSV and XLSX from the links', async () => {
    const p = await rig.page('official', 'phone');
    await p.goto(`${rig.baseUrl}/reports/usage?kind=month&at=2026-12&by=day`);
    const csv = await p.getByRole('link', { name: 'Unduh CSV' }).first().getAttribute('href');
    const xlsx = await p.getByRole('link', { name: 'Unduh Excel (XLSX)' }).first().getAttribute('href');
    const csvRes = await p.request.get(`${rig.baseUrl}${csv}`);
    expect(csvRes.status()).toBe(200);
    expect(csvRes.headers()['content-type']).toContain('text/csv');
    expect(csvRes.headers()['content-disposition']).toContain('2026-12-01_2026-12-31.csv');
    const xlsxRes = await p.request.get(`${rig.baseUrl}${xlsx}`);
    expect(xlsxRes.status()).toBe(200);
    expect(xlsxRes.headers()['content-type']).toContain('spreadsheetml');

    await p
      .getByRole('navigation', { name: 'Laporan' })
      .getByRole('link', { name: 'Laporan bulanan' })
      .click();
    await p.getByLabel('Bulan').fill('2026-12');
    await p.getByRole('button', { name: 'Tampilkan' }).click();
    await p.getByText('Laporan Wi-Fi Desa bulan Desember 2026').waitFor();
    expect(await tooWide(p)).toEqual([]);
    await shot(p, 'monthly');
    const pdf = await p.getByRole('link', { name: 'Unduh PDF' }).getAttribute('href');
    const pdfRes = await p.request.get(`${rig.baseUrl}${pdf}`);
    expect(pdfRes.status()).toBe(200);
    expect(pdfRes.headers()['content-type']).toBe('application/pdf');
  }, 90_000);
});
