// Attempt limits for the captive portal's identity checks, per NIK (its keyed hash, never the NIK) and per
// device MAC, kept in the database so they hold across restarts and web nodes. A read-then-write race between
// two requests for one key can at worst allow one extra try; the PIN counter on the account is the hard limit.
import {
  type AttemptCounter,
  type AttemptPolicy,
  afterFailure,
  lockedUntil,
} from '../domain/attempt-limit.js';

export interface AttemptStore {
  readAttempts(keys: readonly string[]): Promise<Map<string, AttemptCounter>>;
  writeAttempt(key: string, counter: AttemptCounter, at: number): Promise<void>;
  clearAttempt(key: string): Promise<void>;
}

export interface LimitedKey {
  readonly key: string;
  readonly policy: AttemptPolicy;
}

export const nikKey = (nikIndex: string) => `nik:${nikIndex}`;
export const macKey = (mac: string) => `mac:${mac}`;

export function createAttemptLimiter(deps: { store: AttemptStore; now: () => number }) {
  return {
    /** The latest end of a lock running on any of the keys, or undefined when all may try. */
    async lockedUntil(keys: readonly LimitedKey[]): Promise<number | undefined> {
      if (keys.length === 0) return undefined;
      const counters = await deps.store.readAttempts(keys.map((k) => k.key));
      const now = deps.now();
      const ends = keys.map((k) => lockedUntil(counters.get(k.key), now)).filter((t) => t !== undefined);
      return ends.length > 0 ? Math.max(...ends) : undefined;
    },

    /** Counts one failure on every key; returns the end of the lock it started, if any. */
    async fail(keys: readonly LimitedKey[]): Promise<number | undefined> {
      if (keys.length === 0) return undefined;
      const now = deps.now();
      const counters = await deps.store.readAttempts(keys.map((k) => k.key));
      let until: number | undefined;
      for (const k of keys) {
        const next = afterFailure(counters.get(k.key), now, k.policy);
        await deps.store.writeAttempt(k.key, next, now);
        if (next.lockedUntil !== null) until = Math.max(until ?? 0, next.lockedUntil);
      }
      return until;
    },

    clear(key: string): Promise<void> {
      return deps.store.clearAttempt(key);
    },
  };
}

export type AttemptLimiter = ReturnType<typeof createAttemptLimiter>;
