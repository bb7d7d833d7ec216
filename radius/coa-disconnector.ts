// Kicking a session by RADIUS Disconnect-Request: the first disconnector `warganet session kick` tries.
import type { Disconnector, KickOutcome } from '../src/services/radius/radius-sessions.js';
import { type CoaOptions, ERROR_CAUSES, sendDisconnect } from './coa-client.js';

export function coaDisconnector(
  opts: CoaOptions & { port: number; onResult?: (outcome: string) => void },
): Disconnector {
  return {
    name: 'radius-coa',
    async disconnect(target): Promise<KickOutcome> {
      const s = target.session;
      const result = await sendDisconnect(
        { host: target.nasIp, port: opts.port, secret: target.radiusSecret },
        { userName: s.username, acctSessionId: s.acctSessionId, framedIp: s.ip, nasIp: target.nasIp },
        opts,
      );
      opts.onResult?.(result.outcome);
      if (result.outcome === 'ack')
        return { ok: true, via: 'radius-coa', detail: 'router menjawab Disconnect-ACK' };
      if (result.outcome === 'timeout') {
        return {
          ok: false,
          via: 'radius-coa',
          detail: `router tidak menjawab Disconnect-Request (${result.tries} kali dikirim ke ${target.nasIp}:${opts.port})`,
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
