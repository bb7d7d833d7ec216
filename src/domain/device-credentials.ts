// RADIUS credentials for a device: a username a person can read off a slip of paper and type into a TV, and a
// random password. Alphabets leave out characters that look alike (l/1/I, o/0/O), as voucher tools do.

export const DEVICE_USERNAME_PREFIX = 'wn-';
export const USERNAME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Fills a buffer with random bytes; Web Crypto's by default, so this runs on Node and Workers alike. */
export type RandomBytes = (buffer: Uint8Array) => Uint8Array;

const webCrypto: RandomBytes = (buffer) => crypto.getRandomValues(buffer);

/** `length` characters drawn uniformly from `alphabet` (rejection sampling, so no character is favoured). */
export function randomString(alphabet: string, length: number, random: RandomBytes = webCrypto): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const b of random(new Uint8Array(length * 2))) {
      if (b < limit && out.length < length) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

/** `wn-` + 8 characters: about 40 bits, plenty for uniqueness (the database still enforces it). */
export function newDeviceUsername(random?: RandomBytes): string {
  return DEVICE_USERNAME_PREFIX + randomString(USERNAME_ALPHABET, 8, random);
}

/** 12 characters from 56: about 70 bits. */
export function newDevicePassword(random?: RandomBytes): string {
  return randomString(PASSWORD_ALPHABET, 12, random);
}
