// The HTTP surface: one Hono app that mounts the portal, admin pages, reports and operational endpoints.
// Web standards only, so the same app serves Node and Workers.
import { Hono } from 'hono';
import { createPortalApp, type PortalDeps } from '../captive-portal/app.js';

export interface HttpDeps {
  readonly checkDatabase: () => Promise<boolean>;
  /** Prometheus text exposition (the radius role's registry), when this process runs one. */
  readonly metrics?: { render(): string } | undefined;
  /** The captive portal (resident pages, RFC 8908 API, hotspot templates); served for every other path. */
  readonly portal?: PortalDeps | undefined;
}

export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const database = await deps.checkDatabase().catch(() => false);
    return c.json(
      { status: database ? 'ok' : 'degraded', database: database ? 'ok' : 'unreachable' },
      database ? 200 : 503,
    );
  });
  app.get('/metrics', (c) => {
    if (!deps.metrics) return c.notFound();
    return c.body(deps.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  // Keep last: the portal answers every path not taken above, as its own app (its headers, cookies and error
  // pages stay its own).
  if (deps.portal) {
    const portal = createPortalApp(deps.portal);
    app.all('*', (c) => portal.fetch(c.req.raw, c.env));
  }
  return app;
}
