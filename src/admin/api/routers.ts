// /api/v1/routers: the routers page's actions for scripts, on the same services and with the same rules. A router
// is described without any secret (the fields are listed one by one, so a new column is never sent by accident);
// changing a secret, or where one is sent, needs the admin role. Router work (provision, sync, retry) needs the
// RouterOS gateway the Node runtime passes in, and answers 503 where there is none.
import { z } from '@hono/zod-openapi';
import { roleAtLeast } from '../../services/admins/admins.js';
import type { ProvisionJob } from '../../services/routers/provision-jobs.js';
import type { ProvisionOutcome } from '../../services/routers/provisioning.js';
import type { JobRun } from '../../services/routers/router-jobs.js';
import type { RouterJob } from '../../services/routers/router-ops-ports.js';
import type { RouterView } from '../../services/routers/router-record.js';
import { apiRoute, errorJson, newApi } from '../../web/api-kit.js';
import type { WebContext } from '../../web/web-env.js';
import type { AdminDeps, RouterWorkOps } from '../admin-deps.js';
import { type RouterChanges, secretFieldsIn } from '../routes/router-input.js';
import { actor, json } from './openapi-parts.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const Time = z.string().nullable().openapi({ example: '2026-11-29T03:00:00.000Z' });

export const RouterBody = z
  .object({
    name: z.string(),
    nasIp: z.string(),
    requireMessageAuth: z.boolean(),
    apiHost: z.string().nullable(),
    apiPort: z.number().int().nullable(),
    apiTls: z.boolean(),
    apiUser: z.string().nullable(),
    hotspotServer: z.string().nullable(),
    hotspotProfile: z.string().nullable(),
    hotspotAddress: z.string().nullable(),
    dusun: z.string().nullable(),
    health: z.enum(['unknown', 'up', 'down']).or(z.string()),
    healthChangedAt: Time,
    lastContactAt: Time,
    rosVersion: z.string().nullable(),
    board: z.string().nullable(),
    lastSyncAt: Time,
    provisionedAt: Time,
    pendingJobs: z.number().int(),
    failedJobs: z.number().int(),
  })
  .openapi('Router');

export function routerJson(r: RouterView, pending: number, failed: number): z.infer<typeof RouterBody> {
  return {
    name: r.name,
    nasIp: r.nasIp,
    requireMessageAuth: r.requireMessageAuth,
    apiHost: r.apiHost,
    apiPort: r.apiPort,
    apiTls: r.apiTls,
    apiUser: r.apiUser,
    hotspotServer: r.hotspotServer,
    hotspotProfile: r.hotspotProfile,
    hotspotAddress: r.hotspotAddress,
    dusun: r.dusun,
    health: r.health,
    healthChangedAt: iso(r.healthChangedAt),
    lastContactAt: iso(r.lastContactAt),
    rosVersion: r.rosVersion,
    board: r.board,
    lastSyncAt: iso(r.lastSyncAt),
    provisionedAt: iso(r.provisionedAt),
    pendingJobs: pending,
    failedJobs: failed,
  };
}

const text = (max: number) => z.string().max(max);
const RouterSettings = {
  nasIp: text(64),
  secret: text(128).openapi({ description: 'Write-only; admin role to change it.' }),
  apiHost: text(253).openapi({ description: 'Empty: RADIUS only (API settings cleared).' }),
  apiPort: z.union([z.number().int(), text(5)]),
  apiUser: text(64),
  apiPassword: text(128).openapi({ description: 'Write-only; admin role to change it.' }),
  apiTls: z.boolean(),
  hotspotServer: text(64),
  hotspotProfile: text(64),
  hotspotAddress: text(260),
  dusun: text(64),
  requireMessageAuth: z.boolean(),
};
export const NewRouterBody = z
  .object({ name: text(64), ...RouterSettings })
  .partial({
    apiHost: true,
    apiPort: true,
    apiUser: true,
    apiPassword: true,
    apiTls: true,
    hotspotServer: true,
    hotspotProfile: true,
    hotspotAddress: true,
    dusun: true,
    requireMessageAuth: true,
  })
  .strict()
  .openapi('NewRouter');
export const RouterChangeBody = z.object(RouterSettings).partial().strict().openapi('RouterChange');

export const ProvisionBody = z
  .object({
    router: z.string(),
    dryRun: z.boolean(),
    rosVersion: z.string(),
    changes: z.array(
      z.object({ action: z.string(), area: z.string(), menu: z.string(), description: z.string() }),
    ),
    notes: z.array(z.object({ level: z.string(), message: z.string() })),
    applied: z.number().int(),
    error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  })
  .openapi('Provisioning');

