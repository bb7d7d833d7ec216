// What the regency link needs from storage and from the network. The day's figures come from the report store's
// queries (the same numbers the village's own reports show) and the vouchers; the outbox keeps each closed day
// until the Worker has answered 2xx for it.
import type { ReportStore } from '../reports/report-ports.js';

export interface VoucherDayFigures {
  /** Vouchers created in the period. */
  readonly created: number;
  /** Vouchers first used (logged in) in the period. */
  readonly used: number;
  /** Vouchers whose validity ran out in the period (and were not revoked before). */
  readonly expired: number;
  /** Rupiah of the vouchers first used in the period: a voucher counts as sold when it is used. */
  readonly revenueRp: number;
}

/** The readers one day is built from; inside a close they read in the close's transaction. */
export interface RegencyDaySource {
  readonly reports: ReportStore;
  /** Voucher counts over [start, end) in epoch ms. */
  vouchers(start: number, end: number): Promise<VoucherDayFigures>;
}

export interface RegencyLink {
  readonly url: string;
  readonly village: string;
  readonly tokenEnc: string;
  readonly joinedAt: number;
  readonly lastSuccessAt: number | null;
  readonly todaySentAt: number | null;
  /** Consecutive failed sends. */
  readonly failures: number;
  /** No scheduled send before this (epoch ms). */
  readonly nextTry: number;
  readonly lastError: string | null;
  readonly lastErrorAt: number | null;
}

export interface OutboxDay {
  readonly day: string;
  /** RegencyDay JSON. */
  readonly payload: string;
}

export interface RegencyStore {
  link(): Promise<RegencyLink | undefined>;
  /** Sets the link (a new join starts with a clean uplink state). */
  saveLink(link: { url: string; village: string; tokenEnc: string; joinedAt: number }): Promise<void>;
  /** Drops the link and the outbox (a later join fills the history again). */
  removeLink(): Promise<void>;
  /** The latest day in the outbox of the village, sent or not. */
  lastClosedDay(village: string): Promise<string | undefined>;
  /** The first local day with usage, if any. */
  firstUsageDay(): Promise<string | undefined>;
  /**
   * Closes a day: in one transaction, unless the day is already in the outbox, `build` reads the day through
   * the source (bound to the transaction) and its answer is stored. Returns false when the day was there.
   */
  closeDay(
    village: string,
    day: string,
    build: (source: RegencyDaySource) => Promise<{ payload: string; computedAt: number }>,
  ): Promise<boolean>;
  /** The readers outside a close (for "today so far"). */
  readonly source: RegencyDaySource;
  /** Unsent days, oldest first. */
  waiting(village: string, limit: number): Promise<OutboxDay[]>;
  /** Unsent days (how many, the oldest) and the latest closed day the Worker accepted. */
  waitingSummary(
    village: string,
  ): Promise<{ count: number; oldest: string | undefined; lastSent: string | undefined }>;
  /** After a 2xx: the days are sent, the uplink is well. `today`: "today so far" went with them. */
  markSent(village: string, days: readonly string[], at: number, today: boolean): Promise<void>;
  /** A problem that is not the uplink's (a day that cannot be sent as it is): shown by status, no backoff. */
  noteError(at: number, error: string): Promise<void>;
  /** After a failure: the uplink's backoff and the days' attempts. */
  markFailed(
    village: string,
    days: readonly string[],
    at: number,
    nextTry: number,
    error: string,
  ): Promise<void>;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** One POST with a timeout (global fetch in Node 20 and on Workers); rejects on a network error or timeout. */
export type RegencyHttp = (
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<HttpAnswer>;

/** The global fetch as the port: what the node uses outside tests. */
export const fetchHttp: RegencyHttp = async (url, init) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(init.timeoutMs),
  });
  return { status: res.status, body: await res.text() };
};
