// The signed-in user's own account: password change (current, then the new one twice; the other sessions end) and
// two-factor enrolment (QR code and key, confirmed with a first code; recovery codes shown once). With
// WARGANET_ADMIN_2FA=required an admin without two-factor reaches only the enrolment page (`enrolGate`).
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { SignInLockedError } from '../../services/admins/admin-sessions.js';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import type { WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import { accountMessages } from '../messages/account.js';
import { AccountPage, EnrolPage, RecoveryCodesPage } from '../views/account.js';

export const ENROL_PATH = '/admin/akun/2fa';

/** Two-factor required and not on: only the enrolment page (and signing out, mounted before) answers. */
export function enrolGate(kit: WebKit): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (!c.get('signedIn')?.operator.mustEnrol || c.req.path === ENROL_PATH) return next();
    if (c.req.method === 'GET') return c.redirect(ENROL_PATH, 303);
    const ctx = await kit.pageContext(c);
    return kit.message(c, ctx.m.outcome.forbiddenTitle, accountMessages[ctx.lang].enrol.required, {
      status: 403,
      links: [{ href: ENROL_PATH, text: accountMessages[ctx.lang].account.enrol }],
    });
  };
}

export function accountRoutes(kit: WebKit) {
  const app = new Hono<WebEnv>();
  const twoFactor = kit.sessions.twoFactor;

  app.get('/akun', async (c) => {
    const ctx = await kit.pageContext(c);
    const status = await twoFactor.status(ctx.operator!.id);
    return kit.render(c, ctx, <AccountPage ctx={ctx} twoFactor={status} />, {
      title: accountMessages[ctx.lang].account.title,
    });
  });

  app.post('/akun/sandi', async (c) => {
    const form = await kit.form(c);
    const signedIn = c.get('signedIn')!;
    try {
      await kit.sessions.changePassword({
        operator: signedIn.operator,
        tokenHash: signedIn.tokenHash,
        current: form.get('current'),
        password: form.get('password'),
        repeat: form.get('repeat'),
        address: kit.clientAddress(c),
      });
      return kit.redirect(c, '/admin/akun', accountMessages[c.get('lang')].account.changed);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      if (error instanceof SignInLockedError)
        c.header('Retry-After', String(Math.max(1, Math.ceil((error.until - kit.now()) / 1000))));
      const ctx = await kit.pageContext(c);
      const status = await twoFactor.status(ctx.operator!.id);
      const field = error instanceof SignInLockedError ? 'form' : (error.field ?? 'form');
      return kit.render(
        c,
        ctx,
        <AccountPage ctx={ctx} twoFactor={status} errors={{ [field]: error.message }} />,
        {
          title: accountMessages[ctx.lang].account.title,
          status: SERVICE_ERROR_STATUS[error.code],
        },
      );
    }
  });

  const enrolPage = async (c: Parameters<MiddlewareHandler<WebEnv>>[0], codeError?: string, status = 200) => {
    const ctx = await kit.pageContext(c);
    const m = accountMessages[ctx.lang].enrol;
    if ((await twoFactor.status(ctx.operator!.id)).enabled) return kit.redirect(c, '/admin/akun', m.already);
    const { secret, uri } = await twoFactor.begin(ctx.operator!.id);
    return kit.render(
      c,
      ctx,
      <EnrolPage
        ctx={ctx}
        secret={secret}
        uri={uri}
        required={ctx.operator!.mustEnrol === true}
        errors={codeError ? { code: codeError } : {}}
      />,
      { title: m.title, status, narrow: true },
    );
  };

  app.get('/akun/2fa', (c) => enrolPage(c));

  app.post('/akun/2fa', async (c) => {
    const form = await kit.form(c);
    const operator = c.get('signedIn')!.operator;
    try {
      const { recoveryCodes } = await twoFactor.confirm(operator.id, form.get('code').slice(0, 16));
      const ctx = await kit.pageContext(c);
      // The codes page must not be kept by the browser or a proxy (render sets no-store).
      return kit.render(
        c,
        { ...ctx, operator: { ...operator, mustEnrol: false, twoFactor: true } },
        <RecoveryCodesPage ctx={ctx} codes={recoveryCodes} />,
        {
          title: accountMessages[ctx.lang].enrol.codesTitle,
          narrow: true,
        },
      );
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return enrolPage(c, error.message, SERVICE_ERROR_STATUS[error.code]);
    }
  });

  return app;
}
