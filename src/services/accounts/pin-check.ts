// Checking a NIK's secret (its PIN, or at registration its KK number) the way a guesser cannot outrun: the try is
// booked on the client's address, on everyone's count and on the NIK before anything is compared, and handed
// back when it proves right; the slow hash runs behind a small gate so a burst cannot starve the other pages.
import {
  ADDRESS_POLICY,
  type AttemptCounter,
  type BackoffPolicy,
  GLOBAL_POLICY,
  NIK_POLICY,
  triesLeft,
} from '../../domain/attempt-limit.js';
import type { Keyring } from '../keyring.js';
import { type AttemptStore, addressKey, GLOBAL_KEY, nikKey } from '../portal/portal-attempts.js';
import type { CheckGate } from './check-gate.js';
import { hashPin, type PinVerdict, verifyPin } from './pin-hash.js';

export interface PinCheckDeps {
  readonly attempts: AttemptStore;
  readonly keyring: Pick<Keyring, 'pepper' | 'legacyPepper' | 'keyId' | 'legacyKeyId'>;
  readonly now: () => number;
  readonly gate: CheckGate;
  /** What a client refused for load is told to wait, in seconds. */
  readonly busyRetryS: number;
}

export interface CheckSubject {
  readonly nikIndex: string;
  /** The client's address as the transport saw it; without one, the NIK and global limits still hold. */
  readonly address?: string | undefined;
}

/** How a booked try ended: `void` when no comparison ran (the gate was full), so nothing is held against anyone. */
export type TryResult = 'right' | 'wrong' | 'void';

export type Admission =
  | {
      readonly kind: 'admitted';
      /** Settles the booked try; returns the tries left before waits begin. */
      settle(result: TryResult): Promise<number>;
    }
  | { readonly kind: 'locked'; readonly until: number };

export type Busy = { readonly kind: 'busy'; readonly retryAfterS: number };

interface Booked {
  readonly key: string;
  readonly policy: BackoffPolicy;
  readonly counter: AttemptCounter;
}

/** Rows kept at most in portal_attempts: a few MB, whatever an attacker sends. */
export const MAX_ATTEMPT_ROWS = 100_000;

export function createPinCheck(deps: PinCheckDeps) {
  // A NIK without an account is checked against this, so that answer takes as long as a real check.
  let decoy: Promise<string> | undefined;

  async function refundAll(booked: readonly Booked[], now: number) {
    for (const b of booked) await deps.attempts.refundAttempt(b.key, b.policy, now);
  }

  function settler(booked: readonly Booked[], now: number) {
    let settled = false;
    return async (result: TryResult): Promise<number> => {
      if (settled) throw new Error('a booked try is settled once');
      settled = true;
      if (result === 'void') await refundAll(booked, now);
      if (result === 'right') {
        for (const b of booked) {
          if (b.policy === NIK_POLICY) await deps.attempts.clearAttempt(b.key);
          else await deps.attempts.refundAttempt(b.key, b.policy, now);
        }
      }
      const personal = booked.filter((b) => b.policy !== GLOBAL_POLICY);
      return Math.min(...personal.map((b) => triesLeft(b.counter, b.policy)));
    };
  }

  return {
    /** Books one try for this NIK from this client; `locked` (until when) refuses before any comparison. */
    async admit(subject: CheckSubject): Promise<Admission> {
      const now = deps.now();
      const address = addressKey(subject.address);
      // The address first: a source already waiting books nothing on its victims.
      const keys = [
        ...(address ? [{ key: address, policy: ADDRESS_POLICY }] : []),
        { key: GLOBAL_KEY, policy: GLOBAL_POLICY },
        { key: nikKey(subject.nikIndex), policy: NIK_POLICY },
      ];
      const booked: Booked[] = [];
      for (const k of keys) {
        const b = await deps.attempts.bookAttempt(k.key, k.policy, now);
        if (!b.admitted) {
          await refundAll(booked, now);
          return { kind: 'locked', until: b.lockedUntil };
        }
        booked.push({ ...k, counter: b.counter });
      }
      return { kind: 'admitted', settle: settler(booked, now) };
    },

    /** Busy when the gate is full right now: turned away before any try is booked or any row written. */
    busyNow(): Busy | undefined {
      return deps.gate.full() ? { kind: 'busy', retryAfterS: deps.busyRetryS } : undefined;
    },

    /** Compares a PIN with its stored hash (or with a decoy when there is none), behind the gate. */
    async verify(pin: string, stored: string | null | undefined): Promise<PinVerdict | Busy> {
      const r = await deps.gate.run(async () => {
        if (stored) return verifyPin(deps.keyring, pin, stored);
        decoy ??= hashPin(deps.keyring, 'decoy-pin');
        await verifyPin(deps.keyring, pin, await decoy);
        return 'wrong' as const;
      });
      return r.busy ? { kind: 'busy', retryAfterS: deps.busyRetryS } : r.value;
    },

    /** The stored form of a new PIN, behind the gate. */
    async hash(pin: string): Promise<{ readonly kind: 'hashed'; readonly hash: string } | Busy> {
      const r = await deps.gate.run(() => hashPin(deps.keyring, pin));
      return r.busy ? { kind: 'busy', retryAfterS: deps.busyRetryS } : { kind: 'hashed', hash: r.value };
    },

    /** Drops counters past their use and keeps the table bounded (the http role runs this on a timer). */
    prune(): Promise<number> {
      return deps.attempts.pruneAttempts(deps.now(), MAX_ATTEMPT_ROWS);
    },
  };
}

export type PinCheck = ReturnType<typeof createPinCheck>;
