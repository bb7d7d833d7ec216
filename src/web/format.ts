// Numbers, sizes and times as operators and officials read them, in the page's language and the village's zone.
import type { Lang } from './lang.js';

const LOCALES: Readonly<Record<Lang, string>> = { id: 'id-ID', en: 'en-GB' };
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formats.get(key) as T | undefined;
  if (!f) {
    f = make();
    formats.set(key, f);
  }
  return f;
}

export function formatNumber(n: number, lang: Lang): string {
  return cached(`n|${lang}`, () => new Intl.NumberFormat(LOCALES[lang])).format(n);
}

/** Decimal units (1 GB = 10^9 bytes), as routers and phone plans count them. */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  const digits = value >= 100 || i === 0 ? 0 : 1;
  const f = cached(
    `b|${lang}|${digits}`,
    () => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }),
  );
  return `${f.format(value)} ${units[i]}`;
}

/** `29 Nov 2026 10.15` (Indonesian) or `29 Nov 2026, 10:15`, in the village's zone. */
export function formatDateTime(at: number, timeZone: string, lang: Lang): string {
  return cached(
    `dt|${timeZone}|${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        timeZone,
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(at);
}

/** `10.15` / `10:15`, in the village's zone. */
export function formatTime(at: number, timeZone: string, lang: Lang): string {
  return cached(
    `t|${timeZone}|${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(at);
}

/** How long ago, coarsely: "5 menit lalu", "3 jam lalu", "2 hari lalu". */
export function formatAgo(at: number, now: number, lang: Lang): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  const rtf = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'auto' });
  if (s < 60) return rtf.format(-s, 'second');
  if (s < 3600) return rtf.format(-Math.round(s / 60), 'minute');
  if (s < 86_400) return rtf.format(-Math.round(s / 3600), 'hour');
  return rtf.format(-Math.round(s / 86_400), 'day');
}
