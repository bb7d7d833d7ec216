// The dashboard page and its API over known data: the figures an operator needs at a glance, the router names
// escaped, links to act only for operators, live refresh, and the JSON answer matching its OpenAPI schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardSummarySchema } from '../src/admin/api/dashboard.js';
import { type AdminHarness, createAdminHarness, T0 } from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe.each(databaseKinds)('admin dashboard (%s)', (kind) => {
  let h: AdminHarness;
  let routerId: number;
  beforeAll(async () => {
    h = await createAdminHarness(kind);
    const db = h.db.db;
    routerId = (
      await db
        .insertInto('routers')
        .values({
          ...{ name: HOSTILE, nas_ip: '10.0.0.1', radius_secret_enc: 'x', health: 'down' },
          ...{ last_contact_at: T0 - 3 * 3_600_000, health_changed_at: T0, created_at: 1, updated_at: 1 },
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('sessions')
      .values({
        router_id: routerId,
        acct_session_id: 's1',
        username: 'u',
        started_at: T0,
        updated_at: T0,
        state: 'active',
      })
      .execute();
    await db
      .insertInto('usage_daily')
      .values({
        day: '2026-11-29',
        device_id: 1,
        router_id: routerId,
        bytes_in: 2_000_000,
        bytes_out: 5_000_000_000,
      })
      .execute();
    await db
      .insertInto('auth_log')
      .values({
        at: T0 - 60_000,
        last_at: T0 - 60_000,
        count: 4,
        router_id: routerId,
        mac: null,
        username: null,
        decision: 'reject',
        reason: 'quota_exhausted',
      })
      .execute();
  });
  afterAll(() => h.close());

  it('shows an operator the figures, the down router (escaped) with a link, and why logins fail', async () => {
    const b = await h.signedIn('operator');
    const page = await b.get('/admin');
    expect(page.status).toBe(200);
    expect(page.text).toContain('0 hidup · 1 mati');
    expect(page.text).toContain('5 GB'); // download today
    expect(page.text).toContain('kuota harian habis');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain(HOSTILE);
    // The link opens that router's page (it is addressed by name, not by id).
    const href = /<a href="(\/admin\/router\/[^"]+)">&lt;img/.exec(page.text)?.[1];
    expect(href).toBe(`/admin/router/${encodeURIComponent(HOSTILE)}`);
    const routerPage = await b.get(href!.replaceAll('&amp;', '&'));
    expect(routerPage.status).toBe(200);
    expect(routerPage.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).toMatch(/data-refresh="30"/);
  });

  it('walks an operator of a new village through its first steps, ticking each off from the data', async () => {
    const b = await h.signedIn('operator');
    const stepState = async () => {
      const text = (await b.get('/admin')).text;
      return Object.fromEntries(
        [...text.matchAll(/data-step="(\w+)" data-done="(\w+)"/g)].map((m) => [m[1], m[2]]),
      );
    };
    // One router, not provisioned; no roster, no plan; no WARGANET_PUBLIC_URL in this harness.
    expect(await stepState()).toEqual({
      roster: 'no',
      plan: 'no',
      router: 'yes',
      provision: 'no',
      portalUrl: 'no',
    });
    expect((await b.get('/admin')).text).toContain('href="/admin/roster"');
    await b.post('/admin/paket/baru', { name: 'Warga', down: '5M', up: '2M', atQuota: 'cut' });
    await h.db.db
      .insertInto('residents')
      .values({
        ...{
          nik_index: 'idx-fs',
          nik_masked: '3523**********01',
          kk_index: 'kk-fs',
          kk_masked: '3523**********01',
        },
        ...{ name: 'SITI', dusun: 'KRAJAN', rw: '001', rt: '001', status_dasar: 1, active: 1 },
        ...{ created_at: T0, updated_at: T0 },
      })
      .execute();
    await h.db.db.updateTable('routers').set({ provisioned_at: T0 }).where('id', '=', routerId).execute();
    expect(await stepState()).toEqual({
      roster: 'yes',
      plan: 'yes',
      router: 'yes',
      provision: 'yes',
      portalUrl: 'no',
    });
    // With the portal's address known as well, the checklist has nothing left to say.
    expect(await h.services.dashboard.firstSteps(true)).toEqual([]);
    await h.db.db.deleteFrom('residents').where('nik_index', '=', 'idx-fs').execute();
    await h.db.db.deleteFrom('plans').where('name', '=', 'Warga').execute();
  });

  it('shows an official the same figures, without links to act', async () => {
    const b = await h.signedIn('official');
    const page = await b.get('/admin');
    expect(page.status).toBe(200);
    expect(page.text).toContain('0 hidup · 1 mati');
    expect(page.text).not.toContain('/admin/router/');
    expect(page.text).not.toContain('href="/admin/warga"');
    expect(page.text).not.toContain('data-step=');
  });

  it('answers GET /api/v1/dashboard with what the OpenAPI document describes', async () => {
    const b = await h.signedIn('official');
    const res = await b.api('GET', '/api/v1/dashboard');
    expect(res.status).toBe(200);
    const body = DashboardSummarySchema.parse(JSON.parse(res.text));
    expect(body.liveSessions).toBe(1);
    expect(body.dataToday.downloadBytes).toBe(5_000_000_000);
    const doc = JSON.parse((await b.get('/api/v1/openapi.json')).text);
    expect(doc.paths['/api/v1/dashboard'].get.responses['200']).toBeDefined();
  });

  it('lists only the routers needing attention once there are more than 20', async () => {
    for (let i = 0; i < 24; i++) {
      await h.db.db
        .insertInto('routers')
        .values({
          ...{ name: `Titik ${i}`, nas_ip: `10.1.0.${i + 1}`, radius_secret_enc: 'x', health: 'up' },
          ...{ last_contact_at: T0, health_changed_at: T0, created_at: 1, updated_at: 1 },
        })
        .execute();
    }
    h.clock.now = T0 + 10_000; // past the dashboard's shared reading
    const page = await (await h.signedIn('operator')).get('/admin');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain('Titik 3');
    expect(page.text).toContain('24 router lain hidup');
    h.clock.now = T0;
  });
});
