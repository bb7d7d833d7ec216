// The residents pages in Chromium, as an operator at the village office on a phone: find a resident by name and
// by NIK, open the card, approve a registration, make a new PIN, remove a device (the browser asks first; saying
// no changes nothing), and print a registration slip. Screenshots of every page at 360×640 and 1280×800.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../src/services/keyring.js';
import { type ResidentVillage, seedResidentVillage } from './fixtures/admin-residents.js';
import { type AdminBrowserRig, expectLabelledLines, startAdminBrowserRig } from './support/admin-chromium.js';
import { TEST_SECRET_KEY } from './support/cli.js';

const shot = (name: string) => join(process.cwd(), 'test-artifacts', 'admin', 'residents', `${name}.png`);

describe('residents pages in Chromium', () => {
  let rig: AdminBrowserRig;
  let v: ResidentVillage;
  beforeAll(async () => {
    rig = await startAdminBrowserRig();
    v = await seedResidentVillage(
      rig.db,
      rig.app.services,
      await Keyring.fromHex(TEST_SECRET_KEY),
      Date.now(),
    );
  }, 60_000);
  afterAll(() => rig.close());

  it('finds, approves, makes a new PIN and removes a device after confirming, on a phone', async () => {
    const p = await rig.page('operator', 'phone');
    await p.getByRole('link', { name: 'Warga', exact: true }).click();
    await p.getByLabel('Nama', { exact: true }).fill('ratna');
    await p.getByRole('button', { name: 'Cari', exact: true }).click();
    await p.getByRole('link', { name: 'RATNA SARI' }).waitFor();
    expect(await p.getByRole('link', { name: 'BUDI SANTOSO' }).count()).toBe(0);

    // The NIK goes in a form body; the card opens, and the address holds no NIK.
    await p.getByLabel('NIK', { exact: true }).fill(v.nik.pending);
    await p.getByRole('button', { name: 'Cari NIK' }).click();
    await p.getByRole('heading', { name: 'Warga: RATNA SARI' }).waitFor();
    expect(p.url()).not.toContain(v.nik.pending);
    expect(await p.content()).not.toContain(v.nik.pending);
    await p.getByText('No. KK yang diketik tidak cocok').waitFor();

    p.once('dialog', (d) => void d.accept());
    await p.getByRole('button', { name: 'Setujui' }).click();
    await p.getByText('Akun disetujui.').waitFor();

    p.once('dialog', (d) => void d.accept());
    await p.getByRole('button', { name: 'Buat PIN baru' }).click();
    await p.getByRole('heading', { name: 'PIN baru' }).waitFor();
    const pin = (await p.locator('.secret').textContent())?.trim();
    expect(pin).toMatch(/^\d{6}$/);
    await p.screenshot({ path: shot('pin-phone'), fullPage: true });
    await p.getByRole('link', { name: 'Buka kartu warga' }).click();
    expect(await p.content()).not.toContain(pin!);

    await p.goto(`${rig.baseUrl}/admin/warga/${v.id.head}`);
    // The household and the devices are labelled lines on the phone: the remove button is not off screen.
    await expectLabelledLines(p, 'resident card');
    // The identity and the account are one above the other on a phone (side by side they wrapped every value).
    const [identity, account] = await p
      .locator('.grid.wide > section.card')
      .evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect()));
    expect(account!.top).toBeGreaterThanOrEqual(identity!.bottom);
    const remove = p.getByRole('button', { name: 'Cabut TV <b>ruang</b>' });
    p.once('dialog', (d) => void d.dismiss());
    await remove.click();
    expect(await remove.count()).toBe(1);
    p.once('dialog', (d) => {
      expect(d.message()).toContain('Cabut perangkat TV <b>ruang</b>?');
      void d.accept();
    });
    await remove.click();
    await p.getByText('Perangkat TV <b>ruang</b> dicabut.').waitFor();
    expect(await p.getByRole('button', { name: 'Cabut TV <b>ruang</b>' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Cabut HP Budi' }).count()).toBe(1);
  });

  it('without script, removing a device asks on a page of its own first', async () => {
    const p = await rig.page('operator', 'phone', { javaScript: false });
    await p.goto(`${rig.baseUrl}/admin/warga/${v.id.head}`);
    await p.getByRole('button', { name: 'Cabut HP Budi' }).click();
    await p.getByRole('heading', { name: 'Cabut perangkat?' }).waitFor();
    await p.screenshot({ path: shot('confirm-remove-phone'), fullPage: true });
    const live = () =>
      rig.db.db
        .selectFrom('devices')
        .select('revoked_at')
        .where('id', '=', v.deviceIds[0]!)
        .executeTakeFirstOrThrow();
    expect((await live()).revoked_at).toBeNull();
    await p.getByRole('button', { name: 'Ya, lanjutkan' }).click();
    await p.getByText('Perangkat HP Budi dicabut.').waitFor();
    expect((await live()).revoked_at).not.toBeNull();
  });

  it('prints a registration slip without the NIK', async () => {
    const p = await rig.page('operator', 'desktop');
    await p.goto(`${rig.baseUrl}/admin/warga/${v.id.hostile}`);
    await p.getByRole('link', { name: 'Cetak slip pendaftaran' }).first().click();
    await p.getByRole('heading', { name: 'Cara tersambung' }).waitFor();
    expect(await p.content()).not.toContain(v.nik.hostile);
    await p.emulateMedia({ media: 'print' });
    expect(await p.getByRole('navigation', { name: 'Menu utama' }).isVisible()).toBe(false);
    await p.screenshot({ path: shot('slip-print-desktop'), fullPage: true });
  });

  it('keeps screenshots of every residents page at both sizes', async () => {
    const pages: Array<[string, string]> = [
      ['/admin/warga', 'residents/list'],
      ['/admin/warga?dusun=krajan&status=active', 'residents/list-filtered'],
      [`/admin/warga/${v.id.head}`, 'residents/card'],
      [`/admin/warga/${v.id.hostile}`, 'residents/card-hostile-name'],
      [`/admin/warga/${v.id.other}`, 'residents/card-no-account'],
      [`/admin/warga/${v.id.hostile}/slip`, 'residents/slip'],
      [`/admin/warga/${v.id.head}/data`, 'residents/export'],
      [`/admin/warga/daftar?warga=${v.id.other}`, 'residents/register'],
    ];
    for (const [path, name] of pages) await rig.screenshots('operator', path, name);
  }, 120_000);
});
