// How many wrong tries the portal allows before it stops listening for a while: wrong PINs per account, and
// failed identity checks per NIK (by its keyed hash) and per device MAC. Pure: the caller passes the stored
// counter and the time, and stores what comes back.

export interface AttemptPolicy {
  /** Failures allowed inside one window; the next one past this locks. */
  readonly maxFailures: number;
  /** Failures older than this are forgotten (a fresh window starts). */
  readonly windowMs: number;
  /** How long a lock lasts. */
  readonly lockMs: number;
}

export interface AttemptCounter {
  readonly failures: number;
  readonly windowStartedAt: number;
  readonly lockedUntil: number | null;
}

/** Five wrong PINs in a row (until a right one) lock the account's PIN for 15 minutes. */
export const PIN_POLICY: AttemptPolicy = {
  maxFailures: 5,
  windowMs: Number.POSITIVE_INFINITY,
  lockMs: 15 * 60 * 1000,
};

/** NIK + KK (or NIK + PIN for a NIK without an account): five misses an hour, then 30 minutes' pause. */
export const NIK_POLICY: AttemptPolicy = { maxFailures: 5, windowMs: 60 * 60 * 1000, lockMs: 30 * 60 * 1000 };

/** One phone trying many NIKs: ten misses an hour, then 30 minutes' pause. */
export const MAC_POLICY: AttemptPolicy = {
  maxFailures: 10,
  windowMs: 60 * 60 * 1000,
  lockMs: 30 * 60 * 1000,
};

/** The end of a lock still running at `now`, or undefined when tries are allowed. */
export function lockedUntil(counter: AttemptCounter | undefined, now: number): number | undefined {
  return counter?.lockedUntil != null && counter.lockedUntil > now ? counter.lockedUntil : undefined;
}

/**
 * The counter after one more failure. When the failures reach the policy's maximum the counter locks and
 * starts from zero, so the first try after the lock has a full allowance again.
 */
export function afterFailure(
  counter: AttemptCounter | undefined,
  now: number,
  policy: AttemptPolicy,
): AttemptCounter {
  const fresh = !counter || now - counter.windowStartedAt >= policy.windowMs;
  const failures = (fresh ? 0 : counter.failures) + 1;
  const windowStartedAt = fresh ? now : counter.windowStartedAt;
  if (failures >= policy.maxFailures)
    return { failures: 0, windowStartedAt: now, lockedUntil: now + policy.lockMs };
  return { failures, windowStartedAt, lockedUntil: null };
}

/** Tries left before the lock, for the message beside the field ("2 more tries"). */
export function triesLeft(counter: AttemptCounter, policy: AttemptPolicy): number {
  return counter.lockedUntil !== null ? 0 : Math.max(0, policy.maxFailures - counter.failures);
}
