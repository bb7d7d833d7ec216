// Every report as one table shape, so the page, the CSV, the XLSX, the print page and the PDF show the same
// rows from the same query. Cells hold raw values (bytes as numbers, "< 5" as text); views format them.
import type { MaskedCount } from '../domain/small-cell.js';
import type { CoverageDimension, HeatCell, UsageDimension } from '../services/reports/report-ports.js';
import type { AccessPointRow, CoverageRow, KeyedReport, UsageRow } from '../services/reports/reports.js';
import type { ReportMessages } from './messages/id.js';

export type CellValue = string | number | null;
export type ColumnKind = 'text' | 'count' | 'bytes' | 'ratio' | 'hours';

export interface Column {
  readonly id: string;
  readonly label: string;
  readonly kind: ColumnKind;
}

export interface ReportTable {
  /** Also the export file name. */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: ReadonlyArray<readonly CellValue[]>;
  readonly totals?: readonly CellValue[] | undefined;
  /**
   * A grid of one measure (hour × weekday): on a phone it scrolls sideways in its box. Every other table becomes
   * labelled lines there, a block per row.
   */
  readonly grid?: true;
}

/** A column's header in CSV and XLSX, where bytes are raw numbers: the unit is said ("Unduh (byte)"). */
export const exportLabel = (c: Column) => (c.kind === 'bytes' ? `${c.label} (byte)` : c.label);

const share = (part: MaskedCount, whole: MaskedCount): number | null =>
  typeof part === 'number' && typeof whole === 'number' && whole > 0 ? part / whole : null;

/**
 * A usage row's key as officials read it. The rollups key traffic no router, dusun or plan holds as '-': a removed
 * router's, and the voucher guests' and institutions' (they have no resident, so no dusun or resident plan).
 */
export const usageKeyLabel = (by: UsageDimension, key: string, m: ReportMessages): string =>
  (key === '-' && m.col.ungrouped[by]) || key;

export function usageTable(
  report: KeyedReport<UsageRow>,
  by: UsageDimension,
  m: ReportMessages,
  title = `${m.title.usage} ${m.by[by]}`,
): ReportTable {
  const cells = (r: UsageRow): CellValue[] => [r.bytesDown, r.bytesUp, r.sessions, r.devices, r.residents];
  return {
    id: `pemakaian-${by}`,
    title,
    columns: [
      { id: 'key', label: m.col[by], kind: 'text' },
      { id: 'bytesDown', label: m.col.bytesDown, kind: 'bytes' },
      { id: 'bytesUp', label: m.col.bytesUp, kind: 'bytes' },
      { id: 'sessions', label: m.col.sessions, kind: 'count' },
      { id: 'devices', label: m.col.devices, kind: 'count' },
      { id: 'residents', label: m.col.residents, kind: 'count' },
    ],
    rows: report.rows.map((r) => [usageKeyLabel(by, r.key, m), ...cells(r)]),
    totals: [m.col.totalRow, ...cells(report.totals)],
  };
}

export function coverageTable(
  report: KeyedReport<CoverageRow>,
  by: CoverageDimension,
  m: ReportMessages,
): ReportTable {
  const cells = (r: CoverageRow): CellValue[] => [
    r.residents,
    r.registered,
    share(r.registered, r.residents),
    r.households,
    r.householdsConnected,
    share(r.householdsConnected, r.households),
  ];
  return {
    id: `jangkauan-${by}`,
    title: `${m.title.coverage} ${m.by[by]}`,
    columns: [
      { id: 'key', label: m.col[by], kind: 'text' },
      { id: 'residents', label: m.col.residentsRoster, kind: 'count' },
      { id: 'registered', label: m.col.registered, kind: 'count' },
      { id: 'registeredPct', label: m.col.registeredPct, kind: 'ratio' },
      { id: 'households', label: m.col.households, kind: 'count' },
      { id: 'householdsConnected', label: m.col.householdsConnected, kind: 'count' },
      { id: 'householdsPct', label: m.col.householdsPct, kind: 'ratio' },
    ],
    rows: report.rows.map((r) => [r.key, ...cells(r)]),
    totals: [m.col.totalRow, ...cells(report.totals)],
  };
}

