// The dashboard: how the network is doing now, what waits for an operator, and why phones cannot connect.
// Aggregates only (no resident's name or device), so every role sees the same page; links to act are for operators.
import { reasonLabel } from '../../domain/auth-reasons.js';
import { roleAtLeast } from '../../services/admins/admins.js';
import type { DashboardSummary, FirstStep } from '../../services/dashboard/dashboard.js';
import type { IndexKeyStatus } from '../../services/keys/key-status.js';
import { formatAgo, formatBytes, formatNumber, formatTime } from '../../web/format.js';
import { TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { dashboardMessages } from '../messages/dashboard.js';
import { routerHref } from './routers-list.js';

const BADGE: Readonly<Record<string, string>> = { up: 'ok', down: 'bad', unknown: 'off' };
const STEP_PAGE: Readonly<Record<FirstStep, string | undefined>> = {
  roster: '/admin/roster',
  plan: '/admin/paket',
  router: '/admin/router',
  provision: '/admin/router',
  portalUrl: undefined,
};
/** Up to this many routers the table lists them all; beyond, only those needing attention (a regency has 500). */
const ALL_ROUTERS_UP_TO = 20;
const ATTENTION_ROWS = 50;

function Stat(props: {
  label: string;
  value: string;
  note?: string | undefined;
  href?: string | undefined;
  link?: string;
}) {
  return (
    <div class="card">
      <div class="muted">{props.label}</div>
      <p class="stat">{props.value}</p>
      {props.note ? <div class="muted">{props.note}</div> : null}
      {props.href ? <a href={props.href}>{props.link}</a> : null}
    </div>
  );
}

/** A new village's checklist, for those who can act on it; gone once every step is done. */
function FirstSteps(props: {
  ctx: WebPageContext;
  steps: ReadonlyArray<{ step: FirstStep; done: boolean }>;
}) {
  const m = dashboardMessages[props.ctx.lang];
  return (
    <section class="card" aria-labelledby="first-steps">
      <h2 id="first-steps">{m.firstSteps}</h2>
      <p class="muted">{m.firstStepsIntro}</p>
      <ol>
        {props.steps.map(({ step, done }) => {
          const [what, link] = m.steps[step] ?? [step, ''];
          const href = STEP_PAGE[step];
          return (
            <li data-step={step} data-done={done ? 'yes' : 'no'}>
              <span class={`badge ${done ? 'ok' : 'off'}`}>{done ? m.stepDone : m.stepTodo}</span> {what}
              {!done && href && link ? (
                <>
                  {' · '}
                  <a href={href}>{link}</a>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * After a key rotation, while the old key file is kept: what still holds it, and what deletes it (the same figures
 * as `warganet key status`). Gone once nothing needs the old key.
 */
function OldKeyCard(props: { ctx: WebPageContext; status: IndexKeyStatus }) {
  const m = dashboardMessages[props.ctx.lang].oldKey;
  const s = props.status;
  const n = (x: number) => formatNumber(x, props.ctx.lang);
  return (
    <section class="card" aria-labelledby="kunci-lama" data-card="old-key">
      <h2 id="kunci-lama">{m.heading}</h2>
      {s.pinsPending > 0 ? (
        <>
          <p>{m.pins(n(s.pinsPending))}</p>
          <p class="muted">{m.pinsHow}</p>
        </>
      ) : null}
      {s.residentsPending > 0 ? (
        <>
          <p>{m.residents(n(s.residentsPending))}</p>
          <p class="muted">{m.residentsHow}</p>
          {s.pinsPending === 0 ? <p>{m.onlyResidents}</p> : null}
        </>
      ) : null}
      <p class="muted">{m.why}</p>
    </section>
  );
}

export function DashboardPage(props: {
  ctx: WebPageContext;
  summary: DashboardSummary;
  firstSteps?: ReadonlyArray<{ step: FirstStep; done: boolean }> | undefined;
  /** Where the move off an old key stands (operators and admins; absent where it cannot be read). */
  keyStatus?: IndexKeyStatus | undefined;
}) {
  const { ctx, summary: s } = props;
  const m = dashboardMessages[ctx.lang];
  const n = (x: number) => formatNumber(x, ctx.lang);
  const operator = ctx.operator !== undefined && roleAtLeast(ctx.operator.role, 'operator');
  const all = s.routers.list;
  const shown =
    all.length <= ALL_ROUTERS_UP_TO ? all : all.filter((r) => r.health !== 'up').slice(0, ATTENTION_ROWS);
  const hidden = all.length - shown.length;
  return (
    <>
      <h1>{m.heading}</h1>
      <p class="muted">{m.updated(formatTime(s.at, ctx.timeZone, ctx.lang))}</p>
      {operator && props.firstSteps && props.firstSteps.length > 0 ? (
        <FirstSteps ctx={ctx} steps={props.firstSteps} />
      ) : null}
      {s.storage.ok ? null : (
        <div class="alert" role="alert">
          <strong>{m.storageHeading}</strong>
          <p>{m.storageProblem[s.storage.problem ?? 'write_failed']}</p>
          <p>
            {m.storageKeepsWorking}
            {s.storage.since ? ` ${m.storageSince(formatAgo(s.storage.since, s.at, ctx.lang))}` : ''}
          </p>
        </div>
      )}
      {operator && props.keyStatus?.legacyKey ? <OldKeyCard ctx={ctx} status={props.keyStatus} /> : null}
      <div class="grid">
        <Stat
          label={m.routers}
          value={m.routersUpDown(s.routers.up, s.routers.down)}
          note={s.routers.unknown > 0 ? m.routersUnknown(s.routers.unknown) : undefined}
        />
        <Stat label={m.liveSessions} value={n(s.liveSessions)} />
        <Stat
          label={m.dataToday}
          value={formatBytes(s.dataToday.downloadBytes + s.dataToday.uploadBytes, ctx.lang)}
          note={m.downUp(
            formatBytes(s.dataToday.downloadBytes, ctx.lang),
            formatBytes(s.dataToday.uploadBytes, ctx.lang),
          )}
        />
        <Stat label={m.registrationsToday} value={n(s.registrationsToday)} />
        <Stat
          label={m.pending}
          value={n(s.pendingApprovals)}
          href={operator && s.pendingApprovals > 0 ? '/admin/warga?status=pending' : undefined}
          link={m.pendingLink}
        />
        <Stat label={m.rejects} value={n(s.rejectsLastHour.total)} />
        <Stat
          label={m.failedJobs}
          value={n(s.failedJobs.count)}
          href={operator && s.failedJobs.count > 0 ? '/admin/router' : undefined}
          link={m.failedJobsLink}
        />
      </div>

      <h2>{m.routerTable}</h2>
      {all.length === 0 ? (
        <p class="card">{m.noRouters}</p>
      ) : (
        <TableBox label={m.routerTable}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{m.colName}</th>
                <th scope="col">{m.colStatus}</th>
                <th scope="col">{m.colContact}</th>
                <th scope="col" class="n">
                  {m.colSessions}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr>
                  <td data-label={m.colName}>
                    {operator ? <a href={routerHref(r.name)}>{r.name}</a> : r.name}
                  </td>
                  <td data-label={m.colStatus}>
                    <span class={`badge ${BADGE[r.health] ?? 'off'}`}>{m.health[r.health] ?? r.health}</span>
                  </td>
                  <td data-label={m.colContact}>
                    {r.lastContactAt === null ? m.never : formatAgo(r.lastContactAt, s.at, ctx.lang)}
                  </td>
                  <td data-label={m.colSessions} class="n">
                    {n(r.liveSessions)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {hidden > 0 ? (
        <p class="muted">
          {m.moreRouters(hidden)} {operator ? <a href="/admin/router">{m.allRouters}</a> : null}
        </p>
      ) : null}

      <h2>{m.rejectTable}</h2>
      {s.rejectsLastHour.byReason.length === 0 ? (
        <p class="card">{m.noRejects}</p>
      ) : (
        <TableBox label={m.rejectTable}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{m.colReason}</th>
                <th scope="col" class="n">
                  {m.colCount}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.rejectsLastHour.byReason.map((r) => (
                <tr>
                  <td data-label={m.colReason}>{reasonLabel(r.reason)}</td>
                  <td data-label={m.colCount} class="n">
                    {n(r.count)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}

      {s.failedJobs.latest.length > 0 ? (
        <>
          <h2>{m.jobTable}</h2>
          <TableBox label={m.jobTable}>
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{m.colRouter}</th>
                  <th scope="col">{m.colKind}</th>
                  <th scope="col" class="n">
                    {m.colAttempts}
                  </th>
                  <th scope="col">{m.colError}</th>
                  <th scope="col">{m.colWhen}</th>
                </tr>
              </thead>
              <tbody>
                {s.failedJobs.latest.map((j) => (
                  <tr>
                    <td data-label={m.colRouter}>{j.routerName}</td>
                    <td data-label={m.colKind}>{m.jobKinds[j.kind] ?? j.kind}</td>
                    <td data-label={m.colAttempts} class="n">
                      {n(j.attempts)}
                    </td>
                    <td data-label={m.colError}>{j.lastError ?? ''}</td>
                    <td data-label={m.colWhen}>{formatAgo(j.updatedAt, s.at, ctx.lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      ) : null}
    </>
  );
}
