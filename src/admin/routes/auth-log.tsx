// /admin/log-masuk: why a phone cannot connect. Search by MAC, part of a resident's name or a NIK (full, or masked
// as pages show it); decisions and drops in plain words, newest first, a page at a time.
import { Hono } from 'hono';
import { ServiceError } from '../../services/errors.js';
import type { AuthLogView } from '../../services/radius/auth-log.js';
import type { WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminDeps } from '../admin-deps.js';
import { authLogMessages } from '../messages/auth-log.js';
import { AuthLogPage } from '../views/auth-log-page.js';
import { pageParam } from '../views/net-format.js';
import { historyQueryOf, PAGE_SIZE } from './sessions-query.js';

export function authLogRoutes(kit: WebKit, deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  const { radius, routers, history } = deps.services;
  app.use('/log-masuk', kit.requireRole('operator'));
  app.use('/log-masuk/*', kit.requireRole('operator'));

  app.get('/log-masuk', async (c) => {
    const ctx = await kit.pageContext(c);
    const m = authLogMessages[ctx.lang];
    const q = (c.req.query('q') ?? '').slice(0, 64);
    const router = (c.req.query('router') ?? '').slice(0, 64);
    const page = pageParam(c.req.query('page'));
    let rows: AuthLogView[] = [];
    let errors = {};
    let status = 200;
    try {
      rows = await radius.authLog.list(await history.filter(historyQueryOf({ router, who: q }, page)));
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      errors = { [error.field ?? 'name']: error.message };
      status = 400;
    }
    const routerNames = (await routers.list()).map((r) => r.name);
    const body = (
      <AuthLogPage
        ctx={ctx}
        m={m}
        q={q}
        router={router}
        routerNames={routerNames}
        rows={rows.slice(0, PAGE_SIZE)}
        page={page}
        hasNext={rows.length > PAGE_SIZE}
        errors={errors}
      />
    );
    return kit.render(c, ctx, body, { title: m.title, status });
  });

  return app;
}
