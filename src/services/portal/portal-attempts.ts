// The keys the portal's attempt limits count on, and the storage port behind them. Counters live in the database
// so they hold across restarts and across several web nodes; each try is booked by one atomic statement per key
// (db/stores/attempt-store.ts), so a burst of parallel requests is counted exactly.
import type { BackoffPolicy, Booking } from '../../domain/attempt-limit.js';
import { normalizeIp } from '../../domain/ip-address.js';

export interface AttemptStore {
  /** The domain's `book` rule in one statement: refused while a wait runs, else counted. */
  bookAttempt(key: string, policy: BackoffPolicy, now: number): Promise<Booking>;
  /** The domain's `refund` rule: one booked try handed back. */
  refundAttempt(key: string, policy: BackoffPolicy, now: number): Promise<void>;
  clearAttempt(key: string): Promise<void>;
  /** Deletes rows past their use, then the oldest while more than `maxRows` remain; returns how many went. */
  pruneAttempts(now: number, maxRows: number): Promise<number>;
}

/** The NIK by its keyed hash, never in clear. */
export const nikKey = (nikIndex: string) => `nik:${nikIndex}`;
export const GLOBAL_KEY = 'all';

/**
 * The client's address as the transport saw it. An IPv6 client controls its whole /64, so that is one source;
 * anything that is not an address is no key (the other limits still hold).
 */
export function addressKey(address: string | undefined): string | undefined {
  const ip = address ? normalizeIp(address) : undefined;
  if (!ip) return undefined;
  if (ip.version === 4) return `addr:${ip.address}`;
  const groups = expandIpv6(ip.address);
  return `addr:${groups.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  return [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
}