/** An apply running in the background (`POST …/provision` with `dryRun: false`), as the job page shows it. */
export const ProvisionJobBody = z
  .object({
    id: z.number().int(),
    router: z.string(),
    state: z.enum(['running', 'done', 'failed']),
    applied: z.number().int(),
    total: z.number().int(),
    startedAt: Time,
    finishedAt: Time,
    error: z.string().nullable(),
    result: ProvisionBody.nullable(),
    href: z.string(),
  })
  .openapi('ProvisionJob');

function provisionJson(o: ProvisionOutcome): z.infer<typeof ProvisionBody> {
  const rep = o.report;
  return {
    router: o.router,
    dryRun: o.dryRun,
    rosVersion: rep.rosVersion,
    changes: rep.changes.map((x) => ({
      action: x.action,
      area: x.area,
      menu: x.menu,
      description: x.description,
    })),
    notes: rep.notes.map((n) => ({ level: n.level, message: n.message })),
    applied: rep.applied,
    error: rep.error ? { kind: rep.error.kind, message: rep.error.message } : null,
  };
}

function provisionJobJson(job: ProvisionJob): z.infer<typeof ProvisionJobBody> {
  return {
    id: job.id,
    router: job.router,
    state: job.state,
    applied: job.applied,
    total: job.total,
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    error: job.error,
    result: job.outcome ? provisionJson(job.outcome) : null,
    href: `/api/v1/routers/${encodeURIComponent(job.router)}/provision/${job.id}`,
  };
}

const JobBody = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    state: z.string(),
    attempts: z.number().int(),
    nextTryAt: Time,
    lastError: z.string().nullable(),
    updatedAt: Time,
  })
  .openapi('RouterJob');
const RunBody = z
  .object({
    job: z.number().int(),
    kind: z.string(),
    outcome: z.string(),
    detail: z.string(),
    nextTryAt: Time,
  })
  .openapi('RouterJobRun');
export const RunsBody = z
  .object({ router: z.string(), requeued: z.number().int().optional(), runs: z.array(RunBody) })
  .openapi('RouterJobRuns');
export const CheckBody = z
  .object({
    router: z.string(),
    health: z.enum(['up', 'down']),
    previous: z.string(),
    error: z.string().nullable(),
    closedSessions: z.number().int(),
    reading: z
      .object({
        version: z.string(),
        boardName: z.string(),
        uptimeSeconds: z.number().nullable(),
        cpuLoad: z.number().nullable(),
        freeMemory: z.number().nullable(),
        totalMemory: z.number().nullable(),
      })
      .nullable(),
  })
  .openapi('RouterCheck');
export const JobsBody = z.object({ router: z.string(), jobs: z.array(JobBody) }).openapi('RouterJobs');

const jobJson = (j: RouterJob) => ({
  id: j.id,
  kind: j.kind,
  state: j.state,
  attempts: j.attempts,
  nextTryAt: iso(j.nextTryAt),
  lastError: j.lastError,
  updatedAt: iso(j.updatedAt),
});
const runJson = (r: JobRun) => ({
  job: r.job.id,
  kind: r.job.kind,
  outcome: r.outcome,
  detail: r.detail,
  nextTryAt: iso(r.nextTryAt ?? null),
});

const Name = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'name', in: 'path' } }),
});
const ERR = z.object({ error: z.object({ code: z.string(), message: z.string() }), requestId: z.string() });
const unavailable = json(ERR, 'Router work is not available on this server, or the router did not answer.');
const notFound = json(ERR, 'No router of that name.');

