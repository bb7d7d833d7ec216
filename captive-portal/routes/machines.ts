// For machines: the RFC 8908 Captive Portal API (DHCP option 114 points phones here), the hotspot page
// templates routers fetch into their html directory, and the village logo.
import { Hono } from 'hono';
import { hotspotQuery } from '../hotspot-context.js';
import { hotspotPage, isHotspotPageFile } from '../hotspot-pages.js';
import type { PortalKit } from '../kit.js';
import type { PortalDeps, PortalEnv } from '../portal-deps.js';

export function machineRoutes(kit: PortalKit, deps: PortalDeps) {
  const { status } = deps.services;
  return new Hono<PortalEnv>()
    .get('/api/captive', async (c) => {
      const hs = kit.queryContext(c);
      const answer = await status.captiveApi(hs.mac, `${kit.portalUrl(c)}/${hotspotQuery(hs)}`);
      c.header('Cache-Control', 'private, no-store');
      return c.body(JSON.stringify(answer), 200, { 'Content-Type': 'application/captive+json' });
    })
    .get('/hotspot/:file', (c) => {
      const file = c.req.param('file');
      if (!isHotspotPageFile(file)) return c.text('not found', 404);
      return c.body(hotspotPage(file, kit.portalUrl(c)), 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
    })
    .get('/logo', (c) => {
      if (!deps.logo) return c.notFound();
      return c.body(deps.logo.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': deps.logo.contentType,
        'Cache-Control': 'public, max-age=86400',
      });
    });
}
