// What each report page (and its exports, and the JSON API) shows, loaded through the reports service only:
// one function per page, so the page, the CSV/XLSX of its tables and the print page come from the same query.
import type { Period } from '../domain/report-period.js';
import type { CoverageDimension, UsageDimension } from '../services/reports/report-ports.js';
import type { ReportService, ReportViewer } from '../services/reports/reports.js';
import type { ReportMessages } from './messages/id.js';
import {
  accessPointTable,
  coverageTable,
  heatMapTable,
  quotaTable,
  type ReportTable,
  registrationsTable,
  rejectsTable,
  usageTable,
} from './tables.js';

export async function loadCoverage(
  reports: ReportService,
  q: { by: CoverageDimension; period: Period },
  viewer: ReportViewer,
) {
  const [coverage, registrations] = await Promise.all([
    reports.coverage({ by: q.by }, viewer),
    reports.registrations(q.period),
  ]);
  return { ...q, viewer, coverage, registrations };
}
export type CoverageData = Awaited<ReturnType<typeof loadCoverage>>;

export async function loadUsage(
  reports: ReportService,
  q: { by: UsageDimension; period: Period },
  viewer: ReportViewer,
) {
  const [usage, compared, heat, quota, rejects] = await Promise.all([
    reports.usageReport({ from: q.period.from, to: q.period.to, by: q.by }, viewer),
    reports.previousTotals(q.period, viewer),
    reports.heatMap(q.period),
    reports.quotaExhaustion(q.period, viewer),
    reports.rejects(q.period),
  ]);
  return {
    ...q,
    viewer,
    usage,
    previous: compared.previous,
    before: compared.totals,
    heat,
    quota,
    rejects,
  };
}
export type UsageData = Awaited<ReturnType<typeof loadUsage>>;

/** How many access points a page (and the monthly report) lists; the CSV and XLSX list every one. */
export const ACCESS_POINTS_SHOWN = 50;

/** `all`: every router (the exports); else the short list of the page, with how many routers there are. */
export async function loadAccessPoints(reports: ReportService, q: { period: Period; all?: boolean }) {
  if (q.all) {
    const points = await reports.accessPoints(q.period);
    return { period: q.period, points, total: points.length };
  }
  const top = await reports.topAccessPoints(q.period, ACCESS_POINTS_SHOWN);
  return { period: q.period, points: top.rows, total: top.total };
}
export type AccessPointsData = Awaited<ReturnType<typeof loadAccessPoints>>;

/** Every table of a page by its id: what `…/<table id>.csv` and `.xlsx` export. */
export function coverageTables(d: CoverageData, m: ReportMessages): ReportTable[] {
  return [coverageTable(d.coverage, d.by, m), registrationsTable(d.registrations, m)];
}

export function usageTables(d: UsageData, m: ReportMessages): ReportTable[] {
  return [usageTable(d.usage, d.by, m), ...usageSideTables(d, m)];
}

/** The usage page's tables after the usage table (whose page shows only its top rows: see UsageContent). */
export function usageSideTables(d: UsageData, m: ReportMessages): ReportTable[] {
  return [heatMapTable(d.heat, m), quotaTable(d.quota, m), rejectsTable(d.rejects, m)];
}

export function accessPointTables(d: AccessPointsData, m: ReportMessages): ReportTable[] {
  return [accessPointTable(d.points, m)];
}
