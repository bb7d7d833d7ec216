// /admin/lembaga: the institutions with their devices and 30-day use, the add form, and one institution's page
// (its settings, its devices to add or remove, deletion). Both tables turn into labelled lines below 40rem
// (`table.stack`, as the routers and residents lists do), so a phone never scrolls sideways.

import type { InstitutionRecord } from '../../services/institutions/institutions.js';
import { INSTITUTION_KINDS } from '../../services/institutions/institutions.js';
import { formatBytes } from '../../web/format.js';
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
import { institutionMessages } from '../messages/institutions.js';

export type InstitutionFormValues = Readonly<Record<string, string>>;

export function institutionValues(i: InstitutionRecord): InstitutionFormValues {
  return {
    name: i.name,
    kind: i.kind,
    dusun: i.dusun ?? '',
    plan: i.planName ?? '',
    priority: i.priority === null ? '' : String(i.priority),
    note: i.note ?? '',
    disabled: i.disabledAt === null ? '' : '1',
  };
}

function SettingsForm(props: {
  ctx: WebPageContext;
  action: string;
  values: InstitutionFormValues;
  errors: FieldErrors;
  plans: readonly string[];
  withName: boolean;
}) {
  const { ctx, values: v, errors: e } = props;
  const t = institutionMessages[ctx.lang];
  const f = t.form;
  return (
    <form method="post" action={props.action} class="card">
      <CsrfInput ctx={ctx} />
      {props.withName ? (
        <Field name="name" label={f.name} value={v.name} error={e.name} required maxlength={80} />
      ) : null}
      <SelectField
        name="kind"
        label={f.kind}
        value={v.kind || 'sekolah'}
        error={e.kind}
        options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t.kinds[k] }))}
      />
      <Field name="dusun" label={f.dusun} value={v.dusun} error={e.dusun} maxlength={60} />
      <SelectField
        name="plan"
        label={f.plan}
        hint={f.planHint}
        value={v.plan ?? ''}
        error={e.plan}
        options={[{ value: '', label: t.defaultPlan }, ...props.plans.map((p) => ({ value: p, label: p }))]}
      />
      <Field
        name="priority"
        label={f.priority}
        hint={f.priorityHint}
        value={v.priority}
        error={e.priority}
        inputmode="numeric"
      />
      <Field name="note" label={f.note} value={v.note} error={e.note} maxlength={200} />
      {props.withName ? null : (
        <p>
          <label>
            <input type="checkbox" name="disabled" value="1" checked={v.disabled === '1'} /> {f.disabled}
          </label>
        </p>
      )}
      <button type="submit" class="btn">
        {f.save}
      </button>
    </form>
  );
}

export function InstitutionsPage(props: {
  ctx: WebPageContext;
  list: readonly InstitutionRecord[];
  usage: ReadonlyMap<number, { bytesDown: number }>;
  plans: readonly string[];
  values: InstitutionFormValues;
  errors: FieldErrors;
}) {
  const { ctx } = props;
  const t = institutionMessages[ctx.lang];
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      {props.list.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <TableBox label={t.title}>
          <table class="stack">
            <thead>
              <tr>
                <th>{t.col.name}</th>
                <th>{t.col.kind}</th>
                <th>{t.col.dusun}</th>
                <th>{t.col.plan}</th>
                <th>{t.col.devices}</th>
                <th>{t.col.status}</th>
                <th>{t.col.usage}</th>
              </tr>
            </thead>
            <tbody>
              {props.list.map((i) => (
                <tr>
                  <td data-label={t.col.name}>
                    <a href={`/admin/lembaga/${i.id}`}>{i.name}</a>
                  </td>
                  <td data-label={t.col.kind}>{t.kinds[i.kind]}</td>
                  <td data-label={t.col.dusun}>{i.dusun ?? '-'}</td>
                  <td data-label={t.col.plan}>
                    {i.planName ?? t.defaultPlan}
                    {i.priority ? ` · ${t.col.priority} ${i.priority}` : ''}
                  </td>
                  <td data-label={t.col.devices}>{i.devices.length}</td>
                  <td data-label={t.col.status}>
                    <span class={`badge ${i.disabledAt === null ? 'ok' : 'off'}`}>
                      {i.disabledAt === null ? t.active : t.disabled}
                    </span>
                  </td>
                  <td data-label={t.col.usage}>
                    {formatBytes(props.usage.get(i.id)?.bytesDown ?? 0, ctx.lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <h2>{t.add}</h2>
      <ErrorSummary ctx={ctx} errors={props.errors} general={props.errors.form} />
      <SettingsForm
        ctx={ctx}
        action="/admin/lembaga"
        values={props.values}
        errors={props.errors}
        plans={props.plans}
        withName
      />
    </>
  );
}

export function InstitutionPage(props: {
  ctx: WebPageContext;
  institution: InstitutionRecord;
  plans: readonly string[];
  values: InstitutionFormValues;
  errors: FieldErrors;
  device: InstitutionFormValues;
}) {
  const { ctx, institution: i, errors: e } = props;
  const t = institutionMessages[ctx.lang];
  const base = `/admin/lembaga/${i.id}`;
  return (
    <>
      <h1>{i.name}</h1>
      <ErrorSummary ctx={ctx} errors={e} general={e.form} />
      <SettingsForm
        ctx={ctx}
        action={base}
        values={props.values}
        errors={e}
        plans={props.plans}
        withName={false}
      />
      <h2>{t.devices}</h2>
      {i.devices.length === 0 ? (
        <p>{t.noDevices}</p>
      ) : (
        <TableBox label={t.devices}>
          <table class="stack">
            <thead>
              <tr>
                <th>{t.mac}</th>
                <th>{t.label}</th>
                <th>{t.action}</th>
              </tr>
            </thead>
            <tbody>
              {i.devices.map((d) => (
                <tr>
                  <td data-label={t.mac}>{d.mac}</td>
                  <td data-label={t.label}>{d.label ?? '-'}</td>
                  <td data-label={t.action}>
                    <ActionButton
                      ctx={ctx}
                      action={`${base}/perangkat/hapus`}
                      label={t.removeDevice}
                      confirm={t.removeDeviceConfirm(d.mac)}
                      fields={{ mac: d.mac }}
                      danger
                      small
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <form method="post" action={`${base}/perangkat`} class="card">
        <CsrfInput ctx={ctx} />
        <Field name="mac" label={t.mac} hint={t.macHint} value={props.device.mac} error={e.mac} required />
        <Field name="label" label={t.label} value={props.device.label} error={e.label} maxlength={60} />
        <button type="submit" class="btn">
          {t.addDevice}
        </button>
      </form>
      <ActionButton
        ctx={ctx}
        action={`${base}/hapus`}
        label={t.remove}
        confirm={t.removeConfirm(i.name)}
        danger
      />
    </>
  );
}
