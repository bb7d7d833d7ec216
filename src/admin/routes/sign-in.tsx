// Signing in and out of the admin web. A wrong name or password gets one answer (which one is not said); a
// signed-in browser goes on to where it was sent from, on this server only.
import { Hono } from 'hono';
import { ServiceError } from '../../services/errors.js';
import type { WebEnv } from '../../web/web-env.js';
import { safeLocalPath, type WebKit } from '../../web/web-kit.js';
import { SignInPage } from '../views/sign-in.js';

/** Where to go after signing in: a page of the admin web or the reports, never elsewhere. */
function nextPath(raw: string | undefined): string {
  const path = safeLocalPath(raw || '/admin');
  return /^\/(admin|reports)(\/|\?|$)/.test(path) && !path.startsWith('/admin/masuk') ? path : '/admin';
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
      const session = await kit.sessions.signIn({
        username,
        password: form.get('password'),
        address: kit.clientAddress(c),
      });
      kit.startSession(c, session.token, session.expiresAt);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const ctx = await kit.pageContext(c);
      const errors = { [error.field ?? 'form']: error.message };
      return kit.render(c, ctx, <SignInPage ctx={ctx} next={next} username={username} errors={errors} />, {
        title: ctx.m.signIn.title,
        narrow: true,
        status: error.code === 'locked' ? 429 : 401,
      });
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
