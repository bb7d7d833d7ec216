// The voucher pages (/admin/voucher) and /api/v1/vouchers through app.request on both databases: a batch made
// from the form with the CLI's words and errors beside their fields, the list with filters and pages (codes
// masked), one voucher's page with its full code, revoking a voucher and a batch (confirmed), the print pages
// (A4 and 58 mm: every card with village, plan, validity, price, code and a QR of the card's link, nothing from
// elsewhere, never cached, audited), the same through the API checked against the OpenAPI document, and an
// official refused every page and call.
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoucherBatchBody, VoucherBody, VouchersBody } from '../src/admin/api/vouchers.js';
import { displayCode } from '../src/domain/voucher-code.js';
import { type AdminHarness, createAdminHarness, type WebBrowser } from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';

describe.each(databaseKinds)('admin voucher pages and API (%s)', (kind) => {
  let h: AdminHarness;
  let op: WebBrowser;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  const audits = (action: string) =>
    h.db.db
      .selectFrom('audit_log')
      .select(['actor', 'target', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  async function call(method: string, path: string, docPath: string, payload?: unknown) {
    const res = await op.api(method, `/api/v1${path}`, payload);
    const documented = doc.paths[`/api/v1${docPath}`]?.[method.toLowerCase()];
    expect(documented, `${method} ${docPath} documented`).toBeDefined();
    expect(Object.keys(documented!.responses), `${method} ${docPath} ${res.status}`).toContain(
      String(res.status),
    );
    return { status: res.status, body: JSON.parse(res.text) };
  }

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    await h.services.plans.add('Dasar', { down: '5M', up: '2M' }, 'cli');
    await h.services.plans.add('Tamu', { down: '2M', up: '1M' }, 'cli');
    op = await h.signedIn('operator', 'sari');
    await op.get('/admin');
    doc = JSON.parse((await op.get('/api/v1/openapi.json')).text);
  });
  afterAll(() => h.close());

  it('creates a batch from the form, audited as the signed-in user; the list shows it with masked codes', async () => {
    const form = await op.get('/admin/voucher/baru');
    expect(form.status).toBe(200);
    // The guest plan is chosen for the operator.
    expect(form.text).toMatch(/<option value="Tamu" selected/);
    const res = await op.post('/admin/voucher/baru', {
      plan: 'Tamu',
      count: '30',
      validity: '1d',
      validityFrom: 'first-login',
      quota: '1GB',
      devices: '1',
      prefix: '',
      length: '8',
      price: '5000',
      note: 'Tamu <b>hajatan</b>',
    });
    expect(res.status).toBe(303);
    const made = await h.services.vouchers.list({});
    expect(made).toHaveLength(30);
    const batch = made[0]!.batch;
    expect(res.location).toBe(`/admin/voucher?batch=${batch}`);
    expect(made[0]).toMatchObject({ plan: 'Tamu', price: 5000, quotaBytes: 1e9, validityS: 86_400 });
    expect(await audits('voucher.create')).toEqual([
      expect.objectContaining({ actor: 'admin:sari', target: `voucher-batch:${batch}` }),
    ]);
    const list = await op.get(res.location!);
    expect(list.text).toContain('30 voucher dibuat');
    expect(list.text).toContain(`>${batch}</a>`);
    expect(list.text).toContain('Rp5.000');
    // The batch's vouchers by status, in words (only the statuses some hold).
    expect(list.text).toContain('<td data-label="Voucher" data-counts="true">30 belum dipakai</td>');
    // The note is escaped.
    expect(list.text).toContain('Tamu &lt;b&gt;hajatan&lt;/b&gt;');
    // Codes are masked in the list: never a whole code.
    for (const v of made) expect(list.text).not.toContain(displayCode(v.code));
    expect(list.text).toContain(`${displayCode(made[29]!.code).slice(0, 4)}-••••`);
    // 50 a page: 30 fit, no next page.
    expect(list.text).not.toContain('page=2');
  });

  it('keeps the values and shows the error beside the field when a value is unreadable', async () => {
    await op.get('/admin/voucher/baru');
    const res = await op.post('/admin/voucher/baru', {
      plan: 'Tamu',
      count: '5',
      validity: 'sebentar',
      quota: '',
      note: 'catatan saya',
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="f-validity"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('masa berlaku tidak terbaca');
    expect(res.text).toContain('value="catatan saya"');
    const tooMany = await op.post('/admin/voucher/baru', { plan: 'Tamu', count: '5000', validity: '1d' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toMatch(/id="f-count"[^>]*aria-invalid="true"/);
    const noPlan = await op.post('/admin/voucher/baru', { plan: 'Hilang', count: '1', validity: '1d' });
    expect(noPlan.status).toBe(404);
    expect(await h.services.vouchers.list({})).toHaveLength(30);
  });

  it('filters by batch and status and pages by 50', async () => {
    await h.services.vouchers.create({ plan: 'Dasar', count: 60, validity: '3h' }, 'cli');
    const page1 = await op.get('/admin/voucher');
    expect(page1.text).toContain('page=2');
    const page2 = await op.get('/admin/voucher?page=2');
    const rows = (t: string) => (t.match(/name="id"/g) ?? []).length;
    expect(rows(page1.text)).toBe(50);
    expect(rows(page2.text)).toBe(40);
    const all = await h.services.vouchers.list({});
    const tamu = all.find((v) => v.plan === 'Tamu')!;
    const byBatch = await op.get(`/admin/voucher?batch=${tamu.batch}`);
    expect(rows(byBatch.text)).toBe(30);
    const revoked = await op.get('/admin/voucher?status=revoked');
    expect(revoked.text).toContain('Tidak ada voucher yang cocok.');
  });

  it("shows one voucher's full code (audited), and revokes it after confirmation", async () => {
    const [v] = await h.services.vouchers.list({ limit: 1 });
    const page = await op.get(`/admin/voucher/${v!.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain(displayCode(v!.code));
    expect((await audits('voucher.reveal')).at(-1)).toMatchObject({ actor: 'admin:sari' });
    // Without the confirmation the page asks first, and nothing changes.
    const ask = await op.post(`/admin/voucher/${v!.id}/batalkan`);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Batalkan voucher?');
    expect((await h.services.vouchers.get(v!.id)).status).toBe('unused');
    const done = await op.post(`/admin/voucher/${v!.id}/batalkan`, { confirm: '1' });
    expect(done.status).toBe(303);
    expect((await h.services.vouchers.get(v!.id)).status).toBe('revoked');
    expect((await audits('voucher.revoke')).at(-1)).toMatchObject({
      actor: 'admin:sari',
      target: `voucher:${v!.id}`,
    });
  });

  it('prints a batch on A4 and on a 58 mm roll: every live card with its QR link, nothing from elsewhere, not cached, audited', async () => {
    const batch = (await h.services.vouchers.list({})).find((v) => v.plan === 'Tamu')!.batch;
    const live = await h.services.vouchers.list({ batch, live: true });
    expect(live).toHaveLength(29);
    for (const format of ['a4', '58mm'] as const) {
      const res = await op.get(`/admin/voucher/cetak?batch=${batch}&format=${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.text).toContain(format === 'a4' ? '@page{size:A4' : '@page{size:58mm auto');
      // Nothing loaded from elsewhere: no external src or href, no stylesheet link.
      expect(res.text).not.toMatch(/(src|href)="https?:/);
      expect(res.text).not.toContain('<link rel="stylesheet"');
      const cards = res.text.match(/<article class="card"/g) ?? [];
      expect(cards).toHaveLength(29);
      for (const v of live) {
        expect(res.text).toContain(displayCode(v.code));
        // The QR holds the card's link to the portal's voucher page, and draws exactly that link's matrix.
        const link = `http://admin.desa.test/voucher?code=${v.code}`;
        expect(res.text).toContain(`data-link="${link}"`);
      }
      expect(res.text).toContain('Wi-Fi Socorejo');
      expect(res.text).toContain('Paket Tamu');
      expect(res.text).toContain('1 hari sejak dipakai');
      expect(res.text).toContain('Rp5.000');
      expect(res.text).toContain('Kuota 1 GB');
    }
    // The drawn matrix is the link's: the path equals one built from uqr's matrix of the link.
    const one = await op.get(`/admin/voucher/cetak?id=${live[0]!.id}&format=58mm`);
    const { data } = encode(`http://admin.desa.test/voucher?code=${live[0]!.code}`, { ecc: 'M', border: 2 });
    let d = '';
    data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    expect(one.text).toContain(`d="${d}"`);
    expect((one.text.match(/<article class="card"/g) ?? []).length).toBe(1);
    const printed = await audits('voucher.print');
    expect(printed.map((a) => JSON.parse(a.detail!).purpose)).toEqual([
      'print-a4',
      'print-58mm',
      'print-58mm',
    ]);
    expect(printed[0]).toMatchObject({ actor: 'admin:sari', target: `voucher-batch:${batch}` });
    expect(JSON.parse(printed[0]!.detail!).count).toBe(29);
  });

  it('prints a selection ticked in the list', async () => {
    const picks = (await h.services.vouchers.list({ live: true, limit: 3 })).map((v) => v.id);
    const res = await op.get(`/admin/voucher/cetak?${picks.map((id) => `id=${id}`).join('&')}&format=a4`);
    expect((res.text.match(/<article class="card"/g) ?? []).length).toBe(3);
    expect(res.text).toContain('Cetak voucher pilihan');
  });

  it('revokes a batch after confirmation; its cards are no longer printed', async () => {
    const batch = (await h.services.vouchers.list({})).find((v) => v.plan === 'Dasar')!.batch;
    const ask = await op.post(`/admin/voucher/batch/${batch}/batalkan`);
    expect(ask.text).toContain(`Batalkan semua 60 voucher`);
    expect(await h.services.vouchers.list({ batch, status: 'revoked' })).toHaveLength(0);
    const done = await op.post(`/admin/voucher/batch/${batch}/batalkan`, { confirm: '1' });
    expect(done.status).toBe(303);
    expect(await h.services.vouchers.list({ batch, status: 'revoked' })).toHaveLength(60);
    expect((await op.get(`/admin/voucher?batch=${batch}`)).text).toContain(
      'data-counts="true">60 dibatalkan</td>',
    );
    const print = await op.get(`/admin/voucher/cetak?batch=${batch}&format=a4`);
    expect(print.text).not.toContain('<article class="card"');
    expect(print.text).toContain('Tidak ada voucher yang masih bisa dipakai');
  });

  it('the API creates, lists (audited), shows and revokes, as documented', async () => {
    const made = await call('POST', '/vouchers', '/vouchers', {
      plan: 'Tamu',
      count: 3,
      validity: '2h',
      price: 2000,
    });
    expect(made.status).toBe(201);
    expect(made.body.vouchers).toHaveLength(3);
    for (const v of made.body.vouchers) VoucherBody.parse(v);
    const before = (await audits('voucher.reveal')).length;
    const list = await call('GET', `/vouchers?batch=${made.body.batch}`, '/vouchers');
    VouchersBody.parse(list.body);
    expect(list.body.vouchers.map((v: { code: string }) => v.code).sort()).toEqual(
      made.body.vouchers.map((v: { code: string }) => v.code).sort(),
    );
    expect((await audits('voucher.reveal')).length).toBe(before + 1);
    const batches = await call('GET', '/vouchers/batches', '/vouchers/batches');
    for (const b of batches.body.batches) VoucherBatchBody.parse(b);
    expect(batches.body.batches[0]).toMatchObject({ batch: made.body.batch, counts: { unused: 3 } });
    const id = made.body.vouchers[0].id;
    const one = await call('GET', `/vouchers/${id}`, '/vouchers/{id}');
    expect(one.body.voucher.code).toBe(made.body.vouchers[0].code);
    const revoked = await call('POST', `/vouchers/${id}/revoke`, '/vouchers/{id}/revoke');
    expect(revoked.body).toEqual({ revoked: 1 });
    const rest = await call(
      'POST',
      `/vouchers/batches/${made.body.batch}/revoke`,
      '/vouchers/batches/{batch}/revoke',
    );
    expect(rest.body).toEqual({ revoked: 2 });
    const missing = await call('GET', '/vouchers/999999', '/vouchers/{id}');
    expect(missing.status).toBe(404);
    const bad = await call('POST', '/vouchers', '/vouchers', { plan: 'Tamu', count: 0 });
    expect(bad.status).toBe(400);
  });

  it('refuses an official every page and call, and changes nothing', async () => {
    const official = await h.signedIn('official', 'pak-kades');
    await official.get('/admin');
    const [v] = await h.services.vouchers.list({ live: true, limit: 1 });
    const count = (await h.services.vouchers.list({})).length;
    for (const path of [
      '/admin/voucher',
      '/admin/voucher/baru',
      `/admin/voucher/${v!.id}`,
      `/admin/voucher/cetak?batch=${v!.batch}&format=a4`,
    ]) {
      const res = await official.get(path);
      expect(res.status, path).toBe(403);
      expect(res.text).not.toContain(displayCode(v!.code));
    }
    expect(
      (await official.post('/admin/voucher/baru', { plan: 'Tamu', count: '1', validity: '1d' })).status,
    ).toBe(403);
    expect((await official.post(`/admin/voucher/${v!.id}/batalkan`, { confirm: '1' })).status).toBe(403);
    expect((await official.post(`/admin/voucher/batch/${v!.batch}/batalkan`, { confirm: '1' })).status).toBe(
      403,
    );
    for (const [method, path, body] of [
      ['GET', '/api/v1/vouchers'],
      ['GET', '/api/v1/vouchers/batches'],
      ['GET', `/api/v1/vouchers/${v!.id}`],
      ['POST', '/api/v1/vouchers', { plan: 'Tamu', count: 1 }],
      ['POST', `/api/v1/vouchers/${v!.id}/revoke`],
      ['POST', `/api/v1/vouchers/batches/${v!.batch}/revoke`],
    ] as const) {
      const res = await official.api(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await h.services.vouchers.list({})).length).toBe(count);
    expect((await h.services.vouchers.get(v!.id)).status).toBe('unused');
    // The navigation offers vouchers to operators, not to officials.
    expect((await op.get('/admin')).text).toContain('href="/admin/voucher"');
    expect((await official.get('/admin')).text).not.toContain('href="/admin/voucher"');
  });

  it('pages the batches table by 20, newest first, keeping the vouchers list where it was', async () => {
    const before = (await h.services.vouchers.batches({ limit: 1000, offset: 0 })).length;
    for (let i = 0; i < 21; i++)
      await h.services.vouchers.create({ plan: 'Tamu', count: 1, validity: '1d' }, 'cli');
    const all = await h.services.vouchers.batches({ limit: 1000, offset: 0 });
    expect(all).toHaveLength(before + 21);
    const batchesOn = (t: string) =>
      [...t.matchAll(/href="\/admin\/voucher\?batch=([^"&]+)"/g)].map((m) => m[1]);
    const first = await op.get('/admin/voucher?page=2');
    expect(batchesOn(first.text)).toEqual(all.slice(0, 20).map((b) => b.batch));
    expect(first.text).toContain('href="/admin/voucher?page=2&amp;bpage=2"');
    const second = await op.get('/admin/voucher?page=2&bpage=2');
    expect(batchesOn(second.text)).toEqual(all.slice(20, 40).map((b) => b.batch));
    // The way back keeps the vouchers list's page.
    expect(second.text).toContain('href="/admin/voucher?page=2"');
  });
});
