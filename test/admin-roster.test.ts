// The roster pages (/admin/roster) through app.request on both databases: an upload is dry-run as a job and
// changes nothing, its report names bad rows by their row number and escapes hostile names, applying it imports
// every row or none, the deactivation guard waits for the exact count as the CLI does, an upload is applied once,
// the history says who imported what, and an official is refused all of it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportHistory, RosterUpload } from '../src/admin/api/roster.js';
import { type AdminHarness, createAdminHarness, type WebBrowser } from './fixtures/admin-web.js';
import { makePerson, type Person, sheetRows, toCsv } from './fixtures/roster.js';
import { databaseKinds } from './support/databases.js';

const village = (n: number, from = 0, overrides: (i: number) => Person = () => ({})) =>
  Array.from({ length: n }, (_, k) => makePerson(from + k, overrides(from + k)));

const csv = (people: Person[]) => toCsv(sheetRows(people), { delimiter: ';', bom: true, crlf: true });

/** Posts the upload form as a browser does (multipart), with the page's form token. */
async function uploadRoster(
  b: WebBrowser,
  bytes: Uint8Array,
  opts: { name?: string; partial?: boolean; csrf?: string } = {},
) {
  await b.get('/admin/roster');
  const form = new FormData();
  form.set('_csrf', opts.csrf ?? b.csrf);
  form.set('file', new File([new Uint8Array(bytes)], opts.name ?? 'penduduk.csv', { type: 'text/csv' }));
  if (opts.partial) form.set('partial', '1');
  return b.request('/admin/roster', { method: 'POST', body: form });
}

