// The officials' reports: coverage of the roster, usage, the heat map, access points, quota and rejects, over a
// period and the one before it. Figures come from the rollups through the ReportStore; the small-cell rule is
// applied here by role, so the pages, the exports and the JSON API show the same masked numbers.
import { bornOnOrBefore } from '../../domain/account-rules.js';
import { quotaDay } from '../../domain/quota-day.js';
import { addDays, type Period, previousPeriod } from '../../domain/report-period.js';
import { type MaskedCount, maskSmallCells, maskSmallCount } from '../../domain/small-cell.js';
import { createDistinctCounts, type DistinctCountOptions, type RowCounting } from './distinct-counts.js';
import type {
  AccessPointUsage,
  CoverageDimension,
  CoverageFigures,
  HeatCell,
  Keyed,
  ReportStore,
  UsageDimension,
  UsageFigures,
} from './report-ports.js';

/** Who is looking: officials see aggregates with small cells masked; operators and admins see the counts. */
export type ReportViewer = 'admin' | 'operator' | 'official';

type Masked<T, K extends keyof T> = Omit<T, K> & Record<K, MaskedCount>;
export type UsageRow = Masked<UsageFigures, 'devices' | 'residents'>;
export type CoverageRow = Masked<
  CoverageFigures,
  'residents' | 'registered' | 'households' | 'householdsConnected'
>;
/** A usage row whose distinct counts may still be being computed (null: not known yet, never 0). */
export type UsageReportRow = Omit<UsageRow, 'devices' | 'residents'> & {
  readonly devices: MaskedCount | null;
  readonly residents: MaskedCount | null;
};

/** The usage report: rows, the totals (always whole: the village's counts are cheap) and how rows are counted. */
export interface UsageReport {
  readonly rows: ReadonlyArray<UsageReportRow & { readonly key: string }>;
  readonly totals: UsageRow;
  /** How the rows' distinct counts were had; absent: inline, with the rows. */
  readonly counting?: RowCounting;
}

export interface KeyedReport<T> {
  readonly rows: ReadonlyArray<T & { readonly key: string }>;
  readonly totals: T;
}

const USAGE_COUNTS = ['devices', 'residents'] as const;
const COVERAGE_COUNTS = ['residents', 'registered', 'households', 'householdsConnected'] as const;

/** A router's row of the access points report: its figures, uptime share and busiest hours (from the store). */
export type AccessPointRow = AccessPointUsage;

export interface ReportDeps {
  readonly store: ReportStore;
  readonly now: () => number;
  readonly timeZone: string;
  /** The portal's registering age (WARGANET_MIN_AGE): coverage counts residents it would admit. */
  readonly minAge: number;
  /** When router, dusun and plan rows' distinct counts are computed in the background (distinct-counts.ts). */
  readonly distinctCounts?: DistinctCountOptions;
}

function masked<T extends object, K extends keyof T>(
  report: Keyed<T>,
  fields: readonly K[],
  viewer: ReportViewer,
): KeyedReport<Masked<T, K>> {
  if (viewer !== 'official') return report as unknown as KeyedReport<Masked<T, K>>;
  return {
    rows: report.rows.map((r) => maskSmallCells(r, fields) as Masked<T, K> & { key: string }),
    totals: maskSmallCells(report.totals, fields),
  };
}

