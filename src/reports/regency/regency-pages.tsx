// The officials' pages (Indonesian): sign-in with a token, and the regency view. No external assets: one inline
// stylesheet under the response's CSP nonce, SVG charts drawn on the server.
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_TTL_MS } from '../../services/regency/regency-access.js';
import type { RegencyDeps, RegencyEnv } from './regency-deps.js';

export const SESSION_COOKIE = '__Host-wr_sesi';

export function regencyPages(deps: RegencyDeps) {
  const pages = new Hono<RegencyEnv>();

  pages.get('/', (c) => (c.get('reader') ? c.redirect('/ringkasan') : c.redirect('/masuk')));

  pages.get('/masuk', (c) =>
    c.html(
      `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Masuk · ${deps.regencyName}</title></head><body><form method="post" action="/masuk"><label>Token <input name="token" type="password" autocomplete="off" required></label><button type="submit">Masuk</button></form></body></html>`,
    ),
  );

  pages.post('/masuk', async (c) => {
    const form = await c.req.parseBody();
    const out = await deps.access.signIn(String(form.token ?? ''));
    if (!out) return c.redirect('/masuk?gagal=1', 303);
    setCookie(c, SESSION_COOKIE, out.sessionId, {
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.redirect('/ringkasan', 303);
  });

  pages.post('/keluar', async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await deps.access.signOut(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.redirect('/masuk', 303);
  });

  return pages;
}
