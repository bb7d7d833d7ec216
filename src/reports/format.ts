// Numbers as officials read them: bytes in GB/MB, counts with thousands separators, "< 5" kept as it is,
// percentages, dates and months in the page's language. Exports carry raw numbers; these are for the eye.
import type { MaskedCount } from '../domain/small-cell.js';
import type { ReportMessages } from './messages/id.js';

export function formatCount(n: MaskedCount, m: ReportMessages): string {
  if (typeof n === 'string') return n;
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, m.thousands);
}

export function formatBytes(bytes: number, m: ReportMessages): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  const text = value >= 100 || i === 0 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
  return `${text.replace('.', m.decimal)} ${units[i]}`;
}

/** A share as "42,5%"; a dash when either side is masked or the whole is zero. */
export function formatShare(part: MaskedCount, whole: MaskedCount, m: ReportMessages): string {
  if (typeof part === 'string' || typeof whole === 'string' || whole === 0) return '–';
  return formatPercent(part / whole, m);
}

export function formatPercent(ratio: number, m: ReportMessages): string {
  const pct = Math.round(ratio * 1000) / 10;
  return `${String(pct).replace('.', m.decimal)}%`;
}

/** `2026-12-05` → "5 Desember 2026". */
export function formatDay(day: string, m: ReportMessages): string {
  const [y, mo, d] = day.split('-');
  return `${Number(d)} ${m.months[Number(mo) - 1] ?? mo} ${y}`;
}

/** `2026-12` (or a first day) → "Desember 2026". */
/**
 * A chart's label for each of these days: the day's number within one month, "7 Sep" when they span several
 * months (a bare "07" would be ambiguous).
 */
export function dayLabeler(days: readonly string[], m: ReportMessages): (day: string) => string {
  const months = new Set(days.map((d) => d.slice(0, 7)));
  return (day) =>
    months.size > 1
      ? `${Number(day.slice(8))} ${m.months[Number(day.slice(5, 7)) - 1]?.slice(0, 3)}`
      : day.slice(8);
}

export function formatMonth(month: string, m: ReportMessages): string {
  const [y, mo] = month.split('-');
  return `${m.months[Number(mo) - 1] ?? mo} ${y}`;
}

export const formatHour = (hour: number) => `${String(hour).padStart(2, '0')}.00`;
