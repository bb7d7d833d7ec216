// The first page, and the phone the portal already knows (logged straight in); the privacy notice.
import { Hono } from 'hono';
import { readRouterError } from '../hotspot-context.js';
import type { PortalKit } from '../kit.js';
import type { PortalDeps, PortalEnv } from '../portal-deps.js';
import { Layout } from '../views/layout.js';
import { NoticeBody } from '../views/notice.js';
import { WelcomePage } from '../views/welcome.js';

export function welcomeRoutes(kit: PortalKit, deps: PortalDeps) {
  const { login } = deps.services;
  return new Hono<PortalEnv>()
    .get('/', async (c) => {
      const hs = kit.queryContext(c);
      const routerError = readRouterError(c.req.query('error'));
      const ctx = kit.pageContext(c, hs, '', '/');
      // A phone the portal knows, sent here by the router's login page: log it straight in. Not after a refusal
      // (the router's error is shown instead, so a refused phone does not bounce between router and portal),
      // and not when the challenge was there but unreadable (no password may go out without CHAP then).
      const chapGarbled = Boolean(c.req.query('chap-id')) && !hs.chapId;
      if (hs.mac && hs.loginUrl && !routerError && !chapGarbled) {
        const form = await login.loginForm(hs.mac, hs.chapId ?? '', hs.chapChallenge ?? '');
        if (form.kind === 'form') return kit.loginPage(c, ctx, hs.loginUrl, form);
        if (form.kind === 'not-allowed') {
          const { m } = ctx;
          const text = !form.residentActive
            ? m.status.notResident
            : form.accountStatus === 'pending'
              ? m.status.accountPending
              : m.status.accountSuspended;
          return kit.html(c, <WelcomePage ctx={ctx} notice={text} />);
        }
      }
      if (routerError) return kit.html(c, <WelcomePage ctx={ctx} routerError={routerError} />);
      return kit.welcome(c, ctx);
    })
    .get('/privasi', (c) => {
      const ctx = kit.pageContext(c, kit.queryContext(c), '', '/privasi');
      const { m } = ctx;
      const notice = kit.noticeFor(ctx.lang);
      return kit.html(
        c,
        <Layout ctx={ctx} title={m.notice.heading}>
          <h1>{m.notice.heading}</h1>
          <section class="card">
            <NoticeBody ctx={ctx} notice={notice} />
            <p class="muted">{m.notice.controller(deps.villageName)}</p>
            <p class="muted">{`${m.notice.version}: ${notice.version}`}</p>
          </section>
          <a class="btn s" href={`/${ctx.q}`}>
            {m.form.backHome}
          </a>
        </Layout>,
      );
    });
}
