// The captive portal: the pages a resident's phone sees between joining the village Wi-Fi and getting online,
// the RFC 8908 Captive Portal API, and the hotspot page templates routers fetch. Web standards only (Hono), so it
// runs on Node and on Workers. Every form carries a CSRF token; NIK, KK number and PIN are read from form bodies
// only and never written back into a page, a URL or a log.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { BASE_HEADERS, newCspNonce } from '../src/web/security.js';
import { chooseLang, isLang } from './i18n.js';
import { createPortalKit, LANG_COOKIE } from './kit.js';
import type { PortalDeps, PortalEnv } from './portal-deps.js';
import { deviceRoutes } from './routes/devices.js';
import { machineRoutes } from './routes/machines.js';
import { registerRoutes } from './routes/register.js';
import { statusRoutes } from './routes/status.js';
import { voucherRoutes } from './routes/voucher.js';
import { welcomeRoutes } from './routes/welcome.js';

export { BUILTIN_NOTICE_VERSION, type PortalDeps } from './portal-deps.js';

const FORM_LIMIT = 16 * 1024;

export function createPortalApp(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const kit = createPortalKit(deps);

  app.use('*', async (c, next) => {
    // Set before the handler runs, so they go into the response as it is made (cheaper than patching it after).
    for (const [name, value] of BASE_HEADERS) c.header(name, value);
    c.set('nonce', newCspNonce());
    const queryLang = c.req.query('lang');
    c.set('lang', chooseLang(queryLang, getCookie(c, LANG_COOKIE), c.req.header('accept-language')));
    if (isLang(queryLang))
      setCookie(c, LANG_COOKIE, queryLang, { ...kit.cookieOptions(c), maxAge: 365 * 86_400 });
    await next();
  });
  // Forms only: asking a GET for its body would make the Node adapter build a full Request for nothing.
  app.on(
    'POST',
    '*',
    bodyLimit({
      maxSize: FORM_LIMIT,
      onError: (c) => {
        const ctx = kit.pageContext(c, {}, '', '/');
        return kit.message(c, ctx, ctx.m.outcome.errorTitle, ctx.m.outcome.tooLarge, { status: 413 });
      },
    }),
  );

  app.route('/', welcomeRoutes(kit, deps));
  app.route('/', registerRoutes(kit, deps));
  app.route('/', deviceRoutes(kit, deps));
  app.route('/', statusRoutes(kit, deps));
  app.route('/', machineRoutes(kit, deps));
  app.route('/', voucherRoutes(kit, deps));

  app.notFound((c) => {
    const ctx = kit.pageContext(c, {}, '', '/');
    return kit.message(c, ctx, ctx.m.outcome.notFoundTitle, ctx.m.outcome.notFound, { status: 404 });
  });
  app.onError((error, c) => {
    // A page already made for the client's own mistake (an unreadable form): not a fault of ours.
    if (error instanceof HTTPException && error.status < 500) return error.getResponse();
    deps.onError?.(error);
    const ctx = kit.pageContext(c, {}, '', '/');
    return kit.message(c, ctx, ctx.m.outcome.errorTitle, ctx.m.outcome.error, { status: 500 });
  });
  return app;
}
