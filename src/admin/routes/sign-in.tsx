// Signing in and out of the admin web. A wrong name or password gets one answer (which one is not said); too many
// failed tries lock the name and the address for a while (429 with Retry-After, the time shown); a user with
// two-factor on types a code (or a recovery code) as a second step; a signed-in browser goes on to where it was
// sent from, on this server only.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { SignInLockedError } from '../../services/admins/admin-sessions.js';
import { ServiceError } from '../../services/errors.js';
import type { WebEnv } from '../../web/web-env.js';
import { safeLocalPath, type WebKit } from '../../web/web-kit.js';
import { accountMessages } from '../messages/account.js';
import { CodePage } from '../views/account.js';
import { SignInPage } from '../views/sign-in.js';

/** Where to go after signing in: a page of the admin web or the reports, never elsewhere. */
function nextPath(raw: string | undefined): string {
  const path = safeLocalPath(raw || '/admin');
  return /^\/(admin|reports)(\/|\?|$)/.test(path) && !path.startsWith('/admin/masuk') ? path : '/admin';
}

/** 429 with the seconds until the lock ends; 401 otherwise. */
function failureStatus(c: Context<WebEnv>, error: ServiceError, now: number): number {
  if (error instanceof SignInLockedError) {
    c.header('Retry-After', String(Math.max(1, Math.ceil((error.until - now) / 1000))));
    return 429;
  }
  return error.code === 'locked' ? 429 : 401;
}

export function signInRoutes(kit: WebKit) {
  const app = new Hono<WebEnv>();

  app.get('/masuk', async (c) => {
    if (c.get('signedIn')) return c.redirect(nextPath(c.req.query('next')), 303);
    const ctx = await kit.pageContext(c);
    const notice = c.req.query('keluar') !== undefined ? ctx.m.signIn.signedOut : undefined;
    return kit.render(c, ctx, <SignInPage ctx={ctx} next={nextPath(c.req.query('next'))} notice={notice} />, {
      title: ctx.m.signIn.title,
      narrow: true,
    });
  });

  app.post('/masuk', async (c) => {
    const form = await kit.form(c);
    const username = form.get('username').trim().slice(0, 64);
    const next = nextPath(form.get('next'));
    try {
      const result = await kit.sessions.signIn({
        username,
        password: form.get('password'),
        address: kit.clientAddress(c),
      });
      if (result.kind === 'two-factor') {
        const ctx = await kit.pageContext(c);
        return kit.render(c, ctx, <CodePage ctx={ctx} challenge={result.challenge} next={next} />, {
          title: accountMessages[ctx.lang].code.title,
          narrow: true,
        });
      }
      kit.startSession(c, result.token, result.expiresAt);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const status = failureStatus(c, error, kit.now());
      const ctx = await kit.pageContext(c);
      const errors = { [error.field ?? 'form']: error.message };
      return kit.render(c, ctx, <SignInPage ctx={ctx} next={next} username={username} errors={errors} />, {
        title: ctx.m.signIn.title,
        narrow: true,
        status,
      });
    }
  });

  app.post('/masuk/kode', async (c) => {
    const form = await kit.form(c);
    const next = nextPath(form.get('next'));
    const challenge = form.get('challenge').slice(0, 512);
    try {
      const result = await kit.sessions.signInWithCode({
        challenge,
        code: form.get('code'),
        address: kit.clientAddress(c),
      });
      kit.startSession(c, result.token, result.expiresAt);
      if (result.used === 'recovery') {
        const ctx = await kit.pageContext(c);
        return kit.redirect(c, next, accountMessages[ctx.lang].code.recoveryUsed);
      }
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const status = failureStatus(c, error, kit.now());
      const ctx = await kit.pageContext(c);
      // An expired challenge or a lock-out: back to the password (the lock's time is shown there).
      if (error.field !== 'code') {
        return kit.render(c, ctx, <SignInPage ctx={ctx} next={next} errors={{ form: error.message }} />, {
          title: ctx.m.signIn.title,
          narrow: true,
          status,
        });
      }
      return kit.render(
        c,
        ctx,
        <CodePage ctx={ctx} challenge={challenge} next={next} errors={{ code: error.message }} />,
        { title: accountMessages[ctx.lang].code.title, narrow: true, status },
      );
    }
  });

  app.post('/keluar', async (c) => {
    await kit.form(c);
    const signedIn = c.get('signedIn');
    if (signedIn?.tokenHash)
      await kit.sessions.signOut({ operator: signedIn.operator, tokenHash: signedIn.tokenHash });
    kit.endSession(c);
    return c.redirect('/admin/masuk?keluar', 303);
  });

  return app;
}
