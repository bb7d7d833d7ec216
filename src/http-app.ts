// The HTTP surface: one Hono app that mounts the portal, admin pages, reports and operational endpoints.
// Web standards only, so the same app serves Node and Workers.
import { Hono } from 'hono';
import type { Services } from './services/index.js';

export interface HttpDeps {
  readonly services: Services;
  readonly villageName: string;
  readonly checkDatabase: () => Promise<boolean>;
  /** Prometheus text exposition (the radius role's registry), when this process runs one. */
  readonly metrics?: { render(): string } | undefined;
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
  return app;
}
