// The admin web's front door: signing in and out, the session cookie's flags and timeouts, the form token on every
// POST, roles enforced on pages and on the API, and the OpenAPI document generated from the routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../src/services/admins/admin-sessions.js';
import { type AdminHarness, createAdminHarness, PASSWORD, T0 } from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';

describe.each(databaseKinds)('admin sign-in (%s)', (kind) => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await createAdminHarness(kind);
  });
  afterAll(() => h.close());

  it('sends a browser without a session to the sign-in page, keeping where it wanted to go', async () => {
    const res = await h.browser().get('/admin/sesi?router=2');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin/masuk?next=%2Fadmin%2Fsesi%3Frouter%3D2');
  });

  it('signs in with the right password and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    await h.services.admins.add({ username: 'budi', role: 'operator', password: PASSWORD }, 'cli');
    const b = h.browser();
    await b.get('/admin/masuk');
    const res = await b.post('/admin/masuk', { username: 'budi', password: PASSWORD, next: '/admin/paket' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin/paket');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('wa_sesi='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; Secure behind https (next test)
    const home = await b.get('/admin');
    expect(home.status).toBe(200);
    expect(home.text).toContain('budi (Operator)');
  });

  it('marks the session cookie Secure when the admin web is reached over https', async () => {
    const b = h.browser();
    const page = await h.app.request('https://admin.desa.test/admin/masuk');
    const csrfCookie = page.headers.getSetCookie().find((c) => c.startsWith('wa_csrf='))!;
    expect(csrfCookie).toMatch(/Secure/);
    b.cookies.set('wa_csrf', csrfCookie.split(';')[0]!.slice('wa_csrf='.length));
    b.csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const res = await h.app.request('https://admin.desa.test/admin/masuk', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `wa_csrf=${b.cookies.get('wa_csrf')}`,
      },
      body: new URLSearchParams({ _csrf: b.csrf, username: 'budi', password: PASSWORD }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('wa_sesi='))).toMatch(/Secure/);
  });

  it('refuses a wrong password with the error beside the field, keeping the user name, and no cookie', async () => {
    const b = h.browser();
    await b.get('/admin/masuk');
    const res = await b.post('/admin/masuk', { username: 'budi', password: 'salah-sekali-123' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('nama pengguna atau kata sandi salah');
    expect(res.text).toMatch(/id="f-password"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('value="budi"');
    expect(b.cookies.has('wa_sesi')).toBe(false);
  });

  it('gives an unknown user the same answer as a wrong password', async () => {
    const b = h.browser();
    await b.get('/admin/masuk');
    const res = await b.post('/admin/masuk', { username: 'tidak-ada', password: PASSWORD });
    expect(res.status).toBe(401);
    expect(res.text).toContain('nama pengguna atau kata sandi salah');
  });

  it('refuses a form posted without its token, and changes nothing', async () => {
    const b = h.browser();
    await b.get('/admin/masuk');
    const res = await b.post('/admin/masuk', { _csrf: 'palsu', username: 'budi', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Formulir kedaluwarsa');
    expect(b.cookies.has('wa_sesi')).toBe(false);
  });

  it('never sends a browser elsewhere after signing in', async () => {
    const b = h.browser();
    await b.get('/admin/masuk');
    const res = await b.post('/admin/masuk', { username: 'budi', password: PASSWORD, next: '//evil.test/x' });
    expect(res.location).toBe('/admin');
  });

  it('ends the session on sign-out, and the cookie no longer works', async () => {
    const b = await h.signedIn('operator');
    const cookie = b.cookies.get('wa_sesi')!;
    await b.get('/admin');
    const out = await b.post('/admin/keluar');
    expect(out.location).toBe('/admin/masuk?keluar');
    const again = h.browser();
    again.cookies.set('wa_sesi', cookie);
    expect((await again.get('/admin')).status).toBe(303);
  });

  it('ends a session after its idle time and after its absolute time', async () => {
    const idle = await h.signedIn('operator');
    h.clock.now += SESSION_IDLE_MS + 1;
    expect((await idle.get('/admin')).status).toBe(303);
    h.clock.now = T0;
    const busy = await h.signedIn('operator');
    for (let t = 0; t < SESSION_ABSOLUTE_MS; t += SESSION_IDLE_MS / 2) {
      h.clock.now = T0 + t;
      expect((await busy.get('/admin')).status).toBe(200);
    }
    h.clock.now = T0 + SESSION_ABSOLUTE_MS;
    expect((await busy.get('/admin')).status).toBe(303);
    h.clock.now = T0;
  });

  it('writes sign-in and sign-out to the audit log', async () => {
    const rows = await h.db.db.selectFrom('audit_log').select(['action', 'actor']).execute();
    expect(rows).toContainEqual({ action: 'admin.sign-in', actor: 'admin:budi' });
    expect(rows.some((r) => r.action === 'admin.sign-out')).toBe(true);
  });

  it('answers the API for a signed-in browser, and refuses a change without the CSRF header', async () => {
    const b = await h.signedIn('official');
    const me = await b.api('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text)).toEqual({ username: 'official-uji', role: 'official' });
    const anonymous = await h.browser().api('GET', '/api/v1/me');
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({ error: { code: 'unauthorized' } });
    expect(JSON.parse(anonymous.text).requestId).toMatch(/^[0-9a-f]{12}$/);
    const forged = await b.request('/api/v1/me', { method: 'POST' });
    expect(forged.status).toBe(403);
    expect(JSON.parse(forged.text).error.code).toBe('csrf');
  });

  it('serves an OpenAPI document generated from the routes', async () => {
    const res = await h.browser().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.text);
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.paths['/api/v1/me'].get.responses['200']).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('sends security headers with a CSP that allows nothing from outside the server', async () => {
    const res = await h.browser().get('/admin/masuk');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{12}$/);
    expect(res.text).not.toMatch(/(src|href)="https?:/);
    const css = await h.browser().get(/href="(\/admin\/static\/web\.css\?v=\w+)"/.exec(res.text)![1]!);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});
