// The HTTP surface: one Hono app that mounts the portal, admin pages, reports and operational endpoints.
// Web standards only, so the same app serves Node and Workers.
import { Hono } from 'hono';
import { createPortalApp, type PortalDeps } from '../captive-portal/app.js';
import { type AdminDeps, createAdminApi, createAdminApp } from './admin/app.js';
import { reportsApi } from './reports/api.js';
import { createReportsApp, type ReportsDeps } from './reports/app.js';
import type { StorageStatus } from './services/health/storage-health.js';
import { createApiApp } from './web/api-kit.js';
import { storageHealthMessages } from './web/messages/storage-health.js';
import type { WebDeps } from './web/web-env.js';
import { createWebKit } from './web/web-kit.js';

export interface HttpDeps {
  readonly checkDatabase: () => Promise<boolean>;
  /** Whether what must be kept can be written (disk full, read-only, unreachable); the Node runtime tracks it. */
  readonly checkStorage?: (() => Promise<StorageStatus>) | undefined;
  /** Prometheus text exposition (the radius role's registry), when this process runs one. */
  readonly metrics?: { render(): string } | undefined;
  /** The captive portal (resident pages, RFC 8908 API, hotspot templates); served for every other path. */
  readonly portal?: PortalDeps | undefined;
  /** The admin web (/admin) and the JSON API (/api/v1), on the web kit they share with the reports. */
  readonly web?:
    | {
        readonly kit: WebDeps;
        readonly admin: AdminDeps;
        readonly version: string;
        /** The officials' reports (/reports and /api/v1/reports/…). */
        readonly reports?: ReportsDeps | undefined;
      }
    | undefined;
}

export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const database = await deps.checkDatabase().catch(() => false);
    const storage: StorageStatus = database
      ? ((await deps.checkStorage?.().catch(() => undefined)) ?? { ok: true })
      : { ok: false, problem: 'unreachable' };
    if (storage.ok) return c.json({ status: 'ok', database: 'ok', storage: 'ok' }, 200);
    const problem = storage.problem ?? 'write_failed';
    return c.json(
      {
        status: 'degraded',
        database: database ? 'ok' : 'unreachable',
        storage: problem,
        message: storageHealthMessages.en[problem],
        pesan: storageHealthMessages.id[problem],
        ...(storage.since ? { since: new Date(storage.since).toISOString() } : {}),
      },
      503,
    );
  });
  app.get('/metrics', (c) => {
    if (!deps.metrics) return c.notFound();
    return c.body(deps.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  // Each front door is its own app (its headers, cookies and error pages stay its own).
  if (deps.web) {
    const kit = createWebKit(deps.web.kit);
    const admin = createAdminApp(kit, deps.web.admin);
    const reportsDeps = deps.web.reports;
    const apiParts = [...createAdminApi(deps.web.admin), ...(reportsDeps ? [reportsApi(reportsDeps)] : [])];
    const api = createApiApp(kit, apiParts, { version: deps.web.version });
    app.all('/admin', (c) => admin.fetch(c.req.raw, c.env));
    app.all('/admin/*', (c) => admin.fetch(c.req.raw, c.env));
    if (reportsDeps) {
      const reports = createReportsApp(kit, reportsDeps);
      app.all('/reports', (c) => reports.fetch(c.req.raw, c.env));
      app.all('/reports/*', (c) => reports.fetch(c.req.raw, c.env));
    }
    app.all('/api/v1/*', (c) => api.fetch(c.req.raw, c.env));
  }
  // Keep last: the portal answers every path not taken above.
  if (deps.portal) {
    const portal = createPortalApp(deps.portal);
    app.all('*', (c) => portal.fetch(c.req.raw, c.env));
  }
  return app;
}
