// Time windows of a plan: when its devices may be online, in the village's zone (WARGANET_TZ). Operators write
// them as the village says them: "Sen-Jum 07:00-14:00" (the school), "22:00-05:00" (a night plan, every day,
// crossing midnight), several parts joined by ";" ("Sen-Jum 07:00-14:00; Sab 07:00-11:00"). A part that crosses
// midnight belongs to the day it starts on. Pure: the instant and the zone are inputs.

const MINUTES_DAY = 1440;
const MINUTES_WEEK = 7 * MINUTES_DAY;

/** Monday first, as Indonesian calendars print the week. */
const DAY_SHORT = ['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'] as const;
const DAY_LONG = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'] as const;
const DAY_NAMES: Record<string, number> = {
  sen: 0,
  senin: 0,
  mon: 0,
  sel: 1,
  selasa: 1,
  tue: 1,
  rab: 2,
  rabu: 2,
  wed: 2,
  kam: 3,
  kamis: 3,
  thu: 3,
  jum: 4,
  jumat: 4,
  "jum'at": 4,
  fri: 4,
  sab: 5,
  sabtu: 5,
  sat: 5,
  min: 6,
  minggu: 6,
  ahad: 6,
  sun: 6,
};

export interface WindowPart {
  /** Days the part starts on, 0 = Monday … 6 = Sunday, ascending. */
  readonly days: readonly number[];
  /** Minutes after local midnight, 0–1439. */
  readonly start: number;
  /** Minutes after local midnight, 1–1440; below `start` when the part crosses midnight. */
  readonly end: number;
}

export interface TimeWindow {
  readonly parts: readonly WindowPart[];
  /** Merged [start, end) minutes of the week (Monday 00:00 = 0); an end past the week wraps. */
  readonly spans: ReadonlyArray<readonly [number, number]>;
}

export type WindowParse =
  | { readonly ok: true; readonly window: TimeWindow }
  | { readonly ok: false; readonly error: string };

const EXAMPLE = 'contoh: "Sen-Jum 07:00-14:00" atau "22:00-05:00"';

function parseTime(text: string, isEnd: boolean): number | undefined {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return undefined;
  if (h === 24 && min === 0 && isEnd) return MINUTES_DAY;
  if (h > 23) return undefined;
  return h * 60 + min;
}

function parseDays(text: string): number[] | string {
  const days = new Set<number>();
  for (const item of text.split(',')) {
    const range = item.trim().split('-');
    if (range.length > 2 || range.some((r) => r.trim() === '')) return `hari tidak terbaca: "${item.trim()}"`;
    const ends = range.map((r) => DAY_NAMES[r.trim().toLowerCase()]);
    if (ends.some((d) => d === undefined))
      return `hari tidak dikenal: "${item.trim()}" (Sen, Sel, Rab, Kam, Jum, Sab, Min)`;
    const [from, to = from] = ends as number[];
    // A range may wrap the week: "Jum-Sen" is Friday to Monday.
    for (let d = from!; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function parsePart(text: string): WindowPart | string {
  const m = /^(?:(.+?)\s+)?(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2})$/.exec(text.trim());
  if (!m) return `jendela waktu tidak terbaca: "${text.trim()}" (${EXAMPLE})`;
  const days = m[1] === undefined ? [0, 1, 2, 3, 4, 5, 6] : parseDays(m[1]);
  if (typeof days === 'string') return days;
  const start = parseTime(m[2]!, false);
  const end = parseTime(m[3]!, true);
  if (start === undefined || end === undefined)
    return `jam tidak terbaca: "${start === undefined ? m[2] : m[3]}" (00:00–24:00)`;
  if (start === end) return 'jam mulai dan jam selesai sama; untuk sepanjang hari tulis 00:00-24:00';
  return { days, start, end };
}

function spansOf(parts: readonly WindowPart[]): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  for (const p of parts) {
    const length = p.end > p.start ? p.end - p.start : MINUTES_DAY - p.start + p.end;
    for (const d of p.days) raw.push([d * MINUTES_DAY + p.start, d * MINUTES_DAY + p.start + length]);
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of raw) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  // A span running past Sunday midnight that reaches the first one joins it.
  const first = merged[0];
  const last = merged[merged.length - 1];
  if (merged.length > 1 && first && last && last[1] - MINUTES_WEEK >= first[0]) {
    merged.shift();
    last[1] = Math.max(last[1], first[1] + MINUTES_WEEK);
  }
  return merged;
}

/** Reads a window as operators type it. */
export function parseTimeWindow(text: string): WindowParse {
  const t = text.trim();
  if (t === '') return { ok: false, error: `jendela waktu kosong (${EXAMPLE})` };
  const parts: WindowPart[] = [];
  for (const piece of t.split(';')) {
    if (piece.trim() === '') continue;
    const p = parsePart(piece);
    if (typeof p === 'string') return { ok: false, error: p };
    parts.push(p);
  }
  if (parts.length === 0) return { ok: false, error: `jendela waktu kosong (${EXAMPLE})` };
  return { ok: true, window: { parts, spans: spansOf(parts) } };
}

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function daysText(days: readonly number[]): string {
  if (days.length === 7) return '';
  const runs: Array<[number, number]> = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  return runs.map(([a, b]) => (a === b ? DAY_SHORT[a] : `${DAY_SHORT[a]}-${DAY_SHORT[b]}`)).join(',');
}

/** The canonical text of a window (what is stored and shown): "Sen-Jum 07:00-14:00; 22:00-05:00". */
export function formatTimeWindow(w: TimeWindow): string {
  return w.parts
    .map((p) => {
      const days = daysText(p.days);
      return `${days ? `${days} ` : ''}${hhmm(p.start)}-${hhmm(p.end)}`;
    })
    .join('; ');
}

/** The window as residents read it, with Indonesian dotted times: "Sen-Jum 07.00-14.00". */
export function windowText(w: TimeWindow): string {
  return formatTimeWindow(w).replace(/(\d{2}):(\d{2})/g, '$1.$2');
}

const weekFormatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** Minutes (with fraction) since local Monday 00:00 at `at`. */
function minuteOfWeek(at: number, timeZone: string): number {
  let f = weekFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    weekFormatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  const day = WEEKDAY_INDEX[p.weekday ?? ''] ?? 0;
  const seconds = Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second) + (at % 1000) / 1000;
  return day * MINUTES_DAY + seconds / 60;
}

