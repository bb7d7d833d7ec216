// The residents list (/admin/warga): filters in the query string (NIK exact, name prefix, dusun, RT, account
// status), 50 a page in name order, and a link to each resident's card. The NIK typed is never echoed back.
import type { ResidentPage } from '../../services/residents/resident-search.js';
import {
  CsrfInput,
  ErrorSummary,
  Field,
  type FieldErrors,
  SelectField,
  TableBox,
} from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { ResidentsMessages } from '../messages/residents.js';

export interface ResidentFilterForm {
  readonly name: string;
  readonly dusun: string;
  readonly rt: string;
  readonly status: string;
}

export function StatusBadge(props: { t: ResidentsMessages; status: string | null }) {
  const s = props.status ?? 'none';
  const cls = s === 'active' ? 'ok' : s === 'suspended' ? 'bad' : s === 'pending' ? 'warn' : 'off';
  return <span class={`badge ${cls}`}>{props.t.statuses[s] ?? s}</span>;
}

export function ResidentsListPage(props: {
  ctx: WebPageContext;
  t: ResidentsMessages;
  form: ResidentFilterForm;
  errors: FieldErrors;
  result: ResidentPage | undefined;
  /** Query string of the filters (without the page), for the pager links. */
  query: string;
  /** Past the first page. */
  later: boolean;
}) {
  const { ctx, t, form, errors, result } = props;
  const statusOptions = [
    { value: '', label: t.statusAny },
    ...['none', 'pending', 'active', 'suspended'].map((s) => ({ value: s, label: t.statuses[s]! })),
  ];
  return (
    <>
      <h1>{t.title}</h1>
      <p>
        <a class="btn s" href="/admin/warga/daftar">
          {t.registerNew}
        </a>
      </p>
      {/* The NIK goes in a POST body, never in a URL (logs, history); a match opens that resident's card. */}
      <form method="post" action="/admin/warga/cari-nik" class="card" aria-label={t.nikSearch}>
        <CsrfInput ctx={ctx} />
        <div class="row">
          <Field
            name="nik"
            label={t.nik}
            hint={t.nikHint}
            error={errors.nik}
            inputmode="numeric"
            autocomplete="off"
            maxlength={24}
          />
          <button class="btn" type="submit">
            {t.nikSearchButton}
          </button>
        </div>
      </form>
      <form method="get" action="/admin/warga" class="card" aria-label={t.searchHeading}>
        <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
        <Field
          name="name"
          label={t.name}
          hint={t.nameHint}
          value={form.name}
          error={errors.name}
          maxlength={64}
        />
        <div class="row">
          <Field name="dusun" label={t.dusun} value={form.dusun} error={errors.dusun} maxlength={64} />
          <Field
            name="rt"
            label={t.rt}
            hint={t.rtHint}
            value={form.rt}
            error={errors.rt}
            inputmode="numeric"
            maxlength={8}
          />
          <SelectField
            name="status"
            label={t.status}
            options={statusOptions}
            value={form.status}
            error={errors.status}
          />
        </div>
        <button class="btn" type="submit">
          {ctx.m.form.search}
        </button>
      </form>
      {result ? <ResultTable {...props} result={result} /> : null}
    </>
  );
}

function ResultTable(props: {
  ctx: WebPageContext;
  t: ResidentsMessages;
  result: ResidentPage;
  query: string;
  later: boolean;
}) {
  const { t, result, query } = props;
  if (result.residents.length === 0) {
    return (
      <p class="alert info" role="status">
        {t.noMatches}
      </p>
    );
  }
  const sep = query ? '&' : '';
  return (
    <>
      <p class="muted" role="status">
        {t.found(result.total.count, result.total.capped)}
      </p>
      <TableBox>
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t.columns.name}</th>
              <th scope="col">{t.columns.nik}</th>
              <th scope="col">{t.columns.area}</th>
              <th scope="col">{t.columns.roster}</th>
              <th scope="col">{t.columns.account}</th>
            </tr>
          </thead>
          <tbody>
            {result.residents.map((r) => (
              <tr>
                <td data-label={t.columns.name}>
                  <a href={`/admin/warga/${r.id}`}>{r.name}</a>
                </td>
                <td data-label={t.columns.nik}>{r.nik_masked}</td>
                <td data-label={t.columns.area}>
                  {r.dusun} / {r.rw} / {r.rt}
                </td>
                <td data-label={t.columns.roster}>{r.active ? t.rosterActive : t.rosterInactive}</td>
                <td data-label={t.columns.account}>
                  <StatusBadge t={t} status={r.account_status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      <nav class="pager" aria-label={props.ctx.m.pager.label}>
        {props.later ? <a href={`/admin/warga${query ? `?${query}` : ''}`}>{t.firstPage}</a> : null}
        {result.next ? <a href={`/admin/warga?${query}${sep}after=${result.next}`}>{t.nextPage}</a> : null}
      </nav>
    </>
  );
}
