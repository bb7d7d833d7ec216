// What each regency page (and its exports, the print page and the PDF) shows, loaded through the regency view
// service only and always for the reader's area: one function per page, so the page, its CSV/XLSX and the
// monthly PDF come from the same queries.
import { daysBetween, type Period, previousPeriod } from '../../domain/report-period.js';
import type { MaskedCount } from '../../domain/small-cell.js';
import type { Reader } from '../../services/regency/regency-access.js';
import type { RegencyViewService } from '../../services/regency/regency-view.js';
import { formatBytes, formatCount, formatHour, formatMonth, formatPercent, formatShare } from '../format.js';
import type { MonthlyReport } from '../monthly-report.js';
import type { CellValue, ReportTable } from '../tables.js';
import type { RegencyMessages } from './regency-messages.js';

const share = (part: MaskedCount, whole: MaskedCount): number | null =>
  typeof part === 'number' && typeof whole === 'number' && whole > 0 ? part / whole : null;

export interface AreaQuery {
  readonly period: Period;
  /** Narrows a kabupaten reader to one kecamatan. */
  readonly kecamatan?: string | undefined;
}

/** Kecamatan rows for a kabupaten-wide look, village rows once the view is one kecamatan or less. */
export const groupOf = (reader: Reader, q: AreaQuery) =>
  reader.area.scope === 'kabupaten' && !q.kecamatan ? ('kecamatan' as const) : ('village' as const);

/** The heat map reads every village's hourly rows: kept to periods of a month or less (bench:worker). */
export const HEAT_MAP_MAX_DAYS = 31;

export async function loadOverview(
  view: RegencyViewService,
  reader: Reader,
  q: AreaQuery,
  m: RegencyMessages,
) {
  const group = groupOf(reader, q);
  const base = { kecamatan: q.kecamatan };
  const [villages, usage, coverage, heat] = await Promise.all([
    view.villages(reader, base),
    view.usage(reader, { ...base, from: q.period.from, to: q.period.to, by: group }),
    view.coverage(reader, { ...base, by: group }),
    daysBetween(q.period.from, q.period.to) <= HEAT_MAP_MAX_DAYS
      ? view.heatMap(reader, { ...base, from: q.period.from, to: q.period.to })
      : Promise.resolve(undefined),
  ]);
  const cov = new Map(coverage.rows.map((r) => [group === 'kecamatan' ? r.kecamatan : r.village, r]));
  const keyOf = (r: { kecamatan?: string | undefined; village?: string | undefined }) =>
    group === 'kecamatan' ? r.kecamatan : r.village;
  const count = (k: string | undefined, reporting?: boolean) =>
    villages.filter(
      (v) => (group === 'kecamatan' ? v.kecamatan : v.code) === k && (reporting === undefined || v.reporting),
    ).length;
  const rm = m.report;
  const keys =
    group === 'kecamatan'
      ? [...new Set(villages.map((v) => v.kecamatan))].map((k) => ({ key: k, id: k }))
      : villages.map((v) => ({ key: v.name, id: v.code }));
  const usageOf = new Map(usage.rows.map((r) => [keyOf(r), r]));
  const table: ReportTable = {
    id: `ringkasan-${group}`,
    title: group === 'kecamatan' ? m.title.byKecamatan : m.title.byVillage,
    columns: [
      { id: 'key', label: group === 'kecamatan' ? m.col.kecamatan : m.col.village, kind: 'text' },
      ...(group === 'kecamatan'
        ? [
            { id: 'villages', label: m.col.villages, kind: 'count' as const },
            { id: 'reporting', label: m.col.reporting, kind: 'count' as const },
          ]
        : []),
      { id: 'bytesDown', label: rm.col.bytesDown, kind: 'bytes' },
      { id: 'sessions', label: rm.col.sessions, kind: 'count' },
      { id: 'devices', label: rm.col.devices, kind: 'count' },
      { id: 'residentsRoster', label: rm.col.residentsRoster, kind: 'count' },
      { id: 'registered', label: rm.col.registered, kind: 'count' },
      { id: 'registeredPct', label: rm.col.registeredPct, kind: 'ratio' },
    ],
    rows: keys.map(({ key, id }): CellValue[] => {
      const u = usageOf.get(id);
      const c = cov.get(id);
      return [
        key,
        ...(group === 'kecamatan' ? [count(id), count(id, true)] : []),
        u?.bytesDown ?? 0,
        u?.sessions ?? 0,
        u?.devices ?? 0,
        c?.residents ?? 0,
        c?.registered ?? 0,
        c ? share(c.registered, c.residents) : null,
      ];
    }),
    totals: [
      rm.col.totalRow,
      ...(group === 'kecamatan' ? [villages.length, villages.filter((v) => v.reporting).length] : []),
      usage.totals.bytesDown,
      usage.totals.sessions,
      usage.totals.devices,
      coverage.totals.residents,
      coverage.totals.registered,
      share(coverage.totals.registered, coverage.totals.residents),
    ],
  };
  const chart = keys.map(({ key, id }) => {
    const v = usageOf.get(id)?.bytesDown ?? 0;
    return { label: key, value: v, display: formatBytes(v, rm) };
  });
  return { ...q, group, villages, usage, coverage, heat, table, chart };
}
export type OverviewData = Awaited<ReturnType<typeof loadOverview>>;

