// The audit log: filters (actor, action, dates) in the query string, newest first, 50 a page.
import type { AuditRow } from '../../services/audit/audit-log.js';
import { ErrorSummary, Field, type FieldErrors, Pager, TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { usersMessages } from '../messages/users.js';
import { formatTime } from './time.js';

export interface AuditQuery {
  readonly actor: string;
  readonly action: string;
  readonly from: string;
  readonly to: string;
}

export function auditHref(q: AuditQuery, page: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/admin/audit?${s}` : '/admin/audit';
}

export function AuditPage(props: {
  ctx: WebPageContext;
  query: AuditQuery;
  rows: readonly AuditRow[];
  page: number;
  more: boolean;
  errors?: FieldErrors;
}) {
  const { ctx, query } = props;
  const m = usersMessages[ctx.lang].audit;
  const errors = props.errors ?? {};
  return (
    <>
      <h1>{m.title}</h1>
      <p class="muted">{m.intro}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action="/admin/audit" class="card grid">
        <Field name="actor" label={m.actor} hint={m.actorHint} value={query.actor} maxlength={80} />
        <Field name="action" label={m.action} hint={m.actionHint} value={query.action} maxlength={80} />
        <Field name="from" label={m.from} type="date" value={query.from} error={errors.from} />
        <Field name="to" label={m.to} type="date" value={query.to} error={errors.to} />
        <p class="row">
          <button class="btn" type="submit">
            {m.filter}
          </button>
          <a href="/admin/audit">{m.reset}</a>
        </p>
      </form>
      {props.rows.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <TableBox>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{m.at}</th>
                <th scope="col">{m.actor}</th>
                <th scope="col">{m.action}</th>
                <th scope="col">{m.target}</th>
                <th scope="col">{m.detail}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td data-label={m.at}>{formatTime(r.at, ctx.timeZone, ctx.lang)}</td>
                  <td data-label={m.actor}>
                    <a href={auditHref({ ...query, actor: r.actor }, 1)}>{r.actor}</a>
                  </td>
                  <td data-label={m.action}>
                    <a href={auditHref({ ...query, action: r.action }, 1)}>{r.action}</a>
                  </td>
                  <td data-label={m.target}>{r.target}</td>
                  <td data-label={m.detail}>
                    <small>{r.detail ?? ''}</small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <Pager ctx={ctx} page={props.page} hasNext={props.more} hrefFor={(p) => auditHref(query, p)} />
    </>
  );
}
