// Numbers, sizes, speeds and times as a resident reads them, in the page's language and the village's zone.
import { zoneLabel } from '../src/domain/quota-day.js';
import type { Messages } from './messages/id.js';

export function formatBytes(bytes: number, m: Messages): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  const text = value >= 100 || i === 0 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
  return `${text.replace('.', m.format.decimal)} ${units[i]}`;
}

export function formatSpeed(bps: number, m: Messages): string {
  if (bps >= 1e6) return `${String(Math.round((bps / 1e6) * 10) / 10).replace('.', m.format.decimal)} Mbps`;
  return `${Math.round(bps / 1e3)} kbps`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function parts(at: number, timeZone: string, withDate: boolean, locale: string) {
  const key = `${timeZone}|${withDate}|${locale}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      ...(withDate ? { day: 'numeric', month: 'short', year: 'numeric' } : {}),
    });
    timeFormats.set(key, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** `14.35 WIB` (id) or `14:35 WIB` (en). */
export function formatTime(at: number, timeZone: string, m: Messages): string {
  const p = parts(at, timeZone, false, m.format.locale);
  return `${p.hour}${m.format.timeSeparator}${p.minute} ${zoneLabel(timeZone)}`;
}

/** `29 Nov 2026, 14.35 WIB`. */
export function formatDateTime(at: number, timeZone: string, m: Messages): string {
  const p = parts(at, timeZone, true, m.format.locale);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}${m.format.timeSeparator}${p.minute} ${zoneLabel(timeZone)}`;
}

/** `1 Des 2026` (id) or `1 Dec 2026` (en). */
export function formatDate(at: number, timeZone: string, m: Messages): string {
  const p = parts(at, timeZone, true, m.format.locale);
  return `${p.day} ${p.month} ${p.year}`;
}

/** A lock's end, said after "pukul": `10.15 WIB`, and the date after it when that is not today. */
export function formatUnlock(at: number, now: number, timeZone: string, m: Messages): string {
  const time = formatTime(at, timeZone, m);
  const day = formatDate(at, timeZone, m);
  return day === formatDate(now, timeZone, m) ? time : `${time}, ${day}`;
}

/** How long until `at`, as a resident reads it: `40 detik`, `5 menit`, `1 jam 10 menit` (rounded up). */
export function formatWait(at: number, now: number, m: Messages): string {
  const seconds = Math.max(1, Math.ceil((at - now) / 1000));
  if (seconds < 60) return m.format.seconds(seconds);
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return m.format.minutes(minutes);
  const rest = minutes % 60;
  return rest === 0
    ? m.format.hours(minutes / 60)
    : `${m.format.hours(Math.floor(minutes / 60))} ${m.format.minutes(rest)}`;
}
