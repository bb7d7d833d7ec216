// The CoA half of "change or end a live session": the router's RADIUS incoming port (3799) takes a CoA-Request
// with the plan's new Mikrotik-Rate-Limit and -Group, or a Disconnect-Request that ends the session.
import type { LiveSessionTarget, LiveSessionUpdater } from '../src/services/routers/router-jobs.js';
import { sendCoa, sendDisconnect } from './coa-client.js';
import { Mikrotik, VENDOR_MIKROTIK } from './dictionary.js';
import { vsaString } from './packet.js';

/** CoA-Request with the plan's Mikrotik-Rate-Limit and -Group; Disconnect-Request to end a session. */
export function coaLiveSessionUpdater(port: number, timeoutMs = 1500, retries = 1): LiveSessionUpdater {
  const target = (t: LiveSessionTarget) => ({ host: t.nasIp, port, secret: t.radiusSecret });
  const session = (t: LiveSessionTarget) => ({
    userName: t.session.username,
    acctSessionId: t.session.acctSessionId,
    framedIp: t.session.framedIp,
    nasIp: t.nasIp,
  });
  return {
    async changeLimits(t, limits) {
      const changes = [
        vsaString(VENDOR_MIKROTIK, Mikrotik.RateLimit, limits.rateLimit),
        vsaString(VENDOR_MIKROTIK, Mikrotik.Group, limits.group),
      ];
      return (await sendCoa(target(t), session(t), changes, { timeoutMs, retries })).outcome === 'ack';
    },
    async disconnect(t) {
      return (await sendDisconnect(target(t), session(t), { timeoutMs, retries })).outcome === 'ack';
    },
  };
}
