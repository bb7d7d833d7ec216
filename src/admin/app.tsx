// The operators' admin web at /admin: server-rendered pages that work without script, on the web kit shared with
// the reports (sessions, CSRF, layout, error boundary). Every page names the least role it needs; pages not
// listed before the role check need a signed-in user of any role. Web standards only, so Workers can serve it.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { WebEnv } from '../web/web-env.js';
import type { WebKit } from '../web/web-kit.js';
import type { AdminDeps } from './admin-deps.js';
import { meApi } from './api/me.js';
import { routersApi } from './api/routers.js';
import { sessionsApi } from './api/sessions.js';
import { authLogRoutes } from './routes/auth-log.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { routerRoutes } from './routes/routers.js';
import { sessionRoutes } from './routes/sessions.js';
import { signInRoutes } from './routes/sign-in.js';

export type { AdminDeps, AdminServices } from './admin-deps.js';

export function createAdminApp(kit: WebKit, deps: AdminDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>().basePath('/admin');
  app.use('*', kit.base);
  app.use('*', kit.limitBodies);
  app.get('/static/:name', (c) => kit.staticFile(c, c.req.param('name')));
  app.route('/', signInRoutes(kit));
  // Everything below needs a signed-in user; each area asks for more where it must.
  app.use('*', kit.requireRole('official'));
  app.route('/', dashboardRoutes(kit));
  app.route('/', routerRoutes(kit, deps));
  app.route('/', sessionRoutes(kit, deps));
  app.route('/', authLogRoutes(kit, deps));
  app.notFound(kit.notFound);
  app.onError(kit.errorPage);
  return app;
}

/** The admin web's part of /api/v1. */
export function createAdminApi(deps: AdminDeps): ReadonlyArray<OpenAPIHono<WebEnv>> {
  return [meApi(), routersApi(deps), sessionsApi(deps)];
}
