// The decision for a voucher login, pure: given the voucher as stored, its plan, whether the code checked out,
// the MAC the router reports and the instant, accept with what is left (time as Session-Timeout, bytes as
// Total-Limit, the plan's rate) and the MAC to bind, or reject with a reason and the Indonesian sentence the
// login page shows. Validity counts from the first login unless the voucher was made to count from creation.

import type { BackoffPolicy } from './attempt-limit.js';
import { zoneLabel } from './quota-day.js';
import { localTimeText, storedWindow, windowState, windowText } from './time-window.js';

/**
 * Guessing codes from one phone (MAC): 5 wrong codes in 10 minutes, then that phone waits 10 minutes, even
 * with a right code, and 20, 30 after each further wrong one. Kept in the database beside the portal's
 * counters (the same backoff rule and statement), so every RADIUS node shares it.
 */
export const VOUCHER_GUESS_POLICY: BackoffPolicy = {
  free: 5,
  baseDelayMs: 10 * 60_000,
  maxDelayMs: 30 * 60_000,
  windowMs: 10 * 60_000,
};
export const VOUCHER_GUESS_LIMIT = VOUCHER_GUESS_POLICY.free;

export interface VoucherFacts {
  readonly id: number;
  readonly revokedAt: number | null;
  /** Set at creation (validity from creation) or at the first login. */
  readonly expiresAt: number | null;
  readonly validityS: number;
  readonly quotaBytes: number | null;
  readonly usedBytes: number;
  readonly devicesAllowed: number;
  readonly boundMacs: readonly string[];
}

export interface VoucherPlan {
  readonly rateLimit: string;
  readonly group: string;
  readonly idleTimeoutS: number | null;
  /** The plan's rate once the quota is used up, when it throttles instead of cutting off. */
  readonly throttleRateLimit?: string | null | undefined;
  /** The plan's time window (canonical text), when it has one. */
  readonly timeWindow?: string | null | undefined;
}

export type VoucherRejectReason =
  | 'voucher_bad_code'
  | 'voucher_revoked'
  | 'voucher_expired'
  | 'voucher_used_up'
  | 'voucher_other_device'
  | 'voucher_no_plan'
  | 'voucher_throttled'
  | 'voucher_outside_window';

export const voucherMessagesId: Readonly<Record<VoucherRejectReason, string>> = {
  voucher_bad_code: 'Kode voucher salah. Periksa lagi huruf dan angkanya.',
  voucher_revoked: 'Voucher ini sudah dibatalkan oleh pengelola Wi-Fi desa.',
  voucher_expired: 'Masa berlaku voucher ini sudah habis.',
  voucher_used_up: 'Kuota voucher ini sudah habis terpakai.',
  voucher_other_device: 'Voucher ini sudah dipakai di perangkat lain.',
  voucher_no_plan: 'Paket voucher ini tidak ada lagi. Hubungi pengelola Wi-Fi desa.',
  voucher_throttled: 'Terlalu banyak percobaan kode voucher. Tunggu beberapa menit lalu coba lagi.',
  voucher_outside_window: 'Paket voucher ini hanya aktif pada jam tertentu.',
};

export interface VoucherGrant {
  readonly voucherId: number;
  readonly rateLimit: string;
  readonly group: string;
  readonly sessionTimeoutS: number;
  readonly idleTimeoutS: number | undefined;
  readonly totalLimitBytes: number | undefined;
  /** Its quota is used up and the plan throttles: the rate is the plan's throttle rate, without Total-Limit. */
  readonly throttled: boolean;
  /** A MAC to add to the voucher's bound devices (its first login on this phone). */
  readonly bindMac: string | undefined;
  /** The instant the validity ends, to store at the first login. */
  readonly expiresAt: number;
}

export type VoucherDecision =
  | { readonly decision: 'accept'; readonly grant: VoucherGrant }
  | { readonly decision: 'reject'; readonly reason: VoucherRejectReason; readonly message: string };

export function voucherReject(reason: VoucherRejectReason, message?: string): VoucherDecision {
  return { decision: 'reject', reason, message: message ?? voucherMessagesId[reason] };
}

export function decideVoucher(input: {
  readonly voucher: VoucherFacts;
  readonly plan: VoucherPlan | undefined;
  readonly credentialsOk: boolean;
  readonly callingMac: string | undefined;
  readonly now: number;
  /** WARGANET_TZ, for the plan's time window; without it the window is not checked. */
  readonly timeZone?: string | undefined;
}): VoucherDecision {
  const { voucher: v, now } = input;
  // The code first: nothing about a voucher is told to someone who does not hold it.
  if (!input.credentialsOk) return voucherReject('voucher_bad_code');
  if (v.revokedAt !== null) return voucherReject('voucher_revoked');
  if (v.expiresAt !== null && v.expiresAt <= now) return voucherReject('voucher_expired');
  // Used up: cut off, or on at the plan's throttle rate when the plan throttles instead (as for residents).
  const usedUp = v.quotaBytes !== null && v.usedBytes >= v.quotaBytes;
  if (usedUp && !input.plan?.throttleRateLimit) return voucherReject('voucher_used_up');
  const mac = input.callingMac;
  const known = mac !== undefined && v.boundMacs.includes(mac);
  if (!known && (mac === undefined || v.boundMacs.length >= v.devicesAllowed))
    return voucherReject('voucher_other_device');
  if (!input.plan) return voucherReject('voucher_no_plan');
  const expiresAt = v.expiresAt ?? now + v.validityS * 1000;
  let sessionEnd = expiresAt;
  const window = input.plan.timeWindow && input.timeZone ? storedWindow(input.plan.timeWindow) : null;
  if (window && input.timeZone) {
    const state = windowState(window, now, input.timeZone);
    if (!state.open) {
      // Refused before anything is recorded: the validity does not start at a refused login.
      return voucherReject(
        'voucher_outside_window',
        `Paket voucher ini hanya aktif ${windowText(window)} ${zoneLabel(input.timeZone)}. Bisa masuk mulai pukul ${localTimeText(state.opensAt, input.timeZone)}.`,
      );
    }
    if (state.endsAt !== undefined && state.endsAt < sessionEnd) sessionEnd = state.endsAt;
  }
  return {
    decision: 'accept',
    grant: {
      voucherId: v.id,
      rateLimit: usedUp ? input.plan.throttleRateLimit! : input.plan.rateLimit,
      group: input.plan.group,
      sessionTimeoutS: Math.max(1, Math.ceil((sessionEnd - now) / 1000)),
      idleTimeoutS: input.plan.idleTimeoutS ?? undefined,
      totalLimitBytes: v.quotaBytes === null || usedUp ? undefined : v.quotaBytes - v.usedBytes,
      throttled: usedUp,
      bindMac: known ? undefined : mac,
      expiresAt,
    },
  };
}
