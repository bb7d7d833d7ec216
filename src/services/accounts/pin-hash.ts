// PIN hashes: the PIN is HMAC'd under a key derived from the server key (the pepper) and the result goes through
// PBKDF2. A copy of the database without the key file then gives nothing to brute-force offline, which for a
// 6-digit PIN would otherwise take seconds. Hashes from before the pepper still verify and are upgraded then.
import type { Keyring } from '../keyring.js';
import { hashSecret, verifySecret } from '../password-hash.js';

const PEPPERED = 'hmac-';

export type PinVerdict = 'ok' | 'ok-upgrade' | 'wrong';

export async function hashPin(
  keyring: Pick<Keyring, 'pepper'> & { readonly pinHashIterations?: number | undefined },
  pin: string,
): Promise<string> {
  return PEPPERED + (await hashSecret(await keyring.pepper(pin), keyring.pinHashIterations));
}

/** 'ok-upgrade': right, but stored the old way; the caller stores `hashPin` of it. */
export async function verifyPin(
  keyring: Pick<Keyring, 'pepper'>,
  pin: string,
  stored: string,
): Promise<PinVerdict> {
  if (stored.startsWith(PEPPERED)) {
    return (await verifySecret(await keyring.pepper(pin), stored.slice(PEPPERED.length))) ? 'ok' : 'wrong';
  }
  return (await verifySecret(pin, stored)) ? 'ok-upgrade' : 'wrong';
}
