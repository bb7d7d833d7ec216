// One router: its health and settings (never a secret), what to do next (check, provision, send pending work),
// its failed and pending jobs with retry, and the sessions live on it with a disconnect button each.
import type { SessionView } from '../../services/radius/radius-sessions.js';
import type { RouterJob } from '../../services/routers/router-ops-ports.js';
import type { RouterView } from '../../services/routers/router-record.js';
import { ActionButton, TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { RouterMessages } from '../messages/routers.js';
import type { SessionMessages } from '../messages/sessions.js';
import { formatWhen } from './net-format.js';
import { HealthBadge, routerHref } from './routers-list.js';
import { SessionsTable } from './sessions-table.js';

export function RouterDetail(props: {
  ctx: WebPageContext;
  m: RouterMessages;
  sm: SessionMessages;
  router: RouterView;
  jobs: readonly RouterJob[];
  showDone: boolean;
  live: readonly SessionView[];
  history: ReadonlyArray<{ at: number; health: string }>;
  canWork: boolean;
}) {
  const { ctx, m, router: r, jobs } = props;
  const href = (tail: string) => routerHref(r.name, tail);
  const api = r.apiHost
    ? `${r.apiUser ?? '?'}@${r.apiHost}:${r.apiPort ?? ''}${r.apiTls ? ' (TLS)' : ''}`
    : m.radiusOnly;
  const failed = jobs.filter((j) => j.state === 'failed').length;
  return (
    <>
      <h1>
        {m.title} {r.name}
      </h1>
      <div class="card">
        <dl class="kv">
          <dt>{m.col.health}</dt>
          <dd>
            <HealthBadge m={m} router={r} />{' '}
            {r.healthChangedAt !== null ? (
              <span class="muted">{m.since(formatWhen(ctx, r.healthChangedAt))}</span>
            ) : null}
          </dd>
          <dt>{m.col.lastContact}</dt>
          <dd>{formatWhen(ctx, r.lastContactAt, m.never)}</dd>
          <dt>{m.col.version}</dt>
          <dd>
            {r.rosVersion ?? '—'}
            {r.board ? `, ${r.board}` : ''}
          </dd>
          <dt>{m.provisionedAt}</dt>
          <dd>{formatWhen(ctx, r.provisionedAt, m.notProvisioned)}</dd>
          <dt>{m.lastSync}</dt>
          <dd>{formatWhen(ctx, r.lastSyncAt, m.never)}</dd>
          <dt>{m.nasIp}</dt>
          <dd>{r.nasIp}</dd>
          <dt>{m.api}</dt>
          <dd>{api}</dd>
          <dt>{m.hotspot}</dt>
          <dd>{[r.hotspotServer, r.hotspotProfile, r.hotspotAddress].filter(Boolean).join(' · ') || '—'}</dd>
          <dt>{m.col.dusun}</dt>
          <dd>{r.dusun ?? '—'}</dd>
        </dl>
        <p>
          <a class="btn s" href={href('/ubah')}>
            {m.edit}
          </a>
          {r.apiHost ? (
            <>
              <ActionButton ctx={ctx} action={href('/periksa')} label={m.check} />{' '}
              <a class="btn" href={href('/siapkan')}>
                {m.provisionDry}
              </a>
            </>
          ) : null}
        </p>
        {!props.canWork && r.apiHost ? <p class="muted">{m.notAvailable}</p> : null}
      </div>

      {r.apiHost ? (
        <>
          <h2>{m.history}</h2>
          {props.history.length === 0 ? (
            <p class="muted">{m.historyNone}</p>
          ) : (
            <ul class="history">
              {props.history.map((e) => (
                <li>
                  <span class={`badge ${e.health === 'up' ? 'ok' : 'bad'}`}>
                    {m.health[e.health] ?? e.health}
                  </span>{' '}
                  {formatWhen(ctx, e.at)}
                </li>
              ))}
            </ul>
          )}
          <h2 id="pekerjaan">{m.jobs}</h2>
          <p>
            <ActionButton ctx={ctx} action={href('/sinkron')} label={m.sync} small />{' '}
            {failed > 0 ? (
              <ActionButton ctx={ctx} action={href('/coba-lagi')} label={m.retryAll} small />
            ) : null}{' '}
            {props.showDone ? null : <a href={href('?semua=1#pekerjaan')}>{m.jobsAll}</a>}
          </p>
          {jobs.length === 0 ? (
            <p class="muted">{m.jobsNone}</p>
          ) : (
            <TableBox>
              <table class="stack">
                <thead>
                  <tr>
                    <th>{m.jobCol.id}</th>
                    <th>{m.jobCol.kind}</th>
                    <th>{m.jobCol.state}</th>
                    <th class="n">{m.jobCol.attempts}</th>
                    <th>{m.jobCol.when}</th>
                    <th>{m.jobCol.error}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {jobs.map((j) => (
                    <tr>
                      <td data-label={m.jobCol.id}>#{j.id}</td>
                      <td data-label={m.jobCol.kind}>{m.jobKind[j.kind] ?? j.kind}</td>
                      <td data-label={m.jobCol.state}>
                        <span
                          class={`badge ${j.state === 'failed' ? 'bad' : j.state === 'done' ? 'ok' : 'warn'}`}
                        >
                          {m.jobState[j.state] ?? j.state}
                        </span>
                      </td>
                      <td data-label={m.jobCol.attempts} class="n">
                        {j.attempts}
                      </td>
                      <td data-label={m.jobCol.when}>
                        {formatWhen(ctx, j.state === 'pending' ? j.nextTryAt : j.updatedAt)}
                      </td>
                      <td data-label={m.jobCol.error}>{j.lastError ?? ''}</td>
                      <td data-label="">
                        {j.state === 'failed' ? (
                          <ActionButton
                            ctx={ctx}
                            action={href('/coba-lagi')}
                            label={m.retry}
                            fields={{ job: String(j.id) }}
                            small
                          />
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          )}
        </>
      ) : null}

      <h2>{m.liveSessions}</h2>
      {props.live.length === 0 ? (
        <p class="muted">{m.liveNone}</p>
      ) : (
        <SessionsTable ctx={ctx} m={props.sm} sessions={props.live} back={routerHref(r.name)} />
      )}
      <p>
        <a href={`/admin/sesi?router=${encodeURIComponent(r.name)}&status=semua`}>{m.allSessions}</a>
      </p>

      <h2>{m.remove}</h2>
      <ActionButton
        ctx={ctx}
        action={href('/hapus')}
        label={m.remove}
        confirm={m.removeConfirm(r.name)}
        danger
      />
    </>
  );
}
