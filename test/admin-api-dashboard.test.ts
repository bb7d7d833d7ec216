// `GET /api/v1/dashboard`: the dashboard figures as JSON for every signed-in role (aggregates only, so the
// official too), refused without a session or token, documented in the OpenAPI document, body as its schema says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardBody } from '../src/admin/api/dashboard.js';
import { type AdminHarness, createAdminHarness, T0 } from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';

describe.each(databaseKinds)('dashboard API (%s)', (kind) => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await createAdminHarness(kind);
    await h.db.db
      .insertInto('routers')
      .values({
        ...{ name: 'Balai', nas_ip: '10.0.0.1', radius_secret_enc: 'x', health: 'down' },
        ...{ last_contact_at: T0 - 60_000, health_changed_at: T0 - 60_000, created_at: 1, updated_at: 1 },
      })
      .execute();
  });
  afterAll(() => h.close());

  it('answers the official with the figures, in the documented shape, and no personal data', async () => {
    const b = await h.signedIn('official');
    const res = await b.api('GET', '/api/v1/dashboard');
    expect(res.status).toBe(200);
    const body = DashboardBody.parse(JSON.parse(res.text));
    expect(body.day).toBe('2026-11-29');
    expect(body.routers).toMatchObject({ up: 0, down: 1, unknown: 0 });
    expect(body.routers.list[0]).toMatchObject({ name: 'Balai', health: 'down', lastContactAt: T0 - 60_000 });
    expect(res.text).not.toMatch(/nik|mac|username/i);
  });

  it('refuses a caller without a session or token', async () => {
    const res = await h.browser().api('GET', '/api/v1/dashboard');
    expect(res.status).toBe(401);
  });

  it('is in the OpenAPI document with its 200 and error responses', async () => {
    const doc = JSON.parse((await h.browser().get('/api/v1/openapi.json')).text);
    const op = doc.paths['/api/v1/dashboard'].get;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Dashboard',
    );
  });
});
