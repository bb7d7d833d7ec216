// The resident's status page, and leaving the Wi-Fi (through the router's own logout).
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
        : hs.mac
          ? await status.forMac(hs.mac)
          : undefined;
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
      const ctx = kit.pageContext(c, hs, '', '/');
      return c.redirect(routerLogoutUrl(hs) ?? `/${ctx.q}`, 303);
    });
}
