// The first page after signing in: the network now, refreshing itself (in place with script, by reload without).
import { Hono } from 'hono';
import type { WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminDeps } from '../admin-deps.js';
import { dashboardMessages } from '../messages/dashboard.js';
import { DashboardPage } from '../views/dashboard.js';

export function dashboardRoutes(kit: WebKit, deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  app.get('/', async (c) => {
    const [ctx, summary, firstSteps] = await Promise.all([
      kit.pageContext(c),
      deps.services.dashboard.summary(),
      deps.services.dashboard.firstSteps(kit.portalUrlSet),
    ]);
    return kit.render(c, ctx, <DashboardPage ctx={ctx} summary={summary} firstSteps={firstSteps} />, {
      title: dashboardMessages[ctx.lang].heading,
      refresh: 30,
    });
  });
  return app;
}
