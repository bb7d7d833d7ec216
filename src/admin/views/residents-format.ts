// How the residents pages write times and amounts: the village's time zone, the page's language.
import type { WebPageContext } from '../../web/views/page-context.js';

export function dateTime(ctx: WebPageContext, epochMs: number | null | undefined): string {
  if (!epochMs) return '—';
  return new Intl.DateTimeFormat(ctx.lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: ctx.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(epochMs);
}

export function bytes(ctx: WebPageContext, n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  return `${v.toLocaleString(ctx.lang === 'id' ? 'id-ID' : 'en', { maximumFractionDigits: digits })} ${units[i]}`;
}
