// Distinct devices and residents per router, dusun or plan of a custom range that cuts months: exact always, but
// computed in the background when counting them would scan more first-seen rows than a request may wait for (a
// regency: tens of millions of rows, 39–49 s). A large range's first request queues ONE computation in the
// shared cache table (deduplicated across requests and nodes); this node's worker runs it off the request, one at
// a time, and the pages, the API and the exports show "being counted" until the cache holds the counts.
import { quotaDay } from '../../domain/quota-day.js';
import { addDays } from '../../domain/report-period.js';
import type { CountedDimension, DistinctCounts, ReportStore } from './report-ports.js';

export interface DistinctCountOptions {
  /**
   * Scans of more first-seen rows than this (`distinctScanSize`) run in the background. 200,000 is about 300 ms
   * of counting: the large village's 55,000 (2026-02-10 … 2026-11-20, ~80 ms) stay inline, a regency's 16.6 M
   * go to the background. Tests set 0 to force the background path on tiny data.
   */
  readonly inlineScanLimit?: number;
  /** Counts of a range that includes today or yesterday are recomputed when older than this (15 min). */
  readonly refreshAfterMs?: number;
  /** A computation claimed longer ago than this is a dead node's, and another node takes it over (10 min). */
  readonly claimTimeoutMs?: number;
  /** Ranges waiting at most; a request beyond them is answered "being counted" and asks again next time. */
  readonly maxWaiting?: number;
  /** Where a failed computation is reported (it is retried on the next request). */
  readonly onError?: (error: unknown) => void;
}

/** What a range's rows hold for their distinct counts. */
export type RowCounting =
  /** Counted with the rows (a small scan, or each row's counts in usage_counts). */
  | { readonly state: 'inline' }
  /** Being counted in the background: the rows have no counts yet. */
  | { readonly state: 'pending' }
  /**
   * From the cache. `computed` (local day and HH.MM) when the range includes today or yesterday, whose counts
   * still grow; `refreshing` while a newer count runs.
   */
  | {
      readonly state: 'cached';
      /** When the counts were computed (epoch ms). */
      readonly computedAt: number;
      readonly computed: { readonly day: string; readonly time: string; readonly today: boolean } | null;
      readonly refreshing: boolean;
    };

export type RowCountsResult =
  | { readonly counting: RowCounting & { state: 'inline' | 'pending' } }
  | {
      readonly counting: RowCounting & { state: 'cached' };
      readonly counts: ReadonlyMap<string, DistinctCounts>;
    };

const pad = (n: number) => String(n).padStart(2, '0');

export function createDistinctCounts(
  deps: { store: ReportStore; now: () => number; timeZone: string },
  options: DistinctCountOptions = {},
) {
  const inlineScanLimit = options.inlineScanLimit ?? 200_000;
  const refreshAfterMs = options.refreshAfterMs ?? 15 * 60_000;
  const claimTimeoutMs = options.claimTimeoutMs ?? 10 * 60_000;
  const maxWaiting = options.maxWaiting ?? 64;
  const onError = options.onError ?? ((e: unknown) => console.error('distinct counts:', e));
  const cache = deps.store.distinctCache;
  // This node's name in a claim: another node never completes or releases it.
  const runner = crypto.randomUUID();
  let worker: Promise<void> | undefined;

  /** Claim and compute wanted ranges until none is left (or another node runs one); stops on an error. */
  async function drain(): Promise<void> {
    for (;;) {
      const now = deps.now();
      const job = await cache.claim(now, now - claimTimeoutMs, runner);
      if (!job) return;
      try {
        await cache.compute(job, runner);
      } catch (e) {
        await cache.release(job, runner).catch(() => {});
        throw e;
      }
    }
  }

  /** Starts this node's worker unless it runs; the request never waits for it. */
  function kick(): void {
    if (worker) return;
    worker = drain()
      .catch(onError)
      .finally(() => {
        worker = undefined;
      });
  }

  const localTime = (ms: number) => {
    const w = quotaDay(ms, deps.timeZone);
    const minutes = Math.floor((ms - w.start) / 60_000);
    return { day: w.day, time: `${pad(Math.floor(minutes / 60))}.${pad(minutes % 60)}` };
  };

  return {
    /**
     * How the rows of [from, to] by `dim` get their distinct counts: inline (the caller counts them with the
     * rows), pending (queued or running here or on another node), or the cached counts.
     */
    async rowCounts(from: string, to: string, dim: CountedDimension): Promise<RowCountsResult> {
      if ((await deps.store.distinctScanSize(from, to)) <= inlineScanLimit)
        return { counting: { state: 'inline' } };
      const now = deps.now();
      const cached = await cache.read(from, to, dim);
      if (!cached || cached.computedAt === null) {
        if (!cached?.wanted) await cache.request(from, to, dim, now, maxWaiting);
        kick();
        return { counting: { state: 'pending' } };
      }
      // A range that included today or yesterday when it was counted may have grown since: such counts are
      // shown with their time and recomputed after refreshAfterMs. Counted later, they stay (packets for days
      // older than yesterday are rare: a router that was offline for more than a day).
      const computed = { ...localTime(cached.computedAt), today: false };
      computed.today = computed.day === localTime(now).day;
      const live = addDays(to, 2) > computed.day;
      let refreshing = cached.wanted;
      if (live && now - cached.computedAt > refreshAfterMs && !cached.wanted)
        refreshing = await cache.request(from, to, dim, now, maxWaiting);
      if (refreshing) kick();
      return {
        counting: {
          state: 'cached',
          computedAt: cached.computedAt,
          computed: live ? computed : null,
          refreshing,
        },
        counts: cached.counts,
      };
    },

    /**
     * Asks for a new count of [from, to] by `dim` now (the cached counts lack a row the sums have: a router or
     * plan renamed since, whose counts are kept under its old name). True when it is queued.
     */
    async recount(from: string, to: string, dim: CountedDimension): Promise<boolean> {
      const wanted = await cache.request(from, to, dim, deps.now(), maxWaiting);
      if (wanted) kick();
      return wanted;
    },

    /** Resolves when this node's worker has nothing left to do (tests, and a clean shutdown). */
    async settle(): Promise<void> {
      while (worker) await worker;
    },
  };
}
