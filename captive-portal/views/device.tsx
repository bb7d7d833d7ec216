// Connecting another phone to an account: NIK and PIN. Wrong PINs are counted; the error beside the PIN field
// says how many tries are left, or until when the PIN is locked.

import { PIN_FREE_TRIES } from '../../src/domain/attempt-limit.js';
import type { FieldErrors } from '../../src/services/portal/registration.js';
import { fieldMessage } from './field-messages.js';
import { ErrorSummary, HiddenFields, TextField } from './fields.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

export interface DeviceFormState {
  readonly errors?: FieldErrors;
  /** Shown beside the PIN field (wrong PIN, lock). */
  readonly pinError?: string;
  readonly general?: readonly string[];
  /** Heading of the general messages; "something to correct" by default. */
  readonly generalTitle?: string;
  readonly label?: string;
}

export function DevicePage(p: { ctx: PageContext; state?: DeviceFormState }) {
  const { ctx, state = {} } = p;
  const { m } = ctx;
  const e = state.errors ?? {};
  return (
    <Layout ctx={ctx} title={m.device.heading}>
      <h1>{m.device.heading}</h1>
      <ErrorSummary title={state.generalTitle ?? m.form.errorSummary} messages={state.general ?? []} />
      <p>{m.device.intro}</p>
      <form method="post" action="/perangkat" novalidate>
        <HiddenFields ctx={ctx} />
        <TextField
          name="nik"
          label={m.form.nik}
          hint={m.form.nikHint}
          error={fieldMessage(m, e.nik)}
          kind="number"
          maxlength={24}
        />
        <TextField
          name="pin"
          label={m.form.pinLogin}
          hint={m.device.pinHint(PIN_FREE_TRIES)}
          error={state.pinError ?? fieldMessage(m, e.pin)}
          kind="pin"
          maxlength={6}
          autocomplete="current-password"
        />
        <TextField
          name="label"
          label={m.form.label}
          hint={m.form.labelHint}
          error={fieldMessage(m, e.label)}
          kind="text"
          maxlength={40}
          value={state.label}
        />
        <button class="btn p" type="submit">
          {m.device.submit}
        </button>
      </form>
      <p>{m.device.forgotPin(ctx.contact)}</p>
      <p>
        {`${m.device.noAccount} `}
        <a href={`/daftar${ctx.q}`}>{m.welcome.register}</a>
      </p>
    </Layout>
  );
}
