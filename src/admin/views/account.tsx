// The sign-in's second step, the first-admin setup form, the user's account page (password, two-factor) and the
// two-factor enrolment (QR code drawn from the matrix as one SVG path, the key as text, recovery codes once).
import { MIN_PASSWORD_LENGTH } from '../../services/admins/admins.js';
import { CsrfInput, ErrorSummary, Field, type FieldErrors } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { accountMessages } from '../messages/account.js';
import { QrCode } from './qr-code.js';

export function CodePage(props: {
  ctx: WebPageContext;
  challenge: string;
  next: string;
  errors?: FieldErrors;
}) {
  const m = accountMessages[props.ctx.lang].code;
  const errors = props.errors ?? {};
  return (
    <>
      <h1>{m.heading}</h1>
      <ErrorSummary ctx={props.ctx} errors={errors} general={errors.form} />
      <form method="post" action="/admin/masuk/kode" class="card">
        <CsrfInput ctx={props.ctx} />
        <input type="hidden" name="challenge" value={props.challenge} />
        <input type="hidden" name="next" value={props.next} />
        <p>{m.intro}</p>
        <Field
          name="code"
          label={m.code}
          hint={m.hint}
          error={errors.code}
          autocomplete="one-time-code"
          required
          autofocus
          maxlength={32}
        />
        <button class="btn" type="submit">
          {m.submit}
        </button>
      </form>
    </>
  );
}

/** A new password typed twice, with the length rule as its hint (the first admin, a password change). */
function NewPasswordFields(props: {
  m: { password: string; passwordHint: (n: number) => string; repeat: string };
  errors: FieldErrors;
}) {
  const { m, errors } = props;
  return (
    <>
      <Field
        name="password"
        label={m.password}
        hint={m.passwordHint(MIN_PASSWORD_LENGTH)}
        type="password"
        error={errors.password}
        autocomplete="new-password"
        required
        maxlength={256}
      />
      <Field
        name="repeat"
        label={m.repeat}
        type="password"
        error={errors.repeat}
        autocomplete="new-password"
        required
        maxlength={256}
      />
    </>
  );
}

export function SetupPage(props: {
  ctx: WebPageContext;
  token: string;
  username?: string | undefined;
  errors?: FieldErrors;
}) {
  const m = accountMessages[props.ctx.lang].setup;
  const errors = props.errors ?? {};
  return (
    <>
      <h1>{m.heading}</h1>
      <ErrorSummary ctx={props.ctx} errors={errors} general={errors.form} />
      <form method="post" action="/admin/setup" class="card">
        <CsrfInput ctx={props.ctx} />
        <input type="hidden" name="token" value={props.token} />
        <p>{m.intro}</p>
        <Field
          name="username"
          label={m.username}
          hint={m.usernameHint}
          value={props.username}
          error={errors.username}
          autocomplete="username"
          required
          autofocus
          maxlength={32}
        />
        <NewPasswordFields m={m} errors={errors} />
        <button class="btn" type="submit">
          {m.submit}
        </button>
      </form>
    </>
  );
}

export function AccountPage(props: {
  ctx: WebPageContext;
  twoFactor: { enabled: boolean; recoveryCodesLeft: number };
  errors?: FieldErrors;
}) {
  const { ctx } = props;
  const m = accountMessages[ctx.lang].account;
  const op = ctx.operator!;
  const errors = props.errors ?? {};
  return (
    <>
      <h1>{m.title}</h1>
      <p>{m.who(op.username, ctx.m.roles[op.role] ?? op.role)}</p>
      <section class="card">
        <h2>{m.twoFactorHeading}</h2>
        {props.twoFactor.enabled ? (
          <>
            <p>
              <span class="badge ok">✓</span> {m.twoFactorOn(props.twoFactor.recoveryCodesLeft)}
            </p>
            <p class="muted">{m.twoFactorLost}</p>
          </>
        ) : (
          <>
            <p>{m.twoFactorOff}</p>
            <p>
              <a class="btn" href="/admin/akun/2fa">
                {m.enrol}
              </a>
            </p>
          </>
        )}
      </section>
      <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
      <form method="post" action="/admin/akun/sandi" class="card">
        <h2>{m.passwordHeading}</h2>
        <CsrfInput ctx={ctx} />
        <Field
          name="current"
          label={m.current}
          type="password"
          error={errors.current}
          autocomplete="current-password"
          required
          maxlength={256}
        />
        <NewPasswordFields m={m} errors={errors} />
        <button class="btn" type="submit">
          {m.change}
        </button>
      </form>
    </>
  );
}

export function EnrolPage(props: {
  ctx: WebPageContext;
  secret: string;
  uri: string;
  required: boolean;
  errors?: FieldErrors;
}) {
  const m = accountMessages[props.ctx.lang].enrol;
  const errors = props.errors ?? {};
  // Groups of four, as the apps show keys: easier to type on a phone.
  const grouped = props.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <>
      <h1>{m.title}</h1>
      {props.required ? (
        <div class="alert info" role="status">
          <p>{m.required}</p>
        </div>
      ) : null}
      <ErrorSummary ctx={props.ctx} errors={errors} general={errors.form} />
      <div class="card">
        <p>{m.step1}</p>
        <p>{m.step2}</p>
        <QrCode text={props.uri} label={m.qrLabel} />
        <p>{m.keyText}</p>
        <p>
          <code class="secret">{grouped}</code>
        </p>
      </div>
      <form method="post" action="/admin/akun/2fa" class="card">
        <CsrfInput ctx={props.ctx} />
        <p>{m.step3}</p>
        <Field
          name="code"
          label={m.code}
          error={errors.code}
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          maxlength={7}
        />
        <button class="btn" type="submit">
          {m.submit}
        </button>
      </form>
    </>
  );
}

export function RecoveryCodesPage(props: { ctx: WebPageContext; codes: readonly string[] }) {
  const m = accountMessages[props.ctx.lang].enrol;
  return (
    <>
      <h1>{m.codesTitle}</h1>
      <div class="card">
        <p>{m.codesIntro}</p>
        <ol class="codes">
          {props.codes.map((c) => (
            <li>
              <code class="secret">{c}</code>
            </li>
          ))}
        </ol>
        <p>
          <a class="btn" href="/admin/akun">
            {m.continue}
          </a>
        </p>
      </div>
    </>
  );
}
