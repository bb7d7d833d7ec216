// Stage: voucher. A User-Name that is no device may be a voucher code: the voucher service finds it by its keyed
// index and decides (src/domain/voucher-rules.ts); this file checks the credentials the router sent (PAP or
// CHAP against the code, or its separate password) and spells the answer for MikroTik: what is left of the
// validity as Session-Timeout, of the quota as Total-Limit (+ Gigawords), the plan's rate and profile, and a
// Class that names the voucher so accounting counts against it. Guessing is throttled per phone: after a few
// wrong codes from one MAC in a window, that MAC is refused without a lookup until the wait passes. The count
// lives in the database (the voucher service's `guesses`), so several RADIUS nodes share it.
import { timingSafeEqual } from 'node:crypto';
import type { VoucherDecision } from '../../src/domain/voucher-rules.js';
import type { VoucherService } from '../../src/services/vouchers/vouchers.js';
import { Attr } from '../dictionary.js';
import { attr, type Packet } from '../packet.js';
import { decryptPapPassword, verifyChap } from '../signing.js';
import { acceptReply, rejectReply } from './mikrotik-reply.js';
import type { Reply } from './types.js';

export const voucherClass = (id: number) => `warganet:v=${id}`;

/** Wrong codes one phone may try in a window before it must wait (the domain's policy). */
export { VOUCHER_GUESS_LIMIT } from '../../src/domain/voucher-rules.js';

export interface VoucherStageDeps {
  readonly vouchers: Pick<VoucherService, 'authorize' | 'throttled' | 'guesses'>;
  readonly interimIntervalS: number;
}

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
  const { guesses } = deps.vouchers;
  if (callingMac && !(await guesses.admit(callingMac))) return deps.vouchers.throttled();
  const check = credentialCheck(p, nasSecret) ?? (() => false);
  const decision = await deps.vouchers.authorize(userName, callingMac, check);
  if (callingMac) {
    const wrong =
      decision === undefined || (decision.decision === 'reject' && decision.reason === 'voucher_bad_code');
    await guesses.settle(callingMac, wrong ? 'wrong' : decision.decision === 'accept' ? 'right' : 'other');
  }
  return decision;
}

export function voucherReply(decision: VoucherDecision, interimIntervalS: number): Reply {
  if (decision.decision === 'reject') return rejectReply(decision.message);
  return acceptReply({ ...decision.grant, interimIntervalS }, voucherClass(decision.grant.voucherId));
}
