// Report periods as local calendar days (YYYY-MM-DD in WARGANET_TZ, so they compare as text with usage_daily):
// a day, a month, a year or a custom range, and the period just before it of the same kind and length.

export type PeriodKind = 'day' | 'month' | 'year' | 'custom';

export interface Period {
  readonly kind: PeriodKind;
  /** First and last day, both included. */
  readonly from: string;
  readonly to: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;
const MS_DAY = 86_400_000;

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function utcOf(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return iso(t) === day ? t : undefined;
}

export function isDay(value: string): boolean {
  return utcOf(value) !== undefined;
}

/** The day `n` days after (or before, negative) `day`. */
export function addDays(day: string, n: number): string {
  return iso((utcOf(day) ?? Number.NaN) + n * MS_DAY);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round(((utcOf(to) ?? 0) - (utcOf(from) ?? 0)) / MS_DAY) + 1;
}

function monthPeriod(year: number, month: number): Period {
  const first = Date.UTC(year, month - 1, 1);
  const last = Date.UTC(year, month, 0);
  return { kind: 'month', from: iso(first), to: iso(last) };
}

/**
 * The period a picker names: `day` YYYY-MM-DD, `month` YYYY-MM, `year` YYYY, `custom` with from/to days.
 * Undefined when the value cannot be read or a custom range runs backwards or past 366 days × 5.
 */
export function parsePeriod(kind: PeriodKind, value: string, to?: string): Period | undefined {
  if (kind === 'day') return isDay(value) ? { kind, from: value, to: value } : undefined;
  if (kind === 'month') {
    const m = MONTH.exec(value);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
    return monthPeriod(Number(m[1]), Number(m[2]));
  }
  if (kind === 'year') {
    const m = YEAR.exec(value);
    return m ? { kind, from: `${m[1]}-01-01`, to: `${m[1]}-12-31` } : undefined;
  }
  if (!to || !isDay(value) || !isDay(to) || to < value || daysBetween(value, to) > 366 * 5) return undefined;
  return { kind, from: value, to };
}

/** The period before: the previous day, month or year; for a custom range, as many days just before it. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'month') {
    const d = new Date(utcOf(p.from) ?? 0);
    return monthPeriod(d.getUTCFullYear(), d.getUTCMonth());
  }
  if (p.kind === 'year') {
    const y = Number(p.from.slice(0, 4)) - 1;
    return { kind: 'year', from: `${y}-01-01`, to: `${y}-12-31` };
  }
  const n = daysBetween(p.from, p.to);
  return { kind: p.kind, from: addDays(p.from, -n), to: addDays(p.from, -1) };
}

/** Monday of the ISO week holding `day`: the key of a weekly row. */
export function weekStart(day: string): string {
  const t = utcOf(day) ?? 0;
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return iso(t - weekday * MS_DAY);
}