export function createReportService(deps: ReportDeps) {
  const offsetAt = (day: string) => {
    // The zone's offset at that local day's midnight (Indonesia has one offset all year).
    const guess = Date.parse(`${day}T12:00:00Z`);
    const w = quotaDay(guess, deps.timeZone);
    return Date.parse(`${w.day}T00:00:00Z`) - w.start;
  };
  const distinct = createDistinctCounts(deps, deps.distinctCounts);
  const maskCount = (n: number, viewer: ReportViewer): MaskedCount =>
    viewer === 'official' ? maskSmallCount(n) : n;

  /**
   * Router, dusun or plan rows: the sums read while the counts' way is decided (the estimate, then the cache, or
   * the exact count of a small scan), then each row given its counts: counted, cached (a key the cache lacks gets
   * 0, as the count gives a key without first-seen rows) or null while the background computes them.
   */
  async function groupedUsage(
    q: { from: string; to: string; by: 'router' | 'dusun' | 'plan' },
    viewer: ReportViewer,
  ): Promise<UsageReport> {
    const [sums, { counting, counts }] = await Promise.all([
      deps.store.usageSums(q.from, q.to, q.by),
      (async () => {
        const counted = await distinct.rowCounts(q.from, q.to, q.by);
        if (counted.counting.state === 'inline')
          return { ...counted, counts: await deps.store.usageRowCounts(q.from, q.to, q.by) };
        return { counting: counted.counting, counts: 'counts' in counted ? counted.counts : undefined };
      })(),
    ]);
    // Cached counts are kept by row label: when they lack a row (a router or plan renamed since), the range is
    // counted anew and shown as being counted meanwhile, never with a count of 0 for that row.
    let shown = counts;
    let recounting: RowCounting = counting;
    if (counting.state === 'cached' && counts && sums.rows.some((r) => !counts.has(r.key))) {
      if (!counting.refreshing) await distinct.recount(q.from, q.to, q.by);
      shown = undefined;
      recounting = { state: 'pending' };
    }
    return {
      // The fields named, not `{ ...r }`: a spread copies a regency's 9,000 rows field by field the slow way.
      rows: sums.rows.map((r) => {
        const c = shown?.get(r.key);
        return {
          key: r.key,
          bytesDown: r.bytesDown,
          bytesUp: r.bytesUp,
          sessions: r.sessions,
          devices: shown ? maskCount(c?.devices ?? 0, viewer) : null,
          residents: shown ? maskCount(c?.residents ?? 0, viewer) : null,
        };
      }),
      totals: viewer === 'official' ? maskSmallCells(sums.totals, USAGE_COUNTS) : sums.totals,
      counting: recounting,
    };
  }

  /** Today in the village's zone: the default end of every period picker. */
  const today = () => quotaDay(deps.now(), deps.timeZone).day;

  const allAccessPoints = (q: { from: string; to: string }): Promise<AccessPointRow[]> =>
    deps.store.accessPoints(q.from, q.to, undefined, today());

  return {
    today,

    /** Usage by `by`, every count computed with the rows (exact; what the background computation stores). */
    async usage(q: { from: string; to: string; by: UsageDimension }, viewer: ReportViewer) {
      return masked(await deps.store.usage(q.from, q.to, q.by), USAGE_COUNTS, viewer);
    },

    /**
     * `usage` as the pages, the API and the exports show it: router, dusun and plan rows of a range whose counting
     * scans many first-seen rows get their distinct counts from the background (`counting` says whether they are
     * there yet, and from when); every other report is `usage` itself.
     */
    async usageReport(
      q: { from: string; to: string; by: UsageDimension },
      viewer: ReportViewer,
    ): Promise<UsageReport> {
      const by = q.by;
      if (by === 'router' || by === 'dusun' || by === 'plan')
        return groupedUsage({ from: q.from, to: q.to, by }, viewer);
      const report = masked(await deps.store.usage(q.from, q.to, q.by), USAGE_COUNTS, viewer);
      return { ...report, counting: { state: 'inline' } };
    },

    /** Resolves when this node's background counts are done (tests await it). */
    settle: () => distinct.settle(),

    /** `usage` by router, dusun or plan, only the `limit` rows with most download (in key order), and `count`. */
    async usageTop(
      q: { from: string; to: string; by: 'router' | 'dusun' | 'plan' },
      limit: number,
      viewer: ReportViewer,
    ): Promise<KeyedReport<UsageRow> & { count: number }> {
      const top = await deps.store.usageTop(q.from, q.to, q.by, limit);
      return { ...masked(top, USAGE_COUNTS, viewer), count: top.count };
    },

    async coverage(q: { by: CoverageDimension }, viewer: ReportViewer) {
      const bornBy = bornOnOrBefore(deps.minAge, deps.now());
      return masked(await deps.store.coverage(q.by, bornBy), COVERAGE_COUNTS, viewer);
    },

    /** The totals of the period before `period` (the previous day, month, year or as many days). */
    async previousTotals(period: Period, viewer: ReportViewer) {
      const previous = previousPeriod(period);
      const totals = await deps.store.usageTotals(previous.from, previous.to);
      return { previous, totals: viewer === 'official' ? maskSmallCells(totals, USAGE_COUNTS) : totals };
    },

    /** Registrations per day and the running total (accounts, so never small-cell masked per day: no place). */
    async registrations(q: { from: string; to: string }) {
      const { before, days } = await deps.store.registrations(q.from, q.to, offsetAt(q.from));
      let total = before;
      return days.map((d) => {
        total += d.registered;
        return { day: d.day, registered: d.registered, total };
      });
    },

    /** Traffic by weekday (0 = Monday) and local hour: all 168 cells, zeros included. */
    async heatMap(q: { from: string; to: string }): Promise<HeatCell[]> {
      const cells = new Map(
        (await deps.store.heatMap(q.from, q.to)).map((c) => [c.weekday * 24 + c.hour, c]),
      );
      return Array.from({ length: 168 }, (_, i) => {
        const weekday = Math.floor(i / 24);
        const hour = i % 24;
        return cells.get(i) ?? { weekday, hour, bytes: 0, sessions: 0 };
      });
    },

    /** Every router (the CSV and XLSX list). */
    accessPoints: allAccessPoints,

    /**
     * The short list a page shows (the routers down, then the busiest at peak; at most `limit`), in name order,
     * and how many routers there are: a regency's 9,000 are read for the ranking only.
     */
    async topAccessPoints(
      q: { from: string; to: string },
      limit: number,
    ): Promise<{ rows: AccessPointRow[]; total: number }> {
      const { routerIds, total } = await deps.store.accessPointRanking(q.from, q.to, limit);
      if (routerIds.length >= total) return { rows: await allAccessPoints(q), total };
      return { rows: await deps.store.accessPoints(q.from, q.to, routerIds, today()), total };
    },

    async quotaExhaustion(q: { from: string; to: string }, viewer: ReportViewer) {
      const rows = await deps.store.quotaExhaustion(q.from, q.to);
      return viewer === 'official' ? rows.map((r) => maskSmallCells(r, ['accounts'] as const)) : rows;
    },

    async rejects(q: { from: string; to: string }) {
      return deps.store.rejects(q.from, q.to, offsetAt(q.from));
    },

    /** The last `days` days up to today, both included. */
    lastDays(days: number): { from: string; to: string } {
      const to = quotaDay(deps.now(), deps.timeZone).day;
      return { from: addDays(to, -(days - 1)), to };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
