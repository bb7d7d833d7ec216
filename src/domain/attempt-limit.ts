// How fast the captive portal lets anyone try a NIK + PIN (or NIK + KK number): a few tries free, then each
// further try waits twice as long as the one before, up to a cap. Three counters: the client's address (bites
// first and longest: it slows the guesser), the NIK (a short cap, so a stranger cannot lock its owner out for
// long), and everyone together (protects the box from many addresses at once). A try is booked before the
// check runs and handed back when it proves right, so parallel requests cannot overtake the count.
// Pure: this is the rule; the store applies the same rule in one atomic statement per key.

export interface BackoffPolicy {
  /** Tries booked in one window before any wait. */
  readonly free: number;
  /** The wait after the last free try; it doubles with each try after. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A window starts at a key's first try; once it is over (and no wait runs) the count starts again. */
  readonly windowMs: number;
}

export interface AttemptCounter {
  readonly failures: number;
  readonly windowStartedAt: number;
  readonly lockedUntil: number | null;
}

const MINUTE = 60_000;

/** One address: 4 tries free, then 1, 2, 4 … minutes, up to an hour; forgotten 6 hours after its first try. */
export const ADDRESS_POLICY: BackoffPolicy = {
  free: 4,
  baseDelayMs: MINUTE,
  maxDelayMs: 60 * MINUTE,
  windowMs: 6 * 60 * MINUTE,
};

/** One NIK: 5 tries free, then 30 s, 1, 2, 4 minutes, never more than 5: its owner waits minutes, not hours. */
export const NIK_POLICY: BackoffPolicy = {
  free: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 5 * MINUTE,
  windowMs: 60 * MINUTE,
};

/** Wrong PINs a resident's phone may type before it must wait: its address's free tries or its NIK's, fewer first. */
export const PIN_FREE_TRIES = Math.min(ADDRESS_POLICY.free, NIK_POLICY.free);

/** Everyone: 200 wrong tries in 10 minutes is an attack from many addresses; then 5 s, 10 s … up to a minute. */
export const GLOBAL_POLICY: BackoffPolicy = {
  free: 200,
  baseDelayMs: 5_000,
  maxDelayMs: MINUTE,
  windowMs: 10 * MINUTE,
};

/** The wait that follows the `failures`-th booked try of a window (0 while tries are free). */
export function delayAfter(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.free) return 0;
  const doublings = Math.min(failures - policy.free, 40);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** doublings);
}

/** The distinct waits before the cap, in order: what the store's statement spells out. */
export function delaySteps(policy: BackoffPolicy): number[] {
  const steps: number[] = [];
  for (let n = policy.free; steps.length < 41; n++) {
    const d = delayAfter(n, policy);
    if (d >= policy.maxDelayMs) break;
    steps.push(d);
  }
  return steps;
}

/** How long a key's row means anything after a try: past both its window and its longest wait. */
export function keepFor(policy: BackoffPolicy): number {
  return Math.max(policy.windowMs, policy.maxDelayMs);
}

export type Booking =
  | { readonly admitted: true; readonly counter: AttemptCounter }
  | { readonly admitted: false; readonly counter: AttemptCounter; readonly lockedUntil: number };

/** One more try on a key: refused while a wait runs (and then nothing changes), else counted. */
export function book(counter: AttemptCounter | undefined, now: number, policy: BackoffPolicy): Booking {
  if (counter?.lockedUntil != null && counter.lockedUntil > now) {
    return { admitted: false, counter, lockedUntil: counter.lockedUntil };
  }
  const fresh = !counter || now - counter.windowStartedAt >= policy.windowMs;
  const failures = (fresh ? 0 : counter.failures) + 1;
  const delay = delayAfter(failures, policy);
  return {
    admitted: true,
    counter: {
      failures,
      windowStartedAt: fresh ? now : counter.windowStartedAt,
      lockedUntil: delay > 0 ? now + delay : null,
    },
  };
}

/** A booked try handed back (it proved right, or never ran): one fewer, and no wait once under the free count. */
export function refund(counter: AttemptCounter, policy: BackoffPolicy): AttemptCounter {
  const failures = Math.max(0, counter.failures - 1);
  return { ...counter, failures, lockedUntil: failures < policy.free ? null : counter.lockedUntil };
}

/** Tries left before waits begin, for the words beside the field ("2 more tries"). */
export function triesLeft(counter: AttemptCounter, policy: BackoffPolicy): number {
  return Math.max(0, policy.free - counter.failures);
}

/**
 * One admin user name: 5 tries free, then 5, 10 minutes, never more than 15: a stranger who types a known name
 * wrong on purpose locks its owner out for minutes only.
 */
export const ADMIN_NAME_POLICY: BackoffPolicy = {
  free: 5,
  baseDelayMs: 5 * MINUTE,
  maxDelayMs: 15 * MINUTE,
  windowMs: 60 * MINUTE,
};

/** One address on the admin sign-in: 10 tries free (an office shares one), then 5, 10 … minutes, up to an hour. */
export const ADMIN_ADDRESS_POLICY: BackoffPolicy = {
  free: 10,
  baseDelayMs: 5 * MINUTE,
  maxDelayMs: 60 * MINUTE,
  windowMs: 6 * 60 * MINUTE,
};
