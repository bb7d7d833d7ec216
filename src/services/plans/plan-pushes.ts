// Where each plan stands on each router: the latest plan push queued for it (router_jobs, kind plan-push) —
// pending, done, or failed with the router's error — and a retry that queues a failed push again for the agent's
// outbox runner (it delivers within seconds; the web itself never talks to a router).
import type { AuditEntry } from '../audit/audit.js';
import { auditDetail } from '../audit/audit.js';
import { ServiceError } from '../errors.js';
import { PLAN_PUSH } from '../routers/router-jobs.js';

export type PushState = 'pending' | 'done' | 'failed';

export interface PlanPush {
  readonly jobId: number;
  readonly planId: number;
  readonly routerId: number;
  readonly routerName: string;
  readonly state: PushState;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly updatedAt: number;
  readonly nextTryAt: number;
}

/** A job row as the store reads it (its payload still JSON). */
export interface LatestJob extends Omit<PlanPush, 'planId'> {
  readonly payload: string;
}

export interface PlanPushStore {
  /** The newest job of `kind` per router and payload (one payload only, when given). */
  latestJobs(kind: string, payload?: string): Promise<LatestJob[]>;
  /** A failed job made pending and due now, audited in the same transaction; false when it was not failed. */
  requeueFailed(jobId: number, at: number, audit: AuditEntry): Promise<boolean>;
}

export interface PushCounts {
  readonly pending: number;
  readonly done: number;
  readonly failed: number;
}

const payloadFor = (planId: number) => JSON.stringify({ planId });

function planIdOf(payload: string): number | undefined {
  try {
    const id = (JSON.parse(payload) as { planId?: unknown }).planId;
    return typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}

export function createPlanPushes(deps: { store: PlanPushStore; now: () => number }) {
  const forPlan = async (planId: number): Promise<PlanPush[]> =>
    (await deps.store.latestJobs(PLAN_PUSH, payloadFor(planId)))
      .map(({ payload: _payload, ...job }) => ({ ...job, planId }))
      .sort((a, b) => a.routerName.localeCompare(b.routerName));

  return {
    forPlan,

    /** Per plan: how many routers have its latest push pending, done, failed. */
    async counts(): Promise<Map<number, PushCounts>> {
      const out = new Map<number, { pending: number; done: number; failed: number }>();
      for (const job of await deps.store.latestJobs(PLAN_PUSH)) {
        const planId = planIdOf(job.payload);
        if (planId === undefined) continue;
        const c = out.get(planId) ?? { pending: 0, done: 0, failed: 0 };
        c[job.state]++;
        out.set(planId, c);
      }
      return out;
    },

    /** Queues a plan's failed push to one router again; the agent delivers it. */
    async retry(planId: number, jobId: number, actor: string): Promise<PlanPush> {
      const push = (await forPlan(planId)).find((p) => p.jobId === jobId);
      if (!push)
        throw new ServiceError('not-found', `pengiriman #${jobId} untuk paket ini tidak ada`, 'jobId');
      const at = deps.now();
      const requeued = await deps.store.requeueFailed(jobId, at, {
        at,
        actor,
        action: 'plan.push-retry',
        target: `router-job:${jobId}`,
        detail: auditDetail({ planId, router: push.routerName }),
      });
      if (!requeued) throw new ServiceError('conflict', `pengiriman #${jobId} tidak sedang gagal`, 'jobId');
      return { ...push, state: 'pending', lastError: push.lastError, nextTryAt: at, updatedAt: at };
    },
  };
}

export type PlanPushes = ReturnType<typeof createPlanPushes>;
