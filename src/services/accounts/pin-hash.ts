// PIN hashes: the PIN is HMAC'd under a key derived from the server key (the pepper) and the result goes through
// PBKDF2. A copy of the database without the key file then gives nothing to brute-force offline, which for a
// 6-digit PIN would otherwise take seconds. A hash names the key it was peppered under (`hmac.<keyId>.`), so after
// a key rotation one made under the old key is still verified with it, and hashed again under the new one.
// Hashes from before the pepper, and `hmac-` ones from before key names, still verify and are upgraded then.
import type { Keyring } from '../keyring.js';
import { hashSecret, verifySecret } from '../password-hash.js';

/** Peppered under the key whose name follows, then `.`. */
const KEYED = 'hmac.';
/** Peppered, before hashes named their key: under the key of that time (the legacy one after a rotation). */
const PEPPERED = 'hmac-';

export type PinVerdict = 'ok' | 'ok-upgrade' | 'wrong';

type PinKeyring = Pick<Keyring, 'pepper' | 'legacyPepper' | 'keyId' | 'legacyKeyId'>;

export async function hashPin(
  keyring: Pick<Keyring, 'pepper' | 'keyId'> & { readonly pinHashIterations?: number | undefined },
  pin: string,
): Promise<string> {
  return `${KEYED}${keyring.keyId}.${await hashSecret(await keyring.pepper(pin), keyring.pinHashIterations)}`;
}

/** The prefix of a PIN hash made under this key: what `key status` counts against. */
export function pinHashPrefix(keyId: string): string {
  return `${KEYED}${keyId}.`;
}

/** 'ok-upgrade': right, but stored the old way (or under the old key); the caller stores `hashPin` of it. */
export async function verifyPin(keyring: PinKeyring, pin: string, stored: string): Promise<PinVerdict> {
  if (stored.startsWith(KEYED)) {
    const dot = stored.indexOf('.', KEYED.length);
    const keyId = stored.slice(KEYED.length, dot);
    const hash = stored.slice(dot + 1);
    if (dot > 0 && keyId === keyring.keyId)
      return (await verifySecret(await keyring.pepper(pin), hash)) ? 'ok' : 'wrong';
    const legacy = dot > 0 && keyId === keyring.legacyKeyId ? await keyring.legacyPepper(pin) : undefined;
    // Under a key this server no longer holds: nothing can verify it; an operator gives a new PIN.
    if (legacy === undefined) return 'wrong';
    return (await verifySecret(legacy, hash)) ? 'ok-upgrade' : 'wrong';
  }
  if (stored.startsWith(PEPPERED)) {
    const hash = stored.slice(PEPPERED.length);
    const legacy = await keyring.legacyPepper(pin);
    if (legacy !== undefined) return (await verifySecret(legacy, hash)) ? 'ok-upgrade' : 'wrong';
    return (await verifySecret(await keyring.pepper(pin), hash)) ? 'ok-upgrade' : 'wrong';
  }
  return (await verifySecret(pin, stored)) ? 'ok-upgrade' : 'wrong';
}
