// Registration: NIK, KK number, the privacy notice with the consent box, a PIN chosen twice, and an optional
// name for the device. A refused form comes back with each error beside its field, and with the NIK, KK and
// PIN fields empty: they are never written back into a page.
import type { FieldErrors } from '../../src/services/portal/registration.js';
import { fieldMessage } from './field-messages.js';
import { CheckField, ErrorSummary, HiddenFields, TextField } from './fields.js';
import { Layout } from './layout.js';
import { NoticeBody, type NoticeContent } from './notice.js';
import type { PageContext } from './page-context.js';

export interface RegisterFormState {
  readonly errors?: FieldErrors;
  /** Messages that concern more than one field (no match, lock). */
  readonly general?: readonly string[];
  readonly generalTitle?: string;
  readonly label?: string;
  readonly consent?: boolean;
  readonly guardian?: boolean;
}

export function RegisterPage(p: {
  ctx: PageContext;
  notice: NoticeContent;
  showGuardian: boolean;
  state?: RegisterFormState;
}) {
  const { ctx, state = {} } = p;
  const { m } = ctx;
  const e = state.errors ?? {};
  const err = (name: keyof FieldErrors) => fieldMessage(m, e[name]);
  const summary = [...(state.general ?? [])];
  // The fields are empty again: say so, or a resident who only mistyped the PIN wonders where the NIK went.
  if (summary.length > 0 || Object.keys(e).length > 0) summary.push(m.register.refill);
  return (
    <Layout ctx={ctx} title={m.register.heading}>
      <h1>{m.register.heading}</h1>
      <ErrorSummary title={state.generalTitle ?? m.form.errorSummary} messages={summary} />
      <form method="post" action="/daftar" novalidate>
        <HiddenFields ctx={ctx} />
        <input type="hidden" name="notice" value={p.notice.version} />
        <TextField
          name="nik"
          label={m.form.nik}
          hint={m.form.nikHint}
          error={err('nik')}
          kind="number"
          maxlength={24}
        />
        <TextField
          name="kk"
          label={m.form.kk}
          hint={m.form.kkHint}
          error={err('kk')}
          kind="number"
          maxlength={24}
        />
        <TextField
          name="pin"
          label={m.form.pin}
          hint={m.form.pinHint}
          error={err('pin')}
          kind="pin"
          maxlength={6}
          autocomplete="new-password"
        />
        <TextField
          name="pin2"
          label={m.form.pinRepeat}
          error={err('pinRepeat')}
          kind="pin"
          maxlength={6}
          autocomplete="new-password"
        />
        <TextField
          name="label"
          label={m.form.label}
          hint={m.form.labelHint}
          error={err('label')}
          kind="text"
          maxlength={40}
          value={state.label}
        />
        <section class="card gap" aria-labelledby="notice-h">
          <h2 id="notice-h">{m.register.noticeHeading}</h2>
          <NoticeBody ctx={ctx} notice={p.notice} />
          {p.showGuardian ? (
            <>
              <h2 class="sep">{m.register.guardianHeading}</h2>
              <p>{m.register.guardianRule(ctx.contact)}</p>
              <CheckField
                name="guardian"
                label={m.form.guardian}
                error={err('guardianConsent')}
                checked={state.guardian}
              />
            </>
          ) : null}
          <CheckField name="consent" label={m.form.consent} error={err('consent')} checked={state.consent} />
        </section>
        <button class="btn p" type="submit">
          {m.register.submit}
        </button>
      </form>
    </Layout>
  );
}
