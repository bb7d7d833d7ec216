// The RADIUS adapter of the live-session port: the router's `/radius incoming` (UDP 3799) takes a CoA-Request
// with the plan's new Mikrotik-Rate-Limit and -Group, or a Disconnect-Request that ends the session.
import type {
  KickOutcome,
  LiveSessionControl,
  LiveSessionTarget,
} from '../src/services/radius/live-sessions.js';
import { type CoaOptions, ERROR_CAUSES, sendCoa, sendDisconnect } from './coa-client.js';
import { Mikrotik, VENDOR_MIKROTIK } from './dictionary.js';
import { vsaString } from './packet.js';

export function coaLiveSessions(
  opts: CoaOptions & { port: number; onResult?: (outcome: string) => void },
): LiveSessionControl {
  const router = (t: LiveSessionTarget) => ({ host: t.nasIp, port: opts.port, secret: t.radiusSecret });
  const session = (t: LiveSessionTarget) => ({
    userName: t.session.username,
    acctSessionId: t.session.acctSessionId,
    framedIp: t.session.ip,
    nasIp: t.nasIp,
  });
  return {
    name: 'radius-coa',
    async changeLimits(t, limits) {
      const changes = [
        vsaString(VENDOR_MIKROTIK, Mikrotik.RateLimit, limits.rateLimit),
        vsaString(VENDOR_MIKROTIK, Mikrotik.Group, limits.group),
      ];
      return (await sendCoa(router(t), session(t), changes, opts)).outcome === 'ack';
    },
    async end(t): Promise<KickOutcome> {
      const result = await sendDisconnect(router(t), session(t), opts);
      opts.onResult?.(result.outcome);
      if (result.outcome === 'ack')
        return { ok: true, via: 'radius-coa', detail: 'router menjawab Disconnect-ACK' };
      if (result.outcome === 'timeout') {
        return {
          ok: false,
          via: 'radius-coa',
          detail: `router tidak menjawab Disconnect-Request (${result.tries} kali dikirim ke ${t.nasIp}:${opts.port})`,
        };
      }
      const cause = result.errorCause;
      return {
        ok: false,
        via: 'radius-coa',
        detail: `router menolak (Disconnect-NAK${cause === undefined ? '' : `, Error-Cause ${cause} ${ERROR_CAUSES[cause] ?? ''}`.trimEnd()})`,
        ...(cause === undefined ? {} : { errorCause: cause }),
      };
    },
  };
}
