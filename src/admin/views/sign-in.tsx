// The sign-in form: user name and password, the error beside the field it concerns, nothing remembered but
// the name.
import { CsrfInput, ErrorSummary, Field, type FieldErrors } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';

export function SignInPage(props: {
  ctx: WebPageContext;
  next: string;
  username?: string;
  errors?: FieldErrors;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const m = ctx.m.signIn;
  const errors = props.errors ?? {};
  return (
    <>
      <h1>{m.heading}</h1>
      {props.notice ? (
        <div class="alert info" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
      <form method="post" action="/admin/masuk" class="card">
        <CsrfInput ctx={ctx} />
        <input type="hidden" name="next" value={props.next} />
        <Field
          name="username"
          label={m.username}
          value={props.username}
          error={errors.username}
          autocomplete="username"
          required
          autofocus={!props.username}
          maxlength={64}
        />
        <Field
          name="password"
          label={m.password}
          type="password"
          error={errors.password}
          autocomplete="current-password"
          required
          autofocus={Boolean(props.username)}
          maxlength={256}
        />
        <button class="btn" type="submit">
          {m.submit}
        </button>
      </form>
    </>
  );
}
