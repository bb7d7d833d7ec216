// PIN hashes name the key they were peppered under: after a key rotation a PIN under the old key verifies with
// it (and asks to be hashed again), one under a key the server no longer holds never verifies, and hashes from
// before key names (`hmac-`) belong to the old key while there is one.
import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../src/services/accounts/pin-hash.js';
import { Keyring } from '../src/services/keyring.js';
import { hashSecret } from '../src/services/password-hash.js';

const OLD = '11'.repeat(32);
const NEW = '22'.repeat(32);
const PIN = '482916';

describe('PIN hashes across a key rotation', () => {
  it('verifies an old-key PIN with the old key, as an upgrade, and a new-key PIN as it is', async () => {
    const before = await Keyring.fromHex(OLD, { pinHashIterations: 1000 });
    const during = await Keyring.fromHex(NEW, { legacyIndexKeyHex: OLD, pinHashIterations: 1000 });
    const after = await Keyring.fromHex(NEW, { pinHashIterations: 1000 });
    const underOld = await hashPin(before, PIN);
    expect(underOld.startsWith(`hmac.${before.keyId}.`)).toBe(true);
    expect(await verifyPin(during, PIN, underOld)).toBe('ok-upgrade');
    expect(await verifyPin(during, '000111', underOld)).toBe('wrong');
    // Once the old key is gone nothing verifies it: the resident needs a new PIN from an operator.
    expect(await verifyPin(after, PIN, underOld)).toBe('wrong');
    const underNew = await hashPin(during, PIN);
    expect(await verifyPin(during, PIN, underNew)).toBe('ok');
    expect(await verifyPin(after, PIN, underNew)).toBe('ok');
  });

  it('treats an `hmac-` hash (before key names) as under the old key during a rotation, else the key', async () => {
    const before = await Keyring.fromHex(OLD, { pinHashIterations: 1000 });
    const during = await Keyring.fromHex(NEW, { legacyIndexKeyHex: OLD, pinHashIterations: 1000 });
    const unnamed = `hmac-${await hashSecret(await before.pepper(PIN), 1000)}`;
    expect(await verifyPin(before, PIN, unnamed)).toBe('ok-upgrade');
    expect(await verifyPin(during, PIN, unnamed)).toBe('ok-upgrade');
    expect(await verifyPin(during, '000111', unnamed)).toBe('wrong');
  });

  it('keeps the same NIK index under a key whether or not an old key is held beside it', async () => {
    const alone = await Keyring.fromHex(NEW);
    const during = await Keyring.fromHex(NEW, { legacyIndexKeyHex: OLD });
    const old = await Keyring.fromHex(OLD);
    expect(await during.blindIndex('nik', '3523125505900002')).toBe(
      await alone.blindIndex('nik', '3523125505900002'),
    );
    expect(await during.blindIndexes('nik', '3523125505900002')).toEqual([
      await alone.blindIndex('nik', '3523125505900002'),
      await old.blindIndex('nik', '3523125505900002'),
    ]);
    expect(await alone.blindIndexes('nik', '3523125505900002')).toHaveLength(1);
    expect(during.legacyKeyId).toBe(old.keyId);
  });
});
