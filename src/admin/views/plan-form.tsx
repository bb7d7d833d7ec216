// /admin/paket/baru and /admin/paket/:id: the plan form in the operator's units (5M, 2GB, 4h), errors beside
// their fields; on an existing plan also the accounts using it, its push to each router (retry a failed one), and
// removal (refused while used).
import { formatDuration } from '../../domain/duration.js';
import { formatRate } from '../../domain/units.js';
import type { PlanPush } from '../../services/plans/plan-pushes.js';
import type { PlanView } from '../../services/plans/plans.js';
import {
  ActionButton,
  CsrfInput,
  ErrorSummary,
  Field,
  type FieldErrors,
  SelectField,
  TableBox,
} from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { planMessages } from '../messages/plans.js';
import { when } from './when.js';

export type PlanFormValues = Readonly<Record<string, string>>;

/** A size the form shows and reads back unchanged (the list rounds; an edit must not). */
function exactSize(bytes: number): string {
  for (const [unit, size] of [
    ['TB', 1e12],
    ['GB', 1e9],
    ['MB', 1e6],
    ['KB', 1e3],
  ] as const)
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  return String(bytes);
}

const opt = <T,>(v: T | null, f: (x: T) => string) => (v === null ? '' : f(v));

/** The form's values for a stored plan. */
export function planValues(p: PlanView): PlanFormValues {
  return {
    name: p.name,
    down: formatRate(p.down_rate),
    up: formatRate(p.up_rate),
    dailyQuota: opt(p.daily_quota_bytes, exactSize),
    monthlyQuota: opt(p.monthly_quota_bytes, exactSize),
    devices: String(p.devices_allowed),
    sessionTimeout: opt(p.session_timeout_s, formatDuration),
    idleTimeout: opt(p.idle_timeout_s, formatDuration),
    atQuota: p.at_quota,
    throttleDown: opt(p.throttle_down_rate, formatRate),
    throttleUp: opt(p.throttle_up_rate, formatRate),
    burstDown: opt(p.burst_down_rate, formatRate),
    burstUp: opt(p.burst_up_rate, formatRate),
    burstThresholdDown: opt(p.burst_threshold_down, formatRate),
    burstThresholdUp: opt(p.burst_threshold_up, formatRate),
    burstTime: opt(p.burst_time_s, formatDuration),
    priority: opt(p.priority, String),
    window: p.time_window ?? '',
    stepDownAfter: opt(p.step_down_bytes, exactSize),
    stepDownDown: opt(p.step_down_down_rate, formatRate),
    stepDownUp: opt(p.step_down_up_rate, formatRate),
    profile: p.profile_name,
    default: p.is_default ? '1' : '',
  };
}

