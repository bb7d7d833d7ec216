// The key-status service's `settle`, called after a PIN moved off the old key at a sign-in: it deletes the old key
// (through the runtime's port) only when neither an active resident nor a PIN is still under it, and only then
// forgets it in memory; where the runtime cannot delete it (rotation under way, no file port) the key stays.
import { describe, expect, it } from 'vitest';
import {
  createKeyStatus,
  type IndexKeyStatus,
  type LegacyKeyCounts,
} from '../src/services/keys/key-status.js';

function rig(counts: LegacyKeyCounts, retire?: (s: IndexKeyStatus) => boolean) {
  const keyring = {
    keyId: 'new',
    legacyKeyId: 'old' as string | undefined,
    forgetLegacyKey() {
      this.legacyKeyId = undefined;
    },
  };
  const asked: IndexKeyStatus[] = [];
  const service = createKeyStatus({
    store: { legacyCounts: async () => counts },
    keyring,
    retireLegacyKey: retire
      ? (s) => {
          asked.push(s);
          return retire(s);
        }
      : undefined,
  });
  return { service, keyring, asked };
}

describe('key status settle', () => {
  it('keeps the old key while a PIN is under it', async () => {
    const r = rig({ residentsActive: 0, residentsInactive: 3, pins: 1 }, () => true);
    expect(await r.service.settle()).toBe(false);
    expect(r.asked).toEqual([]);
    expect(r.keyring.legacyKeyId).toBe('old');
  });

  it('keeps the old key while an active resident’s index is under it', async () => {
    const r = rig({ residentsActive: 2, residentsInactive: 0, pins: 0 }, () => true);
    expect(await r.service.settle()).toBe(false);
    expect(r.asked).toEqual([]);
    expect((await r.service.status()).residentsPending).toBe(2);
  });

  it('deletes and forgets it when only residents who left remain under it', async () => {
    const r = rig({ residentsActive: 0, residentsInactive: 3, pins: 0 }, () => true);
    expect(await r.service.settle()).toBe(true);
    expect(r.asked).toEqual([{ legacyKey: true, residentsPending: 0, residentsLeft: 3, pinsPending: 0 }]);
    expect(r.keyring.legacyKeyId).toBeUndefined();
    expect(await r.service.status()).toEqual({
      legacyKey: false,
      residentsPending: 0,
      residentsLeft: 0,
      pinsPending: 0,
    });
  });

  it('keeps it in memory when the runtime did not delete the file (a rotation under way)', async () => {
    const r = rig({ residentsActive: 0, residentsInactive: 0, pins: 0 }, () => false);
    expect(await r.service.settle()).toBe(false);
    expect(r.keyring.legacyKeyId).toBe('old');
  });

  it('only reads where the runtime has no files (Workers)', async () => {
    const r = rig({ residentsActive: 0, residentsInactive: 0, pins: 0 });
    expect(await r.service.settle()).toBe(false);
    expect(r.keyring.legacyKeyId).toBe('old');
  });
});
