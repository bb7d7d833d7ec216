// The RouterOS-API adapter of the live-session port (it can only end one): after RADIUS Disconnect, the host is logged
// out of the router's /ip/hotspot/active table.
import type { Keyring } from '../services/keyring.js';
import type { KickOutcome, LiveSessionControl } from '../services/radius/radius-sessions.js';
import { routerTarget } from '../services/routers/provisioning.js';
import type { RouterGateway } from '../services/routers/router-gateway.js';
import type { ManagedRouterStore } from '../services/routers/router-ops-ports.js';

export function apiDisconnector(
  routers: ManagedRouterStore,
  keyring: Keyring,
  gateway: RouterGateway,
): LiveSessionControl {
  const fail = (detail: string): KickOutcome => ({ ok: false, via: 'routeros-api', detail });
  return {
    name: 'routeros-api',
    async end({ session }) {
      const router = await routers.findById(session.routerId);
      if (!router?.apiHost) return fail('router tidak punya pengaturan API');
      const target = await routerTarget(router, keyring);
      const active = await gateway.listActive(target);
      const host = active.find((a) =>
        session.mac
          ? a.macAddress === session.mac.toUpperCase()
          : a.user === session.username && a.address === session.ip,
      );
      if (!host) return fail('perangkat tidak ada di daftar aktif hotspot router');
      await gateway.removeActive(target, [host.id]);
      return { ok: true, via: 'routeros-api', detail: `dikeluarkan dari /ip/hotspot/active (${host.id})` };
    },
  };
}
