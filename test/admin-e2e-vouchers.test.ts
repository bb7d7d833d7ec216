// The voucher pages in Chromium, as an operator on a phone does the work: make a batch (an error beside its field
// on the way), find it in the list, open one voucher, revoke it after the browser asks, and tick cards to print.
// Keyboard and labels only (getByLabel, getByRole). Screenshots of every page at 360×640 and 1280×800, each
// checked by axe-core, into test-artifacts/admin/vouchers/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminBrowserRig, startAdminBrowserRig } from './support/admin-chromium.js';

const shot = (name: string) => join(process.cwd(), 'test-artifacts', 'admin', 'vouchers', `${name}.png`);

describe('voucher pages in Chromium', () => {
  let rig: AdminBrowserRig;
  beforeAll(async () => {
    rig = await startAdminBrowserRig('sqlite', { WARGANET_PUBLIC_URL: 'http://portal.desa.test' });
    await rig.app.services.plans.add('Dasar', { down: '5M', up: '2M' }, 'cli');
    await rig.app.services.plans.add('Tamu', { down: '2M', up: '1M' }, 'cli');
  }, 60_000);
  afterAll(() => rig?.close());

  it('makes a batch, opens a voucher, revokes it, and prints a ticked selection', async () => {
    const p = await rig.page('operator', 'phone');
    p.on('dialog', (d) => void d.accept());
    await p.goto(`${rig.baseUrl}/admin`);
    await p.getByRole('link', { name: 'Voucher', exact: true }).click();
    await p.getByText('Belum ada voucher').waitFor();
    await p.screenshot({ path: shot('empty-phone'), fullPage: true });
    await p.getByRole('link', { name: 'Buat voucher' }).click();
    expect(await p.getByLabel('Paket').inputValue()).toBe('Tamu');
    await p.getByLabel('Jumlah voucher').fill('12');
    await p.getByLabel('Masa berlaku', { exact: true }).fill('sehari');
    await p.getByLabel('Harga (rupiah)').fill('3000');
    await p.getByRole('button', { name: 'Buat voucher' }).click();
    await p.getByText('masa berlaku tidak terbaca').waitFor();
    expect(await p.getByLabel('Masa berlaku', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await p.getByLabel('Harga (rupiah)').inputValue()).toBe('3000');
    await p.screenshot({ path: shot('form-error-phone'), fullPage: true });
    await p.getByLabel('Masa berlaku', { exact: true }).fill('3h');
    await p.getByLabel('Kuota data per voucher').fill('1GB');
    await p.getByRole('button', { name: 'Buat voucher' }).click();
    await p.getByText('12 voucher dibuat').waitFor();
    await p.screenshot({ path: shot('list-phone'), fullPage: true });

    // One voucher: its full code, then revoke it (the browser asks first).
    await p
      .getByRole('link', { name: /^[a-z0-9]{4}-••••$/ })
      .first()
      .click();
    await p.getByText('Kode ini rahasia').waitFor();
    await p.screenshot({ path: shot('voucher-phone'), fullPage: true });
    await p.getByRole('button', { name: 'Batalkan voucher' }).click();
    await p.getByText('1 voucher dibatalkan.').waitFor();
    expect(await p.getByText('dibatalkan', { exact: true }).first().isVisible()).toBe(true);

    // Tick two cards and print them on the 58 mm roll.
    await p.goto(`${rig.baseUrl}/admin/voucher?status=unused`);
    const boxes = p.getByRole('checkbox');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await p.getByRole('button', { name: '58 mm' }).click();
    await p.waitForURL(/\/admin\/voucher\/cetak\?id=\d+&id=\d+&format=58mm/);
    expect(await p.locator('article.card').count()).toBe(2);
    await p.screenshot({ path: shot('print-selection-58mm-phone'), fullPage: true });
  }, 90_000);

  it('every voucher page at both sizes passes axe and is screenshotted', async () => {
    const [v] = await rig.app.services.vouchers.list({ limit: 1 });
    await rig.screenshots('operator', '/admin/voucher', 'vouchers/list');
    await rig.screenshots('operator', '/admin/voucher/baru', 'vouchers/form');
    await rig.screenshots('operator', `/admin/voucher/${v!.id}`, 'vouchers/voucher');
    await rig.screenshots('official', '/reports/vouchers', 'vouchers/report');
  }, 90_000);
});