export async function loadComparison(
  view: RegencyViewService,
  reader: Reader,
  q: AreaQuery,
  m: RegencyMessages,
) {
  const base = { kecamatan: q.kecamatan };
  const range = { ...base, from: q.period.from, to: q.period.to };
  const [villages, usage, coverage, period] = await Promise.all([
    view.villages(reader, base),
    view.usage(reader, { ...range, by: 'village' }),
    view.coverage(reader, { ...base, by: 'village' }),
    view.villagePeriod(reader, range),
  ]);
  const u = new Map(usage.rows.map((r) => [r.village, r]));
  const c = new Map(coverage.rows.map((r) => [r.village, r]));
  const p = new Map(period.map((r) => [r.code, r]));
  const rm = m.report;
  const table: ReportTable = {
    id: 'perbandingan-desa',
    title: m.title.byVillage,
    columns: [
      { id: 'village', label: m.col.village, kind: 'text' },
      { id: 'kecamatan', label: m.col.kecamatan, kind: 'text' },
      { id: 'daysReceived', label: m.col.daysReceived, kind: 'count' },
      { id: 'lastDay', label: m.col.lastDay, kind: 'text' },
      { id: 'bytesDown', label: rm.col.bytesDown, kind: 'bytes' },
      { id: 'sessions', label: rm.col.sessions, kind: 'count' },
      { id: 'devices', label: rm.col.devices, kind: 'count' },
      { id: 'registered', label: rm.col.registered, kind: 'count' },
      { id: 'registeredPct', label: rm.col.registeredPct, kind: 'ratio' },
      { id: 'uptime', label: m.col.uptime, kind: 'ratio' },
      { id: 'vouchers', label: m.col.vouchers, kind: 'count' },
      { id: 'revenue', label: m.col.revenue, kind: 'count' },
    ],
    rows: villages.map((v): CellValue[] => {
      const x = p.get(v.code);
      const cv = c.get(v.code);
      const seen = (x?.upMs ?? 0) + (x?.downMs ?? 0);
      return [
        v.name,
        v.kecamatan,
        x?.daysReceived ?? 0,
        v.lastDay ?? m.never,
        u.get(v.code)?.bytesDown ?? 0,
        u.get(v.code)?.sessions ?? 0,
        u.get(v.code)?.devices ?? 0,
        cv?.registered ?? 0,
        cv ? share(cv.registered, cv.residents) : null,
        seen > 0 ? (x?.upMs ?? 0) / seen : null,
        x?.vouchersUsed ?? 0,
        x?.voucherRevenueRp ?? 0,
      ];
    }),
  };
  const chart = villages.map((v) => {
    const value = u.get(v.code)?.bytesDown ?? 0;
    return { label: v.name, value, display: formatBytes(value, rm) };
  });
  const coverageChart = villages.map((v) => {
    const cv = c.get(v.code);
    const r = cv ? share(cv.registered, cv.residents) : null;
    return { label: v.name, value: r ?? 0, display: r === null ? '–' : formatPercent(r, rm) };
  });
  return { ...q, usage, table, chart, coverageChart };
}
export type ComparisonData = Awaited<ReturnType<typeof loadComparison>>;

