// The dashboard's card for the village's link to its regency (issue 14): linked or not, the last day the Worker
// accepted, the days waiting and the last error, in plain words. The data is `warganet regency status`'s.
import type { RegencyStatus } from '../../services/regency/regency-link.js';
import { formatAgo, formatNumber } from '../../web/format.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { regencyCardMessages } from '../messages/regency.js';
import { when } from './when.js';

/** More days than this waiting (today's and yesterday's are normal) shows the card as "days waiting". */
const NORMAL_WAITING = 1;

export function stateOf(s: RegencyStatus): 'ok' | 'waiting' | 'failing' {
  if (s.lastError && (s.failures ?? 0) > 0) return 'failing';
  return s.waitingDays > NORMAL_WAITING ? 'waiting' : 'ok';
}

const BADGE = { ok: 'ok', waiting: 'warn', failing: 'bad' } as const;

export function RegencyCard(props: {
  ctx: WebPageContext;
  status: RegencyStatus | 'unavailable';
  now: number;
}) {
  const { ctx, status: s, now } = props;
  const m = regencyCardMessages[ctx.lang];
  if (s === 'unavailable')
    return (
      <section class="card" aria-labelledby="kabupaten">
        <h2 id="kabupaten">{m.heading}</h2>
        <p>{m.unavailable}</p>
      </section>
    );
  if (!s.joined)
    return (
      <section class="card" aria-labelledby="kabupaten">
        <h2 id="kabupaten">{m.heading}</h2>
        <p>{m.notJoined}</p>
        <p class="muted">{m.howToJoin}</p>
      </section>
    );
  const state = stateOf(s);
  const ago = (ms: number | null | undefined) => (ms ? formatAgo(ms, now, ctx.lang) : m.never);
  return (
    <section class="card" aria-labelledby="kabupaten">
      <h2 id="kabupaten">
        {m.heading} <span class={`badge ${BADGE[state]}`}>{m.state[state]}</span>
      </h2>
      <dl>
        <dt>{m.server}</dt>
        <dd>{s.url}</dd>
        <dt>{m.lastDay}</dt>
        <dd>{s.lastSentDay ?? m.none}</dd>
        <dt>{m.lastSuccess}</dt>
        <dd>{ago(s.lastSuccessAt)}</dd>
        <dt>{m.waiting}</dt>
        <dd>{m.waitingCount(formatNumber(s.waitingDays, ctx.lang), s.oldestWaiting)}</dd>
        {s.lastError ? (
          <>
            <dt>{m.lastError}</dt>
            <dd>
              {s.lastError} ({ago(s.lastErrorAt)})
            </dd>
          </>
        ) : null}
        {state === 'failing' && s.nextTry ? (
          <>
            <dt>{m.nextTry}</dt>
            <dd>{when(ctx, s.nextTry)}</dd>
          </>
        ) : null}
      </dl>
      <p class="muted">{m.offlineNote}</p>
    </section>
  );
}
