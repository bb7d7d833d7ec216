// The dashboard in Chromium as an operator and an official open it, on a phone and a desktop, with a village's
// worth of routers in mixed health; screenshots at both sizes. And after a key rotation, with the old key still
// in use, the card that says so.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../src/services/accounts/pin-hash.js';
import { type AdminBrowserRig, expectLabelledLines, startAdminBrowserRig } from './support/admin-chromium.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import type { TestDatabase } from './support/databases.js';
import { seedAccount, testKeyring } from './support/radius-fixtures.js';

describe('admin dashboard in Chromium', () => {
  let rig: AdminBrowserRig;
  beforeAll(async () => {
    rig = await startAdminBrowserRig();
    const db = rig.app.database.db;
    const now = Date.now();
    const routers = [
      ['Balai Desa', 'up', now - 20_000],
      ['Pos Ronda Krajan', 'down', now - 2 * 3_600_000],
      ['Masjid Al-Ikhlas', 'up', now - 40_000],
      ['SDN Socorejo 1', 'unknown', null],
    ] as const;
    for (const [i, [name, health, contact]] of routers.entries()) {
      await db
        .insertInto('routers')
        .values({
          ...{ name, nas_ip: `10.0.0.${i + 1}`, radius_secret_enc: 'x', health, last_contact_at: contact },
          ...{ health_changed_at: contact, created_at: 1, updated_at: 1 },
        })
        .execute();
    }
    await db
      .insertInto('auth_log')
      .values([
        {
          at: now - 60_000,
          last_at: now - 60_000,
          count: 7,
          router_id: 1,
          mac: null,
          username: null,
          decision: 'reject',
          reason: 'unknown_device',
        },
        {
          at: now - 90_000,
          last_at: now - 90_000,
          count: 2,
          router_id: 1,
          mac: null,
          username: null,
          decision: 'reject',
          reason: 'quota_exhausted',
        },
      ])
      .execute();
  }, 60_000);
  afterAll(() => rig.close());

  it('shows the operator the routers, down first, and what to do', async () => {
    const p = await rig.page('operator', 'phone');
    const rows = p.getByRole('table').first().getByRole('row');
    expect(await rows.nth(1).textContent()).toContain('Pos Ronda Krajan');
    await expectLabelledLines(p, 'dashboard');
    // The router's name opens its page.
    await p.getByRole('link', { name: 'Pos Ronda Krajan' }).click();
    await p.getByRole('heading', { name: 'Router Pos Ronda Krajan' }).waitFor();
    await p.goBack();
    await rig.screenshots('operator', '/admin', 'dashboard/operator');
    await rig.screenshots('official', '/admin', 'dashboard/official');
  }, 180_000);
});

/**
 * A village whose key was rotated by `warganet key rotate` (the key kept in the data folder, as rotation needs)
 * while three residents' PINs and NIK/KK indexes were under the old key: the old key file stays beside the new
 * one, and the server the rig starts reads both from the folder.
 */
async function rotatedWithOldKeyInUse(t: TestDatabase) {
  writeFileSync(join(t.dir, 'secret.key'), `${TEST_SECRET_KEY}\n`, { mode: 0o600 });
  const pinHash = await hashPin(await testKeyring(), '246810');
  for (let i = 0; i < 3; i++) {
    const accountId = await seedAccount(t.db);
    await t.db.updateTable('accounts').set({ pin_hash: pinHash }).where('id', '=', accountId).execute();
  }
  const rotated = await cli({ dataDir: t.dir, databaseUrl: t.url, env: { WARGANET_SECRET_KEY: '' } }, [
    'key',
    'rotate',
    '--yes',
  ]);
  if (rotated.code !== 0) throw new Error(rotated.stderr);
}

describe('admin dashboard after a key rotation, in Chromium', () => {
  let rig: AdminBrowserRig;
  beforeAll(async () => {
    rig = await startAdminBrowserRig(
      'sqlite',
      { WARGANET_SECRET_KEY: '' },
      { prepare: rotatedWithOldKeyInUse },
    );
  }, 60_000);
  afterAll(() => rig.close());

  it('shows the operator the old key card on a 360 px phone, whole and without sideways scrolling; not the official', async () => {
    const p = await rig.page('operator', 'phone');
    const card = p.locator('[data-card="old-key"]');
    expect(await card.isVisible()).toBe(true);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Kunci rahasia lama masih disimpan');
    expect(text).toContain('Kunci lama masih dipakai oleh 3 PIN warga');
    expect(text).toContain('Indeks NIK/KK 3 warga aktif juga masih dengan kunci lama.');
    const layout = await p.evaluate(() => {
      const el = document.querySelector('[data-card="old-key"]')!;
      const box = el.getBoundingClientRect();
      const lines = [...el.querySelectorAll('h2, p')];
      return {
        pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
        cardInside: box.left >= 0 && box.right <= window.innerWidth,
        clippedLines: lines.filter((l) => l.scrollWidth > l.clientWidth + 1).length,
        smallestFontPx: Math.min(...lines.map((l) => Number.parseFloat(getComputedStyle(l).fontSize))),
      };
    });
    expect(layout).toMatchObject({ pageOverflow: 0, cardInside: true, clippedLines: 0 });
    expect(layout.smallestFontPx).toBeGreaterThanOrEqual(12);
    // Both sizes kept as artifacts; axe-core finds no serious problem (contrast of the muted lines included).
    await rig.screenshots('operator', '/admin', 'dashboard/old-key');
    const official = await rig.page('official', 'phone');
    expect(await official.locator('[data-card="old-key"]').count()).toBe(0);
  }, 180_000);
});
