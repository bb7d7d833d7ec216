// /api/v1 for residents and accounts: every action the pages offer, answered per the OpenAPI document (paths and
// statuses documented, bodies per the exported schemas), state changed with its audit row, the NIK never in a
// body, and the official refused every call, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountChangeBody,
  DeviceRemovedBody,
  ErasureBody,
  PinBody,
  ResidentCardBody,
  ResidentExportBody,
  ResidentPageBody,
} from '../src/admin/api/residents.js';
import { Keyring } from '../src/services/keyring.js';
import { type ResidentVillage, seedResidentVillage } from './fixtures/admin-residents.js';
import { type AdminHarness, createAdminHarness, T0, type WebBrowser } from './fixtures/admin-web.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { databaseKinds } from './support/databases.js';

describe.each(databaseKinds)('residents API (%s)', (kind) => {
  let h: AdminHarness;
  let v: ResidentVillage;
  let op: WebBrowser;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  const noNik = (text: string) => {
    for (const n of Object.values(v.nik)) expect(text).not.toContain(n);
  };
  const accountOf = (residentId: number) =>
    h.db.db.selectFrom('accounts').selectAll().where('resident_id', '=', residentId).executeTakeFirst();
  const audited = (action: string) =>
    h.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

  /** Calls the API and checks the answer is documented: the path, the method and the status. */
  async function call(method: string, path: string, docPath: string, payload?: unknown) {
    const res = await op.api(method, `/api/v1${path}`, payload);
    const documented = doc.paths[`/api/v1${docPath}`]?.[method.toLowerCase()];
    expect(documented, `${method} ${docPath} documented`).toBeDefined();
    expect(Object.keys(documented!.responses), `${method} ${docPath} ${res.status}`).toContain(
      String(res.status),
    );
    noNik(res.text);
    return { status: res.status, body: JSON.parse(res.text) };
  }

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    v = await seedResidentVillage(h.db, h.services, await Keyring.fromHex(TEST_SECRET_KEY), T0);
    op = await h.signedIn('operator');
    await op.get('/admin');
    doc = JSON.parse((await op.get('/api/v1/openapi.json')).text);
  });
  afterAll(() => h.close());

  it('lists and filters residents; a NIK is searched in the body and finds only its resident', async () => {
    const all = await call('GET', '/residents?dusun=krajan', '/residents');
    expect(all.status).toBe(200);
    ResidentPageBody.parse(all.body);
    expect(all.body.residents.map((r: { name: string }) => r.name)).toContain('BUDI SANTOSO');
    const byNik = await call('POST', '/residents/search', '/residents/search', { nik: v.nik.pending });
    expect(byNik.body.residents.map((r: { id: number }) => r.id)).toEqual([v.id.pending]);
    const bad = await call('GET', '/residents?rt=1', '/residents');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('rt');
  });

  it("answers a resident's card and export", async () => {
    const card = await call('GET', `/residents/${v.id.head}`, '/residents/{id}');
    ResidentCardBody.parse(card.body);
    expect(card.body.household).toHaveLength(3);
    expect(card.body.account.devices).toHaveLength(2);
    const exp = await call('GET', `/residents/${v.id.head}/export`, '/residents/{id}/export');
    ResidentExportBody.parse(exp.body);
    expect(exp.body.sessions).toHaveLength(2);
    expect((await call('GET', '/residents/999999', '/residents/{id}')).status).toBe(404);
  });

  it('approves, suspends, resumes, changes the plan and sets a PIN, each with its audit row', async () => {
    const pendingId = (await accountOf(v.id.pending))!.id;
    const approve = await call('POST', `/accounts/${pendingId}/approve`, '/accounts/{id}/approve');
    expect(approve.status).toBe(200);
    AccountChangeBody.parse(approve.body);
    expect((await accountOf(v.id.pending))!.status).toBe('active');
    expect((await call('POST', `/accounts/${pendingId}/approve`, '/accounts/{id}/approve')).status).toBe(409);
    const suspend = await call('POST', `/accounts/${pendingId}/suspend`, '/accounts/{id}/suspend', {
      reason: 'uji',
    });
    expect(suspend.body.status).toBe('suspended');
    expect((await call('POST', `/accounts/${pendingId}/resume`, '/accounts/{id}/resume')).body.status).toBe(
      'active',
    );
    const plan = await call('POST', `/accounts/${pendingId}/plan`, '/accounts/{id}/plan', { plan: 'Hemat' });
    expect(plan.body.plan_name).toBe('Hemat');
    const pin = await call('POST', `/accounts/${pendingId}/pin`, '/accounts/{id}/pin');
    PinBody.parse(pin.body);
    expect(pin.body.pin).toMatch(/^\d{6}$/);
    for (const action of [
      'account.approve',
      'account.suspend',
      'account.resume',
      'account.set-plan',
      'account.pin',
    ])
      expect((await audited(action))[0]?.actor, action).toBe('admin:operator-uji');
    expect((await call('POST', '/accounts/999999/approve', '/accounts/{id}/approve')).status).toBe(404);
  });

  it('registers at the office with consent, answering the first PIN once', async () => {
    const refused = await call('POST', '/residents', '/residents', { nik: v.nik.other, consent: false });
    expect(refused.status).toBe(400);
    const res = await call('POST', '/residents', '/residents', { nik: v.nik.other, consent: true });
    expect(res.status).toBe(201);
    PinBody.parse(res.body);
    expect(res.body.resident_id).toBe(v.id.other);
    expect((await call('POST', '/residents', '/residents', { nik: v.nik.other, consent: true })).status).toBe(
      409,
    );
  });

  it('removes a device, then erases the resident leaving only aggregates', async () => {
    const removed = await call('DELETE', `/devices/${v.deviceIds[0]}`, '/devices/{id}');
    DeviceRemovedBody.parse(removed.body);
    expect((await audited('device.revoke'))[0]!.target).toBe(`device:${v.deviceIds[0]}`);
    expect((await call('DELETE', `/devices/${v.deviceIds[0]}`, '/devices/{id}')).status).toBe(404);
    const erased = await call('POST', `/residents/${v.id.head}/erase`, '/residents/{id}/erase', {
      confirm: true,
    });
    expect(erased.status).toBe(200);
    ErasureBody.parse(erased.body);
    expect(erased.body.sessions_scrubbed).toBe(2);
    expect(await accountOf(v.id.head)).toBeUndefined();
    expect(await h.db.db.selectFrom('usage_daily').selectAll().execute()).toHaveLength(2);
    expect(await audited('account.erase')).toHaveLength(1);
  });

  it('refuses the official every call, changing nothing', async () => {
    const official = await h.signedIn('official');
    await official.get('/admin');
    const accountId = (await accountOf(v.id.hostile))!.id;
    const before = await accountOf(v.id.hostile);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/residents'],
      ['POST', '/residents/search', { nik: v.nik.hostile }],
      ['POST', '/residents', { nik: v.nik.child, consent: true }],
      ['GET', `/residents/${v.id.hostile}`],
      ['GET', `/residents/${v.id.hostile}/export`],
      ['POST', `/residents/${v.id.hostile}/erase`, { confirm: true }],
      ['POST', `/accounts/${accountId}/approve`],
      ['POST', `/accounts/${accountId}/suspend`, { reason: 'x' }],
      ['POST', `/accounts/${accountId}/resume`],
      ['POST', `/accounts/${accountId}/plan`, { plan: 'Hemat' }],
      ['POST', `/accounts/${accountId}/pin`],
      ['DELETE', `/devices/${v.deviceIds[1]}`],
    ];
    for (const [method, path, payload] of calls) {
      const res = await official.api(method, `/api/v1${path}`, payload);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect(await accountOf(v.id.hostile)).toEqual(before);
    expect(await accountOf(v.id.child)).toBeUndefined();
  });
});
