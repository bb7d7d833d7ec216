// What the regency's officials read, always within their area: usage and coverage in the village reports' shape
// (rows with a key, and totals), the villages and when each last reported, and each village's figures over a
// period. The small-cell rule is the village's ("< 5" for 1 to 4 devices, residents or households), applied here
// so the pages, the exports and the JSON API show the same numbers.
//
// Distinct devices and residents (they do not add up over days) are stated with their basis:
// - `day`: one day, exact (a village's daily figure; a kecamatan's or the regency's, the sum of its villages');
// - `month`: a period from the 1st to a day of the same month, exact through each village's month-to-date counts
//   of its latest day received in it (kecamatan/village groupings and totals);
// - `peak-day`: any other period, or a router/dusun/plan row over several days: the busiest single day's figure,
//   a lower bound of the distinct count over the period.
import { quotaDay } from '../../domain/quota-day.js';
import { addDays } from '../../domain/report-period.js';
import { type MaskedCount, maskSmallCells } from '../../domain/small-cell.js';
import type { Reader } from './regency-access.js';
import type {
  CoverageGroup,
  CoverageSums,
  GroupRow,
  ReadStore,
  UsageGroup,
  UsageSums,
  VillageFilter,
} from './regency-ports.js';

export type RegencyUsageDimension = UsageGroup;
export type RegencyCoverageDimension = CoverageGroup;
export const REGENCY_USAGE_DIMENSIONS: readonly UsageGroup[] = [
  'day',
  'kecamatan',
  'village',
  'router',
  'dusun',
  'plan',
];
export const REGENCY_COVERAGE_DIMENSIONS: readonly CoverageGroup[] = ['kecamatan', 'village', 'dusun'];

export type DistinctBasis = 'day' | 'month' | 'peak-day';
type Masked<T, K extends keyof T> = Omit<T, K> & Record<K, MaskedCount>;
export type RegencyUsageRow = GroupRow & Masked<UsageSums, 'devices' | 'residents'>;
export type RegencyCoverageRow = GroupRow & Masked<CoverageSums, keyof CoverageSums>;

const USAGE_COUNTS = ['devices', 'residents'] as const;
const COVERAGE_COUNTS = ['residents', 'registered', 'households', 'householdsConnected'] as const;

/** A village stops counting as reporting when no day came for this many days (its latest day is that old). */
export const STOPPED_AFTER_DAYS = 2;

export interface ViewDeps {
  readonly store: ReadStore;
  readonly now: () => number;
  readonly timeZone: string;
}

function filterOf(reader: Reader, q: { kecamatan?: string | undefined; village?: string | undefined }) {
  return { area: reader.area, kecamatan: q.kecamatan || undefined, village: q.village || undefined };
}

const sameMonthFromFirst = (from: string, to: string) =>
  from.endsWith('-01') && from.slice(0, 7) === to.slice(0, 7);

export function createRegencyViewService(deps: ViewDeps) {
  const today = () => quotaDay(deps.now(), deps.timeZone).day;

  return {
    today,

    async usage(
      reader: Reader,
      q: {
        from: string;
        to: string;
        by: UsageGroup;
        kecamatan?: string | undefined;
        village?: string | undefined;
      },
    ) {
      const f: VillageFilter = filterOf(reader, q);
      const [rows, totals] = await Promise.all([
        deps.store.usage(f, q.from, q.to, q.by),
        deps.store.usageTotals(f, q.from, q.to),
      ]);
      const oneDay = q.from === q.to;
      const month = !oneDay && sameMonthFromFirst(q.from, q.to);
      let rowBasis: DistinctBasis = oneDay || q.by === 'day' ? 'day' : 'peak-day';
      let totalsBasis: DistinctBasis = oneDay ? 'day' : 'peak-day';
      let outRows: Array<GroupRow & UsageSums> = rows;
      let outTotals: UsageSums = totals;
      if (month) {
        const mtd = await deps.store.monthToDate(f, q.from, q.to);
        const sum = (pick: (m: (typeof mtd)[number]) => boolean) =>
          mtd.filter(pick).reduce((a, m) => ({ d: a.d + m.devices, r: a.r + m.residents }), { d: 0, r: 0 });
        const all = sum(() => true);
        outTotals = { ...totals, devices: all.d, residents: all.r };
        totalsBasis = 'month';
        if (q.by === 'village' || q.by === 'kecamatan') {
          outRows = rows.map((r) => {
            const s = sum((m) =>
              q.by === 'village' ? m.village === r.village : m.kecamatan === r.kecamatan,
            );
            return { ...r, devices: s.d, residents: s.r };
          });
          rowBasis = 'month';
        }
      }
      return {
        from: q.from,
        to: q.to,
        by: q.by,
        distinct: { rows: rowBasis, totals: totalsBasis },
        rows: outRows.map((r) => maskSmallCells(r, USAGE_COUNTS)) as RegencyUsageRow[],
        totals: maskSmallCells(outTotals, USAGE_COUNTS),
      };
    },

    async coverage(
      reader: Reader,
      q: { by: CoverageGroup; kecamatan?: string | undefined; village?: string | undefined },
    ) {
      const rows = await deps.store.coverage(filterOf(reader, q), q.by);
      const totals = rows.reduce<CoverageSums>(
        (a, r) => ({
          residents: a.residents + r.residents,
          registered: a.registered + r.registered,
          households: a.households + r.households,
          householdsConnected: a.householdsConnected + r.householdsConnected,
        }),
        { residents: 0, registered: 0, households: 0, householdsConnected: 0 },
      );
      return {
        by: q.by,
        rows: rows.map((r) => maskSmallCells(r, COVERAGE_COUNTS)) as RegencyCoverageRow[],
        totals: maskSmallCells(totals, COVERAGE_COUNTS),
      };
    },

    /** The villages in the reader's area, each with its last day received and whether it stopped reporting. */
    async villages(reader: Reader, q: { kecamatan?: string | undefined } = {}) {
      const cutoff = addDays(today(), 1 - STOPPED_AFTER_DAYS);
      const rows = await deps.store.villages(filterOf(reader, q));
      return rows.map((v) => ({
        code: v.code,
        name: v.name,
        kecamatan: v.kecamatan,
        lastDay: v.lastDay,
        lastReceivedAt: v.lastReceivedAt,
        reporting: v.lastDay !== null && v.lastDay >= cutoff,
      }));
    },

    villagePeriod(
      reader: Reader,
      q: { from: string; to: string; kecamatan?: string | undefined; village?: string | undefined },
    ) {
      return deps.store.villagePeriod(filterOf(reader, q), q.from, q.to);
    },

    /** All 168 cells (weekday 0 = Monday × hour), zeros included, as the village's heat map. */
    async heatMap(reader: Reader, q: { from: string; to: string; kecamatan?: string | undefined }) {
      const cells = new Map(
        (await deps.store.heatMap(filterOf(reader, q), q.from, q.to)).map((c) => [
          c.weekday * 24 + c.hour,
          c,
        ]),
      );
      return Array.from(
        { length: 168 },
        (_, i) => cells.get(i) ?? { weekday: Math.floor(i / 24), hour: i % 24, bytes: 0, sessions: 0 },
      );
    },
  };
}

export type RegencyViewService = ReturnType<typeof createRegencyViewService>;
