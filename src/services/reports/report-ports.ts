// What the reports need from storage: aggregates over the rollups (usage_daily, usage_hourly,
// router_uptime_daily), the roster and accounts. Never a name, NIK or MAC: only keys of groups and counts.

export type UsageDimension = 'day' | 'week' | 'month' | 'year' | 'router' | 'dusun' | 'plan' | 'institution';
export const USAGE_DIMENSIONS: readonly UsageDimension[] = [
  'day',
  'week',
  'month',
  'year',
  'router',
  'dusun',
  'plan',
  // Institution devices' traffic (usage_institution_daily), never in a resident's row.
  'institution',
];
export type CoverageDimension = 'dusun' | 'rw' | 'rt';
export const COVERAGE_DIMENSIONS: readonly CoverageDimension[] = ['dusun', 'rw', 'rt'];

export interface UsageFigures {
  /** Bytes the router sent to the residents: Acct-Output-Octets with gigawords. */
  readonly bytesDown: number;
  readonly bytesUp: number;
  readonly sessions: number;
  /** Distinct devices and residents over the whole row (not a sum of days). */
  readonly devices: number;
  readonly residents: number;
}

export interface CoverageFigures {
  /** Active roster residents of registering age. */
  readonly residents: number;
  /** Of them, those with an active Wi-Fi account. */
  readonly registered: number;
  /** Households (KK) in the active roster. */
  readonly households: number;
  /** Households with at least one registered member. */
  readonly householdsConnected: number;
}

export interface Keyed<T> {
  readonly rows: ReadonlyArray<T & { readonly key: string }>;
  readonly totals: T;
}

export interface HeatCell {
  /** 0 = Monday … 6 = Sunday. */
  readonly weekday: number;
  readonly hour: number;
  readonly bytes: number;
  readonly sessions: number;
}

/**
 * A router's figures with what the report derives from them (domain/access-point-figures.ts), applied by the store
 * as it reads the router: a regency's 9,000 rows are built once, not once per stage.
 */
export interface AccessPointUsage extends AccessPointFigures {
  /** Share of the observed time the router was up, 0–1; null when no poll covered the period. */
  readonly uptime: number | null;
  /** Local hours by bytes (down + up), busiest first: at most three, the earlier hour first on a tie. */
  readonly busiestHours: readonly number[];
}

export interface AccessPointFigures {
  readonly routerId: number;
  readonly name: string;
  readonly dusun: string | null;
  readonly health: string;
  readonly upMs: number;
  readonly downMs: number;
  readonly peakSessions: number;
  readonly liveSessions: number;
  readonly bytesDown: number;
  readonly bytesUp: number;
  readonly sessions: number;
}

/** The rows whose distinct counts may be computed in the background. */
export type CountedDimension = 'router' | 'dusun' | 'plan';

export interface DistinctCounts {
  readonly devices: number;
  readonly residents: number;
}

/** A background computation of one range's counts per row, as a node claimed it. */
export interface DistinctJob {
  readonly from: string;
  readonly to: string;
  readonly dim: CountedDimension;
  /** When the claim was made (epoch ms): the cached counts are "as of" then. */
  readonly startedAt: number;
}

/** A range's cached counts per row label, or its state while none are computed yet. */
export interface CachedDistinct {
  /** When the cached counts were computed (epoch ms); null while none are. */
  readonly computedAt: number | null;
  /** A (re)computation is queued or running. */
  readonly wanted: boolean;
  readonly counts: ReadonlyMap<string, DistinctCounts>;
}

/**
 * The cache of custom ranges' distinct counts per router, dusun or plan (usage_distinct_ranges and _rows): one
 * row per (from, to, dimension), shared by every node on the database, doubling as the job queue.
 */
