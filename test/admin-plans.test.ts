// The plan pages (/admin/paket) through app.request on both databases: create and edit with the CLI's units and
// errors beside their fields, removal refused while accounts use the plan (with the count), each change audited
// as the signed-in user, the push to each router with a retry of a failed one, hostile names escaped, and an
// official refused every page and change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanChange } from '../src/admin/api/plans.js';
import { type AdminHarness, createAdminHarness, T0, type WebBrowser } from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';

describe.each(databaseKinds)('admin plan pages (%s)', (kind) => {
  let h: AdminHarness;
  let op: WebBrowser;
  const planRow = (name: string) =>
    h.db.db.selectFrom('plans').selectAll().where('name', '=', name).executeTakeFirst();
  const audits = (action: string) =>
    h.db.db
      .selectFrom('audit_log')
      .select(['actor', 'target'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    op = await h.signedIn('operator', 'sari');
  });
  afterAll(() => h.close());

  it('creates a plan from the form in the CLI units, audited as the signed-in user', async () => {
    await op.get('/admin/paket/baru');
    const res = await op.post('/admin/paket/baru', {
      name: 'Dasar',
      down: '5M',
      up: '2M',
      dailyQuota: '2GB',
      devices: '3',
      atQuota: 'cut',
    });
    expect(res.status).toBe(303);
    const row = await planRow('Dasar');
    expect(row).toMatchObject({
      down_rate: 5_000_000,
      up_rate: 2_000_000,
      daily_quota_bytes: 2e9,
      is_default: 1,
    });
    expect(res.location).toBe(`/admin/paket/${row!.id}`);
    expect(await audits('plan.add')).toEqual([{ actor: 'admin:sari', target: 'plan:Dasar' }]);
    const list = await op.get('/admin/paket');
    expect(list.text).toContain('>Dasar</a>');
    expect(list.text).toContain('5M / 2M');
    expect(list.text).toContain('bawaan');
  });

  it('keeps the values and shows the error beside the field when a rate is unreadable', async () => {
    await op.get('/admin/paket/baru');
    const res = await op.post('/admin/paket/baru', {
      name: 'Pelajar',
      down: 'cepat',
      up: '1M',
      atQuota: 'cut',
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="f-down"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('laju unduh tidak terbaca');
    expect(res.text).toContain('value="Pelajar"');
    expect(await planRow('Pelajar')).toBeUndefined();
    const empty = await op.post('/admin/paket/baru', { name: '', down: '', up: '', atQuota: 'cut' });
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/id="f-name"[^>]*aria-invalid="true"/);
  });

  it('edits a plan: the form shows its values exactly, and an emptied quota becomes unlimited', async () => {
    const plan = (await planRow('Dasar'))!;
    const page = await op.get(`/admin/paket/${plan.id}`);
    expect(page.text).toContain('value="2GB"');
    expect(page.text).toContain('value="5M"');
    const res = await op.post(`/admin/paket/${plan.id}`, {
      down: '10M',
      up: '2M',
      dailyQuota: '',
      devices: '4',
      atQuota: 'cut',
      profile: plan.profile_name,
    });
    expect(res.status).toBe(303);
    expect(await planRow('Dasar')).toMatchObject({
      down_rate: 10_000_000,
      daily_quota_bytes: null,
      devices_allowed: 4,
    });
    expect(await audits('plan.set')).toEqual([{ actor: 'admin:sari', target: 'plan:Dasar' }]);
  });

  it('refuses to remove a plan while accounts use it, saying how many, and removes it once unused', async () => {
    await op.post('/admin/paket/baru', { name: 'Balai', down: '20M', up: '10M', atQuota: 'cut' });
    const plan = (await planRow('Balai'))!;
    const resident = await h.db.db
      .insertInto('residents')
      .values({
        nik_index: 'idx-1',
        nik_masked: '3523**********01',
        kk_index: 'kk-1',
        kk_masked: '3523**********01',
        name: 'SITI',
        dusun: 'KRAJAN',
        rw: '001',
        rt: '001',
        status_dasar: 1,
        active: 1,
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const account = await h.db.db
      .insertInto('accounts')
      .values({
        resident_id: resident.id,
        status: 'active',
        plan_id: plan.id,
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const page = await op.get(`/admin/paket/${plan.id}`);
    expect(page.text).toContain('Dipakai 1 akun.');
    const refused = await op.post(`/admin/paket/${plan.id}/hapus`, { confirm: '1' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('masih dipakai 1 akun');
    expect(await planRow('Balai')).toBeDefined();
    // Without the browser's confirmation, the server asks on a page of its own first.
    const asked = await op.post(`/admin/paket/${plan.id}/hapus`);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Hapus paket?');
    await h.db.db.deleteFrom('accounts').where('id', '=', account.id).execute();
    const removed = await op.post(`/admin/paket/${plan.id}/hapus`, { confirm: '1' });
    expect(removed.status).toBe(303);
    expect(await planRow('Balai')).toBeUndefined();
    expect(await audits('plan.remove')).toEqual([{ actor: 'admin:sari', target: 'plan:Balai' }]);
  });

  it("shows each router's push of the plan, with a failed one's error, and queues it again on retry", async () => {
    const plan = (await planRow('Dasar'))!;
    const router = await h.db.db
      .insertInto('routers')
      .values({
        name: 'balai-desa',
        nas_ip: '10.0.0.2',
        radius_secret_enc: 'x',
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const job = await h.db.db
      .insertInto('router_jobs')
      .values({
        router_id: router.id,
        kind: 'plan-push',
        payload: JSON.stringify({ planId: plan.id }),
        state: 'failed',
        attempts: 3,
        next_try_at: T0,
        last_error: 'profil <ditolak> router',
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const list = await op.get('/admin/paket');
    expect(list.text).toContain('1 gagal');
    const page = await op.get(`/admin/paket/${plan.id}`);
    expect(page.text).toContain('balai-desa');
    expect(page.text).toContain('profil &lt;ditolak&gt; router');
    const retry = await op.post(`/admin/paket/${plan.id}/kirim/${job.id}`);
    expect(retry.status).toBe(303);
    const row = await h.db.db
      .selectFrom('router_jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('pending');
    expect(await audits('plan.push-retry')).toEqual([
      { actor: 'admin:sari', target: `router-job:${job.id}` },
    ]);
    const twice = await op.post(`/admin/paket/${plan.id}/kirim/${job.id}`);
    expect(twice.status).toBe(409);
  });

  it('escapes a hostile plan name everywhere it is shown', async () => {
    await op.get('/admin/paket/baru');
    await op.post('/admin/paket/baru', {
      name: '<img src=x onerror=alert(1)>',
      down: '1M',
      up: '1M',
      atQuota: 'cut',
      profile: 'wn-x',
    });
    const list = await op.get('/admin/paket');
    expect(list.text).not.toContain('<img src=x');
    expect(list.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('refuses the plan pages and every change to an official, and changes nothing', async () => {
    const official = await h.signedIn('official');
    const plan = (await planRow('Dasar'))!;
    expect((await official.get('/admin/paket')).status).toBe(403);
    expect((await official.get(`/admin/paket/${plan.id}`)).status).toBe(403);
    const created = await official.post('/admin/paket/baru', {
      name: 'Liar',
      down: '1M',
      up: '1M',
      atQuota: 'cut',
    });
    expect(created.status).toBe(403);
    expect((await official.post(`/admin/paket/${plan.id}/hapus`, { confirm: '1' })).status).toBe(403);
    expect(await planRow('Liar')).toBeUndefined();
    expect(await planRow('Dasar')).toBeDefined();
  });
});

describe.each(databaseKinds)('plans API (%s)', (kind) => {
  let h: AdminHarness;
  let op: WebBrowser;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  const documented = (path: string, method: string, status: number) =>
    expect(doc.paths[path]?.[method]?.responses[String(status)], `${method} ${path} ${status}`).toBeDefined();

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    op = await h.signedIn('operator', 'sari');
    await op.get('/admin');
    doc = JSON.parse((await h.browser().get('/api/v1/openapi.json')).text);
  });
  afterAll(() => h.close());

  it('creates, reads, changes and removes a plan, each audited as the caller', async () => {
    const created = await op.api('POST', '/api/v1/plans', {
      name: 'Dasar',
      down: '5M',
      up: '2M',
      dailyQuota: '2GB',
    });
    expect(created.status).toBe(201);
    documented('/api/v1/plans', 'post', 201);
    const { plan } = PlanChange.parse(JSON.parse(created.text));
    expect(plan).toMatchObject({ downRate: 5_000_000, dailyQuotaBytes: 2e9, isDefault: true, accounts: 0 });
    const list = await op.api('GET', '/api/v1/plans');
    documented('/api/v1/plans', 'get', 200);
    expect(JSON.parse(list.text).plans.map((p: { name: string }) => p.name)).toEqual(['Dasar']);
    const changed = await op.api('PATCH', `/api/v1/plans/${plan.id}`, { dailyQuota: null, devices: 5 });
    expect(changed.status).toBe(200);
    documented('/api/v1/plans/{id}', 'patch', 200);
    expect(PlanChange.parse(JSON.parse(changed.text)).plan).toMatchObject({
      dailyQuotaBytes: null,
      devicesAllowed: 5,
    });
    const bad = await op.api('PATCH', `/api/v1/plans/${plan.id}`, { down: 'cepat' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatchObject({ code: 'invalid-input', field: 'down' });
    const removed = await op.api('DELETE', `/api/v1/plans/${plan.id}`);
    expect(removed.status).toBe(200);
    documented('/api/v1/plans/{id}', 'delete', 200);
    const actions = await h.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', 'like', 'plan.%')
      .execute();
    expect(actions).toEqual([
      { action: 'plan.add', actor: 'admin:sari' },
      { action: 'plan.set', actor: 'admin:sari' },
      { action: 'plan.remove', actor: 'admin:sari' },
    ]);
  });

  it('refuses to remove a plan while used (409, with the count)', async () => {
    const { plan } = PlanChange.parse(
      JSON.parse((await op.api('POST', '/api/v1/plans', { name: 'Pelajar', down: '2M', up: '1M' })).text),
    );
    const resident = await h.db.db
      .insertInto('residents')
      .values({
        nik_index: 'idx-2',
        nik_masked: '3523**********02',
        kk_index: 'kk-2',
        kk_masked: '3523**********02',
        name: 'BUDI',
        dusun: 'SOCO',
        rw: '001',
        rt: '002',
        status_dasar: 1,
        active: 1,
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.db
      .insertInto('accounts')
      .values({
        resident_id: resident.id,
        status: 'active',
        plan_id: plan.id,
        created_at: T0,
        updated_at: T0,
      })
      .execute();
    const refused = await op.api('DELETE', `/api/v1/plans/${plan.id}`);
    expect(refused.status).toBe(409);
    documented('/api/v1/plans/{id}', 'delete', 409);
    expect(JSON.parse(refused.text).error.message).toContain('masih dipakai 1 akun');
  });

  it('refuses an official every plan call, and changes nothing', async () => {
    const official = await h.signedIn('official');
    expect((await official.api('GET', '/api/v1/plans')).status).toBe(403);
    expect((await official.api('POST', '/api/v1/plans', { name: 'Liar', down: '1M', up: '1M' })).status).toBe(
      403,
    );
    expect((await official.api('DELETE', '/api/v1/plans/1')).status).toBe(403);
    expect(await h.db.db.selectFrom('plans').select('name').where('name', '=', 'Liar').execute()).toEqual([]);
  });
});
