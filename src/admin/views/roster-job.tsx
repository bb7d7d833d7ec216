// /admin/roster/:id: one upload followed through its dry run (progress, then the report with the deactivation
// guard and the apply button) and its apply (progress, then the outcome). Names come from the roster, which holds
// hostile text: JSX escapes every one.
import type { UploadReport, UploadView } from '../../services/residents/roster-uploads.js';
import { CsrfInput, type FieldErrors, TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { rosterMessages } from '../messages/roster.js';
import { StateBadge } from './roster-page.js';
import { actorName, when } from './when.js';

/** Rows of each list shown on the page; the stored report keeps more, the CLI's --report file all. */
const SHOWN = 100;

export function RosterJobPage(props: {
  ctx: WebPageContext;
  upload: UploadView;
  errors: FieldErrors;
  confirmValue?: string | undefined;
}) {
  const { ctx, upload: u } = props;
  const t = rosterMessages[ctx.lang];
  return (
    <>
      <h1>
        {t.job.title(u.id)}: {u.fileName}
      </h1>
      <p class="muted">
        <StateBadge ctx={ctx} state={u.state} />{' '}
        {t.job.uploadedBy(actorName(u.createdBy), when(ctx, u.createdAt))}{' '}
        {u.appliedBy ? t.job.appliedBy(actorName(u.appliedBy)) : null}
      </p>
      {u.running ? <Progress ctx={ctx} upload={u} /> : null}
      {u.state === 'failed' ? (
        <div class="alert" role="alert">
          <p>{t.job.failed}</p>
          {u.error ? <p>{u.error}</p> : null}
        </div>
      ) : null}
      {u.state === 'applied' && u.batchId !== null ? (
        <div class="alert ok" role="status">
          <p>{t.job.applied(u.batchId)}</p>
        </div>
      ) : null}
      {u.state === 'checked' ? (
        <>
          {u.error ? (
            <div class="alert" role="alert">
              <p>{u.error}</p>
            </div>
          ) : null}
          <div class="alert info">
            <p>{t.job.dryRunNote}</p>
          </div>
        </>
      ) : null}
      {u.report && !u.running ? <Report ctx={ctx} report={u.report} applied={u.state === 'applied'} /> : null}
      {u.state === 'checked' && u.report ? (
        <ApplyForm ctx={ctx} upload={u} report={u.report} errors={props.errors} value={props.confirmValue} />
      ) : null}
      <p>
        <a href="/admin/roster">{u.state === 'failed' ? t.job.uploadAgain : t.job.back}</a>
      </p>
    </>
  );
}

function Progress(props: { ctx: WebPageContext; upload: UploadView }) {
  const { ctx, upload: u } = props;
  const t = rosterMessages[ctx.lang];
  const pct = u.total > 0 ? Math.min(100, Math.round((u.done / u.total) * 100)) : 0;
  return (
    <div class="card" role="status">
      <p>{u.state === 'applying' ? t.job.waitApplying : t.job.waitChecking}</p>
      <label for="kemajuan">{u.stage ? (t.stages[u.stage] ?? u.stage) : t.stages.reading}</label>
      <progress id="kemajuan" max={100} value={pct}>
        {pct} %
      </progress>
      <p class="muted">
        {t.job.progress(u.done, u.total)} ({pct} %)
      </p>
      <noscript>
        <a class="btn s" href={`/admin/roster/${u.id}`}>
          {t.job.reload}
        </a>
      </noscript>
    </div>
  );
}

function Stat(props: { label: string; value: number; hint?: string | undefined }) {
  return (
    <div class="card">
      <div class="muted">{props.label}</div>
      <div class="stat">{props.value.toLocaleString('id-ID')}</div>
      {props.hint ? <div class="muted">{props.hint}</div> : null}
    </div>
  );
}

function Report(props: { ctx: WebPageContext; report: UploadReport; applied: boolean }) {
  const { ctx, report: r } = props;
  const t = rosterMessages[ctx.lang].report;
  return (
    <section aria-labelledby="laporan">
      <h2 id="laporan">{t.heading}</h2>
      <p class="muted">{t.kind(r.full, r.format, r.sheet)}</p>
      <div class="grid stats">
        <Stat label={t.rows} value={r.rows} />
        <Stat label={t.added} value={r.added} />
        <Stat label={t.updated} value={r.updated} />
        <Stat label={t.deactivated} value={r.deactivated} />
        <Stat label={t.inactive} value={r.inactiveInRoster} hint={t.inactiveHint} />
        <Stat label={t.rejected} value={r.rejectedTotal} />
        <Stat label={t.warnings} value={r.warningsTotal} />
      </div>
      {r.rejected.length > 0 ? (
        <>
          <h3>{t.rejectedHeading}</h3>
          <TableBox>
            <table class="stack">
              <thead>
                <tr>
                  <th class="n">{t.row}</th>
                  <th>{t.name}</th>
                  <th>{t.nik}</th>
                  <th>{t.reason}</th>
                </tr>
              </thead>
              <tbody>
                {r.rejected.slice(0, SHOWN).map((x) => (
                  <tr>
                    <td data-label={t.row} class="n">
                      {x.row}
                    </td>
                    <td data-label={t.name}>{x.name || t.noName}</td>
                    <td data-label={t.nik}>{x.nikMasked}</td>
                    <td data-label={t.reason}>{x.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <More ctx={ctx} shown={Math.min(SHOWN, r.rejected.length)} total={r.rejectedTotal} />
        </>
      ) : null}
      {r.warningKinds.length > 0 ? (
        <>
          <h3>{t.warningsHeading}</h3>
          <TableBox>
            <table class="stack">
              <thead>
                <tr>
                  <th>{t.reason}</th>
                  <th class="n">{t.count}</th>
                  <th>{t.row}</th>
                </tr>
              </thead>
              <tbody>
                {r.warningKinds.map((k) => {
                  const rows = r.warnings.filter((w) => w.code === k.code).map((w) => w.row);
                  return (
                    <tr>
                      <td data-label={t.reason}>{k.message}</td>
                      <td data-label={t.count} class="n">
                        {k.count}
                      </td>
                      <td data-label={t.row}>
                        {rows.slice(0, 30).join(', ')}
                        {rows.length > 30 || k.count > rows.length ? ', …' : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableBox>
        </>
      ) : null}
      {r.deactivatedResidents.length > 0 ? (
        <>
          <h3>{props.applied ? t.deactivatedDone : t.deactivatedHeading}</h3>
          <TableBox>
            <table class="stack">
              <thead>
                <tr>
                  <th>{t.name}</th>
                  <th>{t.nik}</th>
                  <th>{t.dusun}</th>
                  <th>{t.why}</th>
                  <th>{t.wifi}</th>
                </tr>
              </thead>
              <tbody>
                {r.deactivatedResidents.slice(0, SHOWN).map((d) => (
                  <tr>
                    <td data-label={t.name}>{d.name || t.noName}</td>
                    <td data-label={t.nik}>{d.nikMasked}</td>
                    <td data-label={t.dusun}>{d.dusun}</td>
                    <td data-label={t.why}>{d.why === 'missing' ? t.whyMissing : t.whyStatus}</td>
                    <td data-label={t.wifi}>
                      {d.hadWifi ? <span class="badge bad">{t.wifiStops}</span> : t.wifiNone}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <More ctx={ctx} shown={Math.min(SHOWN, r.deactivatedResidents.length)} total={r.deactivatedTotal} />
        </>
      ) : null}
    </section>
  );
}

function More(props: { ctx: WebPageContext; shown: number; total: number }) {
  if (props.shown >= props.total) return null;
  return <p class="muted">{rosterMessages[props.ctx.lang].report.more(props.shown, props.total)}</p>;
}

function ApplyForm(props: {
  ctx: WebPageContext;
  upload: UploadView;
  report: UploadReport;
  errors: FieldErrors;
  value?: string | undefined;
}) {
  const { ctx, report: r, errors } = props;
  const t = rosterMessages[ctx.lang];
  const share = r.activeBefore === 0 ? '100' : ((r.deactivated / r.activeBefore) * 100).toFixed(1);
  return (
    <form
      method="post"
      action={`/admin/roster/${props.upload.id}/terapkan`}
      class="card"
      data-confirm={t.apply.confirm(r.added, r.updated, r.deactivated)}
    >
      <CsrfInput ctx={ctx} />
      {r.needsConfirmation ? (
        <>
          <div class="alert" role="alert">
            <p>
              <strong>{t.guard.heading}</strong>
            </p>
            <p>{t.guard.text(r.deactivated, r.activeBefore, share)}</p>
          </div>
          <label for="f-confirmDeactivate">{t.guard.field}</label>
          <span class="hint" id="f-confirmDeactivate-hint">
            {t.guard.hint(r.deactivated)}
          </span>
          {errors.confirmDeactivate ? (
            <p class="err" id="f-confirmDeactivate-err">
              {errors.confirmDeactivate}
            </p>
          ) : null}
          <input
            id="f-confirmDeactivate"
            name="confirmDeactivate"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            value={props.value ?? ''}
            aria-invalid={errors.confirmDeactivate ? 'true' : undefined}
            aria-describedby={
              errors.confirmDeactivate
                ? 'f-confirmDeactivate-hint f-confirmDeactivate-err'
                : 'f-confirmDeactivate-hint'
            }
          />
        </>
      ) : null}
      {errors.form ? <p class="err">{errors.form}</p> : null}
      <button class={r.needsConfirmation ? 'btn d' : 'btn'} type="submit">
        {t.apply.submit}
      </button>
      <p class="muted">{t.job.expires(when(ctx, props.upload.expiresAt))}</p>
    </form>
  );
}
