// Time-based one-time passwords (RFC 6238 over HOTP, RFC 4226) with HMAC-SHA-1, 6 digits and 30-second steps:
// what every authenticator app (Google Authenticator, Aegis, Microsoft Authenticator) makes by default. HMAC and
// SHA-1 come from @noble/hashes because the check is synchronous and must run on Workers too. A code is accepted
// one step either side of now (a phone's clock drifts), and only for a step later than the last one accepted, so
// a code seen over a shoulder cannot be used again.
import { hmac } from '@noble/hashes/hmac';
import { sha1 } from '@noble/hashes/legacy';

export const TOTP_STEP_S = 30;
export const TOTP_DIGITS = 6;
/** 20 random bytes: the key size RFC 4226 recommends for HMAC-SHA-1. */
export const TOTP_KEY_BYTES = 20;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Spaces and case as people copy them are ignored; undefined when it is not Base32. */
export function base32Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) return undefined;
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

/** The HOTP value for a counter (RFC 4226 §5.3), `digits` long with leading zeros. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const msg = new Uint8Array(8);
  let c = counter;
  for (let i = 7; i >= 0; i--) {
    msg[i] = c & 0xff;
    c = Math.floor(c / 256);
  }
  const mac = hmac(sha1, key, msg);
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** The time step of an instant (epoch milliseconds). */
export const totpStep = (atMs: number): number => Math.floor(atMs / 1000 / TOTP_STEP_S);

export function totp(key: Uint8Array, atMs: number, digits = TOTP_DIGITS): string {
  return hotp(key, totpStep(atMs), digits);
}

/**
 * The step a typed code matches (now, or one step before or after), or undefined. A step at or before
 * `lastUsedStep` is never matched: each code works once.
 */
export function matchTotp(
  key: Uint8Array,
  code: string,
  atMs: number,
  lastUsedStep: number | null = null,
): number | undefined {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return undefined;
  const now = totpStep(atMs);
  let found: number | undefined;
  // Every candidate is computed, so the time taken does not say which one matched.
  for (const step of [now - 1, now, now + 1]) {
    if (hotp(key, step) === typed && (lastUsedStep === null || step > lastUsedStep)) found ??= step;
  }
  return found;
}

/** The `otpauth://` URI authenticator apps read from the QR code (Key Uri Format). */
export function otpauthUri(input: { issuer: string; account: string; secret: string }): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  // %20, not '+': some apps show a '+' in the issuer's name.
  const issuer = encodeURIComponent(input.issuer);
  return `otpauth://totp/${label}?secret=${input.secret}&issuer=${issuer}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_STEP_S}`;
}
