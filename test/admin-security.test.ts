// The admin web's sign-in security and user management: lock-out per user name and per address (429, Retry-After,
// the time shown, open again after), two-factor enrolment and sign-in with a code or a recovery code (each once),
// password change, WARGANET_ADMIN_2FA=required, the first-admin setup gate, bearer tokens, the users and audit
// pages and their API, role checks, and audit rows written in the change's own transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminUserList } from '../src/admin/api/admins.js';
import { AuditPageBody } from '../src/admin/api/audit.js';
import { base32Decode, hotp, totpStep } from '../src/domain/totp.js';
import {
  type AdminHarness,
  createAdminHarness,
  PASSWORD,
  T0,
  type WebBrowser,
} from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';

const MINUTE = 60_000;

async function auditActions(h: AdminHarness, target: string): Promise<string[]> {
  const rows = await h.db.db
    .selectFrom('audit_log')
    .select('action')
    .where('target', '=', target)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

/** Signs in through the page from an address; returns the response. */
async function signInFrom(h: AdminHarness, username: string, password: string, address = '198.51.100.7') {
  const b = h.browser();
  await b.get('/admin/masuk');
  const res = await b.request('/admin/masuk', {
    method: 'POST',
    body: new URLSearchParams({ _csrf: b.csrf, username, password, next: '/admin' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-address': address },
  });
  return { b, res };
}

function bearer(h: AdminHarness, token: string, method: string, path: string, body?: unknown) {
  return h.app.request(`http://admin.desa.test${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe.each(databaseKinds)('admin sign-in security (%s)', (kind) => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await createAdminHarness(kind);
    await h.services.admins.add({ username: 'sari', role: 'operator', password: PASSWORD }, 'cli');
    await h.services.admins.add({ username: 'joko', role: 'operator', password: PASSWORD }, 'cli');
  });
  afterAll(() => h.close());

  it('locks a user name after 5 wrong passwords, says until when (429, Retry-After), and opens after', async () => {
    h.clock.now = T0;
    for (let i = 0; i < 5; i++) {
      const { res } = await signInFrom(h, 'sari', 'salah-sekali-123', `203.0.113.${i + 1}`);
      expect(res.status).toBe(401);
    }
    // The right password from yet another address: still refused while the name waits.
    const { res, b } = await signInFrom(h, 'sari', PASSWORD, '203.0.113.50');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('300');
    expect(res.text).toContain('coba lagi pukul 10.05 (dalam 5 menit)');
    expect(b.cookies.has('wa_sesi')).toBe(false);
    // Another user is not affected.
    expect((await signInFrom(h, 'joko', PASSWORD, '203.0.113.51')).res.status).toBe(303);
    h.clock.now = T0 + 5 * MINUTE;
    expect((await signInFrom(h, 'sari', PASSWORD, '203.0.113.50')).res.status).toBe(303);
  });

  it('locks an address after 10 wrong tries over many names, while other addresses still sign in', async () => {
    h.clock.now = T0 + 60 * MINUTE;
    for (let i = 0; i < 10; i++) {
      const { res } = await signInFrom(h, `tebak-${i}`, 'salah-sekali-123', '198.51.100.99');
      expect(res.status).toBe(401);
    }
    const locked = await signInFrom(h, 'joko', PASSWORD, '198.51.100.99');
    expect(locked.res.status).toBe(429);
    expect(locked.res.text).toContain('coba lagi pukul 11.05 (dalam 5 menit)');
    expect((await signInFrom(h, 'joko', PASSWORD, '198.51.100.100')).res.status).toBe(303);
    h.clock.now = T0 + 65 * MINUTE;
    expect((await signInFrom(h, 'joko', PASSWORD, '198.51.100.99')).res.status).toBe(303);
  });

  it('changes a password (current first, new twice), ending the other sessions but not this one', async () => {
    h.clock.now = T0 + 2 * 60 * MINUTE;
    await h.services.admins.add({ username: 'wati', role: 'official', password: PASSWORD }, 'cli');
    const here = (await signInFrom(h, 'wati', PASSWORD)).b;
    const other = (await signInFrom(h, 'wati', PASSWORD)).b;
    await here.get('/admin/akun');
    const wrong = await here.post('/admin/akun/sandi', {
      current: 'bukan-sandi-ini',
      password: 'sandi-baru-456789',
      repeat: 'sandi-baru-456789',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toMatch(/id="f-current"[^>]*aria-invalid="true"/);
    const mismatch = await here.post('/admin/akun/sandi', {
      current: PASSWORD,
      password: 'sandi-baru-456789',
      repeat: 'sandi-lain-456789',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('kedua kata sandi baru tidak sama');
    const short = await here.post('/admin/akun/sandi', {
      current: PASSWORD,
      password: 'pendek',
      repeat: 'pendek',
    });
    expect(short.text).toContain('kata sandi minimal 10 karakter');
    const ok = await here.post('/admin/akun/sandi', {
      current: PASSWORD,
      password: 'sandi-baru-456789',
      repeat: 'sandi-baru-456789',
    });
    expect(ok.status).toBe(303);
    expect((await here.get('/admin/akun')).status).toBe(200);
    expect((await other.get('/admin/akun')).status).toBe(303);
    expect((await signInFrom(h, 'wati', 'sandi-baru-456789')).res.status).toBe(303);
    expect(await auditActions(h, 'admin:wati')).toContain('admin.password');
  });

  describe('two-factor', () => {
    let secret: Uint8Array;
    let recovery: string[];

    it('enrols with a QR code and the key as text, confirmed by a code, then shows 10 recovery codes once', async () => {
      h.clock.now = T0 + 3 * 60 * MINUTE;
      const b = await h.signedIn('operator', 'dewi');
      const page = await b.get('/admin/akun/2fa');
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<svg class="qr"[^>]*role="img"/);
      const key = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page.text)![1]!;
      secret = base32Decode(key)!;
      expect(secret.length).toBe(20);
      // A reload shows the same key (a scanned QR code stays good).
      expect((await b.get('/admin/akun/2fa')).text).toContain(key);
      const wrong = await b.post('/admin/akun/2fa', { code: '000000' });
      expect(wrong.status).toBe(401);
      const done = await b.post('/admin/akun/2fa', { code: hotp(secret, totpStep(h.clock.now)) });
      expect(done.status).toBe(200);
      recovery = [...done.text.matchAll(/<code class="secret">([A-Z2-9]{5}-[A-Z2-9]{5})<\/code>/g)].map(
        (m) => m[1]!,
      );
      expect(recovery).toHaveLength(10);
      expect(done.headers.get('cache-control')).toBe('no-store');
      const stored = await h.db.db
        .selectFrom('admin_users')
        .selectAll()
        .where('username', '=', 'dewi')
        .executeTakeFirstOrThrow();
      expect(stored.totp_secret).toMatch(/^v1\./);
      expect(stored.totp_secret).not.toContain(key.replace(/ /g, ''));
      const codes = await h.db.db.selectFrom('admin_recovery_codes').select('code_hash').execute();
      expect(codes.some((c) => recovery.some((r) => c.code_hash.includes(r)))).toBe(false);
      expect(await auditActions(h, 'admin:dewi')).toContain('admin.2fa-on');
      expect((await b.get('/admin/akun')).text).toContain('Sisa kode pemulihan: 10');
    });

    it('asks for the code after the password, and a code works once', async () => {
      h.clock.now += 30_000;
      const { b, res } = await signInFrom(h, 'dewi', PASSWORD);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Verifikasi dua langkah');
      expect(b.cookies.has('wa_sesi')).toBe(false);
      const challenge = /name="challenge" value="([^"]+)"/.exec(res.text)![1]!;
      const code = hotp(secret, totpStep(h.clock.now));
      const wrong = await b.post('/admin/masuk/kode', { challenge, code: '123456', next: '/admin' });
      expect(wrong.status).toBe(401);
      expect(wrong.text).toMatch(/id="f-code"[^>]*aria-invalid="true"/);
      const ok = await b.post('/admin/masuk/kode', { challenge, code, next: '/admin/akun' });
      expect(ok.status).toBe(303);
      expect(ok.location).toBe('/admin/akun');
      expect(b.cookies.has('wa_sesi')).toBe(true);
      // The same code again (another browser, same step): refused.
      const again = await signInFrom(h, 'dewi', PASSWORD);
      const ch2 = /name="challenge" value="([^"]+)"/.exec(again.res.text)![1]!;
      expect((await again.b.post('/admin/masuk/kode', { challenge: ch2, code, next: '/admin' })).status).toBe(
        401,
      );
    });

    it('signs in with a recovery code, once', async () => {
      const first = await signInFrom(h, 'dewi', PASSWORD);
      const challenge = /name="challenge" value="([^"]+)"/.exec(first.res.text)![1]!;
      const ok = await first.b.post('/admin/masuk/kode', {
        challenge,
        code: recovery[0]!.toLowerCase(),
        next: '/admin',
      });
      expect(ok.status).toBe(303);
      expect((await first.b.get('/admin')).text).toContain('kode pemulihan');
      const second = await signInFrom(h, 'dewi', PASSWORD);
      const ch2 = /name="challenge" value="([^"]+)"/.exec(second.res.text)![1]!;
      const reused = await second.b.post('/admin/masuk/kode', {
        challenge: ch2,
        code: recovery[0]!,
        next: '/admin',
      });
      expect(reused.status).toBe(401);
      expect(reused.text).toContain('kode salah atau sudah dipakai');
    });

    it('refuses a forged or expired challenge', async () => {
      const b = h.browser();
      await b.get('/admin/masuk');
      const forged = await b.post('/admin/masuk/kode', {
        challenge: 'MS45OTk5OTk5OTk5OTk5.abc',
        code: '123456',
      });
      expect(forged.status).toBe(401);
      expect(forged.text).toContain('waktu habis');
    });
  });
});

describe.each(databaseKinds)('first-admin setup (%s)', (kind) => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await createAdminHarness(kind, { setupGate: true });
  });
  afterAll(() => h.close());

  it('answers "setup needed" on every admin page and API call until an admin exists', async () => {
    const page = await h.browser().get('/admin/masuk');
    expect(page.status).toBe(503);
    expect(page.text).toContain('tautan penyiapan');
    expect((await h.browser().get('/admin')).status).toBe(503);
    const api = await h.browser().get('/api/v1/me');
    expect(api.status).toBe(503);
    expect(JSON.parse(api.text).error.code).toBe('setup-needed');
    // An operator alone does not end setup: the gate waits for an admin.
    await h.services.admins.add({ username: 'ops', role: 'operator', password: PASSWORD }, 'cli');
    expect((await h.browser().get('/admin/masuk')).status).toBe(503);
  });

  it('creates the first admin through the one-time link, after which the link is dead and the gate open', async () => {
    const oldToken = (await h.services.adminSetup.issueToken())!;
    const token = (await h.services.adminSetup.issueToken())!;
    expect((await h.browser().get(`/admin/setup?token=${oldToken}`)).status).toBe(404);
    expect((await h.browser().get('/admin/setup?token=tebakan-tebakan-tebakan')).status).toBe(404);
    const b = h.browser();
    const form = await b.get(`/admin/setup?token=${token}`);
    expect(form.status).toBe(200);
    const mismatch = await b.post('/admin/setup', {
      token,
      username: 'kades',
      password: PASSWORD,
      repeat: 'lain-lain-123',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('value="kades"');
    const done = await b.post('/admin/setup', {
      token,
      username: 'kades',
      password: PASSWORD,
      repeat: PASSWORD,
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/admin/masuk');
    expect((await h.browser().get('/admin/masuk')).status).toBe(200);
    expect((await h.browser().get(`/admin/setup?token=${token}`)).status).toBe(404);
    const replay = await b.post('/admin/setup', {
      token,
      username: 'penyusup',
      password: PASSWORD,
      repeat: PASSWORD,
    });
    expect(replay.status).toBe(404);
    expect(await h.services.adminSetup.issueToken()).toBeUndefined();
    expect((await h.services.admins.list()).map((u) => u.username).sort()).toEqual(['kades', 'ops']);
    expect(await auditActions(h, 'admin:kades')).toEqual(['admin.setup']);
    expect((await signInFrom(h, 'kades', PASSWORD)).res.status).toBe(303);
  });
});

describe.each(databaseKinds)('users, tokens and audit (%s)', (kind) => {
  let h: AdminHarness;
  let admin: WebBrowser;
  beforeAll(async () => {
    h = await createAdminHarness(kind);
    admin = await h.signedIn('admin', 'kades');
  });
  afterAll(() => h.close());

  it('lets a bearer token call the API with its user role; revoked or disabled, it gets 401', async () => {
    await h.services.admins.add({ username: 'skrip', role: 'operator', password: PASSWORD }, 'cli');
    const t = await h.services.apiTokens.create({ username: 'skrip', label: 'cadangan' }, 'cli');
    const me = await bearer(h, t.token, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ username: 'skrip', role: 'operator' });
    expect((await bearer(h, t.token, 'GET', '/api/v1/admins')).status).toBe(403);
    const listed = await h.services.apiTokens.list('skrip');
    expect(listed[0]).toMatchObject({
      id: t.id,
      label: 'cadangan',
      lastUsedAt: h.clock.now,
      revokedAt: null,
    });
    const stored = await h.db.db.selectFrom('admin_api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(t.token.slice(3));
    await h.services.apiTokens.revoke(t.id, 'cli');
    expect((await bearer(h, t.token, 'GET', '/api/v1/me')).status).toBe(401);
    const t2 = await h.services.apiTokens.create({ username: 'skrip' }, 'cli');
    expect((await bearer(h, t2.token, 'GET', '/api/v1/me')).status).toBe(200);
    await h.services.admins.disable('skrip', 'cli');
    expect((await bearer(h, t2.token, 'GET', '/api/v1/me')).status).toBe(401);
    await h.services.admins.enable('skrip', 'cli');
    // Disabling revoked it for good.
    expect((await bearer(h, t2.token, 'GET', '/api/v1/me')).status).toBe(401);
    expect(await auditActions(h, `token:${t.id}`)).toEqual(['token.add', 'token.revoke']);
  });

  it('an admin token manages users through the API, answers matching the OpenAPI document', async () => {
    const t = await h.services.apiTokens.create({ username: 'kades' }, 'cli');
    const list = await bearer(h, t.token, 'GET', '/api/v1/admins');
    expect(list.status).toBe(200);
    expect(AdminUserList.safeParse(await list.json()).success).toBe(true);
    const added = await bearer(h, t.token, 'POST', '/api/v1/admins', { username: 'rina', role: 'official' });
    expect(added.status).toBe(201);
    expect((await added.json()).password).toHaveLength(16);
    const patched = await bearer(h, t.token, 'PATCH', '/api/v1/admins/rina', { role: 'operator' });
    expect(patched.status).toBe(200);
    expect((await patched.json()).role).toBe('operator');
    const doc = await (await h.app.request('http://admin.desa.test/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/admins', '/api/v1/admins/{username}', '/api/v1/audit']),
    );
    expect(doc.paths['/api/v1/admins'].post.responses['201']).toBeDefined();
    const audit = await bearer(h, t.token, 'GET', '/api/v1/audit?action=admin.&page=1');
    expect(audit.status).toBe(200);
    const body = await audit.json();
    expect(AuditPageBody.safeParse(body).success).toBe(true);
    expect(body.entries[0]).toMatchObject({
      action: 'admin.role',
      actor: 'admin:kades',
      target: 'admin:rina',
    });
    expect(body.entries.every((e: { action: string }) => e.action.startsWith('admin.'))).toBe(true);
  });

  it('refuses the users and audit pages and API to operators and officials, and changes nothing', async () => {
    for (const role of ['operator', 'official'] as const) {
      const b = await h.signedIn(role);
      expect((await b.get('/admin/pengguna')).status).toBe(403);
      expect((await b.get('/admin/audit')).status).toBe(403);
      expect((await b.get('/admin/pengguna/kades')).status).toBe(403);
      const post = await b.post('/admin/pengguna', { username: 'penyusup', role: 'admin' });
      expect(post.status).toBe(403);
      expect((await b.post('/admin/pengguna/kades/nonaktifkan', { confirm: '1' })).status).toBe(403);
      expect((await b.api('GET', '/api/v1/admins')).status).toBe(403);
      expect((await b.api('GET', '/api/v1/audit')).status).toBe(403);
      expect((await b.api('POST', '/api/v1/admins', { username: 'penyusup', role: 'admin' })).status).toBe(
        403,
      );
      const t = await h.services.apiTokens.create({ username: `${role}-uji` }, 'cli');
      expect((await bearer(h, t.token, 'PATCH', '/api/v1/admins/kades', { disabled: true })).status).toBe(
        403,
      );
    }
    const users = await h.services.admins.list();
    expect(users.find((u) => u.username === 'penyusup')).toBeUndefined();
    expect(users.find((u) => u.username === 'kades')!.disabled).toBe(false);
  });

  it('adds a user on the page with a password shown once, and asks before each change', async () => {
    await admin.get('/admin/pengguna');
    const bad = await admin.post('/admin/pengguna', { username: 'X', role: 'operator' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-username"[^>]*aria-invalid="true"/);
    const added = await admin.post('/admin/pengguna', { username: 'tono', role: 'operator' });
    expect(added.status).toBe(200);
    const password = /<code class="secret">([^<]+)<\/code>/.exec(added.text)![1]!;
    expect((await signInFrom(h, 'tono', password)).res.status).toBe(303);
    const tono = (await signInFrom(h, 'tono', password)).b;
    const list = await admin.get('/admin/pengguna');
    expect(list.text).toContain('tono');
    // Without script the server asks on a page of its own; nothing changes until it is confirmed.
    await admin.get('/admin/pengguna/tono');
    const asked = await admin.post('/admin/pengguna/tono/nonaktifkan');
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Nonaktifkan tono?');
    expect((await h.services.admins.get('tono')).disabled).toBe(false);
    const done = await admin.post('/admin/pengguna/tono/nonaktifkan', { confirm: '1' });
    expect(done.status).toBe(303);
    expect((await h.services.admins.get('tono')).disabled).toBe(true);
    expect((await tono.get('/admin')).status).toBe(303);
    await admin.post('/admin/pengguna/tono/aktifkan', { confirm: '1' });
    const reset = await admin.post('/admin/pengguna/tono/reset-sandi', { confirm: '1' });
    const fresh = /<code class="secret">([^<]+)<\/code>/.exec(reset.text)![1]!;
    expect((await signInFrom(h, 'tono', password)).res.status).toBe(401);
    expect((await signInFrom(h, 'tono', fresh)).res.status).toBe(303);
    const role = await admin.post('/admin/pengguna/tono/peran', { role: 'official', confirm: '1' });
    expect(role.status).toBe(303);
    expect((await h.services.admins.get('tono')).role).toBe('official');
    expect(await auditActions(h, 'admin:tono')).toEqual([
      'admin.add',
      'admin.sign-in',
      'admin.sign-in',
      'admin.disable',
      'admin.enable',
      'admin.reset-password',
      'admin.sign-in',
      'admin.role',
    ]);
  });

  it('makes an API token on the user page (shown once), lists it without the token, and revokes it after asking', async () => {
    await h.services.admins.add({ username: 'laporan', role: 'official', password: PASSWORD }, 'cli');
    await admin.get('/admin/pengguna/laporan');
    const made = await admin.post('/admin/pengguna/laporan/token', { label: 'skrip <b>laporan</b>' });
    expect(made.status).toBe(200);
    const token = /<code class="secret">([^<]+)<\/code>/.exec(made.text)![1]!;
    expect((await bearer(h, token, 'GET', '/api/v1/me')).status).toBe(200);
    const page = await admin.get('/admin/pengguna/laporan');
    expect(page.text).toContain('skrip &lt;b&gt;laporan&lt;/b&gt;');
    expect(page.text).not.toContain(token);
    const [listed] = await h.services.apiTokens.list('laporan');
    const asked = await admin.post(`/admin/pengguna/laporan/token/${listed!.id}/cabut`);
    expect(asked.text).toContain('Cabut token');
    expect((await bearer(h, token, 'GET', '/api/v1/me')).status).toBe(200);
    const done = await admin.post(`/admin/pengguna/laporan/token/${listed!.id}/cabut`, { confirm: '1' });
    expect(done.status).toBe(303);
    expect((await bearer(h, token, 'GET', '/api/v1/me')).status).toBe(401);
    expect(await auditActions(h, `token:${listed!.id}`)).toEqual(['token.add', 'token.revoke']);
    // The same through the API, for an admin only.
    const official = await h.signedIn('official');
    expect((await official.api('POST', '/api/v1/admins/laporan/tokens', {})).status).toBe(403);
    expect((await official.post('/admin/pengguna/laporan/token', { label: 'x' })).status).toBe(403);
    const viaApi = await admin.api('POST', '/api/v1/admins/laporan/tokens', { label: 'dua' });
    expect(viaApi.status).toBe(201);
    const second = JSON.parse(viaApi.text);
    expect((await bearer(h, second.token, 'GET', '/api/v1/me')).status).toBe(200);
    const list = JSON.parse((await admin.api('GET', '/api/v1/admins/laporan/tokens')).text);
    expect(list.tokens.map((t: { label: string | null }) => t.label)).toEqual(
      expect.arrayContaining(['dua', 'skrip <b>laporan</b>']),
    );
    expect(JSON.stringify(list)).not.toContain(second.token);
    expect((await admin.api('POST', `/api/v1/tokens/${second.id}/revoke`)).status).toBe(204);
    expect((await bearer(h, second.token, 'GET', '/api/v1/me')).status).toBe(401);
    const doc = await (await h.app.request('http://admin.desa.test/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/admins/{username}/tokens', '/api/v1/tokens/{id}/revoke']),
    );
  });

  it('refuses to disable or demote the last active admin', async () => {
    await admin.get('/admin/pengguna/kades');
    const res = await admin.post('/admin/pengguna/kades/nonaktifkan', { confirm: '1' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('satu-satunya admin aktif');
    expect((await h.services.admins.get('kades')).disabled).toBe(false);
  });

  it('writes the audit row in the change’s own transaction: a failing audit leaves no change', async () => {
    const before = await h.services.admins.get('tono');
    await expect(h.services.admins.setRole('tono', 'operator', null as unknown as string)).rejects.toThrow();
    expect((await h.services.admins.get('tono')).role).toBe(before.role);
  });

  it('shows the audit log newest first, filtered by actor, action and date, paginated', async () => {
    const all = await admin.get('/admin/audit');
    expect(all.status).toBe(200);
    const firstAction = /<td data-label="[^"]*"><a href="[^"]*action=([^"&]+)/.exec(all.text)![1];
    expect(firstAction).toBeDefined();
    const byAction = await admin.get('/admin/audit?action=admin.disable');
    expect(byAction.text).toContain('admin:tono');
    expect(byAction.text).not.toContain('admin.enable<');
    const byActor = await admin.get('/admin/audit?actor=cli');
    expect(byActor.text).not.toContain('>admin:kades</a>');
    expect((await admin.get('/admin/audit?from=2026-11-30')).text).toContain('Tidak ada catatan yang cocok');
    expect((await admin.get('/admin/audit?from=2026-11-29&to=2026-11-29')).text).toContain('admin.disable');
    const badDate = await admin.get('/admin/audit?from=2026-02-30');
    expect(badDate.status).toBe(400);
    for (let i = 0; i < 55; i++)
      await h.services.apiTokens.create({ username: 'kades', label: `t${i}` }, 'cli');
    const page1 = await admin.get('/admin/audit?action=token.add');
    expect(page1.text).toContain('page=2');
    const page2 = await admin.get('/admin/audit?action=token.add&page=2');
    expect(page2.status).toBe(200);
    expect(page2.text).not.toContain('page=3');
  });
});

describe.each(databaseKinds)('two-factor required (%s)', (kind) => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await createAdminHarness(kind, { twoFactorRequired: true });
  });
  afterAll(() => h.close());

  it('sends an admin without two-factor to the enrolment page only, until they enrol', async () => {
    const b = await h.signedIn('admin', 'kades');
    const home = await b.get('/admin');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/admin/akun/2fa');
    expect((await b.get('/admin/pengguna')).location).toBe('/admin/akun/2fa');
    const api = await b.api('GET', '/api/v1/me');
    expect(api.status).toBe(403);
    expect(JSON.parse(api.text).error.code).toBe('two-factor-required');
    const page = await b.get('/admin/akun/2fa');
    expect(page.text).toContain('Admin wajib memakai verifikasi dua langkah');
    const key = base32Decode(/<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page.text)![1]!)!;
    expect((await b.post('/admin/akun/2fa', { code: hotp(key, totpStep(h.clock.now)) })).status).toBe(200);
    expect((await b.get('/admin')).status).toBe(200);
    // Operators are not bound by it.
    expect((await (await h.signedIn('operator')).get('/admin')).status).toBe(200);
  });
});
