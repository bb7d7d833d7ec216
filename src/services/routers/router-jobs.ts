// The outbox of router work. A plan change queues one push per managed router (in the database, so it survives
// a restart and a router that is down); the runner delivers them: the user profile first, then the plan's live
// sessions get the new limits by CoA, or are disconnected (the device comes back by MAC authentication with the
// new limits), or, with no RADIUS path, logged out through the API. A router that is away is retried with
// exponential backoff; a router that refuses is marked failed with its reason.
import { rateLimitString } from '../../domain/rate-limit.js';
import { ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import type { LiveSessionControl } from '../radius/live-sessions.js';
import { profileSpec, routerTarget } from './provisioning.js';
import {
  type ProvisionChange,
  RouterCallError,
  type RouterGateway,
  type RouterTarget,
} from './router-gateway.js';
import type {
  ManagedRouterStore,
  OpenSession,
  PlanProfile,
  RouterJob,
  RouterJobStore,
  RouterOpsStore,
} from './router-ops-ports.js';
import type { Router } from './router-record.js';

export const PLAN_PUSH = 'plan-push';

export function createRouterJobQueue(deps: {
  jobs: RouterJobStore;
  routers: ManagedRouterStore;
  now: () => number;
}) {
  return {
    /**
     * Queues the plan's profile for every provisioned router the API manages; returns how many. A router not
     * provisioned yet gets every plan when it is.
     */
    async enqueuePlanPush(planId: number): Promise<number> {
      const routers = (await deps.routers.listManaged()).filter((r) => r.provisionedAt !== null);
      const at = deps.now();
      for (const r of routers) await deps.jobs.enqueue(r.id, PLAN_PUSH, JSON.stringify({ planId }), at);
      return routers.length;
    },
    /** A router as router operations see it (API settings, health), by name or id. */
    findRouter: (name: string) => deps.routers.findByName(name.trim()),
    findRouterById: (id: number) => deps.routers.findById(id),
    listPending: (routerId: number) => deps.jobs.listPending(routerId),
    listForRouter: (routerId: number, opts: { includeDone: boolean; limit: number }) =>
      deps.jobs.listForRouter(routerId, opts),
    countPending: () => deps.jobs.countPending(),
    countFailed: () => deps.jobs.countFailed(),
  };
}

export type RouterJobQueue = ReturnType<typeof createRouterJobQueue>;

export interface RouterJobRunnerDeps {
  readonly jobs: RouterJobStore;
  readonly routers: ManagedRouterStore;
  readonly routerOps: RouterOpsStore;
  readonly gateway: RouterGateway;
  readonly keyring: Keyring;
  readonly now: () => number;
  /** The RADIUS way to change or end live sessions; without it they are logged out through the API. */
  readonly liveSessions?: LiveSessionControl | undefined;
  /** First retry after this long, doubling each attempt up to `backoffMaxMs`. */
  readonly backoffBaseMs?: number | undefined;
  readonly backoffMaxMs?: number | undefined;
  /** How long a claimed job is hidden from other runners. */
  readonly leaseMs?: number | undefined;
}

export interface SessionUpdates {
  readonly coa: number;
  readonly disconnected: number;
  readonly loggedOut: number;
  /** Still running with the old limits (not found on the router, or every way failed). */
  readonly unchanged: number;
}

export interface JobRun {
  readonly job: RouterJob;
  readonly router: string;
  readonly outcome: 'done' | 'retry' | 'failed';
  /** Indonesian, for the operator. */
  readonly detail: string;
  readonly nextTryAt?: number | undefined;
  readonly changes?: readonly ProvisionChange[] | undefined;
  readonly sessions?: SessionUpdates | undefined;
}

class JobRefused extends Error {}

export function createRouterJobRunner(deps: RouterJobRunnerDeps) {
  const baseMs = deps.backoffBaseMs ?? 30_000;
  const maxMs = deps.backoffMaxMs ?? 30 * 60_000;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;

  async function run(job: RouterJob): Promise<JobRun> {
    const router = await deps.routers.findById(job.routerId);
    const name = router?.name ?? `#${job.routerId}`;
    const at = () => deps.now();
    try {
      if (!router) throw new JobRefused('router sudah dihapus');
      if (router.provisionedAt === null)
        throw new JobRefused(
          `router belum disiapkan: jalankan warganet router provision ${router.name}, lalu warganet router retry ${router.name}`,
        );
      const result = await execute(router, job);
      await deps.jobs.markDone(job, at());
      await deps.routers.markSynced(router.id, at());
      return { job, router: name, outcome: 'done', ...result };
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      const refused =
        err instanceof JobRefused ||
        err instanceof ServiceError ||
        (err instanceof RouterCallError && err.kind === 'refused');
      if (refused) {
        await deps.jobs.markFailed(job, detail, at());
        return { job, router: name, outcome: 'failed', detail };
      }
      const nextTryAt = at() + Math.min(baseMs * 2 ** Math.max(0, job.attempts - 1), maxMs);
      await deps.jobs.markRetry(job, nextTryAt, detail, at());
      return { job, router: name, outcome: 'retry', detail, nextTryAt };
    }
  }

  async function execute(
    router: Router,
    job: RouterJob,
  ): Promise<Omit<JobRun, 'job' | 'router' | 'outcome'>> {
    if (job.kind !== PLAN_PUSH) throw new JobRefused(`jenis tugas tidak dikenal: ${job.kind}`);
    const { planId } = JSON.parse(job.payload) as { planId: number };
    const plan = await deps.routerOps.findPlan(planId);
    if (!plan) return { detail: 'paket sudah tidak ada; tidak ada yang dikirim' };
    const target = await routerTarget(router, deps.keyring);
    const changes = await deps.gateway.pushUserProfiles(target, [profileSpec(plan)]);
    const sessions = await updateLiveSessions(router, target, plan);
    const profile =
      changes.length > 0
        ? `profil ${plan.profile_name} diperbarui`
        : `profil ${plan.profile_name} sudah sesuai`;
    return { detail: `${profile}; ${describeSessions(sessions)}`, changes, sessions };
  }

  async function updateLiveSessions(
    router: Router,
    target: RouterTarget,
    plan: PlanProfile,
  ): Promise<SessionUpdates> {
    const open = await deps.routerOps.openSessionsForPlan(router.id, plan.id, plan.is_default);
    const counts = { coa: 0, disconnected: 0, loggedOut: 0, unchanged: 0 };
    if (open.length === 0) return counts;
    const viaApi: OpenSession[] = [];
    const updater = deps.liveSessions;
    const secret = updater ? await deps.keyring.decrypt(router.radiusSecretEnc) : '';
    // A router that answers neither CoA nor Disconnect for two sessions in a row is not listening on
    // /radius incoming: the rest go through the API at once instead of waiting out two timeouts each.
    let radiusMisses = 0;
    for (const session of open) {
      if (!updater || radiusMisses >= 2) {
        viaApi.push(session);
        continue;
      }
      const live = { ...session, ip: session.framedIp };
      const t = { session: live, nasIp: router.nasIp, radiusSecret: secret };
      const limits = { rateLimit: rateLimitString(plan), group: plan.profile_name };
      if (await (updater.changeLimits?.(t, limits) ?? Promise.resolve(false)).catch(() => false))
        counts.coa++;
      else if ((await updater.end(t).catch(() => ({ ok: false }))).ok) counts.disconnected++;
      else {
        radiusMisses++;
        viaApi.push(session);
        continue;
      }
      radiusMisses = 0;
    }
    if (viaApi.length > 0) {
      const active = await deps.gateway.listActive(target);
      const ids: string[] = [];
      for (const s of viaApi) {
        const host = active.find((a) =>
          s.mac ? a.macAddress === s.mac : a.user === s.username && a.address === s.framedIp,
        );
        if (host) ids.push(host.id);
        else counts.unchanged++;
      }
      await deps.gateway.removeActive(target, ids);
      counts.loggedOut += ids.length;
    }
    return counts;
  }

  async function findRouter(name: string): Promise<Router> {
    const router = await deps.routers.findByName(name.trim());
    if (!router) throw new ServiceError('not-found', `router ${name.trim()} tidak ada`, 'name');
    return router;
  }

  /** Delivers everything pending for a router, whatever its backoff says. */
  async function runRouter(routerId: number): Promise<JobRun[]> {
    const at = deps.now();
    const claimed = await deps.jobs.claim({ at, leaseUntil: at + leaseMs, limit: 100, routerId });
    const runs: JobRun[] = [];
    for (const job of claimed) runs.push(await run(job));
    return runs;
  }

  return {
    runRouter,

    /** Runs the jobs that are due now. */
    async runDue(limit = 20): Promise<JobRun[]> {
      const at = deps.now();
      const claimed = await deps.jobs.claim({ at, leaseUntil: at + leaseMs, limit });
      const runs: JobRun[] = [];
      for (const job of claimed) runs.push(await run(job));
      return runs;
    },

    /** Delivers everything pending for one router now, whatever its backoff says. */
    async syncRouter(name: string): Promise<{ router: string; runs: JobRun[] }> {
      const router = await findRouter(name);
      return { router: router.name, runs: await runRouter(router.id) };
    },

    /** Gives a router's failed jobs (or one of them) another go, now. */
    async retryFailed(
      name: string,
      jobId?: number,
    ): Promise<{ router: string; requeued: number; runs: JobRun[] }> {
      const router = await findRouter(name);
      const requeued = await deps.jobs.requeueFailed(router.id, jobId, deps.now());
      if (jobId !== undefined && requeued === 0)
        throw new ServiceError(
          'not-found',
          `router ${router.name} tidak punya pekerjaan gagal #${jobId}`,
          'retry',
        );
      return { router: router.name, requeued, runs: requeued > 0 ? await runRouter(router.id) : [] };
    },

    /** A router's pending and failed jobs (with done ones when asked), newest first. */
    async listJobs(name: string, opts: { includeDone: boolean; limit: number }) {
      const router = await findRouter(name);
      return { router: router.name, jobs: await deps.jobs.listForRouter(router.id, opts) };
    },
  };
}

export type RouterJobRunner = ReturnType<typeof createRouterJobRunner>;

function describeSessions(s: SessionUpdates): string {
  const parts: string[] = [];
  if (s.coa) parts.push(`${s.coa} sesi diubah lewat CoA`);
  if (s.disconnected) parts.push(`${s.disconnected} sesi diputus (masuk lagi lewat MAC)`);
  if (s.loggedOut) parts.push(`${s.loggedOut} sesi dikeluarkan lewat API (masuk lagi lewat MAC)`);
  if (s.unchanged) parts.push(`${s.unchanged} sesi tidak ditemukan di router`);
  return parts.length > 0 ? parts.join(', ') : 'tidak ada sesi aktif';
}