export function registrationsTable(
  rows: ReadonlyArray<{ day: string; registered: number; total: number }>,
  m: ReportMessages,
): ReportTable {
  return {
    id: 'pendaftaran',
    title: m.title.coverageGrowth,
    columns: [
      { id: 'day', label: m.col.day, kind: 'text' },
      { id: 'registered', label: m.col.registrations, kind: 'count' },
      { id: 'total', label: m.col.total, kind: 'count' },
    ],
    rows: rows.map((r) => [r.day, r.registered, r.total]),
  };
}

export function heatMapTable(cells: readonly HeatCell[], m: ReportMessages): ReportTable {
  return {
    id: 'jam-sibuk',
    grid: true,
    title: m.title.heatMap,
    columns: [
      { id: 'hour', label: m.col.hour, kind: 'text' },
      ...m.weekdays.map((d, i) => ({ id: `w${i}`, label: d, kind: 'bytes' as const })),
    ],
    rows: Array.from({ length: 24 }, (_, hour) => [
      `${String(hour).padStart(2, '0')}.00`,
      ...m.weekdays.map((_, w) => cells.find((c) => c.weekday === w && c.hour === hour)?.bytes ?? 0),
    ]),
  };
}

/** "07.00", …: each hour's label made once, not per router (9,000 rows at regency size). */
const HOUR_LABELS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}.00`);

function busiestHoursText(hours: readonly number[]): string {
  if (hours.length === 1) return HOUR_LABELS[hours[0]!] ?? `${String(hours[0]).padStart(2, '0')}.00`;
  return hours.map((h) => HOUR_LABELS[h] ?? `${String(h).padStart(2, '0')}.00`).join(', ');
}

export function accessPointTable(rows: readonly AccessPointRow[], m: ReportMessages): ReportTable {
  return {
    id: 'titik-akses',
    title: m.title.accessPoints,
    columns: [
      { id: 'router', label: m.col.router, kind: 'text' },
      { id: 'health', label: m.col.health, kind: 'text' },
      { id: 'uptime', label: m.col.uptime, kind: 'ratio' },
      { id: 'liveSessions', label: m.col.liveSessions, kind: 'count' },
      { id: 'peakSessions', label: m.col.peakSessions, kind: 'count' },
      { id: 'bytesDown', label: m.col.bytesDown, kind: 'bytes' },
      { id: 'bytesUp', label: m.col.bytesUp, kind: 'bytes' },
      { id: 'sessions', label: m.col.sessions, kind: 'count' },
      { id: 'busiestHours', label: m.col.busiestHours, kind: 'hours' },
    ],
    rows: rows.map((r) => [
      r.name,
      m.health[r.health] ?? r.health,
      r.uptime,
      r.liveSessions,
      r.peakSessions,
      r.bytesDown,
      r.bytesUp,
      r.sessions,
      busiestHoursText(r.busiestHours),
    ]),
  };
}

export function quotaTable(
  rows: ReadonlyArray<{ day: string; accounts: MaskedCount }>,
  m: ReportMessages,
): ReportTable {
  return {
    id: 'kuota-habis',
    title: m.title.quota,
    columns: [
      { id: 'day', label: m.col.day, kind: 'text' },
      { id: 'accounts', label: m.col.accounts, kind: 'count' },
    ],
    rows: rows.map((r) => [r.day, r.accounts]),
  };
}

export function rejectsTable(
  rows: ReadonlyArray<{ day: string; reason: string; count: number }>,
  m: ReportMessages,
): ReportTable {
  return {
    id: 'login-ditolak',
    title: m.title.rejects,
    columns: [
      { id: 'day', label: m.col.day, kind: 'text' },
      { id: 'reason', label: m.col.reason, kind: 'text' },
      { id: 'count', label: m.col.rejects, kind: 'count' },
    ],
    rows: rows.map((r) => [r.day, r.reason, r.count]),
  };
}
