// /admin/sesi: live and past hotspot sessions with filters and pages, and disconnecting one after a confirmation,
// the way `warganet session kick` does it (RADIUS Disconnect-Request, then the RouterOS API), through the router
// work the Node runtime passes in.
import { Hono } from 'hono';
import { ServiceError } from '../../services/errors.js';
import type { SessionView } from '../../services/radius/radius-sessions.js';
import type { WebEnv } from '../../web/web-env.js';
import { safeLocalPath, type WebKit } from '../../web/web-kit.js';
import type { AdminDeps } from '../admin-deps.js';
import { routerMessages } from '../messages/routers.js';
import { sessionMessages } from '../messages/sessions.js';
import { pageParam } from '../views/net-format.js';
import { SessionsPage } from '../views/sessions-page.js';
import { historyQueryOf, PAGE_SIZE } from './sessions-query.js';

export function sessionRoutes(kit: WebKit, deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  const { radius, routers, history } = deps.services;
  app.use('/sesi', kit.requireRole('operator'));
  app.use('/sesi/*', kit.requireRole('operator'));

  app.get('/sesi', async (c) => {
    const ctx = await kit.pageContext(c);
    const m = sessionMessages[ctx.lang];
    const filters = {
      status: c.req.query('status') === 'semua' ? 'semua' : 'aktif',
      router: (c.req.query('router') ?? '').slice(0, 64),
      mac: (c.req.query('mac') ?? '').slice(0, 32),
      who: (c.req.query('warga') ?? '').slice(0, 64),
    };
    const page = pageParam(c.req.query('page'));
    let sessions: SessionView[] = [];
    let errors = {};
    let status = 200;
    try {
      const filter = await history.filter(historyQueryOf(filters, page));
      sessions = await radius.sessions.list({ ...filter, activeOnly: filters.status === 'aktif' });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      errors = { [error.field ?? 'warga']: error.message };
      status = 400;
    }
    const routerNames = (await routers.list()).map((r) => r.name);
    const url = new URL(c.req.url);
    const body = (
      <SessionsPage
        ctx={ctx}
        m={m}
        filters={filters}
        routerNames={routerNames}
        sessions={sessions.slice(0, PAGE_SIZE)}
        page={page}
        hasNext={sessions.length > PAGE_SIZE}
        errors={errors}
        back={url.pathname + url.search}
      />
    );
    return kit.render(c, ctx, body, { title: m.title, status, refresh: 30 });
  });

  app.post('/sesi/:id/putus', async (c) => {
    const form = await kit.form(c);
    const lang = c.get('lang');
    const m = sessionMessages[lang];
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || id < 1) throw new ServiceError('not-found', m.kickNotFound(0));
    const back = safeLocalPath(form.get('back') || '/admin/sesi');
    const ask = await kit.confirmed(c, form, {
      title: m.kickTitle,
      text: m.kickConfirmId(id),
      fields: { back },
    });
    if (ask) return ask;
    if (!deps.routerWork) return kit.message(c, m.title, routerMessages[lang].notAvailable, { status: 503 });
    const result = await deps.routerWork((ops) => radius.sessions.kick(id, ops.disconnectors));
    return kit.redirect(c, back, kickText(m, id, result));
  });

  return app;
}

export function kickText(
  m: (typeof sessionMessages)['id'],
  id: number,
  result: Awaited<ReturnType<AdminDeps['services']['radius']['sessions']['kick']>>,
): string {
  if (result.ok) return m.kicked(id, `${result.outcome.via}: ${result.outcome.detail}`);
  if (result.error === 'not_found') return m.kickNotFound(id);
  if (result.error === 'not_active') return m.kickNotActive(id);
  return m.kickFailed(id, result.attempts.map((a) => `${a.via}: ${a.detail}`).join('; '));
}
