// Adding or editing a router. Secrets are write-only: the fields start empty and an empty field keeps what is
// stored. Fields that decide where a secret is sent (the router's IP, the API address, port, user, TLS) and the
// secrets themselves are for the admin role; an operator sees them, disabled, with the reason.
import type { RouterView } from '../../services/routers/router-record.js';
import { CsrfInput, ErrorSummary, Field, type FieldErrors } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { RouterMessages } from '../messages/routers.js';

export type RouterFormValues = Readonly<Record<string, string | undefined>>;

/** A router's stored values as the form shows them (never a secret). */
export function routerFormValues(r: RouterView): RouterFormValues {
  return {
    name: r.name,
    nasIp: r.nasIp,
    apiHost: r.apiHost ?? '',
    apiPort: r.apiPort === null ? '' : String(r.apiPort),
    apiTls: r.apiTls ? '1' : '',
    apiUser: r.apiUser ?? '',
    hotspotServer: r.hotspotServer ?? '',
    hotspotProfile: r.hotspotProfile ?? '',
    hotspotAddress: r.hotspotAddress ?? '',
    dusun: r.dusun ?? '',
    requireMessageAuth: r.requireMessageAuth ? '1' : '',
  };
}

function Check(props: {
  name: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  error?: string | undefined;
}) {
  const id = `f-${props.name}`;
  return (
    <div>
      {props.error ? (
        <p class="err" id={`${id}-err`}>
          {props.error}
        </p>
      ) : null}
      <label for={id} class="check">
        <input
          id={id}
          type="checkbox"
          name={props.name}
          value="1"
          checked={props.checked}
          disabled={props.disabled}
        />{' '}
        {props.label}
      </label>
      {props.disabled && props.checked ? <input type="hidden" name={props.name} value="1" /> : null}
    </div>
  );
}

/** A text field an operator may not change: shown disabled with why. */
function Guarded(props: {
  locked: boolean;
  m: RouterMessages;
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'text';
  autocomplete?: string;
}) {
  if (!props.locked)
    return (
      <Field
        name={props.name}
        label={props.label}
        value={props.value}
        error={props.error}
        hint={props.hint}
        type={props.type}
        required={props.required}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete}
        maxlength={128}
      />
    );
  const id = `f-${props.name}`;
  return (
    <div>
      <label for={id}>{props.label}</label>
      <span class="hint">{props.m.adminOnlyField}</span>
      {props.error ? <p class="err">{props.error}</p> : null}
      <input id={id} type={props.type ?? 'text'} value={props.value ?? ''} disabled />
      {/* A disabled input is not posted: the stored value goes along, so "unchanged" is not read as "cleared". */}
      <input type="hidden" name={props.name} value={props.value ?? ''} />
    </div>
  );
}

export function RouterForm(props: {
  ctx: WebPageContext;
  m: RouterMessages;
  /** Undefined: a new router. */
  editing?: string | undefined;
  values: RouterFormValues;
  errors?: FieldErrors;
  /** The signed-in user may change secrets and where they go (admin). */
  mayChangeSecrets: boolean;
}) {
  const { ctx, m, values } = props;
  const f = m.field;
  const errors = props.errors ?? {};
  const adding = props.editing === undefined;
  // Adding a router sets its first secret (nothing stored is exposed); editing one changes it: admin only.
  const locked = !adding && !props.mayChangeSecrets;
  const action = adding ? '/admin/router/baru' : `/admin/router/${encodeURIComponent(props.editing!)}/ubah`;
  return (
    <>
      <h1>{adding ? m.add : m.editTitle(props.editing!)}</h1>
      <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
      {locked ? (
        <div class="alert info">
          <p>{m.adminOnly}</p>
        </div>
      ) : null}
      <form method="post" action={action} class="card">
        <CsrfInput ctx={ctx} />
        {adding ? (
          <Field
            name="name"
            label={f.name}
            hint={f.nameHint}
            value={values.name}
            error={errors.name}
            required
            maxlength={64}
            autofocus
          />
        ) : null}
        <Guarded
          locked={locked}
          m={m}
          name="nasIp"
          label={f.nasIp}
          hint={f.nasIpHint}
          value={values.nasIp}
          error={errors.nasIp}
          required={adding}
          autocomplete="off"
        />
        <Guarded
          locked={locked}
          m={m}
          name="secret"
          label={f.secret}
          hint={adding ? f.secretHint : f.secretKeep}
          error={errors.secret}
          type="password"
          required={adding}
          autocomplete="new-password"
        />
        <h2>{m.api}</h2>
        <Guarded
          locked={locked}
          m={m}
          name="apiHost"
          label={f.apiHost}
          hint={f.apiHostHint}
          value={values.apiHost}
          error={errors.apiHost}
          autocomplete="off"
        />
        <div class="row">
          <Guarded
            locked={locked}
            m={m}
            name="apiPort"
            label={f.apiPort}
            hint={f.apiPortHint}
            value={values.apiPort}
            error={errors.apiPort}
            inputmode="numeric"
          />
          <Guarded
            locked={locked}
            m={m}
            name="apiUser"
            label={f.apiUser}
            value={values.apiUser}
            error={errors.apiUser}
            autocomplete="off"
          />
        </div>
        <Check
          name="apiTls"
          label={f.apiTls}
          checked={values.apiTls === '1'}
          disabled={locked}
          error={errors.apiTls}
        />
        <Guarded
          locked={locked}
          m={m}
          name="apiPassword"
          label={f.apiPassword}
          hint={adding ? undefined : f.apiPasswordKeep}
          error={errors.apiPassword}
          type="password"
          autocomplete="new-password"
        />
        <h2>{m.hotspot}</h2>
        <div class="row">
          <Field
            name="hotspotServer"
            label={f.hotspotServer}
            value={values.hotspotServer}
            error={errors.hotspotServer}
            maxlength={64}
          />
          <Field
            name="hotspotProfile"
            label={f.hotspotProfile}
            value={values.hotspotProfile}
            error={errors.hotspotProfile}
            maxlength={64}
          />
        </div>
        <Field
          name="hotspotAddress"
          label={f.hotspotAddress}
          hint={f.hotspotAddressHint}
          value={values.hotspotAddress}
          error={errors.hotspotAddress}
          maxlength={260}
        />
        <Field name="dusun" label={f.dusun} value={values.dusun} error={errors.dusun} maxlength={64} />
        <Check
          name="requireMessageAuth"
          label={f.requireMessageAuth}
          checked={values.requireMessageAuth === '1'}
          error={errors.requireMessageAuth}
        />
        <input type="hidden" name="sent" value="1" />
        <button class="btn" type="submit">
          {ctx.m.form.save}
        </button>
        <a
          class="btn s"
          href={adding ? '/admin/router' : `/admin/router/${encodeURIComponent(props.editing!)}`}
        >
          {ctx.m.form.cancel}
        </a>
      </form>
    </>
  );
}
