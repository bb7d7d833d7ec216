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
      // Whether this phone is online is told by its address (the router's Framed-IP-Address), never a `mac`.
      const answer = await status.captiveApi(kit.clientAddress(c), `${kit.portalUrl(c)}/${hotspotQuery(hs)}`);
      c.header('Cache-Control', 'private, no-store');
      return c.body(JSON.stringify(answer), 200, { 'Content-Type': 'application/captive+json' });
    })
    .get('/hotspot/:file', (c) => {
      const file = c.req.param('file');
      if (!isHotspotPageFile(file)) return c.text('not found', 404);
      // Routers keep these pages; one built from a Host header would send every phone wherever it named.
      const portalUrl = kit.publicUrl();
      if (!portalUrl) {
        return c.text(
          'Alamat portal belum diketahui: atur WARGANET_PUBLIC_URL (portal address unknown).',
          503,
          {
            'Cache-Control': 'no-store',
          },
        );
      }
      return c.body(hotspotPage(file, portalUrl), 200, {
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
