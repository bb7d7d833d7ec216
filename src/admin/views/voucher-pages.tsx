// The form that creates a batch of vouchers (the same words as `warganet voucher create`), and one voucher's page:
// its full code, status, usage, bound devices, a print link and a revoke.

import { displayCode } from '../../domain/voucher-code.js';
import type { VoucherView } from '../../services/vouchers/vouchers.js';
import { formatBytes } from '../../web/format.js';
import {
  ActionButton,
  CsrfInput,
  ErrorSummary,
  Field,
  type FieldErrors,
  SelectField,
} from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { voucherMessages } from '../messages/vouchers.js';
import { STATUS_BADGE } from './vouchers-list.js';
import { actorName, when } from './when.js';

export const VOUCHER_FORM_FIELDS = [
  'plan',
  'count',
  'validity',
  'validityFrom',
  'quota',
  'devices',
  'prefix',
  'length',
  'price',
  'note',
] as const;
export type VoucherFormValues = Partial<Record<(typeof VOUCHER_FORM_FIELDS)[number], string>>;
/** The form's free-text fields (the others are choices). */
type TextFieldName = Exclude<(typeof VOUCHER_FORM_FIELDS)[number], 'plan' | 'validityFrom'>;

export function VoucherForm(props: {
  ctx: WebPageContext;
  plans: readonly string[];
  values: VoucherFormValues;
  errors: FieldErrors;
}) {
  const { ctx, values: v, errors } = props;
  const t = voucherMessages[ctx.lang].form;
  /** One typed field: its label, hint, value and error all follow from its name. */
  const TextField = (f: { name: TextFieldName; max: number; numeric?: boolean; required?: boolean }) => (
    <Field
      name={f.name}
      label={t[f.name]}
      hint={t[`${f.name}Hint`]}
      value={v[f.name]}
      error={errors[f.name]}
      required={f.required ?? false}
      maxlength={f.max}
      {...(f.numeric ? { inputmode: 'numeric' as const } : {})}
    />
  );
  if (props.plans.length === 0)
    return (
      <>
        <h1>{t.title}</h1>
        <p class="card">
          {t.noPlans} <a href="/admin/paket/baru">{ctx.m.nav.plans}</a>
        </p>
      </>
    );
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
      <form method="post" action="/admin/voucher/baru" class="card">
        <CsrfInput ctx={ctx} />
        <div class="grid">
          <SelectField
            name="plan"
            label={t.plan}
            hint={t.planHint}
            options={props.plans.map((p) => ({ value: p, label: p }))}
            value={v.plan}
            error={errors.plan}
          />
          <TextField name="count" numeric required max={4} />
          <TextField name="validity" required max={12} />
          <SelectField
            name="validityFrom"
            label={t.validityFrom}
            options={[
              { value: 'first-login', label: t.fromFirstLogin },
              { value: 'creation', label: t.fromCreation },
            ]}
            value={v.validityFrom}
          />
          <TextField name="quota" max={12} />
          <TextField name="devices" numeric max={2} />
          <TextField name="price" numeric max={9} />
          <TextField name="prefix" max={8} />
          <TextField name="length" numeric max={2} />
          <TextField name="note" max={200} />
        </div>
        <p>
          <button class="btn" type="submit">
            {t.submit}
          </button>
        </p>
      </form>
    </>
  );
}

export function VoucherPage(props: { ctx: WebPageContext; v: VoucherView; createdBy?: string | undefined }) {
  const { ctx, v } = props;
  const t = voucherMessages[ctx.lang];
  const live = v.status === 'unused' || v.status === 'active';
  return (
    <>
      <h1>{t.one.title(displayCode(v.code))}</h1>
      <div class="card">
        <p>{t.one.code}</p>
        <p class="secret">{displayCode(v.code)}</p>
        {v.password ? (
          <p>
            {t.one.password}: <span class="secret">{v.password}</span>
          </p>
        ) : null}
        <p class="muted">{t.one.secret}</p>
        <dl class="kv">
          <dt>{t.col.status}</dt>
          <dd>
            <span class={STATUS_BADGE[v.status]}>{t.status[v.status]}</span>
          </dd>
          <dt>{t.col.batch}</dt>
          <dd>
            <a href={`/admin/voucher?batch=${encodeURIComponent(v.batch)}`}>{v.batch}</a>
          </dd>
          <dt>{t.col.plan}</dt>
          <dd>{v.plan}</dd>
          <dt>{t.col.validity}</dt>
          <dd>
            {t.duration(v.validityS)} {v.validityFrom === 'creation' ? t.fromCreation : t.fromFirstLogin}
          </dd>
          <dt>{t.col.ends}</dt>
          <dd>{v.expiresAt ? when(ctx, v.expiresAt) : '—'}</dd>
          <dt>{t.col.used}</dt>
          <dd>
            {formatBytes(v.usedBytes, ctx.lang)} /{' '}
            {v.quotaBytes === null ? t.unlimited : formatBytes(v.quotaBytes, ctx.lang)}
          </dd>
          <dt>{t.one.timeUsed}</dt>
          <dd>{v.usedSeconds > 0 ? t.duration(v.usedSeconds) : '—'}</dd>
          <dt>{t.one.firstLogin}</dt>
          <dd>{v.firstLoginAt ? when(ctx, v.firstLoginAt) : t.one.never}</dd>
          <dt>{t.one.macs}</dt>
          <dd>
            {v.boundMacs.length}/{v.devicesAllowed}
            {v.boundMacs.length > 0 ? ` (${v.boundMacs.join(', ')})` : ''}
          </dd>
          <dt>{t.col.price}</dt>
          <dd>{v.price ? t.rupiah(v.price) : t.free}</dd>
          {v.note ? (
            <>
              <dt>{t.one.note}</dt>
              <dd>{v.note}</dd>
            </>
          ) : null}
          <dt>{t.col.created}</dt>
          <dd>
            {when(ctx, v.createdAt)}
            {props.createdBy ? ` · ${actorName(props.createdBy)}` : ''}
          </dd>
        </dl>
      </div>
      <p>
        <a class="btn s" href={`/admin/voucher/cetak?id=${v.id}&format=a4`}>
          {t.one.print} (A4)
        </a>{' '}
        <a class="btn s" href={`/admin/voucher/cetak?id=${v.id}&format=58mm`}>
          {t.one.print} (58 mm)
        </a>{' '}
        {live ? (
          <ActionButton
            ctx={ctx}
            action={`/admin/voucher/${v.id}/batalkan`}
            label={t.revoke.one}
            confirm={t.revoke.confirmOne(displayCode(v.code))}
            danger
          />
        ) : null}
      </p>
    </>
  );
}
