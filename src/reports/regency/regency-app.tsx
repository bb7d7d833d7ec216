// The regency Worker's Hono app: security headers and a strict CSP on every response, the request id, the
// reader from the session cookie, the JSON API under /api/v1 and the officials' pages. Built per request by
// src/worker.ts.
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { chooseLang, isLang } from '../../web/lang.js';
import { newRequestId } from '../../web/request-id.js';
import { BASE_HEADERS, contentSecurityPolicy, newCspNonce } from '../../web/security.js';
import { regencyApi } from './regency-api.js';
import type { RegencyDeps, RegencyEnv } from './regency-deps.js';
import { regencyPages, SESSION_COOKIE } from './regency-pages.js';

const LANG_COOKIE = 'wr_lang';

export function createRegencyApp(deps: RegencyDeps): Hono<RegencyEnv> {
  const app = new Hono<RegencyEnv>();
  app.use('*', async (c, next) => {
    const nonce = newCspNonce();
    c.set('nonce', nonce);
    c.set('requestId', newRequestId());
    // The language toggle's choice (`?lang=`) is remembered; else the browser's preference; else Indonesian.
    const queryLang = c.req.query('lang');
    c.set('lang', chooseLang(queryLang, getCookie(c, LANG_COOKIE), c.req.header('accept-language')));
    if (isLang(queryLang))
      setCookie(c, LANG_COOKIE, queryLang, {
        path: '/',
        secure: true,
        sameSite: 'Lax',
        maxAge: 365 * 86_400,
      });
    const session = getCookie(c, SESSION_COOKIE);
    c.set('reader', session ? await deps.access.session(session) : undefined);
    await next();
    for (const [k, v] of BASE_HEADERS) c.header(k, v);
    c.header('Content-Security-Policy', contentSecurityPolicy({ nonce, script: false }));
    c.header('X-Request-Id', c.get('requestId'));
    c.header('Cache-Control', 'no-store');
    if (deps.statements) c.header('X-D1-Statements', String(deps.statements()));
  });
  app.onError((err, c) => {
    console.error(JSON.stringify({ requestId: c.get('requestId'), error: String(err) }));
    return c.json(
      { error: { code: 'internal', message: 'Internal error' }, requestId: c.get('requestId') },
      500,
    );
  });
  app.route('/api/v1', regencyApi(deps));
  app.route('/', regencyPages(deps));
  return app;
}
