// The storage the router operations (provisioning, plan pushes, health, live sessions) need, as ports the
// db/stores implement. Kept apart from the routers service so that managing routers and talking to them
// can change independently; both read routers as the one `Router` record.
import type { PlanFields } from '../plans/plans.js';
import type { Router } from './router-record.js';

/** What a plan contributes to a router: its user profile. */
export type PlanProfile = Pick<
  PlanFields,
  | 'name'
  | 'profile_name'
  | 'down_rate'
  | 'up_rate'
  | 'burst_down_rate'
  | 'burst_up_rate'
  | 'burst_threshold_down'
  | 'burst_threshold_up'
  | 'burst_time_s'
  | 'priority'
  | 'devices_allowed'
> & { readonly id: number; readonly is_default: boolean };

/** An accounting session still open (state 'active'). */
export interface OpenSession {
  readonly id: number;
  readonly routerId: number;
  readonly acctSessionId: string;
  readonly username: string;
  /** Upper case with colons, when known. */
  readonly mac: string | null;
  readonly framedIp: string | null;
  readonly startedAt: number;
  readonly updatedAt: number;
}

/** The `routers` table as router operations use it (the same store as the routers service's `RouterStore`). */
export interface ManagedRouterStore {
  findByName(name: string): Promise<Router | undefined>;
  findById(id: number): Promise<Router | undefined>;
  /** Routers with an API address, by name. */
  listManaged(): Promise<Router[]>;
  /** The router answered: up, with what it reported. Returns the health it had before. */
  recordUp(
    routerId: number,
    at: number,
    reading: { version: string; board?: string | undefined },
  ): Promise<string>;
  /** The router did not answer. Returns the health it had before. */
  recordDown(routerId: number, at: number): Promise<string>;
  markSynced(routerId: number, at: number): Promise<void>;
  /** What provisioning read from the router's hotspot profile (`dns-name`, else `hotspot-address`). */
  setHotspotAddress(routerId: number, address: string, at: number): Promise<void>;
  /** Provisioning succeeded: synced, and from now on plan pushes are queued for it. */
  markProvisioned(routerId: number, at: number): Promise<void>;
}

/** What router operations read besides the routers: plans as user profiles, and the sessions still open. */
export interface RouterOpsStore {
  listPlans(): Promise<PlanProfile[]>;
  findPlan(id: number): Promise<PlanProfile | undefined>;
  openSessions(routerId: number): Promise<OpenSession[]>;
  /** Sessions on the router whose device's account is on this plan (or on no plan, when it is the default). */
  openSessionsForPlan(routerId: number, planId: number, isDefault: boolean): Promise<OpenSession[]>;
  /** Closes sessions still active; returns how many it closed. */
  closeSessions(ids: readonly number[], at: number, cause: string): Promise<number>;
}

export type RouterJobState = 'pending' | 'done' | 'failed';

export interface RouterJob {
  readonly id: number;
  readonly routerId: number;
  readonly kind: string;
  readonly payload: string;
  readonly state: RouterJobState;
  readonly attempts: number;
  readonly nextTryAt: number;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface RouterJobStore {
  /**
   * Queues a job, or when the same job (router, kind, payload) is already pending, makes it due at `at` again
   * instead of queueing a second copy.
   */
  enqueue(routerId: number, kind: string, payload: string, at: number): Promise<RouterJob>;
  /**
   * Claims up to `limit` pending jobs due by `at` (all of `routerId`'s when given, due or not): each claimed job
   * has its attempts counted and is hidden from other claimers until `leaseUntil`, so two agents never run one job.
   */
  claim(opts: {
    at: number;
    leaseUntil: number;
    limit: number;
    routerId?: number | undefined;
  }): Promise<RouterJob[]>;
  /** Settles a claimed job (as `claim` returned it); a job queued again meanwhile is left pending. */
  markDone(job: RouterJob, at: number): Promise<void>;
  markRetry(job: RouterJob, nextTryAt: number, error: string, at: number): Promise<void>;
  markFailed(job: RouterJob, error: string, at: number): Promise<void>;
  listPending(routerId: number): Promise<RouterJob[]>;
  /** A router's pending and failed jobs (and done ones with `includeDone`), newest first. */
  listForRouter(routerId: number, opts: { includeDone: boolean; limit: number }): Promise<RouterJob[]>;
  /** Pending jobs per router id. */
  countPending(): Promise<Map<number, number>>;
  /** Failed jobs per router id. */
  countFailed(): Promise<Map<number, number>>;
  /** Makes a router's failed jobs (or the one given) pending and due at `at`; returns how many. */
  requeueFailed(routerId: number, jobId: number | undefined, at: number): Promise<number>;
}
