// Stage: voucher. A User-Name that is no device may be a voucher code: the voucher service finds it by its keyed
// index and decides (src/domain/voucher-rules.ts); this file checks the credentials the router sent (PAP or
// CHAP against the code, or its separate password) and spells the answer for MikroTik: what is left of the
// validity as Session-Timeout, of the quota as Total-Limit (+ Gigawords), the plan's rate and profile, and a
// Class that names the voucher so accounting counts against it. Guessing is throttled per phone: after a few
// wrong codes from one MAC in a window, that MAC is refused without a lookup until the window passes.
import { timingSafeEqual } from 'node:crypto';
import type { VoucherDecision } from '../../src/domain/voucher-rules.js';
import type { VoucherService } from '../../src/services/vouchers/vouchers.js';
import { Attr, Code, Mikrotik, VENDOR_MIKROTIK } from '../dictionary.js';
import { attr, int, type OutAttribute, type Packet, str, vsaInt, vsaString } from '../packet.js';
import { decryptPapPassword, verifyChap } from '../signing.js';
import type { Reply } from './types.js';

const TWO_32 = 2 ** 32;

export const voucherClass = (id: number) => `warganet:v=${id}`;

/** Wrong codes one phone may try in a window before it must wait (the portal's PIN limits are of this size). */
export const VOUCHER_GUESS_LIMIT = 5;
export const VOUCHER_GUESS_WINDOW_MS = 10 * 60_000;

export interface VoucherStageDeps {
  readonly vouchers: Pick<VoucherService, 'authorize' | 'throttled'>;
  readonly interimIntervalS: number;
  readonly guard: VoucherGuessGuard;
}

/** Failed code guesses per MAC, in memory: a RADIUS node forgets them on restart, which only resets a window. */
export function createVoucherGuessGuard(now: () => number, limit = VOUCHER_GUESS_LIMIT) {
  const misses = new Map<string, { count: number; since: number }>();
  const current = (mac: string) => {
    const m = misses.get(mac);
    if (m && now() - m.since >= VOUCHER_GUESS_WINDOW_MS) {
      misses.delete(mac);
      return undefined;
    }
    return m;
  };
  return {
    blocked: (mac: string) => (current(mac)?.count ?? 0) >= limit,
    miss(mac: string) {
      const m = current(mac);
      if (m) m.count++;
      else {
        // Bounded: a flood of spoofed MACs cannot grow it without end.
        if (misses.size > 50_000) misses.clear();
        misses.set(mac, { count: 1, since: now() });
      }
    },
    clear: (mac: string) => void misses.delete(mac),
  };
}

export type VoucherGuessGuard = ReturnType<typeof createVoucherGuessGuard>;

function credentialCheck(p: Packet, nasSecret: Uint8Array): ((expected: string) => boolean) | undefined {
  const chap = attr(p, Attr.ChapPassword);
  if (chap) {
    const challenge = attr(p, Attr.ChapChallenge) ?? p.authenticator;
    return (expected) => verifyChap(chap, challenge, Buffer.from(expected, 'utf8'));
  }
  const hidden = attr(p, Attr.UserPassword);
  if (hidden) {
    const given = decryptPapPassword(hidden, nasSecret, p.authenticator);
    if (given === undefined) return undefined;
    return (expected) => {
      const want = Buffer.from(expected, 'utf8');
      return given.length === want.length && timingSafeEqual(given, want);
    };
  }
  return undefined;
}

/**
 * The voucher's decision for this request, or undefined when the User-Name is no voucher (the caller then
 * rejects it as an unknown device and counts the miss).
 */
export async function voucherDecision(
  p: Packet,
  nasSecret: Uint8Array,
  userName: string,
  callingMac: string | undefined,
  deps: VoucherStageDeps,
): Promise<VoucherDecision | undefined> {
  if (callingMac && deps.guard.blocked(callingMac)) return deps.vouchers.throttled();
  const check = credentialCheck(p, nasSecret) ?? (() => false);
  const decision = await deps.vouchers.authorize(userName, callingMac, check);
  if (callingMac) {
    if (decision === undefined || (decision.decision === 'reject' && decision.reason === 'voucher_bad_code'))
      deps.guard.miss(callingMac);
    else if (decision.decision === 'accept') deps.guard.clear(callingMac);
  }
  return decision;
}

export function voucherReply(decision: VoucherDecision, interimIntervalS: number): Reply {
  if (decision.decision === 'reject') {
    return {
      code: Code.AccessReject,
      attributes: [str(Attr.ReplyMessage, decision.message)],
      messageAuthenticator: true,
    };
  }
  const g = decision.grant;
  const attributes: OutAttribute[] = [
    vsaString(VENDOR_MIKROTIK, Mikrotik.RateLimit, g.rateLimit),
    vsaString(VENDOR_MIKROTIK, Mikrotik.Group, g.group),
    int(Attr.SessionTimeout, g.sessionTimeoutS),
  ];
  if (g.idleTimeoutS !== undefined) attributes.push(int(Attr.IdleTimeout, g.idleTimeoutS));
  attributes.push(int(Attr.AcctInterimInterval, interimIntervalS));
  if (g.totalLimitBytes !== undefined) {
    attributes.push(vsaInt(VENDOR_MIKROTIK, Mikrotik.TotalLimit, g.totalLimitBytes % TWO_32));
    attributes.push(
      vsaInt(VENDOR_MIKROTIK, Mikrotik.TotalLimitGigawords, Math.floor(g.totalLimitBytes / TWO_32)),
    );
  }
  attributes.push(str(Attr.Class, voucherClass(g.voucherId)));
  return { code: Code.AccessAccept, attributes, messageAuthenticator: true };
}
