// What router work answered, in plain words: the provisioning difference (dry run, then what was applied and
// where it stopped), the runs of a sync or retry, and a health check with the router's load.

import type { ProvisionJob } from '../../services/routers/provision-jobs.js';
import type { ProvisionOutcome } from '../../services/routers/provisioning.js';
import type { HealthPoll } from '../../services/routers/router-health.js';
import type { JobRun } from '../../services/routers/router-jobs.js';
import { CsrfInput } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { RouterMessages } from '../messages/routers.js';
import { formatWhen, mib, uptimeText } from './net-format.js';
import { routerHref } from './routers-list.js';

function Back(props: { m: RouterMessages; name: string }) {
  return (
    <p>
      <a class="btn s" href={routerHref(props.name)}>
        {props.m.back}
      </a>
    </p>
  );
}

export function ProvisionResult(props: {
  ctx: WebPageContext;
  m: RouterMessages;
  outcome: ProvisionOutcome;
}) {
  const { ctx, m, outcome } = props;
  const { report } = outcome;
  const failedAt = !outcome.dryRun && report.error ? report.applied : -1;
  return (
    <>
      <h1>{m.provisionTitle(outcome.router)}</h1>
      {outcome.dryRun ? (
        <div class="alert info">
          <p>{m.provisionIntro}</p>
        </div>
      ) : report.error ? (
        <div class="alert" role="alert">
          <p>{m.applyStopped(report.applied, report.changes.length, report.error.message)}</p>
        </div>
      ) : (
        <div class="alert ok" role="status">
          <p>{report.changes.length === 0 ? m.provisionSame : m.applied(report.applied, outcome.router)}</p>
        </div>
      )}
      <div class="card">
        <p>
          RouterOS {report.rosVersion || '?'} ·{' '}
          {report.changes.length === 0 ? m.provisionSame : m.provisionCount(report.changes.length)}
        </p>
        {report.changes.length > 0 ? (
          <ol class="changes">
            {report.changes.map((c, i) => (
              <li class={i === failedAt ? 'bad' : !outcome.dryRun && i < report.applied ? 'done' : undefined}>
                {c.description}
                {i === failedAt ? <strong class="err"> — {m.failedHere}</strong> : null}
              </li>
            ))}
          </ol>
        ) : null}
        {report.notes.length > 0 ? (
          <>
            <h2>{m.notes}</h2>
            <ul>
              {report.notes.map((n) => (
                <li>
                  <span
                    class={`badge ${n.level === 'problem' ? 'bad' : n.level === 'warning' ? 'warn' : 'off'}`}
                  >
                    {m.noteLevel[n.level] ?? n.level}
                  </span>{' '}
                  {n.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {outcome.dryRun && report.changes.length > 0 ? (
          // The main action of the page, so a filled button; the script asks first, the server asks without it.
          <form
            method="post"
            action={routerHref(outcome.router, '/siapkan')}
            data-confirm={m.applyConfirm(outcome.router)}
          >
            <CsrfInput ctx={ctx} />
            <button class="btn" type="submit">
              {m.apply}
            </button>
          </form>
        ) : null}
      </div>
      <Back m={m} name={outcome.router} />
    </>
  );
}

export function RunsResult(props: {
  ctx: WebPageContext;
  m: RouterMessages;
  router: string;
  title: string;
  runs: readonly JobRun[];
  empty: string;
}) {
  const { ctx, m, runs } = props;
  const done = runs.filter((r) => r.outcome === 'done').length;
  return (
    <>
      <h1>{props.title}</h1>
      <div class={`alert ${runs.length === done ? 'ok' : ''}`} role="status">
        <p>{runs.length === 0 ? props.empty : m.syncDone(done, runs.length)}</p>
      </div>
      {runs.length > 0 ? (
        <div class="card">
          <ul>
            {runs.map((r) => (
              <li>
                #{r.job.id} {m.jobKind[r.job.kind] ?? r.job.kind}:{' '}
                <strong>{m.runOutcome[r.outcome] ?? r.outcome}</strong> — {r.detail}
                {r.nextTryAt !== undefined ? ` (${formatWhen(ctx, r.nextTryAt)})` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Back m={m} name={props.router} />
    </>
  );
}

export function CheckResult(props: {
  ctx: WebPageContext;
  m: RouterMessages;
  poll: HealthPoll;
  warnOld?: string;
}) {
  const { ctx, m, poll } = props;
  const r = poll.reading;
  return (
    <>
      <h1>{m.checkTitle(poll.router)}</h1>
      {poll.error ? (
        <div class="alert" role="alert">
          <p>{m.unreachable(poll.error)}</p>
        </div>
      ) : null}
      <div class="card">
        <dl class="kv">
          <dt>{m.col.health}</dt>
          <dd>
            <span class={`badge ${poll.health === 'up' ? 'ok' : 'bad'}`}>{m.health[poll.health]}</span>
          </dd>
          {r ? (
            <>
              <dt>{m.col.version}</dt>
              <dd>
                {r.version}
                {r.boardName ? `, ${r.boardName}` : ''}
              </dd>
              <dt>{m.load}</dt>
              <dd>
                {m.cpu(r.cpuLoad)}
                {r.freeMemory !== undefined && r.totalMemory !== undefined
                  ? `, ${m.memory(mib(r.freeMemory), mib(r.totalMemory))}`
                  : ''}
              </dd>
              <dt>{m.uptime}</dt>
              <dd>{uptimeText(ctx.lang, r.uptimeSeconds)}</dd>
            </>
          ) : null}
        </dl>
        {props.warnOld ? <p class="err">{props.warnOld}</p> : null}
        {poll.closedSessions > 0 ? <p>{m.closedSessions(poll.closedSessions)}</p> : null}
      </div>
      <Back m={m} name={poll.router} />
    </>
  );
}

/** A provisioning apply while it runs (steps done and to do; the page refreshes), then what it did. */
export function ProvisionJobPage(props: { ctx: WebPageContext; m: RouterMessages; job: ProvisionJob }) {
  const { ctx, m, job } = props;
  if (job.state === 'done' && job.outcome) return <ProvisionResult ctx={ctx} m={m} outcome={job.outcome} />;
  const pct = job.total > 0 ? Math.min(100, Math.round((job.applied / job.total) * 100)) : 0;
  return (
    <>
      <h1>{m.provisionTitle(job.router)}</h1>
      {job.state === 'failed' ? (
        <div class="alert" role="alert">
          <p>{m.applyFailed(job.error ?? '')}</p>
        </div>
      ) : (
        <div class="card" role="status">
          <p>{m.applying}</p>
          <label for="kemajuan">
            {job.total > 0 ? m.applyProgress(job.applied, job.total) : m.applyReading}
          </label>
          <progress id="kemajuan" max={100} value={pct}>
            {pct} %
          </progress>
          <noscript>
            <a class="btn s" href={routerHref(job.router, `/siapkan/${job.id}`)}>
              {m.applyReload}
            </a>
          </noscript>
        </div>
      )}
      <Back m={m} name={job.router} />
    </>
  );
}
