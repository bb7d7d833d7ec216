// The institution pages (/admin/lembaga) in Chromium, as an operator on a phone does the work: add a school (an
// error beside its field on the way), add its kiosk's MAC (a malformed one explained first), remove the device after
// the browser asks. Labels and roles only. Screenshots of every page at 360×640 and 1280×800, each checked by
// axe-core, into test-artifacts/admin/institutions/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminBrowserRig, expectLabelledLines, startAdminBrowserRig } from './support/admin-chromium.js';

const shot = (name: string) => join(process.cwd(), 'test-artifacts', 'admin', 'institutions', `${name}.png`);

describe('institution pages in Chromium', () => {
  let rig: AdminBrowserRig;
  beforeAll(async () => {
    rig = await startAdminBrowserRig('sqlite');
    await rig.app.services.plans.add('Sekolah', { down: '20M', up: '5M', devices: 10 }, 'cli');
  }, 60_000);
  afterAll(() => rig?.close());

  it('adds a school and its device, explaining bad input beside the field, and removes the device after asking', async () => {
    const p = await rig.page('operator', 'phone');
    p.on('dialog', (d) => void d.accept());
    await p.goto(`${rig.baseUrl}/admin`);
    await p.getByRole('link', { name: 'Lembaga', exact: true }).click();
    await p.getByText('Belum ada lembaga.').waitFor();
    await p.screenshot({ path: shot('empty-phone'), fullPage: true });

    await p.getByLabel('Nama lembaga').fill('SDN Socorejo 1');
    await p.getByLabel('Prioritas antrean di router (1 tertinggi – 8)').fill('12');
    await p.getByRole('button', { name: 'Simpan' }).click();
    const priority = p.getByLabel('Prioritas antrean di router (1 tertinggi – 8)');
    await p.locator('[aria-invalid="true"]').first().waitFor();
    expect(await priority.getAttribute('aria-invalid')).toBe('true');
    expect(await p.getByLabel('Nama lembaga').inputValue()).toBe('SDN Socorejo 1');
    await p.screenshot({ path: shot('form-error-phone'), fullPage: true });
    await priority.fill('2');
    await p.getByLabel('Paket').selectOption({ label: 'Sekolah' });
    await p.getByRole('button', { name: 'Simpan' }).click();
    // Saved: straight on to the institution's own page, to add its devices.
    await p.getByText('Lembaga SDN Socorejo 1 disimpan.').waitFor();
    await p.getByText('Belum ada perangkat.').waitFor();
    await p.getByLabel('Alamat MAC').fill('bukan-mac');
    await p.getByRole('button', { name: 'Tambah perangkat' }).click();
    await p.locator('[aria-invalid="true"]').first().waitFor();
    expect(await p.getByLabel('Alamat MAC').getAttribute('aria-invalid')).toBe('true');
    await p.getByLabel('Alamat MAC').fill('aa-bb-cc-dd-ee-01');
    await p.getByLabel('Nama perangkat').fill('Kios perpustakaan');
    await p.getByRole('button', { name: 'Tambah perangkat' }).click();
    await p.getByText('Perangkat AA:BB:CC:DD:EE:01 ditambahkan.').waitFor();
    await p.screenshot({ path: shot('device-added-phone'), fullPage: true });

    await p.getByRole('button', { name: 'Cabut' }).click();
    await p.getByText('Perangkat AA:BB:CC:DD:EE:01 dicabut.').waitFor();
    expect(await p.getByText('Belum ada perangkat.').isVisible()).toBe(true);
  }, 90_000);

  it('shows the institutions and their devices as labelled lines at 360 px, with nothing scrolling sideways', async () => {
    const [school] = await rig.app.services.institutions.list();
    await rig.app.services.institutions.addDevice(
      school!.name,
      'AA:BB:CC:DD:EE:02',
      'Kios perpustakaan',
      'cli',
    );
    const p = await rig.page('operator', 'phone');
    for (const path of ['/admin/lembaga', `/admin/lembaga/${school!.id}`]) {
      await p.goto(`${rig.baseUrl}${path}`);
      await expectLabelledLines(p, path);
      await p.screenshot({
        path: shot(`${path === '/admin/lembaga' ? 'list' : 'devices'}-lines-phone`),
        fullPage: true,
      });
    }
    expect(await p.getByText('Alamat MAC').count()).toBeGreaterThan(0);
  }, 90_000);

  it('every institution page at both sizes passes axe and is screenshotted', async () => {
    const [one] = await rig.app.services.institutions.list();
    await rig.screenshots('operator', '/admin/lembaga', 'institutions/list');
    await rig.screenshots('operator', `/admin/lembaga/${one!.id}`, 'institutions/institution');
  }, 90_000);
});
