// The first page, and the privacy notice. A phone is never logged in from here: a link is anyone's to craft,
// so only a NIK + PIN proven in this browser (registration, /perangkat) leads to a login page.
import { Hono } from 'hono';
import { readRouterError } from '../hotspot-context.js';
import type { PortalKit } from '../kit.js';
import type { PortalDeps, PortalEnv } from '../portal-deps.js';
import { Layout } from '../views/layout.js';
import { NoticeBody } from '../views/notice.js';
import { WelcomePage } from '../views/welcome.js';

export function welcomeRoutes(kit: PortalKit, deps: PortalDeps) {
  return new Hono<PortalEnv>()
    .get('/', async (c) => {
      const hs = kit.queryContext(c);
      const routerError = readRouterError(c.req.query('error'));
      const ctx = kit.pageContext(c, hs, '', '/');
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
