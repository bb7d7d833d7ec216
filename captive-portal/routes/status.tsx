// The resident's status page, and leaving the Wi-Fi (through the router's own logout). The page answers for the
// account this browser proved NIK + PIN for, or for the phone the router gave this request's address to; a
// `mac` in the link names nothing.
import { Hono } from 'hono';
import { routerLogoutUrl } from '../hotspot-context.js';
import type { PortalKit } from '../kit.js';
import type { PortalDeps, PortalEnv } from '../portal-deps.js';
import { StatusPage } from '../views/status.js';

export function statusRoutes(kit: PortalKit, deps: PortalDeps) {
  const { status } = deps.services;
  return new Hono<PortalEnv>()
    .get('/status', async (c) => {
      const hs = kit.queryContext(c);
      const ctx = kit.pageContext(c, hs, await kit.csrfFor(c), '/status');
      const { m } = ctx;
      const session = await kit.readSession(c);
      const view = session
        ? await status.forAccount(session.accountId)
        : await status.forClientIp(kit.clientAddress(c));
      if (!view) {
        return kit.message(c, ctx, m.status.heading, m.status.unknownDevice, {
          links: [
            { href: `/daftar${ctx.q}`, text: m.welcome.register, primary: true },
            { href: `/perangkat${ctx.q}`, text: m.welcome.addDevice },
          ],
        });
      }
      return kit.html(
        c,
        <StatusPage ctx={ctx} view={view} showDevices={session !== undefined} currentMac={hs.mac} />,
      );
    })
    .post('/keluar', async (c) => {
      const { get, hs } = await kit.formBody(c);
      const refused = await kit.checkCsrf(c, get('csrf'), hs, '/status');
      if (refused) return refused;
      kit.endSession(c);
      // Only to a router's own logout page; a link naming another site ends on the portal's first page.
      const loginUrl = await kit.routerLoginUrl(hs);
      return c.redirect((loginUrl && routerLogoutUrl({ loginUrl })) ?? '/', 303);
    });
}
