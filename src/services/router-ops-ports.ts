// The storage the router operations (provisioning, plan pushes, health, live sessions) need, as ports the
// db/stores implement. Kept apart from the routers service so that managing routers and talking to them
// can change independently.

/** A router as its management needs it; secrets still sealed. */
export interface ManagedRouter {
  readonly id: number;
  readonly name: string;
  readonly nasIp: string;
  readonly radiusSecretEnc: string;
  readonly requireMessageAuth: boolean;
  readonly apiHost: string | null;
  readonly apiPort: number | null;
  readonly apiTls: boolean;
  readonly apiUser: string | null;
  readonly apiPasswordEnc: string | null;
  readonly hotspotServer: string | null;
  readonly hotspotProfile: string | null;
  /** Bits per second. */
  readonly uplinkDownRate: number | null;
  readonly uplinkUpRate: number | null;
  /** 'unknown' | 'up' | 'down' */
  readonly health: string;
  readonly healthChangedAt: number | null;
  readonly lastContactAt: number | null;
  readonly rosVersion: string | null;
  readonly board: string | null;
  readonly lastSyncAt: number | null;
}

/** What a plan contributes to a router: its user profile. */
export interface PlanProfile {
  readonly id: number;
  readonly name: string;
  readonly profile_name: string;
  readonly down_rate: number;
  readonly up_rate: number;
  readonly burst_down_rate: number | null;
  readonly burst_up_rate: number | null;
  readonly burst_threshold_down: number | null;
  readonly burst_threshold_up: number | null;
  readonly burst_time_s: number | null;
  readonly priority: number | null;
  readonly devices_allowed: number;
  readonly is_default: boolean;
}

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

export interface RouterOpsStore {
  findRouterByName(name: string): Promise<ManagedRouter | undefined>;
  findRouterById(id: number): Promise<ManagedRouter | undefined>;
  /** Routers with an API address, by name. */
  listManagedRouters(): Promise<ManagedRouter[]>;
  listPlans(): Promise<PlanProfile[]>;
  findPlan(id: number): Promise<PlanProfile | undefined>;
  /** The router answered: up, with what it reported. Returns the health it had before. */
  recordUp(
    routerId: number,
    at: number,
    reading: { version: string; board?: string | undefined },
  ): Promise<string>;
  /** The router did not answer. Returns the health it had before. */
  recordDown(routerId: number, at: number): Promise<string>;
  markSynced(routerId: number, at: number): Promise<void>;
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
  /** Pending jobs per router id. */
  countPending(): Promise<Map<number, number>>;
}
