// /admin/audit (admin only): who changed what and when, newest first, filtered by actor, action and dates.
import { Hono } from 'hono';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import type { WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { usersMessages } from '../messages/users.js';
import { AuditPage, type AuditQuery } from '../views/audit.js';

export function auditRoutes(kit: WebKit, services: Pick<AdminServices, 'auditLog'>) {
  const app = new Hono<WebEnv>();
  app.use('/audit', kit.requireRole('admin'));

  app.get('/audit', async (c) => {
    const q = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 80);
    const query: AuditQuery = { actor: q('actor'), action: q('action'), from: q('from'), to: q('to') };
    const page = Number.parseInt(q('page'), 10) || 1;
    const ctx = await kit.pageContext(c);
    const title = usersMessages[ctx.lang].audit.title;
    try {
      const r = await services.auditLog.page({
        actor: query.actor,
        action: query.action,
        fromDate: query.from || undefined,
        toDate: query.to || undefined,
        page,
      });
      return kit.render(
        c,
        ctx,
        <AuditPage ctx={ctx} query={query} rows={r.rows} page={r.page} more={r.more} />,
        {
          title,
        },
      );
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const errors = { [error.field ?? 'form']: error.message };
      return kit.render(
        c,
        ctx,
        <AuditPage ctx={ctx} query={query} rows={[]} page={1} more={false} errors={errors} />,
        {
          title,
          status: SERVICE_ERROR_STATUS[error.code],
        },
      );
    }
  });

  return app;
}
