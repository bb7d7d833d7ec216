// Sign-in security and users in Chromium, as a village's first admin meets them: the setup link a fresh server
// prints, creating the first admin, turning on two-step verification with the QR page and a code, the lock-out
// message after wrong passwords, and the users page (adding a user, the password shown once). Screenshots of each
// page at 360×640 and 1280×800 in test-artifacts/admin/users/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../src/domain/totp.js';
import {
  ADMIN_PASSWORD,
  type AdminBrowserRig,
  expectLabelledLines,
  SIZES,
  startAdminBrowserRig,
} from './support/admin-chromium.js';

const DIR = join(process.cwd(), 'test-artifacts', 'admin', 'users');
const shot = (p: Page, name: string) => p.screenshot({ path: join(DIR, `${name}.png`), fullPage: true });

describe('admin users and sign-in security in Chromium', () => {
  let rig: AdminBrowserRig;
  let printed = '';
  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    // What `npm start` prints on a fresh install, caught from stdout.
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      printed += String(chunk);
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      rig = await startAdminBrowserRig('sqlite', {}, { freshInstall: true });
    } finally {
      process.stdout.write = write;
    }
  }, 60_000);
  afterAll(() => rig.close());

  it('prints a one-time setup link on a fresh server; the link creates the first admin, then is dead', async () => {
    const link = /(http:\/\/\S+\/admin\/setup\?token=[\w-]+)/.exec(printed)?.[1];
    expect(link).toBeDefined();
    const gate = await rig.anonymous('phone');
    await gate.goto(`${rig.baseUrl}/admin/masuk`);
    await gate.getByText('Warganet belum disiapkan').waitFor();
    await shot(gate, 'setup-needed-phone');
    const url = link!.replace(/^http:\/\/[^/]+/, rig.baseUrl);
    for (const size of ['phone', 'desktop'] as const) {
      const p = await rig.anonymous(size);
      await p.goto(url);
      await p.getByRole('heading', { name: 'Buat admin pertama' }).waitFor();
      await shot(p, `setup-${size}`);
    }
    const p = await rig.anonymous('phone');
    await p.goto(url);
    await p.getByLabel('Nama pengguna admin').fill('kades');
    await p.getByLabel('Kata sandi', { exact: true }).fill(ADMIN_PASSWORD);
    await p.getByLabel('Ulangi kata sandi').fill(ADMIN_PASSWORD);
    await p.getByRole('button', { name: 'Buat admin' }).click();
    await p.getByText('Admin pertama dibuat. Silakan masuk.').waitFor();
    await p.getByLabel('Nama pengguna').fill('kades');
    await p.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await Promise.all([
      p.waitForURL(`${rig.baseUrl}/admin`),
      p.getByRole('button', { name: 'Masuk' }).click(),
    ]);
    const dead = await rig.anonymous('phone');
    await dead.goto(url);
    await dead.getByText('Tautan penyiapan ini tidak berlaku').waitFor();
    await shot(dead, 'setup-dead-phone');
  });

  it('turns on two-step verification by scanning (the key as text here) and typing a code', async () => {
    const p = await rig.anonymous('phone');
    await p.goto(`${rig.baseUrl}/admin/masuk?next=%2Fadmin%2Fakun`);
    await p.getByLabel('Nama pengguna').fill('kades');
    await p.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await Promise.all([
      p.waitForURL(`${rig.baseUrl}/admin/akun`),
      p.getByRole('button', { name: 'Masuk' }).click(),
    ]);
    await shot(p, 'account-phone');
    await p.getByRole('link', { name: 'Aktifkan verifikasi dua langkah' }).click();
    await p.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' }).waitFor();
    await shot(p, 'enrol-phone');
    const key = base32Decode((await p.locator('code.secret').textContent())!)!;
    await p.getByLabel('Kode 6 angka').fill(hotp(key, totpStep(Date.now())));
    await p.getByRole('button', { name: 'Aktifkan' }).click();
    await p.getByRole('heading', { name: 'Kode pemulihan' }).waitFor();
    expect(await p.locator('ol.codes code').count()).toBe(10);
    await shot(p, 'recovery-codes-phone');
    await p.setViewportSize(SIZES.desktop);
    await shot(p, 'recovery-codes-desktop');
    await p.getByRole('link', { name: 'Sudah saya simpan, lanjut' }).click();
    await p.getByText('Aktif. Sisa kode pemulihan: 10.').waitFor();
    await shot(p, 'account-desktop');
    // Signing in again asks for the code after the password.
    const again = await rig.anonymous('phone');
    await again.goto(`${rig.baseUrl}/admin/masuk`);
    await again.getByLabel('Nama pengguna').fill('kades');
    await again.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await again.getByRole('button', { name: 'Masuk' }).click();
    await again.getByRole('heading', { name: 'Verifikasi dua langkah' }).waitFor();
    await shot(again, 'code-step-phone');
  });

  it('shows when a locked sign-in may try again', async () => {
    await rig.app.services.admins.add(
      { username: 'sari', role: 'operator', password: ADMIN_PASSWORD },
      'cli',
    );
    const p = await rig.anonymous('phone');
    await p.goto(`${rig.baseUrl}/admin/masuk`);
    for (let i = 0; i < 6; i++) {
      await p.getByLabel('Nama pengguna').fill('sari');
      await p.getByLabel('Kata sandi').fill('bukan-sandinya');
      await p.getByRole('button', { name: 'Masuk' }).click();
      await p.getByRole('alert').waitFor();
    }
    await p
      .getByText(/terlalu banyak percobaan gagal; coba lagi pukul \d\d\.\d\d \(dalam 5 menit\)/)
      .first()
      .waitFor();
    await shot(p, 'locked-phone');
    await p.setViewportSize(SIZES.desktop);
    await shot(p, 'locked-desktop');
  });

  it('adds a user on the users page; the password is shown once', async () => {
    const p = await rig.page('admin', 'phone');
    await p.goto(`${rig.baseUrl}/admin/pengguna`);
    await p.getByLabel('Nama pengguna').fill('tono');
    await p.getByLabel('Peran').selectOption('operator');
    await p.getByRole('button', { name: 'Tambah' }).click();
    await p.getByRole('heading', { name: 'Pengguna tono dibuat' }).waitFor();
    expect((await p.locator('code.secret').textContent())!.length).toBe(16);
    await shot(p, 'user-added-phone');
    await p.getByRole('link', { name: 'Kembali ke daftar pengguna' }).click();
    await p.getByRole('link', { name: 'Kelola tono' }).click();
    p.once('dialog', (d) => void d.accept());
    await p.getByRole('button', { name: 'Nonaktifkan' }).click();
    await p.getByText('tono dinonaktifkan; sesi dan tokennya berakhir.').waitFor();
    for (const path of ['/admin/pengguna', '/admin/audit']) {
      await p.goto(`${rig.baseUrl}${path}`);
      await expectLabelledLines(p, path);
    }
  });

  it('keeps screenshots of the users, user and audit pages at both sizes', async () => {
    await rig.screenshots('admin', '/admin/pengguna', 'users/users');
    await rig.screenshots('admin', '/admin/pengguna/tono', 'users/user');
    await rig.screenshots('admin', '/admin/audit', 'users/audit');
    await rig.screenshots('admin', '/admin/akun', 'users/account-admin');
  }, 180_000);
});