export async function loadNotReporting(
  view: RegencyViewService,
  reader: Reader,
  q: { kecamatan?: string | undefined },
  m: RegencyMessages,
  timeZone: string,
) {
  const villages = (await view.villages(reader, q)).filter((v) => !v.reporting);
  const table: ReportTable = {
    id: 'desa-tidak-melapor',
    title: m.title.notReporting,
    columns: [
      { id: 'village', label: m.col.village, kind: 'text' },
      { id: 'kecamatan', label: m.col.kecamatan, kind: 'text' },
      { id: 'code', label: m.col.code, kind: 'text' },
      { id: 'lastDay', label: m.col.lastDay, kind: 'text' },
      { id: 'lastReceived', label: m.col.lastReceived, kind: 'text' },
    ],
    rows: villages.map((v) => [
      v.name,
      v.kecamatan,
      v.code,
      v.lastDay ?? m.never,
      v.lastReceivedAt === null
        ? m.never
        : new Intl.DateTimeFormat(m.report.locale, {
            timeZone,
            dateStyle: 'medium',
            timeStyle: 'short',
          }).format(v.lastReceivedAt),
    ]),
  };
  return { villages, table };
}

/** The regency's monthly report in the village report's shape, so its print page and PDF code draw it. */
export async function loadRegencyMonthly(
  view: RegencyViewService,
  reader: Reader,
  q: { period: Period; kecamatan?: string | undefined },
  m: RegencyMessages,
  timeZone: string,
): Promise<MonthlyReport> {
  const rm = m.report;
  const previous = previousPeriod(q.period);
  const [overview, comparison, notReporting, daily, before] = await Promise.all([
    loadOverview(view, reader, q, m),
    loadComparison(view, reader, q, m),
    loadNotReporting(view, reader, q, m, timeZone),
    view.usage(reader, { kecamatan: q.kecamatan, from: q.period.from, to: q.period.to, by: 'day' }),
    view.usage(reader, { kecamatan: q.kecamatan, from: previous.from, to: previous.to, by: 'day' }),
  ]);
  const c = overview.coverage.totals;
  const now = overview.usage.totals;
  const sentences = [
    rm.summary.reach(
      formatCount(c.registered, rm),
      formatCount(c.residents, rm),
      formatShare(c.registered, c.residents, rm),
    ),
    rm.summary.households(
      formatCount(c.householdsConnected, rm),
      formatCount(c.households, rm),
      formatShare(c.householdsConnected, c.households, rm),
    ),
    rm.summary.usage(
      formatBytes(now.bytesDown, rm),
      formatCount(now.sessions, rm),
      formatCount(now.residents, rm),
    ),
  ];
  const b = before.totals.bytesDown;
  if (b <= 0) sentences.push(rm.summary.noPrevious);
  else if (b === now.bytesDown) sentences.push(rm.summary.same);
  else
    sentences.push(
      rm.summary.change(formatPercent(Math.abs((now.bytesDown - b) / b), rm), now.bytesDown > b),
    );
  const heat = overview.heat ?? [];
  const busiest = heat.reduce((a, x) => (x.bytes > a.bytes ? x : a), heat[0]!);
  if (busiest && busiest.bytes > 0)
    sentences.push(rm.summary.busiest(rm.weekdaysLong[busiest.weekday] ?? '', formatHour(busiest.hour)));
  sentences.push(m.distinct[overview.usage.distinct.totals]);
  sentences.push(
    `${m.cards.reporting}: ${overview.villages.filter((v) => v.reporting).length} / ${overview.villages.length}.`,
  );
  const month = q.period.from.slice(0, 7);
  return {
    month,
    title: rm.title.monthly(formatMonth(month, rm)),
    village: m.regency,
    sentences,
    daily: daily.rows.map((r) => ({ day: r.key, bytesDown: r.bytesDown })),
    // The registrations chart of the village report, here per kecamatan or village.
    dusun: overview.coverage.rows.map((r) => ({
      key: r.key,
      registered: r.registered,
      residents: r.residents,
    })),
    tables: [overview.table, comparison.table, notReporting.table],
  };
}
