// The login log: one search box (MAC, name or NIK) and a router, the decisions with their reasons in plain words
// and what the phone was shown, dropped packets among them, and below, what to do about each kind of drop.
import { type RejectReason, rejectMessagesEn, rejectMessagesId } from '../../domain/auth-messages.js';
import { isReportedDrop } from '../../domain/radius-drops.js';
import type { AuthLogView } from '../../services/radius/auth-log.js';
import {
  ErrorSummary,
  Field,
  type FieldErrors,
  Pager,
  SelectField,
  TableBox,
} from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { AuthLogMessages } from '../messages/auth-log.js';
import { formatWhen, withQuery } from './net-format.js';

export function reasonText(m: AuthLogMessages, r: AuthLogView): string {
  if (isReportedDrop(r.reason)) return m.drops[r.reason];
  return m.reasons[r.reason as keyof AuthLogMessages['reasons']] ?? r.reason;
}

/** What the resident's phone showed for a refusal (the Reply-Message), when there is one. */
function phoneText(lang: 'id' | 'en', r: AuthLogView): string | undefined {
  if (r.decision !== 'reject') return undefined;
  const catalogue = lang === 'id' ? rejectMessagesId : rejectMessagesEn;
  return catalogue[r.reason as RejectReason]?.({});
}

/** The fix for each kind of drop on the page, once each. */
export function dropFixes(m: AuthLogMessages, rows: readonly AuthLogView[]): string[] {
  const fixes = new Set<string>();
  for (const r of rows) {
    if (!isReportedDrop(r.reason)) continue;
    const router = r.router ?? r.source ?? '?';
    if (r.reason === 'unknown_nas') fixes.add(m.fix.unknown_nas(r.source ?? '?'));
    else if (r.reason === 'missing_message_authenticator') fixes.add(m.fix.messageAuth(router));
    else fixes.add(m.fix.secret(router));
  }
  return [...fixes];
}

export function AuthLogPage(props: {
  ctx: WebPageContext;
  m: AuthLogMessages;
  q: string;
  router: string;
  routerNames: readonly string[];
  rows: readonly AuthLogView[];
  page: number;
  hasNext: boolean;
  errors: FieldErrors;
}) {
  const { ctx, m, rows } = props;
  const fixes = dropFixes(m, rows);
  return (
    <>
      <h1>{m.title}</h1>
      <p class="muted">{m.intro}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <form method="get" action="/admin/log-masuk" class="card">
        <div class="row">
          <Field
            name="q"
            label={m.search}
            hint={m.searchHint}
            value={props.q}
            error={props.errors.mac ?? props.errors.nik ?? props.errors.name}
            type="search"
            maxlength={64}
            autocomplete="off"
          />
          <SelectField
            name="router"
            label={m.router}
            value={props.router}
            options={[
              { value: '', label: m.anyRouter },
              ...props.routerNames.map((n) => ({ value: n, label: n })),
            ]}
          />
          <button class="btn" type="submit">
            {ctx.m.form.search}
          </button>
        </div>
      </form>
      {fixes.length > 0 ? (
        <div class="alert" role="note">
          <p>
            <strong>{m.fixes}</strong>
          </p>
          {fixes.map((f) => (
            <p>{f}</p>
          ))}
        </div>
      ) : null}
      {rows.length === 0 ? (
        <div class="card">
          <p>{m.none}</p>
        </div>
      ) : (
        <TableBox>
          <table class="stack">
            <thead>
              <tr>
                <th>{m.col.when}</th>
                <th>{m.col.decision}</th>
                <th>{m.col.reason}</th>
                <th>{m.col.resident}</th>
                <th>{m.col.device}</th>
                <th>{m.col.mac}</th>
                <th>{m.col.router}</th>
                <th class="n">{m.col.count}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const phone = phoneText(ctx.lang, r);
                const badge = r.decision === 'accept' ? 'ok' : r.decision === 'drop' ? 'warn' : 'bad';
                return (
                  <tr>
                    <td data-label={m.col.when}>{formatWhen(ctx, r.lastAt)}</td>
                    <td data-label={m.col.decision}>
                      <span class={`badge ${badge}`}>{m.decision[r.decision] ?? r.decision}</span>
                    </td>
                    <td data-label={m.col.reason} class="w">
                      {reasonText(m, r)}
                      {phone ? (
                        <div class="muted">
                          {m.phoneSaw}: “{phone}”
                        </div>
                      ) : null}
                    </td>
                    <td data-label={m.col.resident}>{r.resident ?? '—'}</td>
                    <td data-label={m.col.device}>{r.device ?? r.username ?? '—'}</td>
                    <td data-label={m.col.mac}>{r.mac ?? (r.decision === 'drop' ? '—' : m.many)}</td>
                    <td data-label={m.col.router}>
                      {r.router ?? (r.source ? m.unknownRouter(r.source) : '—')}
                    </td>
                    <td data-label={m.col.count} class="n">
                      {r.count}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      )}
      <Pager
        ctx={ctx}
        page={props.page}
        hasNext={props.hasNext}
        hrefFor={(p) =>
          withQuery('/admin/log-masuk', { q: props.q, router: props.router }, { page: String(p) })
        }
      />
    </>
  );
}
