// Reading a report page's query: the period (kind, at, to), the grouping, and who is looking. A missing period
// is this month; one that cannot be read is undefined (the page says so, with a 400).
import { type Period, type PeriodKind, parsePeriod } from '../domain/report-period.js';
import type { AdminRole } from '../services/admins/admins.js';
import type { ReportViewer } from '../services/reports/reports.js';
import { en } from './messages/en.js';
import { id, type ReportMessages } from './messages/id.js';

const KINDS: readonly PeriodKind[] = ['day', 'month', 'year', 'custom'];

/** The field the period form gives each kind (the form sends them all; only the chosen kind's one counts). */
const FIELD: Record<PeriodKind, string> = { day: 'day', month: 'month', year: 'year', custom: 'from' };

/**
 * The period of a query: the form's field for the kind (`day`, `month`, `year`, `from`+`to`), else `at` (+`to`),
 * the short form that links and exports use (`?kind=month&at=2026-12`).
 */
export function periodFromQuery(q: (name: string) => string | undefined, today: string): Period | undefined {
  const kind = (q('kind') ?? 'month') as PeriodKind;
  if (!KINDS.includes(kind)) return undefined;
  const at = q(FIELD[kind])?.trim() || q('at')?.trim() || undefined;
  const fallback = kind === 'day' ? today : kind === 'month' ? today.slice(0, 7) : today.slice(0, 4);
  return parsePeriod(kind, at ?? (kind === 'custom' ? today : fallback), q('to')?.trim() || today);
}

/** The grouping named in the query if it is one of `allowed`, else the first. */
export function choice<T extends string>(value: string | undefined, allowed: readonly T[]): T {
  return allowed.includes(value as T) ? (value as T) : allowed[0]!;
}

/** The period as a query string, for export links that must show what the page shows. */
export function periodQuery(p: Period, by?: string): string {
  const at =
    p.kind === 'day' || p.kind === 'custom'
      ? p.from
      : p.kind === 'month'
        ? p.from.slice(0, 7)
        : p.from.slice(0, 4);
  const q = new URLSearchParams({ kind: p.kind, at });
  if (p.kind === 'custom') q.set('to', p.to);
  if (by) q.set('by', by);
  return `?${q}`;
}

export const viewerOf = (role: AdminRole): ReportViewer => role;

export const reportMessages = (lang: string): ReportMessages => (lang === 'en' ? en : id);
