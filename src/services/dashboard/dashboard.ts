// The dashboard's one answer: how the network is doing right now (routers up or down, live sessions, data and
// registrations today, what waits for an operator, why logins fail, which router work failed). It is read by
// every signed-in operator's page on a timer, so one computation is shared by everyone asking within a few
// seconds, and each figure comes from an index, never a scan of sessions or the auth log.
import { quotaDay } from '../../domain/quota-day.js';
import type { StorageStatus } from '../health/storage-health.js';

export interface DashboardRouter {
  readonly id: number;
  readonly name: string;
  /** 'up' | 'down' | 'unknown' (never polled). */
  readonly health: string;
  readonly healthChangedAt: number | null;
  readonly lastContactAt: number | null;
  readonly liveSessions: number;
}

export interface FailedJob {
  readonly id: number;
  readonly routerId: number;
  readonly routerName: string;
  readonly kind: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly updatedAt: number;
}

export interface DashboardSummary {
  /** When these figures were read (epoch ms). */
  readonly at: number;
  /** Today in the village's time zone, `YYYY-MM-DD`. */
  readonly day: string;
  readonly routers: {
    readonly up: number;
    readonly down: number;
    readonly unknown: number;
    /** Down first, then by name: what needs attention on top. */
    readonly list: readonly DashboardRouter[];
  };
  readonly liveSessions: number;
  /** From the clients' point of view, over today's usage rows. */
  readonly dataToday: { readonly downloadBytes: number; readonly uploadBytes: number };
  readonly registrationsToday: number;
  readonly pendingApprovals: number;
  readonly rejectsLastHour: {
    readonly total: number;
    /** Most frequent first. */
    readonly byReason: readonly ReasonCount[];
  };
  readonly failedJobs: { readonly count: number; readonly latest: readonly FailedJob[] };
  /** Whether what must be kept can be written now (disk full, read-only, unreachable database). */
  readonly storage: StorageStatus;
}

/** Auth log events of one decision and reason, with how many events they stand for. */
export interface ReasonCount {
  /** 'reject', or 'drop' (no answer: unknown router, wrong secret): both are why a phone cannot connect. */
  readonly decision: string;
  readonly reason: string;
  readonly count: number;
}

/** What a fresh install still lacks, from cheap existence checks (each an index probe, never a count of rows). */
export interface SetupFacts {
  readonly residents: boolean;
  readonly plans: boolean;
  readonly routers: number;
  /** Routers whose RADIUS client, profiles and walled garden were written at least once. */
  readonly provisioned: number;
}

/** The first steps of a new village, in the order an operator takes them; `done` once the data shows it. */
export type FirstStep = 'roster' | 'plan' | 'router' | 'provision' | 'portalUrl';

export interface DashboardStore {
  /** Whether residents and plans exist, and how many routers there are and were provisioned. */
  setupFacts(): Promise<SetupFacts>;
  /** Every router with its health and its number of active sessions. */
  routersWithSessions(): Promise<DashboardRouter[]>;
  /** Sums of usage_daily for one day: bytes_in is what clients sent (upload), bytes_out what they received. */
  usageOfDay(day: string): Promise<{ bytesIn: number; bytesOut: number }>;
  /** Accounts created at or after `since`. */
  accountsCreatedSince(since: number): Promise<number>;
  pendingAccounts(): Promise<number>;
  /**
   * Rejects and drops whose last event is at or after `since`, by reason. Auth log rows fold repeats for up to
   * `foldWindowMs`, so a row counted here was first written at most that long before `since`.
   */
  rejectsSince(since: number, foldWindowMs: number): Promise<ReasonCount[]>;
  failedJobs(latest: number): Promise<{ count: number; latest: FailedJob[] }>;
}

export interface DashboardDeps {
  readonly stores: { readonly dashboard: DashboardStore };
  readonly now: () => number;
  readonly timeZone: string;
  /** Storage health where the runtime tracks it (Node); always fine otherwise. */
  readonly storage?: (() => StorageStatus) | undefined;
}