export function routersApi(deps: AdminDeps) {
  const { routers, routerJobs, provisionJobs } = deps.services;

  async function view(name: string) {
    const r = (await routers.list()).find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
    return r;
  }
  async function counts() {
    const [pending, failed] = await Promise.all([routerJobs.countPending(), routerJobs.countFailed()]);
    return (r: RouterView) => routerJson(r, pending.get(r.id) ?? 0, failed.get(r.id) ?? 0);
  }
  // Error bodies are documented on each route (404, 503) and by apiRoute (400, 401, 403); `never` lets a handler
  // return one beside its typed success body.
  const missing = (c: WebContext, name: string) =>
    errorJson(c, 404, 'not-found', `router ${name.trim().slice(0, 64)} tidak ada`, 'name') as never;
  const noWork = (c: WebContext) =>
    errorJson(c, 503, 'unavailable', 'pekerjaan router tidak tersedia di server ini (hanya Node)') as never;
  async function work<T>(run: (ops: RouterWorkOps) => Promise<T>): Promise<T | undefined> {
    return deps.routerWork ? deps.routerWork(run) : undefined;
  }

  return newApi()
    .openapi(
      apiRoute('operator', {
        method: 'get',
        path: '/routers',
        summary: 'Routers with their health and jobs',
        tags: ['routers'],
        responses: { 200: json(z.object({ routers: z.array(RouterBody) }), 'Every router, by name') },
      }),
      async (c) => {
        const toJson = await counts();
        return c.json({ routers: (await routers.list()).map(toJson) }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/routers',
        summary: 'Add a router',
        tags: ['routers'],
        request: { body: { content: { 'application/json': { schema: NewRouterBody } }, required: true } },
        responses: { 201: json(RouterBody, 'Added'), 409: json(ERR, 'The name or NAS IP is taken.') },
      }),
      async (c) => {
        const { name, ...input } = c.req.valid('json');
        const added = await routers.add(name, input, actor(c));
        return c.json(routerJson(added, 0, 0), 201);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'get',
        path: '/routers/{name}',
        summary: 'One router',
        tags: ['routers'],
        request: { params: Name },
        responses: { 200: json(RouterBody, 'The router'), 404: notFound },
      }),
      async (c) => {
        const r = await view(c.req.valid('param').name);
        if (!r) return missing(c, c.req.valid('param').name);
        return c.json((await counts())(r), 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'patch',
        path: '/routers/{name}',
        summary: 'Change a router (secrets, NAS IP and API settings: admin role)',
        tags: ['routers'],
        request: {
          params: Name,
          body: { content: { 'application/json': { schema: RouterChangeBody } }, required: true },
        },
        responses: {
          200: json(RouterBody, 'Changed'),
          404: notFound,
          409: json(ERR, 'The NAS IP is taken.'),
        },
      }),
      async (c) => {
        const changes: RouterChanges = c.req.valid('json');
        const guarded = secretFieldsIn(changes);
        if (guarded.length > 0 && !roleAtLeast(c.get('signedIn')!.operator.role, 'admin'))
          return errorJson(c, 403, 'forbidden', 'hanya admin yang boleh mengubah ini', guarded[0]) as never;
        const r = await view(c.req.valid('param').name);
        if (!r) return missing(c, c.req.valid('param').name);
        const updated = await routers.set(r.name, changes, actor(c));
        return c.json((await counts())(updated), 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'delete',
        path: '/routers/{name}',
        summary: 'Remove a router (refused while it has live sessions, unless force)',
        tags: ['routers'],
        request: {
          params: Name,
          query: z.object({ force: z.enum(['true', 'false']).optional() }),
        },
        responses: {
          200: json(z.object({ name: z.string(), activeSessions: z.number().int() }), 'Removed'),
          404: notFound,
          409: json(ERR, 'It still has live sessions.'),
        },
      }),
      async (c) => {
        const r = await view(c.req.valid('param').name);
        if (!r) return missing(c, c.req.valid('param').name);
        const out = await routers.remove(r.name, { force: c.req.valid('query').force === 'true' }, actor(c));
        return c.json(out, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/routers/{name}/provision',
        summary:
          'Provision a router: a dry run (the default) reports the difference; dryRun false starts the apply as a background job',
        tags: ['routers'],
        request: {
          params: Name,
          body: {
            content: { 'application/json': { schema: z.object({ dryRun: z.boolean().default(true) }) } },
            required: false,
          },
        },
        responses: {
          200: json(ProvisionBody, 'The dry run: the difference, nothing applied'),
          202: json(ProvisionJobBody, 'The apply started; follow it at `href`'),
          404: notFound,
          409: json(ERR, 'An apply already runs on this router.'),
          503: unavailable,
        },
      }),
      async (c) => {
        const r = await view(c.req.valid('param').name);
        if (!r) return missing(c, c.req.valid('param').name);
        const body = (await c.req.json().catch(() => ({}))) as { dryRun?: unknown };
        if (body.dryRun === false) {
          // Applying can take minutes (the router downloads the hotspot pages): a job, as on the page.
          const routerWork = deps.routerWork;
          if (!routerWork) return noWork(c);
          const id = provisionJobs.start(r.name, actor(c), (onStep) =>
            routerWork((ops) => ops.provisioning.provision(r.name, { dryRun: false, onStep })),
          );
          return c.json(provisionJobJson(provisionJobs.get(id)), 202);
        }
        const o = await work((ops) => ops.provisioning.provision(r.name, { dryRun: true }));
        if (!o) return noWork(c);
        return c.json(provisionJson(o), 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'get',
        path: '/routers/{name}/provision/{id}',
        summary: 'An apply started by POST …/provision: steps done of all, then its result',
        tags: ['routers'],
        request: { params: Name.extend({ id: z.coerce.number().int().positive() }) },
        responses: {
          200: json(ProvisionJobBody, 'The job'),
          404: json(ERR, 'No such job for this router (jobs end with the server process: restarted?).'),
        },
      }),
      async (c) => {
        const { name, id } = c.req.valid('param');
        const job = (() => {
          try {
            return provisionJobs.get(id);
          } catch {
            return undefined;
          }
        })();
        if (!job || job.router.toLowerCase() !== name.trim().toLowerCase())
          return errorJson(
            c,
            404,
            'not-found',
            `pekerjaan #${id} untuk router ${name.trim().slice(0, 64)} tidak ada (server dimulai ulang? Siapkan lagi: router membandingkan dulu, yang sudah diterapkan tidak diulang)`,
          ) as never;
        return c.json(provisionJobJson(job), 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/routers/{name}/check',
        summary: "Ask the router now how it is (the CLI's 'router status NAME')",
        tags: ['routers'],
        request: { params: Name },
        responses: { 200: json(CheckBody, 'Up or down, and its load'), 404: notFound, 503: unavailable },
      }),
      async (c) => {
        const r = await view(c.req.valid('param').name);
        if (!r) return missing(c, c.req.valid('param').name);
        const poll = await work(async (ops) => {
          const router = await routerJobs.findRouter(r.name);
          return router ? ops.health.pollRouter(router) : undefined;
        });
        if (!poll) return deps.routerWork ? missing(c, r.name) : noWork(c);
        const x = poll.reading;
        return c.json(
          {
            router: poll.router,
            health: poll.health,
            previous: poll.previous,
            error: poll.error ?? null,
            closedSessions: poll.closedSessions,
            reading: x
              ? {
                  version: x.version,
                  boardName: x.boardName,
                  uptimeSeconds: x.uptimeSeconds ?? null,
                  cpuLoad: x.cpuLoad ?? null,
                  freeMemory: x.freeMemory ?? null,
                  totalMemory: x.totalMemory ?? null,
                }
              : null,
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/routers/{name}/sync',
        summary: "Deliver the router's pending jobs now",
        tags: ['routers'],
        request: { params: Name },
        responses: { 200: json(RunsBody, 'What each job did'), 404: notFound, 503: unavailable },
      }),
      async (c) => {
        const r = await view(c.req.valid('param').name);
        if (!r) return missing(c, c.req.valid('param').name);
        const out = await work((ops) => ops.runner.syncRouter(r.name));
        if (!out) return noWork(c);
        return c.json({ router: out.router, runs: out.runs.map(runJson) }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'get',
        path: '/routers/{name}/jobs',
        summary: "The router's pending and failed jobs (and done ones with all=true)",
        tags: ['routers'],
        request: { params: Name, query: z.object({ all: z.enum(['true', 'false']).optional() }) },
        responses: { 200: json(JobsBody, 'Newest first'), 404: notFound },
      }),
      async (c) => {
        const r = await view(c.req.valid('param').name);
        if (!r) return missing(c, c.req.valid('param').name);
        const jobs = await routerJobs.listForRouter(r.id, {
          includeDone: c.req.valid('query').all === 'true',
          limit: 100,
        });
        return c.json({ router: r.name, jobs: jobs.map(jobJson) }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/routers/{name}/jobs/retry',
        summary: 'Retry the failed jobs now (or only the one given)',
        tags: ['routers'],
        request: {
          params: Name,
          body: {
            content: {
              'application/json': { schema: z.object({ id: z.number().int().positive().optional() }) },
            },
            required: false,
          },
        },
        responses: { 200: json(RunsBody, 'What each retried job did'), 404: notFound, 503: unavailable },
      }),
      async (c) => {
        const r = await view(c.req.valid('param').name);
        if (!r) return missing(c, c.req.valid('param').name);
        const body = (await c.req.json().catch(() => ({}))) as { id?: unknown };
        const id =
          typeof body.id === 'number' && Number.isSafeInteger(body.id) && body.id > 0 ? body.id : undefined;
        const out = await work((ops) => ops.runner.retryFailed(r.name, id));
        if (!out) return noWork(c);
        return c.json({ router: out.router, requeued: out.requeued, runs: out.runs.map(runJson) }, 200);
      },
    );
}
