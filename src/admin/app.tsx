// The operators' admin web at /admin: server-rendered pages that work without script, on the web kit shared with
// the reports (sessions, CSRF, layout, error boundary). Every page names the least role it needs; pages not
// listed before the role check need a signed-in user of any role. Web standards only, so Workers can serve it.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { WebEnv } from '../web/web-env.js';
import type { WebKit } from '../web/web-kit.js';
import type { AdminDeps } from './admin-deps.js';
import { adminsApi } from './api/admins.js';
import { auditApi } from './api/audit.js';
import { dashboardApi } from './api/dashboard.js';
import { institutionsApi } from './api/institutions.js';
import { meApi } from './api/me.js';
import { plansApi } from './api/plans.js';
import { residentsApi } from './api/residents.js';
import { rosterApi } from './api/roster.js';
import { routersApi } from './api/routers.js';
import { sessionsApi } from './api/sessions.js';
import { vouchersApi } from './api/vouchers.js';
import { accountRoutes, enrolGate } from './routes/account.js';
import { auditRoutes } from './routes/audit.js';
import { authLogRoutes } from './routes/auth-log.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { institutionRoutes } from './routes/institutions.js';
import { planRoutes } from './routes/plans.js';
import { residentsRoutes } from './routes/residents.js';
import { rosterRoutes } from './routes/roster.js';
import { routerRoutes } from './routes/routers.js';
import { sessionRoutes } from './routes/sessions.js';
import { setupGate, setupRoutes } from './routes/setup.js';
import { signInRoutes } from './routes/sign-in.js';
import { usersRoutes } from './routes/users.js';
import { voucherRoutes } from './routes/vouchers.js';

export type { AdminDeps, AdminServices } from './admin-deps.js';

export function createAdminApp(kit: WebKit, deps: AdminDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>().basePath('/admin');
  app.use('*', kit.base);
  app.use('*', kit.limitBodies);
  app.get('/static/:name', (c) => kit.staticFile(c, c.req.param('name')));
  app.use('*', setupGate(kit));
  app.route('/', setupRoutes(kit, deps.services.adminSetup));
  app.route('/', signInRoutes(kit));
  // Everything below needs a signed-in user; each area asks for more where it must.
  app.use('*', kit.requireRole('official'));
  app.use('*', enrolGate(kit));
  app.route('/', accountRoutes(kit));
  app.route('/', usersRoutes(kit, deps.services));
  app.route('/', auditRoutes(kit, deps.services));
  app.route('/', dashboardRoutes(kit, deps));
  app.route('/', residentsRoutes(kit, deps));
  app.route('/', rosterRoutes(kit, deps.services));
  app.route('/', planRoutes(kit, deps.services));
  app.route('/', institutionRoutes(kit, deps.services));
  app.route('/', routerRoutes(kit, deps));
  app.route('/', sessionRoutes(kit, deps));
  app.route('/', authLogRoutes(kit, deps));
  app.route('/', voucherRoutes(kit, deps.services));
  app.notFound(kit.notFound);
  app.onError(kit.errorPage);
  return app;
}

/** The admin web's part of /api/v1. */
export function createAdminApi(deps: AdminDeps): ReadonlyArray<OpenAPIHono<WebEnv>> {
  return [
    meApi(),
    dashboardApi(deps),
    adminsApi(deps.services),
    auditApi(deps.services),
    residentsApi(deps),
    rosterApi(deps.services),
    plansApi(deps.services),
    institutionsApi(deps.services),
    routersApi(deps),
    sessionsApi(deps),
    vouchersApi(deps.services),
  ];
}
