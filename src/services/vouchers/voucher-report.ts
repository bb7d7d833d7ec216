// Voucher reports, aggregates only (no codes): per day of the village and per batch, how many vouchers were
// made, first used, slowed down (quota used up on a plan that throttles), expired (validity over, or quota used
// up on a plan that cuts off) and revoked, and the revenue of priced ones. A
// voucher counts as sold at its first login, as Mikhmon counts it: a printed card nobody used earned nothing.
import { dayOf, quotaDay } from '../../domain/quota-day.js';
import { addDays, daysBetween } from '../../domain/report-period.js';
import type { VoucherFactRow } from './voucher-ports.js';

export interface VoucherFigures {
  readonly created: number;
  readonly used: number;
  /** Quota used up on a plan that throttles: still on, slowed down (not expired). */
  readonly throttled: number;
  readonly expired: number;
  readonly revoked: number;
  /** Rupiah of the priced vouchers first used. */
  readonly revenueRp: number;
}

export interface VoucherDayRow extends VoucherFigures {
  readonly day: string;
}

export interface VoucherBatchRow extends VoucherFigures {
  readonly batch: string;
  readonly plan: string;
  readonly price: number | null;
}

export interface VoucherReport {
  readonly from: string;
  readonly to: string;
  readonly byDay: readonly VoucherDayRow[];
  readonly byBatch: readonly VoucherBatchRow[];
  readonly totals: VoucherFigures;
}

type Mutable = { -readonly [K in keyof VoucherFigures]: number };
const zero = (): Mutable => ({ created: 0, used: 0, throttled: 0, expired: 0, revoked: 0, revenueRp: 0 });

/** The instant a voucher stopped working by itself (validity over, or quota used up), if it has by `now`. */
export function expiredAt(v: VoucherFactRow, now: number): number | null {
  // A throttling plan keeps a used-up voucher on (slowed down): only its validity ends it.
  const ends = [
    v.planThrottles ? null : v.usedUpAt,
    v.expiresAt !== null && v.expiresAt <= now ? v.expiresAt : null,
  ].filter((t): t is number => t !== null);
  const at = ends.length > 0 ? Math.min(...ends) : null;
  // Revoked first: it ended by hand, not by expiring.
  return at !== null && v.revokedAt !== null && v.revokedAt <= at ? null : at;
}

/** Noon UTC of a calendar day lies inside that day in every zone Indonesia (and most of the world) uses. */
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);

export async function voucherReport(
  period: { from: string; to: string },
  timeZone: string,
  now: number,
  facts: (from: number, to: number) => Promise<readonly VoucherFactRow[]>,
): Promise<VoucherReport> {
  const start = quotaDay(noon(period.from), timeZone).start;
  const end = quotaDay(noon(period.to), timeZone).end;
  const days = new Map<string, Mutable>();
  const n = daysBetween(period.from, period.to);
  for (let i = 0; i < n; i++) days.set(addDays(period.from, i), zero());
  const batches = new Map<string, { plan: string; price: number | null; f: Mutable }>();
  const totals = zero();

  for (const v of await facts(start, end)) {
    const b = batches.get(v.batch) ?? { plan: v.planName, price: v.price, f: zero() };
    const add = (at: number | null, field: keyof Mutable, amount = 1) => {
      if (at === null || at < start || at >= end) return;
      const d = days.get(dayOf(at, timeZone));
      if (d) d[field] += amount;
      b.f[field] += amount;
      totals[field] += amount;
    };
    add(v.createdAt, 'created');
    add(v.firstLoginAt, 'used');
    if (v.price) add(v.firstLoginAt, 'revenueRp', v.price);
    if (v.planThrottles) add(v.usedUpAt, 'throttled');
    add(expiredAt(v, now), 'expired');
    add(v.revokedAt, 'revoked');
    batches.set(v.batch, b);
  }
  return {
    from: period.from,
    to: period.to,
    byDay: [...days].map(([day, f]) => ({ day, ...f })),
    byBatch: [...batches]
      .map(([batch, b]) => ({ batch, plan: b.plan, price: b.price, ...b.f }))
      .sort((a, b) => (a.batch < b.batch ? 1 : -1)),
    totals,
  };
}
