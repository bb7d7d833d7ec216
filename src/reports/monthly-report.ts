// The monthly report for the musyawarah desa and the regency: the month's figures beside the month before, in
// plain sentences, with the tables and charts the print page and the PDF both draw. Loaded through the reports
// service only; officials get it with small cells masked, like every other report.
import { parsePeriod } from '../domain/report-period.js';
import type { MaskedCount } from '../domain/small-cell.js';
import type { ReportService, ReportViewer } from '../services/reports/reports.js';
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

export async function loadMonthlyReport(
  reports: ReportService,
  q: { month: string; village: string },
  viewer: ReportViewer,
  m: ReportMessages,
): Promise<MonthlyReport | undefined> {
  const period = parsePeriod('month', q.month);
  if (!period) return undefined;
  // A regency's database has thousands of routers and dusun: the printed tables keep the busiest, and only
  // those are read (with how many there are and the totals of them all).
  const [daily, previous, dusunRows, routerRows, coverage, heat, points, registrations] = await Promise.all([
    reports.usage({ ...period, by: 'day' }, viewer),
    reports.previousTotals(period, viewer),
    reports.usageTop({ ...period, by: 'dusun' }, ACCESS_POINTS_SHOWN, viewer),
    reports.usageTop({ ...period, by: 'router' }, ACCESS_POINTS_SHOWN, viewer),
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
  for (const [shown, by] of [
    [routerRows, 'router'],
    [dusunRows, 'dusun'],
  ] as const) {
    if (shown.rows.length < shown.count) {
      sentences.push(
        m.summary.moreUsageRows(m.by[by], formatCount(shown.rows.length, m), formatCount(shown.count, m)),
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
