// How the routers, sessions and login-log pages show times, sizes and health: in the village's time zone and the
// reader's language, a missing time as words, not a dash a phone user would guess at.
import type { WebPageContext } from '../../web/views/page-context.js';

export function formatWhen(ctx: WebPageContext, ms: number | null | undefined, never = '—'): string {
  if (ms === null || ms === undefined) return never;
  return new Intl.DateTimeFormat(ctx.lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: ctx.timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}

export function mib(bytes: number): string {
  return `${Math.round(bytes / 1_048_576)} MiB`;
}

export function uptimeText(lang: 'id' | 'en', seconds: number | undefined): string {
  if (seconds === undefined) return '?';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const [day, hour, min] = lang === 'id' ? ['hari', 'jam', 'menit'] : ['d', 'h', 'min'];
  return d > 0 ? `${d} ${day} ${h} ${hour}` : h > 0 ? `${h} ${hour} ${m} ${min}` : `${m} ${min}`;
}

/** The badge class for a router's health. */
export function healthClass(health: string): 'ok' | 'bad' | 'off' {
  return health === 'up' ? 'ok' : health === 'down' ? 'bad' : 'off';
}

/** A page number from the query: 1 unless a sane positive integer (a hostile `?page=1e9` is capped). */
export function pageParam(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/** The current path with one query parameter changed (for pagers and filters). */
export function withQuery(
  path: string,
  query: Record<string, string | undefined>,
  change: Record<string, string>,
) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
