// The quota day and month: daily quotas reset at local midnight in the village's time zone (WARGANET_TZ), so
// usage is booked per local day and a session may last at most until that midnight; monthly quotas reset at
// local midnight starting the 1st, and a month's usage is the sum of its local days.

interface DayWindow {
  readonly day: string;
  readonly start: number;
  readonly end: number;
}

interface MonthWindow {
  /** `YYYY-MM-01`: usage_daily rows of the month are those with `day >=` this (days sort as text). */
  readonly firstDay: string;
  readonly start: number;
  readonly end: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// The last window per zone: accounting asks millions of times for the same day, and formatToParts is slow.
const lastWindow = new Map<string, DayWindow>();
const lastMonth = new Map<string, MonthWindow>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Milliseconds between the zone's wall clock and UTC at that instant. */
  readonly offset: number;
}

function localParts(at: number, timeZone: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return { year: p.year!, month: p.month!, day: p.day!, offset: wall - (at - (at % 1000)) };
}

const isoDay = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The UTC instant of local midnight starting the given local date (DST-safe: re-checks the offset there). */
function localMidnight(
  year: number,
  month: number,
  day: number,
  timeZone: string,
  guessOffset: number,
): number {
  const wall = Date.UTC(year, month - 1, day);
  let at = wall - guessOffset;
  const offset = localParts(at, timeZone).offset;
  if (offset !== guessOffset) at = wall - offset;
  return at;
}

function computeWindow(at: number, timeZone: string): DayWindow {
  const p = localParts(at, timeZone);
  const start = localMidnight(p.year, p.month, p.day, timeZone, p.offset);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  const end = localMidnight(
    next.getUTCFullYear(),
    next.getUTCMonth() + 1,
    next.getUTCDate(),
    timeZone,
    p.offset,
  );
  return { day: isoDay(p.year, p.month, p.day), start, end };
}

/** The local day containing `at`: its `YYYY-MM-DD` name and its [start, end) in epoch ms. */
export function quotaDay(at: number, timeZone: string): DayWindow {
  const last = lastWindow.get(timeZone);
  if (last && at >= last.start && at < last.end) return last;
  const w = computeWindow(at, timeZone);
  lastWindow.set(timeZone, w);
  return w;
}

function computeMonth(at: number, timeZone: string): MonthWindow {
  const p = localParts(at, timeZone);
  const start = localMidnight(p.year, p.month, 1, timeZone, p.offset);
  // Date.UTC rolls month 13 over into January of the next year.
  const next = new Date(Date.UTC(p.year, p.month, 1));
  const end = localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, 1, timeZone, p.offset);
  return { firstDay: isoDay(p.year, p.month, 1), start, end };
}

/** The local calendar month containing `at`: its first day `YYYY-MM-01` and its [start, end) in epoch ms. */
export function quotaMonth(at: number, timeZone: string): MonthWindow {
  const last = lastMonth.get(timeZone);
  if (last && at >= last.start && at < last.end) return last;
  const w = computeMonth(at, timeZone);
  lastMonth.set(timeZone, w);
  return w;
}

/** Whole seconds from `at` until the quota month ends (at least 1). */
export function secondsUntilMonthEnds(at: number, timeZone: string): number {
  return Math.max(1, Math.ceil((quotaMonth(at, timeZone).end - at) / 1000));
}

/** `YYYY-MM-DD` of `at` in the zone. */
export function dayOf(at: number, timeZone: string): string {
  return quotaDay(at, timeZone).day;
}

/**
 * The local hour (0–23) of `at`: hours counted from local midnight, so the heat map needs no second zone lookup
 * per accounting record (Indonesia keeps no daylight saving; elsewhere a 25-hour day folds its last hour into 23).
 */
export function hourOf(at: number, timeZone: string): number {
  return Math.min(23, Math.floor((at - quotaDay(at, timeZone).start) / 3_600_000));
}

/** Whole seconds from `at` until the quota day ends (at least 1). */
export function secondsUntilDayEnds(at: number, timeZone: string): number {
  return Math.max(1, Math.ceil((quotaDay(at, timeZone).end - at) / 1000));
}

const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** How residents name the zone: WIB, WITA, WIT; otherwise the IANA name. */
export function zoneLabel(timeZone: string): string {
  return ZONE_NAMES[timeZone] ?? timeZone;
}