export type WindowState =
  /** `endsAt` undefined: the window never closes (every day, all day). */
  | { readonly open: true; readonly endsAt: number | undefined }
  | { readonly open: false; readonly opensAt: number };

/**
 * Whether the window is open at `at`, and when it closes, or when it next opens. Instants are counted from the
 * zone's offset at `at`, exact where the zone keeps no daylight saving (all of Indonesia).
 */
export function windowState(w: TimeWindow, at: number, timeZone: string): WindowState {
  const now = minuteOfWeek(at, timeZone);
  const instant = (minute: number) => at + Math.round((minute - now) * 60_000);
  const whole = w.spans.length === 1 && w.spans[0]![1] - w.spans[0]![0] >= MINUTES_WEEK;
  if (whole) return { open: true, endsAt: undefined };
  for (const [s, e] of w.spans) {
    // A span is also looked at one week back, for the part that ran over from last Sunday.
    for (const shift of [-MINUTES_WEEK, 0]) {
      if (now >= s + shift && now < e + shift) return { open: true, endsAt: instant(e + shift) };
    }
  }
  let next = Number.POSITIVE_INFINITY;
  for (const [s] of w.spans) next = Math.min(next, s > now ? s : s + MINUTES_WEEK);
  return { open: false, opensAt: instant(next) };
}

/** Whole seconds from `at` until `until` (at least 1), for Session-Timeout. */
export function secondsUntil(at: number, until: number): number {
  return Math.max(1, Math.ceil((until - at) / 1000));
}

const openingFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as residents read it: `07.00 (Senin, 01-12-2026)` in the zone; the caller adds the zone label. */
export function localTimeText(at: number, timeZone: string): string {
  let f = openingFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    openingFormatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  const day = DAY_LONG[WEEKDAY_INDEX[p.weekday ?? ''] ?? 0];
  return `${p.hour}.${p.minute} (${day}, ${p.day}-${p.month}-${p.year})`;
}

// Plans are read once per batch of logins, and every login asks for its window: parse each text once.
const parsed = new Map<string, TimeWindow | null>();

/** A stored window text, parsed (null when unreadable, which the plan service never stores). */
export function storedWindow(text: string): TimeWindow | null {
  let w = parsed.get(text);
  if (w === undefined) {
    const r = parseTimeWindow(text);
    w = r.ok ? r.window : null;
    if (parsed.size > 1000) parsed.clear();
    parsed.set(text, w);
  }
  return w;
}
