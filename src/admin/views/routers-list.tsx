// The routers page: every router with its health (up or down since when), last contact, RouterOS version and
// board, and its pending and failed jobs, so a router that needs attention stands out on a phone too.

import type { RouterView } from '../../services/routers/router-record.js';
import { TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { RouterMessages } from '../messages/routers.js';
import { formatWhen, healthClass } from './net-format.js';

export interface RouterRow {
  readonly router: RouterView;
  readonly pending: number;
  readonly failed: number;
}

export const routerHref = (name: string, tail = '') => `/admin/router/${encodeURIComponent(name)}${tail}`;

export function HealthBadge(props: { m: RouterMessages; router: RouterView }) {
  const { m, router } = props;
  if (!router.apiHost && router.health === 'unknown') return <span class="badge off">{m.radiusOnly}</span>;
  return (
    <span class={`badge ${healthClass(router.health)}`}>{m.health[router.health] ?? router.health}</span>
  );
}

export function RoutersList(props: { ctx: WebPageContext; m: RouterMessages; rows: readonly RouterRow[] }) {
  const { ctx, m, rows } = props;
  return (
    <>
      <h1>{m.title}</h1>
      <p>
        <a class="btn" href="/admin/router/baru">
          {m.add}
        </a>
      </p>
      {rows.length === 0 ? (
        <div class="card">
          <p>{m.none}</p>
        </div>
      ) : (
        <TableBox>
          <table class="stack">
            <thead>
              <tr>
                <th>{m.col.name}</th>
                <th>{m.col.health}</th>
                <th>{m.col.lastContact}</th>
                <th>{m.col.version}</th>
                <th>{m.col.board}</th>
                <th class="n">{m.col.pending}</th>
                <th class="n">{m.col.failed}</th>
                <th>{m.col.dusun}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ router: r, pending, failed }) => (
                <tr>
                  <td data-label={m.col.name}>
                    <a href={routerHref(r.name)}>{r.name}</a>
                  </td>
                  <td data-label={m.col.health}>
                    <HealthBadge m={m} router={r} />
                    {r.healthChangedAt !== null ? (
                      <div class="muted">{m.since(formatWhen(ctx, r.healthChangedAt))}</div>
                    ) : null}
                  </td>
                  <td data-label={m.col.lastContact}>{formatWhen(ctx, r.lastContactAt, m.never)}</td>
                  <td data-label={m.col.version}>{r.rosVersion ?? '—'}</td>
                  <td data-label={m.col.board}>{r.board ?? '—'}</td>
                  <td data-label={m.col.pending} class="n">
                    {r.apiHost ? pending : '—'}
                  </td>
                  <td data-label={m.col.failed} class="n">
                    {failed > 0 ? (
                      <a class="badge bad" href={routerHref(r.name, '#pekerjaan')}>
                        {failed}
                      </a>
                    ) : r.apiHost ? (
                      '0'
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label={m.col.dusun}>{r.dusun ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </>
  );
}
