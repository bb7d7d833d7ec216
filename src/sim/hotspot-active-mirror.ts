// One virtual MikroTik from its two halves: the hotspot's live sessions (hotspot-server.ts) shown in the RouterOS
// API's `/ip/hotspot/active` (routeros-server.ts), as a real router lists them. Without it the agent's health
// poll would see an empty list and close every live session as gone from the router. An entry removed through
// the API (a kick when RADIUS Disconnect did not answer) logs that host out on the hotspot.

import type { HotspotSession, VirtualHotspot } from './hotspot-server.js';
import type { RouterModel } from './routeros-model.js';

const ACTIVE = '/ip/hotspot/active';

export interface HotspotActiveMirror {
  /** Brings the API's list in line with the hotspot now (also done every `intervalMs`). */
  sync(): Promise<void>;
  stop(): void;
}

export function mirrorHotspotActive(
  hotspot: VirtualHotspot,
  model: RouterModel,
  opts: { intervalMs?: number; server?: string } = {},
): HotspotActiveMirror {
  /** MAC → the API entry we made for its session (acct id, to notice a new session of the same MAC). */
  const shown = new Map<string, { id: string; acctSessionId: string }>();
  let running: Promise<void> | undefined;

  const row = (s: HotspotSession): Record<string, string> => ({
    server: opts.server ?? 'hotspot1',
    user: s.userName,
    address: s.ip,
    'mac-address': s.mac,
    'login-by': s.loginBy,
    uptime: `${Math.max(0, Math.floor((Date.now() - s.startedAt) / 1000))}s`,
    'bytes-in': String(s.inputBytes),
    'bytes-out': String(s.outputBytes),
    radius: 'true',
  });

  async function once(): Promise<void> {
    const listed = new Set(model.print(ACTIVE).map((r) => r['.id']));
    const live = new Map(hotspot.active().map((s) => [s.mac, s] as const));
    for (const [mac, entry] of [...shown]) {
      const session = live.get(mac);
      if (!listed.has(entry.id)) {
        // Removed through the API: the router logs the host out (its Stop goes to accounting).
        shown.delete(mac);
        if (session?.acctSessionId === entry.acctSessionId) await hotspot.forgetHost(mac);
        continue;
      }
      if (!session || session.acctSessionId !== entry.acctSessionId) {
        model.remove(ACTIVE, entry.id);
        shown.delete(mac);
      }
    }
    for (const [mac, s] of live) {
      if (shown.has(mac)) continue;
      shown.set(mac, { id: model.insert(ACTIVE, row(s)), acctSessionId: s.acctSessionId });
    }
  }

  const sync = (): Promise<void> => {
    running ??= once().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => void sync().catch(() => {}), opts.intervalMs ?? 2000);
  timer.unref();
  return { sync, stop: () => clearInterval(timer) };
}