export interface DashboardSettings {
  /**
   * How long one reading is served to everyone who asks (ms). The page refreshes every 15–30 s; twenty operators
   * on it should cost one reading, not twenty. 0 reads afresh every time.
   */
  readonly maxAgeMs?: number | undefined;
}

const HOUR_MS = 60 * 60 * 1000;
/** The auth log's fold window (src/services/radius/auth-log.ts): a row collects repeats for up to an hour. */
const AUTH_LOG_FOLD_MS = HOUR_MS;
const LATEST_FAILED_JOBS = 5;
const HEALTH_ORDER: Record<string, number> = { down: 0, unknown: 1, up: 2 };

export function createDashboard(deps: DashboardDeps, settings: DashboardSettings = {}) {
  const store = deps.stores.dashboard;
  const maxAgeMs = settings.maxAgeMs ?? 5000;
  let cached: { at: number; summary: Promise<DashboardSummary> } | undefined;

  async function read(now: number): Promise<DashboardSummary> {
    const today = quotaDay(now, deps.timeZone);
    const [routers, usage, registrations, pending, rejects, failed] = await Promise.all([
      store.routersWithSessions(),
      store.usageOfDay(today.day),
      store.accountsCreatedSince(today.start),
      store.pendingAccounts(),
      store.rejectsSince(now - HOUR_MS, AUTH_LOG_FOLD_MS),
      store.failedJobs(LATEST_FAILED_JOBS),
    ]);
    const count = (health: string) => routers.filter((r) => r.health === health).length;
    const list = [...routers].sort(
      (a, b) => (HEALTH_ORDER[a.health] ?? 1) - (HEALTH_ORDER[b.health] ?? 1) || a.name.localeCompare(b.name),
    );
    const byReason = [...rejects].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    return {
      at: now,
      day: today.day,
      routers: {
        up: count('up'),
        down: count('down'),
        unknown: routers.length - count('up') - count('down'),
        list,
      },
      liveSessions: routers.reduce((n, r) => n + r.liveSessions, 0),
      dataToday: { downloadBytes: usage.bytesOut, uploadBytes: usage.bytesIn },
      registrationsToday: registrations,
      pendingApprovals: pending,
      rejectsLastHour: { total: byReason.reduce((n, r) => n + r.count, 0), byReason },
      failedJobs: failed,
      storage: deps.storage?.() ?? { ok: true },
    };
  }

  return {
    /**
     * The first steps still to take on a new install (roster, a plan, a router, provisioning it, the portal's
     * address), in order; empty once the village runs. `portalUrlSet` is the runtime's (WARGANET_PUBLIC_URL known).
     */
    async firstSteps(portalUrlSet: boolean): Promise<ReadonlyArray<{ step: FirstStep; done: boolean }>> {
      const f = await store.setupFacts();
      const steps: Array<{ step: FirstStep; done: boolean }> = [
        { step: 'roster', done: f.residents },
        { step: 'plan', done: f.plans },
        { step: 'router', done: f.routers > 0 },
        { step: 'provision', done: f.routers > 0 && f.provisioned === f.routers },
        { step: 'portalUrl', done: portalUrlSet },
      ];
      return steps.every((s) => s.done) ? [] : steps;
    },

    /** The current figures, at most `maxAgeMs` old; callers at the same moment share one reading. */
    summary(): Promise<DashboardSummary> {
      // Storage health is read afresh: a full disk or its recovery shows at once, not after the cache.
      const storage = deps.storage;
      if (!storage) return reading();
      return reading().then((s) => ({ ...s, storage: storage() }));
    },
  };

  function reading(): Promise<DashboardSummary> {
    const now = deps.now();
    if (cached && now - cached.at < maxAgeMs && now >= cached.at) return cached.summary;
    const summary = read(now);
    cached = { at: now, summary };
    // A failed reading is not served to the next caller.
    summary.catch(() => {
      if (cached?.summary === summary) cached = undefined;
    });
    return summary;
  }
}

export type Dashboard = ReturnType<typeof createDashboard>;
