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