export interface DistinctCacheStore {
  read(from: string, to: string, dim: CountedDimension): Promise<CachedDistinct | undefined>;
  /**
   * Queue a computation of the range unless one is queued or running; false when `maxWaiting` computations are
   * already waiting (nothing queued: a later request asks again).
   */
  request(from: string, to: string, dim: CountedDimension, now: number, maxWaiting: number): Promise<boolean>;
  /**
   * Claim the oldest wanted range for `runner`, unless a computation claimed since `staleBefore` is running (one at
   * a time over every node); a claim older than that is a dead node's and is taken over.
   */
  claim(now: number, staleBefore: number, runner: string): Promise<DistinctJob | undefined>;
  /**
   * Run the exact count of a claimed job and store its rows with computed_at = its start, in one statement;
   * false when the claim was lost meanwhile (taken over after the timeout): nothing is written then.
   */
  compute(job: DistinctJob, runner: string): Promise<boolean>;
  /** Give a claim back after a failed computation, so that it is retried (by the next request's worker). */
  release(job: DistinctJob, runner: string): Promise<void>;
}

export interface ReportStore {
  usage(from: string, to: string, by: UsageDimension): Promise<Keyed<UsageFigures>>;
  /**
   * How many first-seen rows counting [from, to]'s rows by router, dusun or plan scans, estimated from usage_counts
   * (the whole village's subjects of the periods it reads); 0 when each row's counts are read from usage_counts.
   */
  distinctScanSize(from: string, to: string): Promise<number>;
  /** `usage` by router, dusun or plan without the rows' distinct counts (bytes and sessions; totals whole). */
  usageSums(
    from: string,
    to: string,
    by: CountedDimension,
  ): Promise<{
    rows: ReadonlyArray<Omit<UsageFigures, 'devices' | 'residents'> & { readonly key: string }>;
    totals: UsageFigures;
  }>;
  /** The distinct counts of each row of `usage` by router, dusun or plan, by row key (counted now: exact). */
  usageRowCounts(
    from: string,
    to: string,
    by: CountedDimension,
  ): Promise<ReadonlyMap<string, DistinctCounts>>;
  readonly distinctCache: DistinctCacheStore;
  /**
   * `usage` by router, dusun or plan cut to the `limit` rows with most download (ties by key), in key order, with
   * how many rows `usage` has and its totals.
   */
  usageTop(
    from: string,
    to: string,
    by: 'router' | 'dusun' | 'plan',
    limit: number,
  ): Promise<Keyed<UsageFigures> & { readonly count: number }>;
  /** The totals row of `usage` alone. */
  usageTotals(from: string, to: string): Promise<UsageFigures>;
  /** `bornBy`: the latest birth date of registering age; residents without a readable one are counted. */
  coverage(by: CoverageDimension, bornBy: string): Promise<Keyed<CoverageFigures>>;
  /** New active-or-suspended accounts per day of creation (local `offsetMs`), and how many existed before. */
  registrations(
    from: string,
    to: string,
    offsetMs: number,
  ): Promise<{ before: number; days: ReadonlyArray<{ day: string; registered: number }> }>;
  heatMap(from: string, to: string): Promise<HeatCell[]>;
  /**
   * Every router, or only those of `routerIds`, ordered by name, with its bytes per local hour (one pass). `today`
   * (the village's): a period holding it counts the sessions live now toward its peak (`periodPeak`).
   */
  accessPoints(
    from: string,
    to: string,
    routerIds?: readonly number[],
    today?: string,
  ): Promise<AccessPointUsage[]>;
  /**
   * The `limit` routers a short list shows first: those down, then the most concurrent sessions at peak over the
   * period (from the uptime rollup, cheap at 9,000 routers), then by name; and how many routers there are.
   */
  accessPointRanking(
    from: string,
    to: string,
    limit: number,
  ): Promise<{ routerIds: readonly number[]; total: number }>;
  /** Accounts that used their plan's whole daily quota, per day. */
  quotaExhaustion(from: string, to: string): Promise<ReadonlyArray<{ day: string; accounts: number }>>;
  /** Rejected logins per local day and reason, from the auth log (kept for its retention only). */
  rejects(
    from: string,
    to: string,
    offsetMs: number,
  ): Promise<ReadonlyArray<{ day: string; reason: string; count: number }>>;
}
