// The users page: everyone with their role, status, two-factor and last sign-in, a form to add one, and one
// user's page with the changes an admin can make (each asks first).
import { ADMIN_ROLES, type AdminSummary } from '../../services/admins/admins.js';
import type { ApiTokenSummary } from '../../services/admins/api-tokens.js';
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
import { usersMessages } from '../messages/users.js';
import { formatTime } from './time.js';

const userPath = (name: string) => `/admin/pengguna/${encodeURIComponent(name)}`;

function roleOptions(ctx: WebPageContext) {
  return ADMIN_ROLES.map((r) => ({ value: r, label: ctx.m.roles[r] ?? r }));
}

function StatusBadges(props: { ctx: WebPageContext; user: AdminSummary }) {
  const m = usersMessages[props.ctx.lang].users;
  return props.user.disabled ? (
    <span class="badge off">{m.disabled}</span>
  ) : (
    <span class="badge ok">{m.active}</span>
  );
}

export function UsersPage(props: {
  ctx: WebPageContext;
  users: readonly AdminSummary[];
  form?: { username?: string; role?: string };
  errors?: FieldErrors;
}) {
  const { ctx } = props;
  const m = usersMessages[ctx.lang].users;
  const errors = props.errors ?? {};
  return (
    <>
      <h1>{m.title}</h1>
      <p class="muted">{m.intro}</p>
      <TableBox>
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{m.name}</th>
              <th scope="col">{m.role}</th>
              <th scope="col">{m.status}</th>
              <th scope="col">{m.twoFactor}</th>
              <th scope="col">{m.lastSignIn}</th>
              <th scope="col">{m.actions}</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((u) => (
              <tr>
                <td data-label={m.name}>
                  {u.username}{' '}
                  {u.username === ctx.operator?.username ? <span class="muted">{m.you}</span> : null}
                </td>
                <td data-label={m.role}>{ctx.m.roles[u.role] ?? u.role}</td>
                <td data-label={m.status}>
                  <StatusBadges ctx={ctx} user={u} />
                </td>
                <td data-label={m.twoFactor}>
                  {u.twoFactor ? (
                    <span class="badge ok">{m.on}</span>
                  ) : (
                    <span class="badge off">{m.off}</span>
                  )}
                </td>
                <td data-label={m.lastSignIn}>
                  {u.lastSignInAt ? formatTime(u.lastSignInAt, ctx.timeZone, ctx.lang) : m.never}
                </td>
                <td data-label={m.actions}>
                  <a href={userPath(u.username)} aria-label={`${m.manage} ${u.username}`}>
                    {m.manage}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      <form method="post" action="/admin/pengguna" class="card">
        <h2>{m.addHeading}</h2>
        <p class="muted">{m.addHint}</p>
        <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
        <CsrfInput ctx={ctx} />
        <Field
          name="username"
          label={m.name}
          value={props.form?.username}
          error={errors.username}
          required
          maxlength={32}
          autocomplete="off"
        />
        <SelectField
          name="role"
          label={m.role}
          hint={m.roleHint}
          options={roleOptions(ctx)}
          value={props.form?.role ?? 'operator'}
          error={errors.role}
        />
        <button class="btn" type="submit">
          {m.add}
        </button>
      </form>
    </>
  );
}

export function UserPage(props: {
  ctx: WebPageContext;
  user: AdminSummary;
  tokens?: readonly ApiTokenSummary[];
  errors?: FieldErrors;
  label?: string;
}) {
  const { ctx, user } = props;
  const m = usersMessages[ctx.lang].users;
  const base = userPath(user.username);
  const errors = props.errors ?? {};
  return (
    <>
      <h1>{user.username}</h1>
      <p>
        <a href="/admin/pengguna">{m.back}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
      <div class="card">
        <dl class="kv">
          <dt>{m.role}</dt>
          <dd>{ctx.m.roles[user.role] ?? user.role}</dd>
          <dt>{m.status}</dt>
          <dd>
            <StatusBadges ctx={ctx} user={user} />
          </dd>
          <dt>{m.twoFactor}</dt>
          <dd>{user.twoFactor ? m.on : m.off}</dd>
          <dt>{m.lastSignIn}</dt>
          <dd>{user.lastSignInAt ? formatTime(user.lastSignInAt, ctx.timeZone, ctx.lang) : m.never}</dd>
          <dt>{m.created}</dt>
          <dd>{formatTime(user.createdAt, ctx.timeZone, ctx.lang)}</dd>
        </dl>
      </div>
      <form method="post" action={`${base}/peran`} class="card">
        <h2>{m.changeRole}</h2>
        <CsrfInput ctx={ctx} />
        <SelectField
          name="role"
          label={m.role}
          hint={m.roleHint}
          options={roleOptions(ctx)}
          value={user.role}
          error={errors.role}
        />
        <button class="btn" type="submit">
          {m.changeRole}
        </button>
      </form>
      <div class="card">
        <h2>{m.actions}</h2>
        <p class="row">
          <ActionButton
            ctx={ctx}
            action={`${base}/reset-sandi`}
            label={m.resetPassword}
            confirm={m.confirmResetPassword(user.username)}
          />
          {user.twoFactor ? (
            <ActionButton
              ctx={ctx}
              action={`${base}/reset-2fa`}
              label={m.resetTwoFactor}
              confirm={m.confirmResetTwoFactor(user.username)}
            />
          ) : null}
          {user.disabled ? (
            <ActionButton
              ctx={ctx}
              action={`${base}/aktifkan`}
              label={m.enable}
              confirm={m.confirmEnable(user.username)}
            />
          ) : (
            <ActionButton
              ctx={ctx}
              action={`${base}/nonaktifkan`}
              label={m.disable}
              confirm={m.confirmDisable(user.username)}
              danger
            />
          )}
        </p>
      </div>
      <TokensCard ctx={ctx} base={base} tokens={props.tokens ?? []} errors={errors} label={props.label} />
    </>
  );
}

/** The user's bearer tokens (`warganet admin token`): listed without the token, made (shown once), revoked. */
function TokensCard(props: {
  ctx: WebPageContext;
  base: string;
  tokens: readonly ApiTokenSummary[];
  errors: FieldErrors;
  label?: string | undefined;
}) {
  const { ctx, base } = props;
  const m = usersMessages[ctx.lang].users;
  const when = (t: number | null) => (t === null ? m.never : formatTime(t, ctx.timeZone, ctx.lang));
  const name = (t: ApiTokenSummary) => (t.label ? `${t.label} (${t.id})` : t.id);
  return (
    <div class="card">
      <h2>{m.tokens}</h2>
      <p class="muted">{m.tokensIntro}</p>
      {props.tokens.length === 0 ? (
        <p>{m.tokenNone}</p>
      ) : (
        <TableBox label={m.tokens}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.tokenLabel}</th>
                <th scope="col">{m.created}</th>
                <th scope="col">{m.tokenLastUsed}</th>
                <th scope="col">{m.status}</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((t) => (
                <tr>
                  <td data-label={m.tokenLabel}>{name(t)}</td>
                  <td data-label={m.created}>{when(t.createdAt)}</td>
                  <td data-label={m.tokenLastUsed}>{when(t.lastUsedAt)}</td>
                  <td data-label={m.status}>
                    {t.revokedAt !== null ? (
                      <span class="badge off">{m.tokenRevoked}</span>
                    ) : (
                      <ActionButton
                        ctx={ctx}
                        action={`${base}/token/${encodeURIComponent(t.id)}/cabut`}
                        label={m.tokenRevoke}
                        confirm={m.confirmTokenRevoke(name(t))}
                        danger
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <form method="post" action={`${base}/token`}>
        <CsrfInput ctx={ctx} />
        <Field
          name="label"
          label={m.tokenLabel}
          hint={m.tokenLabelHint}
          value={props.label ?? ''}
          error={props.errors.label}
        />
        <button class="btn" type="submit">
          {m.tokenCreate}
        </button>
      </form>
    </div>
  );
}

/** A password shown once (a new user, or a reset). */
export function PasswordOncePage(props: {
  ctx: WebPageContext;
  title: string;
  password: string;
  /** What the secret is, when it is not a password. */
  lead?: string;
}) {
  const m = usersMessages[props.ctx.lang].users;
  return (
    <>
      <h1>{props.title}</h1>
      <div class="card">
        <p>{props.lead ?? m.passwordOnce}</p>
        <p>
          <code class="secret">{props.password}</code>
        </p>
        <p>
          <a class="btn" href="/admin/pengguna">
            {m.back}
          </a>
        </p>
      </div>
    </>
  );
}
