// The dashboard in Chromium as an operator and an official open it, on a phone and a desktop, with a village's
// worth of routers in mixed health; screenshots at both sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminBrowserRig, expectLabelledLines, startAdminBrowserRig } from './support/admin-chromium.js';

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
    expect(await p.getByRole('link', { name: 'Pos Ronda Krajan' }).getAttribute('href')).toMatch(
      /^\/admin\/router\/\d+$/,
    );
    await expectLabelledLines(p, 'dashboard');
    await rig.screenshots('operator', '/admin', 'dashboard/operator');
    await rig.screenshots('official', '/admin', 'dashboard/official');
  }, 180_000);
});