describe.each(databaseKinds)('admin roster pages (%s)', (kind) => {
  let h: AdminHarness;
  let op: WebBrowser;
  const residents = async () =>
    Number(
      (
        await h.db.db
          .selectFrom('residents')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('active', '=', 1)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const uploadAndCheck = async (bytes: Uint8Array, opts: { partial?: boolean } = {}) => {
    const res = await uploadRoster(op, bytes, opts);
    expect(res.status).toBe(303);
    const id = Number(/\/admin\/roster\/(\d+)$/.exec(res.location!)![1]);
    await h.services.rosterUploads.idle();
    return { id, page: await op.get(`/admin/roster/${id}`) };
  };
  const apply = async (id: number, fields: Record<string, string> = {}) => {
    const res = await op.post(`/admin/roster/${id}/terapkan`, { confirm: '1', ...fields });
    await h.services.rosterUploads.idle();
    return res;
  };

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    op = await h.signedIn('operator', 'sari');
  });
  afterAll(() => h.close());

  it('dry-runs an upload as a job: a report with counts, nothing changed, the file kept server side', async () => {
    const people = village(12, 0, (i) =>
      i === 4 ? { nik: '12345', nama: '<script>alert(1)</script>' } : ({} as Person),
    );
    const { id, page } = await uploadAndCheck(csv(people));
    expect(page.status).toBe(200);
    expect(page.text).toContain('siap diterapkan');
    expect(page.text).toMatch(/Warga baru<\/div><div class="stat">11</);
    // Row 6: the header is row 1, so the fifth person (index 4) is row 6.
    expect(page.text).toContain(
      '<td data-label="Baris" class="n">6</td><td data-label="Nama">&lt;script&gt;alert(1)&lt;/script&gt;</td><td data-label="NIK (disamarkan)">*****</td><td data-label="Alasan">NIK harus 16 digit',
    );
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(await residents()).toBe(0);
    const stored = await h.db.db
      .selectFrom('roster_uploads')
      .select(['state', 'created_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ state: 'checked', created_by: 'admin:sari' });
    // The file waits for its apply in a table of its own (the job's row, updated often, stays small).
    const kept = () =>
      h.db.db.selectFrom('roster_upload_contents').select('upload_id').where('upload_id', '=', id).execute();
    expect(await kept()).toHaveLength(1);
    const applied = await apply(id);
    expect(applied.status).toBe(303);
    const done = await op.get(`/admin/roster/${id}`);
    expect(done.text).toContain('Impor selesai');
    expect(await kept()).toHaveLength(0);
    expect(done.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await residents()).toBe(11);
  });

  it('applies an upload once: a second apply is refused and imports nothing more', async () => {
    const { id } = await uploadAndCheck(csv(village(12, 0)));
    expect((await apply(id)).status).toBe(303);
    const again = await apply(id);
    expect(again.status).toBe(409);
    expect(again.text).toContain('sudah diterapkan');
    const batches = await h.db.db.selectFrom('import_batches').select('id').execute();
    expect(batches).toHaveLength(2);
  });

  it('shows the history of imports with who ran them and their counts', async () => {
    const page = await op.get('/admin/roster');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Riwayat impor');
    expect(page.text).toMatch(
      /<td data-label="Oleh">sari<\/td><td data-label="Berkas">penduduk\.csv<\/td><td data-label="Jenis">penuh<\/td><td data-label="Warga baru" class="n">11<\/td>/,
    );
    const audit = await h.db.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('action', '=', 'roster.import')
      .execute();
    expect(audit).toEqual([
      { actor: 'admin:sari', action: 'roster.import' },
      { actor: 'admin:sari', action: 'roster.import' },
    ]);
  });

  it('holds back a full import that deactivates many until the exact count is typed', async () => {
    await uploadAndCheck(csv(village(40, 0))).then(({ id }) => apply(id));
    expect(await residents()).toBe(40);
    const { id, page } = await uploadAndCheck(csv(village(30, 0)));
    expect(page.text).toContain('Pengaman');
    expect(page.text).toContain('Ketik 10 untuk menyetujui.');
    const bare = await apply(id);
    expect(bare.status).toBe(400);
    expect(bare.text).toMatch(/id="f-confirmDeactivate"[^>]*aria-invalid="true"/);
    const wrong = await apply(id, { confirmDeactivate: '9' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('jumlah tidak cocok');
    expect(await residents()).toBe(40);
    expect((await apply(id, { confirmDeactivate: '10' })).status).toBe(303);
    expect(await residents()).toBe(30);
    // A partial import of the same file deactivates nobody, and needs no confirmation.
    const partial = await uploadAndCheck(csv(village(5, 100)), { partial: true });
    expect(partial.page.text).not.toContain('Pengaman');
    await apply(partial.id);
    expect(await residents()).toBe(35);
  });

  it('imports all or nothing: a failure at the end of the apply leaves the roster as it was', async () => {
    const before = await residents();
    const renamed = (i: number) => ({ nama: `WARGA BARU ${i}` });
    const { id } = await uploadAndCheck(csv([...village(30, 0, renamed), ...village(5, 100, renamed)]));
    // The audit row is the import transaction's last write: without its table, the import fails at the end.
    await sql`alter table audit_log rename to audit_log_away`.execute(h.db.db);
    try {
      await apply(id);
    } finally {
      await sql`alter table audit_log_away rename to audit_log`.execute(h.db.db);
    }
    const page = await op.get(`/admin/roster/${id}`);
    expect(page.text).toContain('gagal');
    expect(page.text).toContain('tidak ada yang diubah');
    expect(await residents()).toBe(before);
    const batches = await h.db.db.selectFrom('import_batches').select('id').execute();
    expect(batches.length).toBe(5);
  });

  it('reports a file that is not a roster without changing anything', async () => {
    const { page } = await uploadAndCheck(new TextEncoder().encode('nama;alamat\nBudi;Soco\n'));
    expect(page.text).toContain('Berkas ini tidak bisa diimpor');
    expect(page.text).toContain('kolom &quot;nik&quot; tidak ada');
  });

  it('asks to choose a file, beside the field, when none is sent', async () => {
    await op.get('/admin/roster');
    const form = new FormData();
    form.set('_csrf', op.csrf);
    const res = await op.request('/admin/roster', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="f-file"[^>]*aria-invalid="true"/);
  });

  it('refuses an upload without its form token', async () => {
    const res = await uploadRoster(op, csv(village(3, 0)), { csrf: 'palsu' });
    expect(res.status).toBe(403);
  });

  it('refuses the roster pages to an official, by page and by form, and changes nothing', async () => {
    const official = await h.signedIn('official');
    expect((await official.get('/admin/roster')).status).toBe(403);
    const count = (await h.db.db.selectFrom('roster_uploads').select('id').execute()).length;
    const res = await uploadRoster(official, csv(village(3, 0)));
    expect(res.status).toBe(403);
    expect((await official.post('/admin/roster/1/terapkan', { confirm: '1' })).status).toBe(403);
    expect((await h.db.db.selectFrom('roster_uploads').select('id').execute()).length).toBe(count);
  });
});

describe.each(databaseKinds)('roster import API (%s)', (kind) => {
  let h: AdminHarness;
  let op: WebBrowser;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  const documented = (path: string, method: string, status: number) =>
    expect(doc.paths[path]?.[method]?.responses[String(status)], `${method} ${path} ${status}`).toBeDefined();
  const post = async (bytes: Uint8Array, b = op) => {
    const form = new FormData();
    form.set('file', new File([new Uint8Array(bytes)], 'penduduk.csv'));
    return b.request('/api/v1/roster/imports', {
      method: 'POST',
      body: form,
      headers: { 'x-csrf-token': b.csrf },
    });
  };

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    op = await h.signedIn('operator', 'sari');
    doc = JSON.parse((await h.browser().get('/api/v1/openapi.json')).text);
  });
  afterAll(() => h.close());

  it('uploads a file and answers with the dry-run report, changing nothing; then applies it', async () => {
    const res = await post(csv(village(10, 0, (i) => (i === 2 ? { nik: '99' } : ({} as Person)))));
    expect(res.status).toBe(200);
    documented('/api/v1/roster/imports', 'post', 200);
    const upload = RosterUpload.parse(JSON.parse(res.text));
    expect(upload).toMatchObject({ state: 'checked', createdBy: 'admin:sari' });
    expect(upload.report).toMatchObject({ added: 9, rejectedTotal: 1, needsConfirmation: false });
    expect(upload.report!.rejected[0]).toMatchObject({ row: 4 });
    expect(await h.db.db.selectFrom('residents').select('id').execute()).toHaveLength(0);
    const applied = await op.api('POST', `/api/v1/roster/imports/${upload.id}/apply`, {});
    expect(applied.status).toBe(200);
    documented('/api/v1/roster/imports/{id}/apply', 'post', 200);
    expect(RosterUpload.parse(JSON.parse(applied.text))).toMatchObject({ state: 'applied', batchId: 1 });
    expect(await h.db.db.selectFrom('residents').select('id').execute()).toHaveLength(9);
    const again = await op.api('POST', `/api/v1/roster/imports/${upload.id}/apply`, {});
    expect(again.status).toBe(409);
    documented('/api/v1/roster/imports/{id}/apply', 'post', 409);
  });

  it('lists the history with who imported', async () => {
    const res = await op.api('GET', '/api/v1/roster/imports');
    expect(res.status).toBe(200);
    documented('/api/v1/roster/imports', 'get', 200);
    const body = ImportHistory.parse(JSON.parse(res.text));
    expect(body.imports[0]).toMatchObject({ actor: 'admin:sari', added: 9, rejected: 1 });
  });

  it('holds the deactivation guard: apply needs confirmDeactivate equal to the count', async () => {
    const res = await post(csv(village(4, 0)));
    const upload = RosterUpload.parse(JSON.parse(res.text));
    expect(upload.report).toMatchObject({ deactivated: 6, needsConfirmation: true });
    const bare = await op.api('POST', `/api/v1/roster/imports/${upload.id}/apply`, {});
    expect(bare.status).toBe(400);
    expect(JSON.parse(bare.text).error).toMatchObject({ code: 'invalid-input', field: 'confirmDeactivate' });
    const ok = await op.api('POST', `/api/v1/roster/imports/${upload.id}/apply`, { confirmDeactivate: 6 });
    expect(JSON.parse(ok.text)).toMatchObject({ state: 'applied' });
  });

  it('refuses an official by API and a script without the CSRF header, storing nothing', async () => {
    const official = await h.signedIn('official');
    const before = (await h.db.db.selectFrom('roster_uploads').select('id').execute()).length;
    expect((await post(csv(village(3, 0)), official)).status).toBe(403);
    expect((await official.api('GET', '/api/v1/roster/imports')).status).toBe(403);
    expect((await official.api('POST', '/api/v1/roster/imports/1/apply', {})).status).toBe(403);
    const form = new FormData();
    form.set('file', new File(['nik'], 'x.csv'));
    const forged = await op.request('/api/v1/roster/imports', { method: 'POST', body: form });
    expect(forged.status).toBe(403);
    expect((await h.db.db.selectFrom('roster_uploads').select('id').execute()).length).toBe(before);
  });
});
