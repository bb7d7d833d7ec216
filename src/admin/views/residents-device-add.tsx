// Adding a device without a browser (a TV, a printer) to a resident's account, as `warganet device add` does:
// the form, and the page that shows its hotspot login once.
import { CsrfInput, ErrorSummary, Field, type FieldErrors } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { ResidentsMessages } from '../messages/residents.js';

export function DeviceAddPage(props: {
  ctx: WebPageContext;
  t: ResidentsMessages;
  residentId: number;
  name: string;
  values?: { mac?: string; label?: string };
  errors?: FieldErrors;
}) {
  const { ctx, t } = props;
  const errors = props.errors ?? {};
  return (
    <>
      <h1>{t.deviceAddTitle}</h1>
      <p>{t.deviceAddIntro(props.name)}</p>
      <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
      <form method="post" action={`/admin/warga/${props.residentId}/perangkat/tambah`} class="card">
        <CsrfInput ctx={ctx} />
        <Field
          name="mac"
          label={t.deviceAddMac}
          hint={t.deviceAddMacHint}
          value={props.values?.mac}
          error={errors.mac}
          required
          maxlength={32}
          autocomplete="off"
        />
        <Field
          name="label"
          label={t.deviceAddLabel}
          hint={t.deviceAddLabelHint}
          value={props.values?.label}
          error={errors.label}
          maxlength={40}
          autocomplete="off"
        />
        <button class="btn" type="submit">
          {t.deviceAddSubmit}
        </button>
        <a class="btn s" href={`/admin/warga/${props.residentId}`}>
          {ctx.m.form.cancel}
        </a>
      </form>
    </>
  );
}

export function DeviceAddedPage(props: {
  ctx: WebPageContext;
  t: ResidentsMessages;
  residentId: number;
  mac: string;
  username: string;
  password: string;
  note?: string | undefined;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t.deviceAddedTitle}</h1>
      <div class="card">
        <dl class="kv">
          <dt>MAC</dt>
          <dd>{props.mac}</dd>
          <dt>{t.deviceAddedUser}</dt>
          <dd>
            <span class="secret">{props.username}</span>
          </dd>
          <dt>{t.deviceAddedPassword}</dt>
          <dd>
            <span class="secret">{props.password}</span>
          </dd>
        </dl>
        {props.note ? <p class="alert info">{props.note}</p> : null}
        <p class="alert info">{t.deviceAddedOnce}</p>
        <p class="noprint">
          <a class="btn" href={`/admin/warga/${props.residentId}`}>
            {t.openCard}
          </a>
        </p>
      </div>
    </>
  );
}
