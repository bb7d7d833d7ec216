// Voucher codes: read aloud at a kiosk and typed on a cheap phone, so lower-case (no shift key), and without
// the look-alikes 0/o, 1/l/i. 31 symbols carry 4.95 bits each: the default 8 give 39.6 bits, so even with
// 10,000 live vouchers one guess in about 90 million hits one — hopeless behind the login attempt limits.

export const VOUCHER_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const DEFAULT_CODE_LENGTH = 8;
export const MIN_CODE_LENGTH = 6;
export const MAX_CODE_LENGTH = 16;
const PREFIX = /^[a-z0-9]{0,8}$/;

/** A prefix operators may put before the random part (shop or event): short, lower-case letters and digits. */
export function validPrefix(prefix: string): boolean {
  return PREFIX.test(prefix);
}

/** `length` random symbols from the alphabet, unbiased (rejection sampling over random bytes). */
export function randomCode(length: number, randomBytes: (n: number) => Uint8Array): string {
  const n = VOUCHER_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b >= limit) continue;
      out += VOUCHER_ALPHABET[b % n];
      if (out.length === length) break;
    }
  }
  return out;
}

/** What a person typed, as the code is stored: lower-case, without spaces or dashes (printed groups). */
export function normalizeCode(typed: string): string {
  return typed
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '');
}

/** Grouped by four for reading aloud and printing: `kx7m-4pqa`. */
export function displayCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** Bits of entropy of the random part. */
export function codeEntropyBits(length: number): number {
  return length * Math.log2(VOUCHER_ALPHABET.length);
}
