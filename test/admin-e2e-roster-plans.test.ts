// The roster and plan pages in Chromium, as an operator on a phone does the work: upload the OpenSID file, follow
// its check, read the report (a bad row by its number), apply it and see it in the history; then add a plan and
// change it. Keyboard and labels only (getByLabel, getByRole). Screenshots of every page at 360×640 and 1280×800.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePerson, sheetRows, toCsv } from './fixtures/roster.js';
import { type AdminBrowserRig, expectLabelledLines, startAdminBrowserRig } from './support/admin-chromium.js';

const shot = (name: string) => join(process.cwd(), 'test-artifacts', 'admin', 'roster-plans', `${name}.png`);

describe('roster and plan pages in Chromium', () => {
  let rig: AdminBrowserRig;
  beforeAll(async () => {
    rig = await startAdminBrowserRig();
  }, 60_000);
  afterAll(() => rig?.close());

  it('uploads a roster file, reads the report, applies it and finds it in the history', async () => {
    const people = Array.from({ length: 3000 }, (_, i) =>
      makePerson(i, i === 9 ? { nik: '3523' } : i === 20 ? { nama: '<b>SITI</b> "AMINAH"' } : {}),
    );
    const file = toCsv(sheetRows(people), { delimiter: ';', bom: true, crlf: true });
    const p = await rig.page('operator', 'phone');
    p.on('dialog', (d) => void d.accept());
    await p.goto(`${rig.baseUrl}/admin/roster`);
    await p.getByLabel('Berkas ekspor OpenSID (.xlsx atau .csv)').setInputFiles({
      name: 'penduduk-socorejo.csv',
      mimeType: 'text/csv',
      buffer: file,
    });
    await p.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await p.waitForURL(/\/admin\/roster\/\d+$/);
    await p.screenshot({ path: shot('upload-first-phone'), fullPage: true });
    // The page follows the check by itself (progress while it runs), then shows the report.
    await p.getByText('siap diterapkan').first().waitFor({ timeout: 30_000 });
    expect(await p.getByText('Ini hasil uji coba: belum ada yang disimpan.').isVisible()).toBe(true);
    const rejected = p.getByRole('row').filter({ hasText: 'NIK harus 16 digit' });
    expect(await rejected.getByRole('cell').first().textContent()).toBe('11');
    await p.screenshot({ path: shot('report-phone'), fullPage: true });
    await p.getByRole('button', { name: 'Terapkan impor' }).click();
    await p.getByText('Impor selesai').waitFor({ timeout: 30_000 });
    await p.screenshot({ path: shot('applied-phone'), fullPage: true });
    await p.getByRole('link', { name: 'Kembali ke data warga' }).click();
    await expectLabelledLines(p, '/admin/roster');
    const history = p.getByRole('row').filter({ hasText: 'penduduk-socorejo.csv' }).last();
    expect(await history.textContent()).toContain('2999');
    expect(await history.textContent()).toContain('operator-uji');
  }, 90_000);

  it('adds a plan and changes it, with an error beside the field on the way', async () => {
    const p = await rig.page('operator', 'phone');
    await p.goto(`${rig.baseUrl}/admin/paket`);
    await p.getByRole('link', { name: 'Tambah paket' }).click();
    await p.getByLabel('Nama paket').fill('Dasar');
    await p.getByLabel('Kecepatan unduh', { exact: true }).fill('lima mega');
    await p.getByLabel('Kecepatan unggah', { exact: true }).fill('2M');
    await p.getByLabel('Kuota harian').fill('2GB');
    await p.getByRole('button', { name: 'Simpan paket' }).click();
    await p.getByText('laju unduh tidak terbaca').waitFor();
    expect(await p.getByLabel('Kecepatan unduh', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await p.getByLabel('Nama paket').inputValue()).toBe('Dasar');
    await p.screenshot({ path: shot('plan-error-phone'), fullPage: true });
    await p.getByLabel('Kecepatan unduh', { exact: true }).fill('5M');
    await p.getByRole('button', { name: 'Simpan paket' }).click();
    await p.getByText('Paket Dasar disimpan.').waitFor();
    await p.getByLabel('Jumlah perangkat per akun').fill('4');
    await p.getByRole('button', { name: 'Simpan paket' }).click();
    await p.getByText('Paket Dasar disimpan.').waitFor();
    await p.goto(`${rig.baseUrl}/admin/paket`);
    const row = p.getByRole('row').filter({ hasText: 'Dasar' });
    expect(await row.textContent()).toContain('5M / 2M');
    expect(await row.getByRole('cell').nth(4).textContent()).toBe('4');
    // On a phone the plans are labelled lines.
    await expectLabelledLines(p, '/admin/paket');
  }, 60_000);

  it('keeps screenshots of every roster and plan page at both sizes', async () => {
    const plan = (await rig.app.services.plans.list())[0]!;
    const upload = (await rig.app.services.rosterUploads.recent())[0]!;
    for (const [path, name] of [
      ['/admin/roster', 'roster/list'],
      [`/admin/roster/${upload.id}`, 'roster/upload'],
      ['/admin/paket', 'plans/list'],
      ['/admin/paket/baru', 'plans/new'],
      [`/admin/paket/${plan.id}`, 'plans/edit'],
    ] as const)
      await rig.screenshots('operator', path, name);
  }, 90_000);
});
