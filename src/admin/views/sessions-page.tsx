// The sessions page: filters (live or all, router, MAC, resident), the sessions table and a pager.
import type { SessionView } from '../../services/radius/radius-sessions.js';
import { ErrorSummary, Field, type FieldErrors, Pager, SelectField } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { SessionMessages } from '../messages/sessions.js';
import { withQuery } from './net-format.js';
import { SessionsTable } from './sessions-table.js';

export interface SessionFilters {
  readonly status: string;
  readonly router: string;
  readonly mac: string;
  readonly who: string;
}

export function SessionsPage(props: {
  ctx: WebPageContext;
  m: SessionMessages;
  filters: SessionFilters;
  routerNames: readonly string[];
  sessions: readonly SessionView[];
  page: number;
  hasNext: boolean;
  errors: FieldErrors;
  back: string;
}) {
  const { ctx, m, filters: f } = props;
  const query = { status: f.status, router: f.router, mac: f.mac, warga: f.who };
  return (
    <>
      <h1>{m.title}</h1>
      <p class="muted">{m.intro}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <form method="get" action="/admin/sesi" class="card">
        <div class="row">
          <SelectField
            name="status"
            label={m.filter.state}
            value={f.status}
            options={[
              { value: 'aktif', label: m.filter.live },
              { value: 'semua', label: m.filter.all },
            ]}
          />
          <SelectField
            name="router"
            label={m.filter.router}
            value={f.router}
            error={props.errors.router}
            options={[
              { value: '', label: m.filter.anyRouter },
              ...props.routerNames.map((n) => ({ value: n, label: n })),
            ]}
          />
          <Field
            name="mac"
            label={m.filter.mac}
            value={f.mac}
            error={props.errors.mac}
            maxlength={32}
            autocomplete="off"
          />
          <Field
            name="warga"
            label={m.filter.resident}
            hint={m.filter.residentHint}
            value={f.who}
            error={props.errors.nik ?? props.errors.name}
            maxlength={64}
            autocomplete="off"
          />
          <button class="btn" type="submit">
            {ctx.m.form.search}
          </button>
        </div>
      </form>
      {props.sessions.length === 0 ? (
        <div class="card">
          <p>{m.none}</p>
        </div>
      ) : (
        <SessionsTable ctx={ctx} m={m} sessions={props.sessions} back={props.back} />
      )}
      <Pager
        ctx={ctx}
        page={props.page}
        hasNext={props.hasNext}
        hrefFor={(p) => withQuery('/admin/sesi', query, { page: String(p) })}
      />
    </>
  );
}
