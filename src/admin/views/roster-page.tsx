// /admin/roster: the upload form, the uploads still kept (waiting, running, just done) and the history of imports.
import type { ImportHistoryEntry, UploadView } from '../../services/residents/roster-uploads.js';
import { CsrfInput, type FieldErrors, Pager, TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { rosterMessages } from '../messages/roster.js';
import { actorName, when } from './when.js';

export function StateBadge(props: { ctx: WebPageContext; state: string }) {
  const t = rosterMessages[props.ctx.lang];
  const cls =
    props.state === 'applied'
      ? 'ok'
      : props.state === 'failed'
        ? 'bad'
        : props.state === 'checked'
          ? 'warn'
          : 'off';
  return <span class={`badge ${cls}`}>{t.states[props.state] ?? props.state}</span>;
}

export function RosterPage(props: {
  ctx: WebPageContext;
  errors: FieldErrors;
  partial: boolean;
  uploads: readonly UploadView[];
  history: readonly ImportHistoryEntry[];
  page: number;
  hasNext: boolean;
}) {
  const { ctx, errors } = props;
  const t = rosterMessages[ctx.lang];
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <section class="card" aria-labelledby="unggah">
        <h2 id="unggah">{t.upload.heading}</h2>
        <form method="post" action="/admin/roster" enctype="multipart/form-data">
          <CsrfInput ctx={ctx} />
          <label for="f-file">{t.upload.file}</label>
          <span class="hint" id="f-file-hint">
            {t.upload.fileHint}
          </span>
          {errors.file ? (
            <p class="err" id="f-file-err">
              {errors.file}
            </p>
          ) : null}
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-invalid={errors.file ? 'true' : undefined}
            aria-describedby={errors.file ? 'f-file-hint f-file-err' : 'f-file-hint'}
          />
          <p class="check">
            <input id="f-partial" name="partial" type="checkbox" value="1" checked={props.partial} />
            <label for="f-partial">{t.upload.partial}</label>
            <span class="hint">{t.upload.partialHint}</span>
          </p>
          <button class="btn" type="submit">
            {t.upload.submit}
          </button>
        </form>
      </section>

      <h2>{t.recent.heading}</h2>
      {props.uploads.length === 0 ? (
        <p class="muted">{t.recent.none}</p>
      ) : (
        <TableBox>
          <table class="stack">
            <thead>
              <tr>
                <th>{t.history.when}</th>
                <th>{t.history.file}</th>
                <th>{t.history.who}</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {props.uploads.map((u) => (
                <tr>
                  <td data-label={t.history.when}>{when(ctx, u.createdAt)}</td>
                  <td data-label={t.history.file}>
                    <a href={`/admin/roster/${u.id}`}>{u.fileName}</a>
                  </td>
                  <td data-label={t.history.who}>{actorName(u.createdBy)}</td>
                  <td data-label="Status">
                    <StateBadge ctx={ctx} state={u.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}

      <h2 id="riwayat">{t.history.heading}</h2>
      {props.history.length === 0 && props.page === 1 ? (
        <p class="muted">{t.history.none}</p>
      ) : (
        <>
          <TableBox>
            <table class="stack">
              <thead>
                <tr>
                  <th>{t.history.when}</th>
                  <th>{t.history.who}</th>
                  <th>{t.history.file}</th>
                  <th>{t.history.kind}</th>
                  <th class="n">{t.report.added}</th>
                  <th class="n">{t.report.updated}</th>
                  <th class="n">{t.report.deactivated}</th>
                  <th class="n">{t.report.rejected}</th>
                  <th class="n">{t.report.warnings}</th>
                </tr>
              </thead>
              <tbody>
                {props.history.map((b) => (
                  <tr>
                    <td data-label={t.history.when}>{when(ctx, b.finishedAt ?? b.startedAt)}</td>
                    <td data-label={t.history.who}>{actorName(b.actor)}</td>
                    <td data-label={t.history.file}>{b.fileName}</td>
                    <td data-label={t.history.kind}>{b.full ? t.history.full : t.history.partial}</td>
                    <td data-label={t.report.added} class="n">
                      {b.added}
                    </td>
                    <td data-label={t.report.updated} class="n">
                      {b.updated}
                    </td>
                    <td data-label={t.report.deactivated} class="n">
                      {b.deactivated}
                    </td>
                    <td data-label={t.report.rejected} class="n">
                      {b.rejected}
                    </td>
                    <td data-label={t.report.warnings} class="n">
                      {b.warnings}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <Pager
            ctx={ctx}
            page={props.page}
            hasNext={props.hasNext}
            hrefFor={(p) => `/admin/roster?hal=${p}#riwayat`}
          />
        </>
      )}
    </>
  );
}
