// Dates and people as the roster and plan pages show them: the village's time zone, the reader's language, and an
// actor (`admin:sari`, `cli`) as a name.
import type { WebPageContext } from '../../web/views/page-context.js';

export function when(ctx: WebPageContext, ms: number): string {
  return new Intl.DateTimeFormat(ctx.lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: ctx.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(ms));
}

export function actorName(actor: string | null): string {
  if (!actor) return '—';
  if (actor === 'cli') return 'CLI';
  return actor.startsWith('admin:') ? actor.slice('admin:'.length) : actor;
}
