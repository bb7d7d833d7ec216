// The residents and accounts pages (/admin/warga) and their API: search (a NIK finds exactly its resident and
// is never echoed), the card, every action changing state with its audit row, the PIN shown once and never
// cached, erasure leaving only aggregates, hostile roster names escaped, and the official refused everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../src/services/keyring.js';
import { HOSTILE_NAME, type ResidentVillage, seedResidentVillage } from './fixtures/admin-residents.js';
import { type AdminHarness, createAdminHarness, T0, type WebBrowser } from './fixtures/admin-web.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { databaseKinds } from './support/databases.js';

describe.each(databaseKinds)('residents pages (%s)', (kind) => {
  let h: AdminHarness;
  let v: ResidentVillage;
  let op: WebBrowser;
  const allNiks = () => Object.values(v.nik);
  /** No page or API body may hold a NIK in clear, whatever was typed. */
  const noNik = (text: string) => {
    for (const n of allNiks()) expect(text).not.toContain(n);
  };
  const audit = (action: string) =>
    h.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();
  const account = (residentId: number) =>
    h.db.db.selectFrom('accounts').selectAll().where('resident_id', '=', residentId).executeTakeFirst();

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    v = await seedResidentVillage(h.db, h.services, await Keyring.fromHex(TEST_SECRET_KEY), T0);
    op = await h.signedIn('operator');
  });
  afterAll(() => h.close());

  it('lists residents 50 a page in name order, with masked NIKs and hostile names escaped', async () => {
    const res = await op.get('/admin/warga');
    expect(res.status).toBe(200);
    expect(res.text).toContain('BUDI SANTOSO');
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).toContain(`${v.nik.head.slice(0, 4)}**********`);
    noNik(res.text);
  });

  it('speaks English on request, the hostile name still escaped', async () => {
    const res = await op.get(`/admin/warga/${v.id.hostile}?lang=en`);
    expect(res.text).toContain('<h1>Resident: ');
    expect(res.text).toContain('Household (one family card)');
    const escaped = HOSTILE_NAME.replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
    expect(res.text).toContain(escaped);
    expect(res.text).not.toContain(HOSTILE_NAME);
    await op.get('/admin/warga?lang=id');
  });

  it('filters by name, dusun with RT, and account status', async () => {
    const byName = await op.get('/admin/warga?name=ratna');
    expect(byName.text).toContain('RATNA SARI');
    expect(byName.text).not.toContain('BUDI SANTOSO');
    const byArea = await op.get('/admin/warga?dusun=ngepon&rt=3');
    expect(byArea.text).toContain('AHMAD FAUZI');
    expect(byArea.text).not.toContain('RATNA SARI');
    const pending = await op.get('/admin/warga?status=pending');
    expect(pending.text).toContain('RATNA SARI');
    expect(pending.text).not.toContain('AHMAD FAUZI');
    const bad = await op.get('/admin/warga?rt=3');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('pilih dusun');
  });

  it('finds a resident by NIK exactly (posted, never in a URL) and opens only that card', async () => {
    const res = await op.post('/admin/warga/cari-nik', { nik: v.nik.pending });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/admin/warga/${v.id.pending}`);
    const missing = await op.post('/admin/warga/cari-nik', { nik: '3523121501900099' });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('NIK tidak ditemukan');
    noNik(missing.text);
    expect(missing.text).not.toContain('3523121501900099');
  });

  it('shows the card: household masked, account, plan, devices with usage, consent record', async () => {
    const res = await op.get(`/admin/warga/${v.id.head}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('ANAK BUDI');
    expect(res.text).toContain('&lt;script&gt;');
    expect(res.text).toContain('HP Budi');
    expect(res.text).toContain('TV &lt;b&gt;ruang&lt;/b&gt;');
    expect(res.text).toContain('AA:BB:CC:00:00:01');
    expect(res.text).toContain('21 MB'); // downloaded and uploaded this month
    expect(res.text).toContain('operator-2026-11-28');
    expect(res.text).toContain('Dasar');
    noNik(res.text);
    const pending = await op.get(`/admin/warga/${v.id.pending}`);
    expect(pending.text).toContain('No. KK yang diketik tidak cocok');
    expect((await op.get('/admin/warga/999999')).status).toBe(404);
  });

  it('approves a pending account after asking, with its audit row', async () => {
    const ask = await op.post(`/admin/warga/${v.id.pending}/setujui`);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('name="confirm"');
    expect((await account(v.id.pending))!.status).toBe('pending');
    const res = await op.post(`/admin/warga/${v.id.pending}/setujui`, { confirm: '1' });
    expect(res.status).toBe(303);
    expect((await account(v.id.pending))!.status).toBe('active');
    const [row] = await audit('account.approve');
    expect(row!.actor).toBe('admin:operator-uji');
    const again = await op.post(`/admin/warga/${v.id.pending}/setujui`, { confirm: '1' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('tidak menunggu persetujuan');
  });

  it('suspends with a reason (error beside the field when empty) and resumes', async () => {
    const empty = await op.post(`/admin/warga/${v.id.pending}/tangguhkan`, { reason: ' ', confirm: '1' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('id="f-reason-err"');
    const res = await op.post(`/admin/warga/${v.id.pending}/tangguhkan`, {
      reason: 'laporan <penyalahgunaan>',
      confirm: '1',
    });
    expect(res.status).toBe(303);
    const a = (await account(v.id.pending))!;
    expect(a.status).toBe('suspended');
    expect(a.suspended_reason).toBe('laporan <penyalahgunaan>');
    expect((await audit('account.suspend'))[0]!.actor).toBe('admin:operator-uji');
    const card = await op.get(`/admin/warga/${v.id.pending}`);
    expect(card.text).toContain('laporan &lt;penyalahgunaan&gt;');
    expect((await op.post(`/admin/warga/${v.id.pending}/aktifkan`)).status).toBe(303);
    expect((await account(v.id.pending))!.status).toBe('active');
    expect(await audit('account.resume')).toHaveLength(1);
  });

  it('changes the plan, and back to the default', async () => {
    const res = await op.post(`/admin/warga/${v.id.head}/paket`, { plan: 'Hemat' });
    expect(res.status).toBe(303);
    const hemat = await h.db.db
      .selectFrom('plans')
      .select('id')
      .where('name', '=', 'Hemat')
      .executeTakeFirstOrThrow();
    expect((await account(v.id.head))!.plan_id).toBe(hemat.id);
    const missing = await op.post(`/admin/warga/${v.id.head}/paket`, { plan: 'Tidak Ada' });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('id="f-plan-err"');
    await op.post(`/admin/warga/${v.id.head}/paket`, { plan: 'bawaan' });
    expect((await account(v.id.head))!.plan_id).toBeNull();
    expect(await audit('account.set-plan')).toHaveLength(2);
  });

  it('sets a new PIN shown once, on a page that is not cached, never kept in clear or audited', async () => {
    const before = (await account(v.id.head))!.pin_hash;
    const res = await op.post(`/admin/warga/${v.id.head}/pin`, { confirm: '1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const pin = /class="secret"[^>]*>(\d{6})</.exec(res.text)?.[1];
    expect(pin).toMatch(/^\d{6}$/);
    expect((await account(v.id.head))!.pin_hash).not.toBe(before);
    expect(await audit('account.pin')).toHaveLength(1);
    const card = await op.get(`/admin/warga/${v.id.head}`);
    expect(card.text).not.toContain(pin!);
    const audited = JSON.stringify(await audit('account.pin'));
    expect(audited).not.toContain(pin!);
  });

  it('removes a device after asking, with its audit row, leaving the other', async () => {
    const path = `/admin/warga/${v.id.head}/perangkat/${v.deviceIds[1]}/cabut`;
    const ask = await op.post(path);
    expect(ask.text).toContain('name="confirm"');
    const res = await op.post(path, { confirm: '1' });
    expect(res.status).toBe(303);
    const d = await h.db.db.selectFrom('devices').select(['id', 'revoked_at']).orderBy('id').execute();
    expect(d.find((x) => x.id === v.deviceIds[1])!.revoked_at).not.toBeNull();
    expect(d.find((x) => x.id === v.deviceIds[0])!.revoked_at).toBeNull();
    expect((await audit('device.revoke'))[0]!.target).toBe(`device:${v.deviceIds[1]}`);
    // A device named under another resident's card is not theirs to remove.
    const wrong = await op.post(`/admin/warga/${v.id.other}/perangkat/${v.deviceIds[0]}/cabut`, {
      confirm: '1',
    });
    expect(wrong.status).toBe(404);
  });

  it("registers a resident on someone's behalf: consent required, the NIK must be the chosen resident's", async () => {
    const form = await op.get(`/admin/warga/daftar?warga=${v.id.other}`);
    expect(form.text).toContain('AHMAD FAUZI');
    const noConsent = await op.post('/admin/warga/daftar', {
      nik: v.nik.other,
      warga: String(v.id.other),
      plan: 'bawaan',
    });
    expect(noConsent.status).toBe(400);
    expect(noConsent.text).toContain('f-consent-err');
    noNik(noConsent.text);
    const wrong = await op.post('/admin/warga/daftar', {
      nik: v.nik.head,
      warga: String(v.id.other),
      plan: 'bawaan',
      consent: '1',
    });
    expect(wrong.status).toBe(409);
    expect(await account(v.id.other)).toBeUndefined();
    const res = await op.post('/admin/warga/daftar', {
      nik: v.nik.other,
      warga: String(v.id.other),
      plan: 'Hemat',
      consent: '1',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.text).toMatch(/class="secret"[^>]*>\d{6}</);
    noNik(res.text);
    const a = (await account(v.id.other))!;
    expect(a.status).toBe('active');
    expect(a.consent_channel).toBe('operator');
    expect((await audit('account.add'))[0]!.actor).toBe('admin:operator-uji');
  });

  it('prints a slip and a data export without the full NIK; the JSON download holds the same', async () => {
    const slip = await op.get(`/admin/warga/${v.id.head}/slip`);
    expect(slip.status).toBe(200);
    expect(slip.text).toContain('Yang harus dirahasiakan');
    noNik(slip.text);
    const page = await op.get(`/admin/warga/${v.id.head}/data`);
    expect(page.text).toContain('10.5.0.10');
    noNik(page.text);
    const json = await op.get(`/admin/warga/${v.id.head}/data.json`);
    expect(json.headers.get('content-disposition')).toContain('attachment');
    const data = JSON.parse(json.text);
    expect(data.resident.name).toBe('BUDI SANTOSO');
    expect(data.sessions.length).toBe(2);
    noNik(json.text);
  });

  it('erases on request after asking: only aggregates remain, with its audit row', async () => {
    const ask = await op.post(`/admin/warga/${v.id.head}/hapus-data`);
    expect(ask.text).toContain('name="confirm"');
    expect(await account(v.id.head)).toBeDefined();
    const res = await op.post(`/admin/warga/${v.id.head}/hapus-data`, { confirm: '1' });
    expect(res.status).toBe(303);
    expect(await account(v.id.head)).toBeUndefined();
    const db = h.db.db;
    expect(
      await db
        .selectFrom('devices')
        .selectAll()
        .where('id', 'in', [...v.deviceIds])
        .execute(),
    ).toHaveLength(0);
    const sessions = await db.selectFrom('sessions').selectAll().execute();
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      expect(s.device_id).toBeNull();
      expect(s.mac).toBeNull();
      expect(s.framed_ip).toBeNull();
      expect(Number(s.output_bytes)).toBe(20_000_000); // totals stay
    }
    const log = await db.selectFrom('auth_log').selectAll().execute();
    expect(log.filter((l) => v.macs.includes(l.mac ?? ''))).toHaveLength(0);
    expect(log.find((l) => l.mac === 'DD:EE:FF:00:00:09')).toBeDefined();
    const usage = await db.selectFrom('usage_daily').selectAll().execute();
    expect(usage).toHaveLength(2);
    expect((await audit('account.erase'))[0]!.actor).toBe('admin:operator-uji');
    // The roster entry is the village's, and stays.
    const card = await op.get(`/admin/warga/${v.id.head}`);
    expect(card.text).toContain('Belum punya akun Wi-Fi');
  });

  it('refuses the official every page and action, changing nothing', async () => {
    const official = await h.signedIn('official');
    for (const path of [
      '/admin/warga',
      `/admin/warga/${v.id.hostile}`,
      `/admin/warga/${v.id.hostile}/slip`,
      `/admin/warga/${v.id.hostile}/data`,
      `/admin/warga/${v.id.hostile}/data.json`,
      '/admin/warga/daftar',
    ]) {
      expect((await official.get(path)).status, path).toBe(403);
    }
    const before = await account(v.id.hostile);
    for (const action of ['setujui', 'tangguhkan', 'aktifkan', 'paket', 'pin', 'ambil-alih', 'hapus-data']) {
      const res = await official.post(`/admin/warga/${v.id.hostile}/${action}`, {
        confirm: '1',
        reason: 'x',
        plan: 'Hemat',
      });
      expect(res.status, action).toBe(403);
    }
    expect((await official.post('/admin/warga/cari-nik', { nik: v.nik.hostile })).status).toBe(403);
    expect(await account(v.id.hostile)).toEqual(before);
  });

  it('takes an account back for its owner after asking: a new PIN shown once, audited, by page and by API', async () => {
    const path = `/admin/warga/${v.id.pending}/ambil-alih`;
    const ask = await op.post(path);
    expect(ask.text).toContain('name="confirm"');
    expect(await audit('account.reclaim')).toHaveLength(0);
    const before = (await account(v.id.pending))!;
    const res = await op.post(path, { confirm: '1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.text).toMatch(/class="secret"[^>]*>\d{6}</);
    const after = (await account(v.id.pending))!;
    expect(after.pin_hash).not.toBe(before.pin_hash);
    expect(after.status).toBe('active');
    expect((await audit('account.reclaim'))[0]!.actor).toBe('admin:operator-uji');
    const api = await op.api('POST', `/api/v1/accounts/${after.id}/reclaim`);
    expect(api.status).toBe(200);
    expect(JSON.parse(api.text).pin).toMatch(/^\d{6}$/);
    expect(await audit('account.reclaim')).toHaveLength(2);
  });

  it('adds a device without a browser by MAC, its login shown once; a bad MAC is explained beside the field', async () => {
    const path = `/admin/warga/${v.id.pending}/perangkat/tambah`;
    expect((await op.get(path)).status).toBe(200);
    const bad = await op.post(path, { mac: 'bukan-mac', label: 'TV' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-mac"[^>]*aria-invalid="true"/);
    expect(bad.text).toContain('value="TV"');
    const res = await op.post(path, { mac: '02:11:22:33:44:55', label: 'TV ruang tamu' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.text).toContain('02:11:22:33:44:55');
    const { id: accountId } = (await account(v.id.pending))!;
    const added = await h.db.db
      .selectFrom('devices')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('mac', '=', '02:11:22:33:44:55')
      .executeTakeFirst();
    expect(added?.label).toBe('TV ruang tamu');
    expect(added?.revoked_at).toBeNull();
    const api = await op.api('POST', `/api/v1/residents/${v.id.pending}/devices`, {
      mac: '02:11:22:33:44:77',
    });
    expect(api.status).toBe(201);
    expect(JSON.parse(api.text)).toMatchObject({ mac: '02:11:22:33:44:77', randomised: true });
    const official = await h.signedIn('official');
    expect((await official.post(path, { mac: '02:11:22:33:44:66' })).status).toBe(403);
    expect(
      (await official.api('POST', `/api/v1/residents/${v.id.pending}/devices`, { mac: '02:11:22:33:44:66' }))
        .status,
    ).toBe(403);
  });
});
