// Where the move off the old key stands after `warganet key rotate` (src/ops/key-rotation.ts): how many active
// residents' NIK/KK indexes and how many PINs are still under it. One service for `warganet key status`, the
// server's start and the dashboard, and the step that deletes the old key the moment nothing needs it any more
// (the last PIN re-hashed at a sign-in). Deleting a file is the runtime's: Node passes `retireLegacyKey`; where
// there is none (Workers) the status is only read.
import { pinHashPrefix } from '../accounts/pin-hash.js';
import type { Keyring } from '../keyring.js';

export interface IndexKeyStatus {
  /** An old key is still kept (data/secret.index.key). */
  readonly legacyKey: boolean;
  /** Active residents whose NIK/KK index is still under the old key. */
  readonly residentsPending: number;
  /** Residents no longer in the roster (inactive) still under the old key: reported, not needed. */
  readonly residentsLeft: number;
  /** Accounts whose PIN hash is still under the old key. */
  readonly pinsPending: number;
}

export interface LegacyKeyCounts {
  /** Residents not under `currentKeyId`, active and not. */
  readonly residentsActive: number;
  readonly residentsInactive: number;
  /** Keyed PIN hashes that do not start with the current key's prefix. */
  readonly pins: number;
}

export interface KeyStatusStore {
  legacyCounts(currentKeyId: string, currentPinPrefix: string): Promise<LegacyKeyCounts>;
}

export interface KeyStatusDeps {
  readonly store: KeyStatusStore;
  readonly keyring: Pick<Keyring, 'keyId' | 'legacyKeyId' | 'forgetLegacyKey'>;
  /**
   * Deletes the old key file when `status` says nothing needs it and no rotation is under way; true when it is
   * gone. Only a runtime with files has it.
   */
  readonly retireLegacyKey?: ((status: IndexKeyStatus) => boolean) | undefined;
}

export function createKeyStatus(deps: KeyStatusDeps) {
  async function status(): Promise<IndexKeyStatus> {
    if (!deps.keyring.legacyKeyId)
      return { legacyKey: false, residentsPending: 0, residentsLeft: 0, pinsPending: 0 };
    const c = await deps.store.legacyCounts(deps.keyring.keyId, pinHashPrefix(deps.keyring.keyId));
    return {
      legacyKey: true,
      residentsPending: c.residentsActive,
      residentsLeft: c.residentsInactive,
      pinsPending: c.pins,
    };
  }

  return {
    status,
    /**
     * After something moved off the old key (a PIN hashed again at a sign-in, committed): reads the status afresh
     * and, when nothing needs the old key, deletes its file and forgets it here too, so this server behaves as it
     * would after a restart. Nothing comes under the old key again (every new index and PIN is under the current
     * one), so a zero read here stays zero. Returns whether the old key went.
     */
    async settle(): Promise<boolean> {
      if (!deps.keyring.legacyKeyId || !deps.retireLegacyKey) return false;
      const s = await status();
      if (s.residentsPending > 0 || s.pinsPending > 0) return false;
      if (!deps.retireLegacyKey(s)) return false;
      deps.keyring.forgetLegacyKey();
      return true;
    },
  };
}

export type KeyStatusService = ReturnType<typeof createKeyStatus>;
