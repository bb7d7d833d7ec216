// The sign-in page in Chromium, as an operator on a phone meets it: the form, a wrong password explained beside
// the field, the dashboard after signing in, and signing out. Screenshots at 360×640 and 1280×800.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminBrowserRig,
  accessibilityProblems,
  startAdminBrowserRig,
} from './support/admin-chromium.js';

describe('admin sign-in in Chromium', () => {
  let rig: AdminBrowserRig;
  beforeAll(async () => {
    rig = await startAdminBrowserRig();
  }, 60_000);
  afterAll(() => rig.close());

  it('explains a wrong password beside the field, then signs in and out', async () => {
    await rig.app.services.admins.add(
      { username: 'sari', role: 'operator', password: 'sandi-benar-12345' },
      'cli',
    );
    const p = await rig.anonymous('phone');
    await p.goto(`${rig.baseUrl}/admin`);
    expect(new URL(p.url()).pathname).toBe('/admin/masuk');
    await p.getByLabel('Nama pengguna').fill('sari');
    await p.getByLabel('Kata sandi').fill('bukan-sandinya');
    await p.getByRole('button', { name: 'Masuk' }).click();
    await p.getByText('nama pengguna atau kata sandi salah').first().waitFor();
    expect(await p.getByLabel('Kata sandi').getAttribute('aria-invalid')).toBe('true');
    expect(await p.getByLabel('Nama pengguna').inputValue()).toBe('sari');
    expect(await accessibilityProblems(p)).toEqual([]);
    await p.screenshot({
      path: join(process.cwd(), 'test-artifacts', 'admin', 'sign-in-error-phone.png'),
      fullPage: true,
    });
    await p.getByLabel('Kata sandi').fill('sandi-benar-12345');
    await p.getByRole('button', { name: 'Masuk' }).click();
    await p.waitForURL(`${rig.baseUrl}/admin`);
    await p.getByRole('button', { name: 'Keluar' }).click();
    await p.getByText('Anda sudah keluar.').waitFor();
  });

  it('keeps screenshots of the sign-in page at both sizes', async () => {
    for (const size of ['phone', 'desktop'] as const) {
      const p = await rig.anonymous(size);
      await p.goto(`${rig.baseUrl}/admin/masuk`);
      await p.screenshot({
        path: join(process.cwd(), 'test-artifacts', 'admin', `sign-in-${size}.png`),
        fullPage: true,
      });
      expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('Masuk ke Warganet');
      expect(await accessibilityProblems(p)).toEqual([]);
    }
  });
});
