// /admin/lembaga and /api/v1/institutions on both databases: an operator adds an institution and its device by
// the pages (errors beside their fields), changes and removes them by the API (documented in the OpenAPI
// document), every change audited as the signed-in user; an official is refused every page and call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Institution } from '../src/admin/api/institutions.js';
import { type AdminHarness, createAdminHarness, type WebBrowser } from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';

describe.each(databaseKinds)('institution pages and API (%s)', (kind) => {
  let h: AdminHarness;
  let op: WebBrowser;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    op = await h.signedIn('operator', 'sari');
    doc = JSON.parse((await h.browser().get('/api/v1/openapi.json')).text);
  });
  afterAll(() => h.close());
  const documented = (path: string, method: string, status: number) =>
    expect(doc.paths[path]?.[method]?.responses[String(status)]).toBeDefined();

  it('adds an institution and a device by the pages, errors beside their fields', async () => {
    const page = await op.get('/admin/lembaga');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Belum ada lembaga.');
    const bad = await op.post('/admin/lembaga', { name: '', kind: 'sekolah' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-name"[^>]*aria-invalid="true"/);
    const made = await op.post('/admin/lembaga', {
      name: 'Puskesmas Jenu',
      kind: 'puskesmas',
      dusun: 'Krajan',
    });
    expect(made.status).toBe(303);
    const one = await op.get(made.location!);
    expect(one.text).toContain('<h1>Puskesmas Jenu</h1>');
    const badMac = await op.post(`${made.location}/perangkat`, { mac: 'bukan-mac', label: 'PC' });
    expect(badMac.status).toBe(400);
    expect(badMac.text).toMatch(/id="f-mac"[^>]*aria-invalid="true"/);
    expect(badMac.text).toContain('value="PC"');
    const added = await op.post(`${made.location}/perangkat`, { mac: 'aa:bb:cc:dd:ee:01', label: 'PC' });
    expect(added.status).toBe(303);
    const list = await op.get('/admin/lembaga');
    expect(list.text).toContain('>Puskesmas Jenu</a>');
    expect(list.text).toContain('Puskesmas');
    const audits = await h.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', 'like', 'institution.%')
      .execute();
    expect(audits).toEqual([
      { action: 'institution.add', actor: 'admin:sari' },
      { action: 'institution.device-add', actor: 'admin:sari' },
    ]);
  });

  it('the API lists, changes, adds and removes devices, and removes the institution', async () => {
    const list = await op.api('GET', '/api/v1/institutions');
    documented('/api/v1/institutions', 'get', 200);
    const [first] = JSON.parse(list.text).institutions;
    expect(Institution.parse(first)).toMatchObject({
      name: 'Puskesmas Jenu',
      kind: 'puskesmas',
      devices: [{ mac: 'AA:BB:CC:DD:EE:01', label: 'PC' }],
    });
    const created = await op.api('POST', '/api/v1/institutions', {
      name: 'SDN 2',
      kind: 'sekolah',
      priority: 1,
    });
    expect(created.status).toBe(201);
    documented('/api/v1/institutions', 'post', 201);
    const sd = Institution.parse(JSON.parse(created.text));
    const changed = await op.api('PATCH', `/api/v1/institutions/${sd.id}`, {
      disabled: true,
      priority: null,
    });
    expect(changed.status).toBe(200);
    documented('/api/v1/institutions/{id}', 'patch', 200);
    expect(Institution.parse(JSON.parse(changed.text))).toMatchObject({ disabled: true, priority: null });
    const bad = await op.api('PATCH', `/api/v1/institutions/${sd.id}`, { priority: 9 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatchObject({ code: 'invalid-input', field: 'priority' });
    const dev = await op.api('POST', `/api/v1/institutions/${sd.id}/devices`, { mac: 'AA:BB:CC:DD:EE:02' });
    expect(dev.status).toBe(201);
    documented('/api/v1/institutions/{id}/devices', 'post', 201);
    const taken = await op.api('POST', `/api/v1/institutions/${sd.id}/devices`, { mac: 'AA:BB:CC:DD:EE:01' });
    expect(taken.status).toBe(409);
    const gone = await op.api('DELETE', `/api/v1/institutions/${sd.id}/devices/AA:BB:CC:DD:EE:02`);
    expect(Institution.parse(JSON.parse(gone.text)).devices).toEqual([]);
    const removed = await op.api('DELETE', `/api/v1/institutions/${sd.id}`);
    expect(JSON.parse(removed.text)).toEqual({ removed: 'SDN 2', devices: 0 });
    documented('/api/v1/institutions/{id}', 'delete', 200);
  });

  it("removing a device through another institution's page or API is 404 and the device stays", async () => {
    const other = Institution.parse(
      JSON.parse(
        (await op.api('POST', '/api/v1/institutions', { name: 'Balai Desa', kind: 'balai-desa' })).text,
      ),
    );
    const byApi = await op.api('DELETE', `/api/v1/institutions/${other.id}/devices/AA:BB:CC:DD:EE:01`);
    expect(byApi.status).toBe(404);
    documented('/api/v1/institutions/{id}/devices/{mac}', 'delete', 404);
    const byPage = await op.post(`/admin/lembaga/${other.id}/perangkat/hapus`, {
      mac: 'AA:BB:CC:DD:EE:01',
      confirm: '1',
    });
    expect(byPage.status).toBe(404);
    const macs = await h.db.db.selectFrom('institution_devices').select('mac').execute();
    expect(macs.map((d) => d.mac)).toEqual(['AA:BB:CC:DD:EE:01']);
    expect((await op.api('DELETE', `/api/v1/institutions/${other.id}`)).status).toBe(200);
  });

  it('an official is refused the pages and the API, and nothing changes', async () => {
    const official = await h.signedIn('official', 'pak-kades');
    expect((await official.get('/admin/lembaga')).status).toBe(403);
    expect((await official.post('/admin/lembaga', { name: 'X', kind: 'sekolah' })).status).toBe(403);
    expect((await official.api('GET', '/api/v1/institutions')).status).toBe(403);
    expect((await official.api('POST', '/api/v1/institutions', { name: 'X', kind: 'sekolah' })).status).toBe(
      403,
    );
    const names = await h.db.db.selectFrom('institutions').select('name').execute();
    expect(names.map((n) => n.name)).toEqual(['Puskesmas Jenu']);
  });
});
