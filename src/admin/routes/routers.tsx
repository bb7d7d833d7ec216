// /admin/router: the routers with their health, adding and editing one (secrets write-only; changing a secret,
// or where one is sent, is for admins), provisioning (dry run first, then apply), sending pending work, retrying
// failed jobs, a health check now, and the sessions live on a router. Router work needs the RouterOS gateway the
// Node runtime passes in (`routerWork`); without it these actions say so instead.
import { Hono } from 'hono';
import { roleAtLeast } from '../../services/admins/admins.js';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import type { WebContext, WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminDeps, RouterWorkOps } from '../admin-deps.js';
import { routerMessages } from '../messages/routers.js';
import { sessionMessages } from '../messages/sessions.js';
import { RouterDetail } from '../views/router-detail.js';
import { RouterForm, type RouterFormValues, routerFormValues } from '../views/router-form.js';
import { CheckResult, ProvisionJobPage, ProvisionResult, RunsResult } from '../views/router-provision.js';
import { type RouterRow, RoutersList, routerHref } from '../views/routers-list.js';
import { readRouterForm, routerChanges, secretFieldsIn } from './router-input.js';

export function routerRoutes(kit: WebKit, deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  const { routers, routerJobs, radius, provisionJobs } = deps.services;
  app.use('/router', kit.requireRole('operator'));
  app.use('/router/*', kit.requireRole('operator'));

  const actor = (c: WebContext) => `admin:${c.get('signedIn')!.operator.username}`;
  const isAdmin = (c: WebContext) => roleAtLeast(c.get('signedIn')!.operator.role, 'admin');
  const words = (c: WebContext) => routerMessages[c.get('lang')];

  async function findView(name: string) {
    const view = (await routers.list()).find((r) => r.name.toLowerCase() === name.trim().toLowerCase());
    if (!view) throw new ServiceError('not-found', `router ${name.trim().slice(0, 64)} tidak ada`, 'name');
    return view;
  }

  /** Router work over the gateway, or the page saying it cannot be done on this server. */
  async function withWork<T>(
    c: WebContext,
    work: (ops: RouterWorkOps) => Promise<T>,
  ): Promise<{ page: Response; result?: undefined } | { page?: undefined; result: T }> {
    if (!deps.routerWork) {
      const m = words(c);
      return { page: await kit.message(c, m.title, m.notAvailable, { status: 503 }) };
    }
    return { result: await deps.routerWork(work) };
  }

  app.get('/router', async (c) => {
    const ctx = await kit.pageContext(c);
    const [list, pending, failed] = await Promise.all([
      routers.list(),
      routerJobs.countPending(),
      routerJobs.countFailed(),
    ]);
    const rows: RouterRow[] = list.map((router) => ({
      router,
      pending: pending.get(router.id) ?? 0,
      failed: failed.get(router.id) ?? 0,
    }));
    const m = words(c);
    return kit.render(c, ctx, <RoutersList ctx={ctx} m={m} rows={rows} />, { title: m.title, refresh: 30 });
  });

  async function formPage(
    c: WebContext,
    editing: string | undefined,
    values: RouterFormValues,
    errors = {},
    status = 200,
  ) {
    const ctx = await kit.pageContext(c);
    const m = words(c);
    const body = (
      <RouterForm
        ctx={ctx}
        m={m}
        editing={editing}
        values={values}
        errors={errors}
        mayChangeSecrets={isAdmin(c)}
      />
    );
    return kit.render(c, ctx, body, { title: editing ? m.editTitle(editing) : m.add, status });
  }

  app.get('/router/baru', (c) => formPage(c, undefined, { requireMessageAuth: '1' }));

  app.post('/router/baru', async (c) => {
    const form = await kit.form(c);
    const values = readRouterForm(form);
    try {
      const { name, ...input } = routerChanges(values, undefined);
      const added = await routers.add(
        name ?? '',
        { ...input, nasIp: input.nasIp ?? '', secret: input.secret ?? '' },
        actor(c),
      );
      return kit.redirect(c, routerHref(added.name), words(c).added(added.name));
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return formPage(
        c,
        undefined,
        values,
        { [error.field ?? 'form']: error.message },
        SERVICE_ERROR_STATUS[error.code],
      );
    }
  });

  app.get('/router/:name/ubah', async (c) => {
    const router = await findView(c.req.param('name'));
    return formPage(c, router.name, routerFormValues(router));
  });

  app.post('/router/:name/ubah', async (c) => {
    const router = await findView(c.req.param('name'));
    const form = await kit.form(c);
    const values = readRouterForm(form);
    const changes = routerChanges(values, router);
    const m = words(c);
    const guarded = secretFieldsIn(changes);
    if (guarded.length > 0 && !isAdmin(c)) {
      const errors = Object.fromEntries(guarded.map((f) => [f, m.adminOnlyField]));
      return formPage(c, router.name, { ...routerFormValues(router) }, { ...errors, form: m.adminOnly }, 403);
    }
    try {
      await routers.set(router.name, changes, actor(c));
      return kit.redirect(c, routerHref(router.name), m.saved(router.name));
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return formPage(
        c,
        router.name,
        values,
        { [error.field ?? 'form']: error.message },
        SERVICE_ERROR_STATUS[error.code],
      );
    }
  });

  app.get('/router/:name', async (c) => {
    const router = await findView(c.req.param('name'));
    const showDone = c.req.query('semua') === '1';
    const [jobs, live, history] = await Promise.all([
      router.apiHost ? routerJobs.listForRouter(router.id, { includeDone: showDone, limit: 100 }) : [],
      radius.sessions.list({ routerName: router.name, activeOnly: true, limit: 100 }),
      routers.healthHistory(router.name, 20),
    ]);
    const ctx = await kit.pageContext(c);
    const m = words(c);
    const body = (
      <RouterDetail
        ctx={ctx}
        m={m}
        sm={sessionMessages[ctx.lang]}
        router={router}
        jobs={jobs}
        showDone={showDone}
        live={live}
        history={history}
        canWork={deps.routerWork !== undefined}
      />
    );
    return kit.render(c, ctx, body, { title: `${m.title} ${router.name}`, refresh: 30 });
  });

  app.post('/router/:name/periksa', async (c) => {
    await kit.form(c);
    const name = (await findView(c.req.param('name'))).name;
    const out = await withWork(c, async (ops) => {
      const router = await routerJobs.findRouter(name);
      if (!router) throw new ServiceError('not-found', `router ${name} tidak ada`, 'name');
      return ops.health.pollRouter(router);
    });
    if (out.page) return out.page;
    const ctx = await kit.pageContext(c);
    const m = words(c);
    return kit.render(c, ctx, <CheckResult ctx={ctx} m={m} poll={out.result} />, {
      title: m.checkTitle(name),
    });
  });

  app.get('/router/:name/siapkan', async (c) => {
    const name = (await findView(c.req.param('name'))).name;
    const out = await withWork(c, (ops) => ops.provisioning.provision(name, { dryRun: true }));
    if (out.page) return out.page;
    const ctx = await kit.pageContext(c);
    const m = words(c);
    return kit.render(c, ctx, <ProvisionResult ctx={ctx} m={m} outcome={out.result} />, {
      title: m.provisionTitle(name),
    });
  });

  app.post('/router/:name/siapkan', async (c) => {
    const form = await kit.form(c);
    const name = (await findView(c.req.param('name'))).name;
    const m = words(c);
    const ask = await kit.confirmed(c, form, {
      title: m.provisionTitle(name),
      text: m.applyConfirm(name),
      danger: false,
    });
    if (ask) return ask;
    const work = deps.routerWork;
    if (!work) return kit.message(c, m.title, m.notAvailable, { status: 503 });
    // Applying can take minutes (the router downloads the hotspot pages): a job the next page follows.
    const id = provisionJobs.start(name, actor(c), (onStep) =>
      work((ops) => ops.provisioning.provision(name, { dryRun: false, onStep })),
    );
    return c.redirect(routerHref(name, `/siapkan/${id}`), 303);
  });

  app.get('/router/:name/siapkan/:id{[0-9]{1,9}}', async (c) => {
    const job = provisionJobs.get(Number(c.req.param('id')));
    const ctx = await kit.pageContext(c);
    const m = words(c);
    return kit.render(c, ctx, <ProvisionJobPage ctx={ctx} m={m} job={job} />, {
      title: m.provisionTitle(job.router),
      status: job.state === 'failed' || job.outcome?.report.error ? 502 : 200,
      refresh: job.state === 'running' ? 2 : undefined,
    });
  });

  app.post('/router/:name/sinkron', async (c) => {
    await kit.form(c);
    const name = (await findView(c.req.param('name'))).name;
    const out = await withWork(c, (ops) => ops.runner.syncRouter(name));
    if (out.page) return out.page;
    const ctx = await kit.pageContext(c);
    const m = words(c);
    const body = (
      <RunsResult
        ctx={ctx}
        m={m}
        router={name}
        title={m.sync}
        runs={out.result.runs}
        empty={m.syncNone(name)}
      />
    );
    return kit.render(c, ctx, body, { title: m.sync });
  });

  app.post('/router/:name/coba-lagi', async (c) => {
    const form = await kit.form(c);
    const name = (await findView(c.req.param('name'))).name;
    const raw = form.get('job').replace(/^#/, '').trim();
    const id = raw === '' ? undefined : Number(raw);
    if (id !== undefined && !(Number.isSafeInteger(id) && id > 0))
      throw new ServiceError('invalid-input', 'nomor pekerjaan tidak sah', 'job');
    const out = await withWork(c, (ops) => ops.runner.retryFailed(name, id));
    if (out.page) return out.page;
    const ctx = await kit.pageContext(c);
    const m = words(c);
    const body = (
      <RunsResult ctx={ctx} m={m} router={name} title={m.retry} runs={out.result.runs} empty={m.retryNone} />
    );
    return kit.render(c, ctx, body, { title: m.retry });
  });

  app.post('/router/:name/hapus', async (c) => {
    const form = await kit.form(c);
    const router = await findView(c.req.param('name'));
    const m = words(c);
    const live = (await radius.sessions.list({ routerName: router.name, activeOnly: true, limit: 10_000 }))
      .length;
    const text =
      live > 0 ? [m.removeConfirm(router.name), m.removeForce(live)] : m.removeConfirm(router.name);
    const ask = await kit.confirmed(c, form, { title: m.remove, text });
    if (ask) return ask;
    await routers.remove(router.name, { force: true }, actor(c));
    return kit.redirect(c, '/admin/router', m.removed(router.name));
  });

  return app;
}
