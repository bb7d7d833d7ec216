// The monthly report for the musyawarah desa and the regency: the month's figures beside the month before, in
// plain sentences, with the tables and charts the print page and the PDF both draw. Loaded through the reports
// service only; officials get it with small cells masked, like every other report.
import { parsePeriod } from '../domain/report-period.js';
import type { MaskedCount } from '../domain/small-cell.js';
import type { KeyedReport, ReportService, ReportViewer } from '../services/reports/reports.js';
import { formatBytes, formatCount, formatHour, formatMonth, formatPercent, formatShare } from './format.js';
import type { ReportMessages } from './messages/id.js';
import { ACCESS_POINTS_SHOWN } from './report-data.js';
import { accessPointTable, coverageTable, type ReportTable, usageTable } from './tables.js';

export interface MonthlyReport {
  readonly month: string;
  readonly title: string;
  readonly village: string;
  readonly sentences: readonly string[];
  readonly daily: ReadonlyArray<{ day: string; bytesDown: number }>;
  readonly dusun: ReadonlyArray<{ key: string; registered: MaskedCount; residents: MaskedCount }>;
  readonly tables: readonly ReportTable[];
}

/** The `limit` rows with the most download (in their order), and the totals of them all. */
function mostDownload<T extends { bytesDown: number }>(
  report: KeyedReport<T>,
  limit: number,
): KeyedReport<T> {
  if (report.rows.length <= limit) return report;
  const kept = new Set([...report.rows].sort((a, b) => b.bytesDown - a.bytesDown).slice(0, limit));
  return { rows: report.rows.filter((r) => kept.has(r)), totals: report.totals };
}

export async function loadMonthlyReport(
  reports: ReportService,
  q: { month: string; village: string },
  viewer: ReportViewer,
  m: ReportMessages,
): Promise<MonthlyReport | undefined> {
  const period = parsePeriod('month', q.month);
  if (!period) return undefined;
  const [daily, previous, byDusun, byRouter, coverage, heat, points, registrations] = await Promise.all([
    reports.usage({ ...period, by: 'day' }, viewer),
    reports.previousTotals(period, viewer),
    reports.usage({ ...period, by: 'dusun' }, viewer),
    reports.usage({ ...period, by: 'router' }, viewer),
    reports.coverage({ by: 'dusun' }, viewer),
    reports.heatMap(period),
    reports.topAccessPoints(period, ACCESS_POINTS_SHOWN),
    reports.registrations(period),
  ]);
  const now = daily.totals;
  const before = previous.totals;
  const c = coverage.totals;
  const sentences = [
    m.summary.reach(
      formatCount(c.registered, m),
      formatCount(c.residents, m),
      formatShare(c.registered, c.residents, m),
    ),
    m.summary.households(
      formatCount(c.householdsConnected, m),
      formatCount(c.households, m),
      formatShare(c.householdsConnected, c.households, m),
    ),
    m.summary.usage(
      formatBytes(now.bytesDown, m),
      formatCount(now.sessions, m),
      formatCount(now.residents, m),
    ),
  ];
  if (before.bytesDown <= 0) sentences.push(m.summary.noPrevious);
  else if (before.bytesDown === now.bytesDown) sentences.push(m.summary.same);
  else {
    const r = (now.bytesDown - before.bytesDown) / before.bytesDown;
    sentences.push(m.summary.change(formatPercent(Math.abs(r), m), r > 0));
  }
  const busiest = heat.reduce((a, b) => (b.bytes > a.bytes ? b : a), heat[0]!);
  if (busiest && busiest.bytes > 0) {
    sentences.push(m.summary.busiest(m.weekdaysLong[busiest.weekday] ?? '', formatHour(busiest.hour)));
  }
  for (const p of points.rows)
    if (p.uptime !== null) sentences.push(m.summary.uptime(p.name, formatPercent(p.uptime, m)));
  if (points.rows.length < points.total) {
    sentences.push(
      m.summary.moreAccessPoints(formatCount(points.rows.length, m), formatCount(points.total, m)),
    );
  }
  sentences.push(
    m.summary.newRegistrations(
      formatCount(
        registrations.reduce((s, r) => s + r.registered, 0),
        m,
      ),
    ),
  );
  // A regency's database has thousands of routers and dusun: the printed tables keep the busiest.
  const routerRows = mostDownload(byRouter, ACCESS_POINTS_SHOWN);
  const dusunRows = mostDownload(byDusun, ACCESS_POINTS_SHOWN);
  for (const [shown, all, by] of [
    [routerRows, byRouter, 'router'],
    [dusunRows, byDusun, 'dusun'],
  ] as const) {
    if (shown.rows.length < all.rows.length) {
      sentences.push(
        m.summary.moreUsageRows(m.by[by], formatCount(shown.rows.length, m), formatCount(all.rows.length, m)),
      );
    }
  }
  return {
    month: q.month,
    title: m.title.monthly(formatMonth(q.month, m)),
    village: q.village,
    sentences,
    daily: daily.rows.map((r) => ({ day: r.key, bytesDown: r.bytesDown })),
    dusun: coverage.rows.map((r) => ({ key: r.key, registered: r.registered, residents: r.residents })),
    tables: [
      coverageTable(coverage, 'dusun', m),
      usageTable(dusunRows, 'dusun', m),
      usageTable(routerRows, 'router', m),
      accessPointTable(points.rows, m),
    ],
  };
}
