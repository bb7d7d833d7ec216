// The first admin of a fresh install, through the one-time link the server printed at start. Until an admin
// exists every other admin page answers "setup needed" (see `setupGate`); afterwards this page says the link is dead.
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { AdminSetup } from '../../services/admins/admin-setup.js';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import type { WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import { accountMessages } from '../messages/account.js';
import { SetupPage } from '../views/account.js';

/** Every admin page but the setup page (and the stylesheet) answers 503 "setup needed" until an admin exists. */
export function setupGate(kit: WebKit): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (!kit.setup || c.req.path.startsWith('/admin/setup') || c.req.path.startsWith('/admin/static/'))
      return next();
    if (!(await kit.setup.needed())) return next();
    const m = accountMessages[c.get('lang')].setup;
    return kit.message(c, m.title, m.needed, { status: 503, links: [] });
  };
}

export function setupRoutes(kit: WebKit, setup: AdminSetup) {
  const app = new Hono<WebEnv>();

  const dead = async (c: Parameters<MiddlewareHandler<WebEnv>>[0]) => {
    const m = accountMessages[c.get('lang')].setup;
    return kit.message(c, m.title, m.dead, {
      status: 404,
      links: [{ href: '/admin/masuk', text: (await kit.pageContext(c)).m.signIn.submit }],
    });
  };

  app.get('/setup', async (c) => {
    c.header('Referrer-Policy', 'no-referrer');
    const token = c.req.query('token') ?? '';
    if (!(await setup.tokenValid(token))) return dead(c);
    const ctx = await kit.pageContext(c);
    return kit.render(c, ctx, <SetupPage ctx={ctx} token={token} />, {
      title: accountMessages[ctx.lang].setup.title,
      narrow: true,
    });
  });

  app.post('/setup', async (c) => {
    const form = await kit.form(c);
    const token = form.get('token').slice(0, 128);
    const username = form.get('username').trim().slice(0, 64);
    try {
      await setup.createFirstAdmin({
        token,
        username,
        password: form.get('password'),
        repeat: form.get('repeat'),
      });
      return kit.redirect(c, '/admin/masuk', accountMessages[c.get('lang')].setup.done);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      if (error.code === 'not-found') return dead(c);
      const ctx = await kit.pageContext(c);
      return kit.render(
        c,
        ctx,
        <SetupPage
          ctx={ctx}
          token={token}
          username={username}
          errors={{ [error.field ?? 'form']: error.message }}
        />,
        {
          title: accountMessages[ctx.lang].setup.title,
          narrow: true,
          status: SERVICE_ERROR_STATUS[error.code],
        },
      );
    }
  });

  return app;
}
