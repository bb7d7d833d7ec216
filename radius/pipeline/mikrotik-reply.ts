// The one place that knows how MikroTik hotspots want a decision spelled: rate limit, user profile (group),
// byte quota as Total-Limit plus Gigawords, timeouts, interim interval, and the Class echoed in accounting.
import type { Decision } from '../../src/domain/authorize.js';
import { STEPPED_CLASS_SUFFIX } from '../../src/services/radius/step-down.js';
import { Attr, Code, Mikrotik, VENDOR_MIKROTIK } from '../dictionary.js';
import { int, type OutAttribute, str, vsaInt, vsaString } from '../packet.js';
import type { Reply } from './types.js';

const TWO_32 = 2 ** 32;

/** Class we put in Access-Accept; RouterOS echoes it in accounting, naming the device without a lookup. */
export const classFor = (deviceId: number) => `warganet:d=${deviceId}`;

/** Class of an institution device's session: accounting books its traffic under the institution. */
export const institutionClass = (institutionId: number) => `warganet:i=${institutionId}`;

export function deviceIdFromClass(value: Buffer | undefined): number | null {
  if (!value) return null;
  // `:s` marks a session accepted at a plan's stepped-down rate (see step-down.ts).
  const m = /^warganet:d=(\d{1,15})(?::s)?$/.exec(value.toString('latin1'));
  return m ? Number(m[1]) : null;
}

/** What a MikroTik hotspot is told of a login it may make: a device's grant or a voucher's. */
export interface MikrotikGrant {
  readonly rateLimit: string;
  readonly group: string;
  readonly sessionTimeoutS?: number | undefined;
  readonly idleTimeoutS?: number | undefined;
  readonly interimIntervalS: number;
  readonly totalLimitBytes?: number | undefined;
}

export const rejectReply = (message: string): Reply => ({
  code: Code.AccessReject,
  attributes: [str(Attr.ReplyMessage, message)],
  messageAuthenticator: true,
});

/** Access-Accept: rate, profile, timeouts, interim interval, the byte quota (+ Gigawords), then `className`. */
export function acceptReply(g: MikrotikGrant, className: string): Reply {
  const attributes: OutAttribute[] = [
    vsaString(VENDOR_MIKROTIK, Mikrotik.RateLimit, g.rateLimit),
    vsaString(VENDOR_MIKROTIK, Mikrotik.Group, g.group),
  ];
  if (g.sessionTimeoutS !== undefined) attributes.push(int(Attr.SessionTimeout, g.sessionTimeoutS));
  if (g.idleTimeoutS !== undefined) attributes.push(int(Attr.IdleTimeout, g.idleTimeoutS));
  attributes.push(int(Attr.AcctInterimInterval, g.interimIntervalS));
  if (g.totalLimitBytes !== undefined) {
    attributes.push(vsaInt(VENDOR_MIKROTIK, Mikrotik.TotalLimit, g.totalLimitBytes % TWO_32));
    attributes.push(
      vsaInt(VENDOR_MIKROTIK, Mikrotik.TotalLimitGigawords, Math.floor(g.totalLimitBytes / TWO_32)),
    );
  }
  attributes.push(str(Attr.Class, className));
  return { code: Code.AccessAccept, attributes, messageAuthenticator: true };
}

/** `className`: the Class to send instead of the device's (an institution's). */
export function mikrotikReply(decision: Decision, className?: string): Reply {
  if (decision.decision === 'reject') return rejectReply(decision.message);
  const g = decision.grant;
  const stepped = decision.reason === 'stepped_down' ? STEPPED_CLASS_SUFFIX : '';
  return acceptReply(g, `${className ?? classFor(g.deviceId)}${stepped}`);
}
