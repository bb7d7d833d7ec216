// The first page after signing in. (The live figures arrive with the dashboard service.)
import { Hono } from 'hono';
import type { WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';

export function dashboardRoutes(kit: WebKit) {
  const app = new Hono<WebEnv>();
  app.get('/', async (c) => {
    const ctx = await kit.pageContext(c);
    return kit.render(c, ctx, <h1>{ctx.m.nav.dashboard}</h1>, { title: ctx.m.nav.dashboard, refresh: 30 });
  });
  return app;
}
