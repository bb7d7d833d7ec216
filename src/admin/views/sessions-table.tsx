// Sessions as a table (the sessions page and a router's page): who, which device, where, how much, and a
// disconnect button on each live one that asks first.
import type { SessionView } from '../../services/radius/radius-sessions.js';
import { formatBytes } from '../../web/format.js';
import { ActionButton, TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { SessionMessages } from '../messages/sessions.js';
import { formatWhen } from './net-format.js';

export function SessionsTable(props: {
  ctx: WebPageContext;
  m: SessionMessages;
  sessions: readonly SessionView[];
  /** Where to come back to after a disconnect. */
  back: string;
}) {
  const { ctx, m } = props;
  return (
    <TableBox>
      <table class="stack">
        <thead>
          <tr>
            <th>{m.col.resident}</th>
            <th>{m.col.device}</th>
            <th>{m.col.mac}</th>
            <th>{m.col.ip}</th>
            <th>{m.col.router}</th>
            <th>{m.col.started}</th>
            <th>{m.col.last}</th>
            <th class="n">{m.col.up}</th>
            <th class="n">{m.col.down}</th>
            <th>{m.col.state}</th>
            <th>{m.col.action}</th>
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((s) => (
            <tr>
              <td data-label={m.col.resident}>{s.resident ?? '—'}</td>
              <td data-label={m.col.device}>{s.device ?? s.username}</td>
              <td data-label={m.col.mac}>{s.mac ?? '—'}</td>
              <td data-label={m.col.ip}>{s.ip ?? '—'}</td>
              <td data-label={m.col.router}>{s.router}</td>
              <td data-label={m.col.started}>{formatWhen(ctx, s.startedAt)}</td>
              <td data-label={m.col.last}>{formatWhen(ctx, s.stoppedAt ?? s.updatedAt)}</td>
              <td data-label={m.col.up} class="n">
                {formatBytes(s.inputBytes, ctx.lang)}
              </td>
              <td data-label={m.col.down} class="n">
                {formatBytes(s.outputBytes, ctx.lang)}
              </td>
              <td data-label={m.col.state}>
                <span class={`badge ${s.state === 'active' ? 'ok' : 'off'}`}>
                  {m.state[s.state] ?? s.state}
                </span>
              </td>
              <td data-label={m.col.action}>
                {s.state === 'active' ? (
                  <ActionButton
                    ctx={ctx}
                    action={`/admin/sesi/${s.id}/putus`}
                    label={m.kick}
                    confirm={m.kickConfirm(s.resident ?? s.mac ?? s.username, s.router)}
                    fields={{ back: props.back }}
                    danger
                    small
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}
