// Registering a resident's Wi-Fi account at the office (the CLI's `account add`): the NIK from the ID card the
// resident shows, the plan, and the resident's consent to the privacy notice, recorded with its version.
import { OPERATOR_CONSENT_NOTICE_VERSION } from '../../services/accounts/accounts.js';
import type { PlanView } from '../../services/plans/plans.js';
import { CsrfInput, ErrorSummary, Field, type FieldErrors, SelectField } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { ResidentsMessages } from '../messages/residents.js';

export function RegisterPage(props: {
  ctx: WebPageContext;
  t: ResidentsMessages;
  plans: readonly PlanView[];
  errors: FieldErrors;
  /** The resident chosen on their card, when coming from it. */
  resident?: { id: number; name: string } | undefined;
  plan?: string | undefined;
}) {
  const { ctx, t, errors } = props;
  return (
    <>
      <h1>{t.registerTitle}</h1>
      <form class="card" method="post" action="/admin/warga/daftar">
        <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
        <p>{t.registerIntro}</p>
        {props.resident ? (
          <>
            <p>
              <strong>{t.registerFor(props.resident.name)}</strong>
            </p>
            <input type="hidden" name="warga" value={String(props.resident.id)} />
          </>
        ) : null}
        <CsrfInput ctx={ctx} />
        <Field
          name="nik"
          label={t.nik}
          hint={t.nikHint}
          error={errors.nik}
          inputmode="numeric"
          autocomplete="off"
          maxlength={24}
          required
        />
        <SelectField
          name="plan"
          label={t.plan}
          error={errors.plan}
          value={props.plan ?? 'bawaan'}
          options={[
            { value: 'bawaan', label: t.planDefault },
            ...props.plans.map((p) => ({ value: p.name, label: p.name })),
          ]}
        />
        <p class="muted">{t.consentNotice(OPERATOR_CONSENT_NOTICE_VERSION)}</p>
        {errors.consent ? (
          <p class="err" id="f-consent-err">
            {errors.consent}
          </p>
        ) : null}
        <label>
          <input
            type="checkbox"
            name="consent"
            value="1"
            aria-invalid={errors.consent ? 'true' : undefined}
            aria-describedby={errors.consent ? 'f-consent-err' : undefined}
          />{' '}
          {t.consentCheck}
        </label>
        <button class="btn" type="submit">
          {t.register}
        </button>
      </form>
    </>
  );
}