export function PlanForm(props: {
  ctx: WebPageContext;
  plan?: PlanView | undefined;
  values: PlanFormValues;
  errors: FieldErrors;
  accounts?: number | undefined;
  pushes?: readonly PlanPush[] | undefined;
}) {
  const { ctx, values: v, errors: e, plan } = props;
  const t = planMessages[ctx.lang];
  const f = t.form;
  const action = plan ? `/admin/paket/${plan.id}` : '/admin/paket/baru';
  const field = (name: string, label: string, hint?: string, extra: { inputmode?: 'numeric' } = {}) => (
    <Field name={name} label={label} hint={hint} value={v[name]} error={e[name]} {...extra} />
  );
  return (
    <>
      <h1>{plan ? f.editTitle(plan.name) : f.newTitle}</h1>
      {plan && props.accounts !== undefined ? <p class="muted">{t.usedBy(props.accounts)}</p> : null}
      <ErrorSummary ctx={ctx} errors={e} general={e.form} />
      <form method="post" action={action} class="card">
        <CsrfInput ctx={ctx} />
        {plan ? null : (
          <Field
            name="name"
            label={f.name}
            hint={f.nameHint}
            value={v.name}
            error={e.name}
            required
            maxlength={64}
          />
        )}
        <h2>{f.basics}</h2>
        <div class="row">
          {field('down', f.down, f.rateHint)}
          {field('up', f.up, f.rateHint)}
        </div>
        <div class="row">
          {field('dailyQuota', f.dailyQuota, f.quotaHint)}
          {field('monthlyQuota', f.monthlyQuota, f.quotaHint)}
        </div>
        {field('devices', f.devices, undefined, { inputmode: 'numeric' })}
        <h2>{f.quotaEnd}</h2>
        <SelectField
          name="atQuota"
          label={f.atQuota}
          value={v.atQuota || 'cut'}
          error={e.atQuota}
          options={[
            { value: 'cut', label: f.atQuotaCut },
            { value: 'throttle', label: f.atQuotaThrottle },
          ]}
        />
        <div class="row">
          {field('throttleDown', f.throttleDown, f.throttleHint)}
          {field('throttleUp', f.throttleUp, f.throttleHint)}
        </div>
        <h2>{f.limits}</h2>
        <div class="row">
          {field('sessionTimeout', f.sessionTimeout, f.durationHint)}
          {field('idleTimeout', f.idleTimeout, f.durationHint)}
        </div>
        <h2>{f.fairUse}</h2>
        {field('window', f.window, f.windowHint)}
        {field('stepDownAfter', f.stepDownAfter, f.stepDownHint)}
        <div class="row">
          {field('stepDownDown', f.stepDownDown, f.stepDownRateHint)}
          {field('stepDownUp', f.stepDownUp, f.stepDownRateHint)}
        </div>
        <details
          open={[
            'burstDown',
            'burstUp',
            'burstThresholdDown',
            'burstThresholdUp',
            'burstTime',
            'priority',
            'profile',
          ].some((k) => e[k])}
        >
          <summary>{f.advanced}</summary>
          <div class="row">
            {field('burstDown', f.burstDown, f.burstHint)}
            {field('burstUp', f.burstUp, f.burstHint)}
          </div>
          <div class="row">
            {field('burstThresholdDown', f.burstThresholdDown)}
            {field('burstThresholdUp', f.burstThresholdUp)}
          </div>
          <div class="row">
            {field('burstTime', f.burstTime)}
            {field('priority', f.priority, undefined, { inputmode: 'numeric' })}
          </div>
          {field('profile', f.profile, plan ? undefined : f.profileHint)}
        </details>
        {plan?.is_default ? (
          <p class="muted">{f.isDefaultNote}</p>
        ) : (
          <p class="check">
            <input id="f-default" name="default" type="checkbox" value="1" checked={v.default === '1'} />
            <label for="f-default">{f.makeDefault}</label>
            <span class="hint">{f.defaultHint}</span>
          </p>
        )}
        <button class="btn" type="submit">
          {f.save}
        </button>
        <a class="btn s" href="/admin/paket">
          {ctx.m.form.cancel}
        </a>
      </form>
      {plan ? <Pushes ctx={ctx} plan={plan} pushes={props.pushes ?? []} /> : null}
      {plan ? (
        <section class="card" aria-labelledby="hapus">
          <h2 id="hapus">{t.remove.heading}</h2>
          {props.accounts ? <p class="muted">{t.remove.refusedHint}</p> : null}
          <ActionButton
            ctx={ctx}
            action={`/admin/paket/${plan.id}/hapus`}
            label={t.remove.button}
            confirm={t.remove.confirm(plan.name)}
            danger
          />
        </section>
      ) : null}
    </>
  );
}

function Pushes(props: { ctx: WebPageContext; plan: PlanView; pushes: readonly PlanPush[] }) {
  const { ctx } = props;
  const t = planMessages[ctx.lang].push;
  const badge = (s: string) => (s === 'done' ? 'ok' : s === 'failed' ? 'bad' : 'warn');
  return (
    <section aria-labelledby="kirim">
      <h2 id="kirim">{t.heading}</h2>
      <p class="muted">{t.intro}</p>
      {props.pushes.length === 0 ? (
        <p class="card">{t.none}</p>
      ) : (
        <TableBox>
          <table class="stack">
            <thead>
              <tr>
                <th>{t.router}</th>
                <th>{t.state}</th>
                <th class="n">{t.attempts}</th>
                <th>{t.when}</th>
                <th>{t.error}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {props.pushes.map((p) => (
                <tr>
                  <td data-label={t.router}>{p.routerName}</td>
                  <td data-label={t.state}>
                    <span class={`badge ${badge(p.state)}`}>{t.states[p.state] ?? p.state}</span>
                  </td>
                  <td data-label={t.attempts} class="n">
                    {p.attempts}
                  </td>
                  <td data-label={t.when}>{when(ctx, p.updatedAt)}</td>
                  <td data-label={t.error}>{p.lastError ?? ''}</td>
                  <td data-label="">
                    {p.state === 'failed' ? (
                      <ActionButton
                        ctx={ctx}
                        action={`/admin/paket/${props.plan.id}/kirim/${p.jobId}`}
                        label={t.retry}
                        small
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}
