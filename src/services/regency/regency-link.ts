// The village node's side of the regency view: join a regency Worker with a village token, close each local day
// into the outbox after midnight (store-and-forward), and send what waits — oldest first, up to
// MAX_DAYS_PER_PAYLOAD days a request, with "today so far" — signed with the token. A day is marked sent only
// after a 2xx (the Worker is idempotent by village and day, so a resend after a lost answer doubles nothing);
// a failure backs off exponentially with jitter, capped, however long the uplink stays cut. Offline, nothing
// else in the village waits on any of this.

import { quotaDay } from '../../domain/quota-day.js';
import {
  INGEST_HEADERS,
  MAX_DAYS_PER_PAYLOAD,
  type RegencyDay,
  type RegencyPayload,
} from '../../domain/regency-payload.js';
import { addDays } from '../../domain/report-period.js';
import { ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import { newNonce, signIngest } from './ingest-signature.js';
import { buildRegencyDay, checkedDay, RegencyDataError } from './regency-day.js';
import type { RegencyHttp, RegencyLink, RegencyStore } from './regency-link-ports.js';

export const INGEST_PATH = '/api/v1/ingest';
/** At most this many days are filled in when a node joins (or had no closed day): a year and a bit. */
export const BACKFILL_DAYS = 400;

export interface RegencyLinkDeps {
  readonly store: RegencyStore;
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly timeZone: string;
  /** WARGANET_VILLAGE_CODE (`35.23.12.2002`); the wire carries its 10 digits. */
  readonly villageCode: string;
  readonly minAge: number;
  readonly http: RegencyHttp;
  /**
   * The clock of the signature's timestamp, which the Worker checks against its own: the real one. Only tests
   * that move the village's clock through days (`now`) keep this one real; otherwise it is `now`.
   */
  readonly wallNow?: (() => number) | undefined;
  /** 0 ≤ x < 1, for the backoff's jitter; tests pass a fixed one. */
  readonly random?: (() => number) | undefined;
  readonly timeoutMs?: number | undefined;
  readonly backoffBaseMs?: number | undefined;
  readonly backoffMaxMs?: number | undefined;
  /** How often "today so far" goes out on the schedule. */
  readonly todayEveryMs?: number | undefined;
}

export interface PushResult {
  /** Closed days the Worker accepted in this push, oldest first. */
  readonly sent: readonly string[];
  /** Whether "today so far" reached the Worker. */
  readonly today: boolean;
  /** Unsent days left (after a failure). */
  readonly waiting: number;
  /** Why the push stopped early; undefined when everything went. */
  readonly error?: string | undefined;
}

export interface RegencyStatus {
  readonly joined: boolean;
  readonly url?: string;
  readonly village?: string;
  readonly joinedAt?: number;
  readonly lastSuccessAt?: number | null;
  readonly todaySentAt?: number | null;
  readonly waitingDays: number;
  readonly oldestWaiting?: string | undefined;
  /** The latest closed day the Worker accepted. */
  readonly lastSentDay?: string | undefined;
  readonly failures?: number;
  readonly nextTry?: number;
  readonly lastError?: string | null;
  readonly lastErrorAt?: number | null;
}

/** `35.23.12.2002` or `3523122002` → `3523122002`; undefined when it is not a kode desa. */
export function wireVillageCode(code: string): string | undefined {
  const digits = code.trim().replace(/\./g, '');
  return /^\d{10}$/.test(digits) ? digits : undefined;
}

/** The Worker's base URL without a trailing slash; http(s) only. */
export function normaliseRegencyUrl(raw: string): string | undefined {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    if (u.search || u.hash) return undefined;
    return u.toString().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/** The backoff after `failures` consecutive failures: doubling from `base`, capped at `max`, jittered down to half. */
export function backoffMs(failures: number, base: number, max: number, random: () => number): number {
  const full = Math.min(max, base * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return Math.round(full / 2 + (full / 2) * random());
}

export function createRegencyLink(deps: RegencyLinkDeps) {
  const random = deps.random ?? Math.random;
  const timeoutMs = deps.timeoutMs ?? 20_000;
  const base = deps.backoffBaseMs ?? 60_000;
  const max = deps.backoffMaxMs ?? 3_600_000;
  const todayEvery = deps.todayEveryMs ?? 3_600_000;
  const settings = { timeZone: deps.timeZone, minAge: deps.minAge };
  // One push at a time in a process (the agent's schedule and a push asked for); across processes the Worker's
  // idempotence makes a double send harmless.
  let running: Promise<PushResult> | undefined;

  const today = () => quotaDay(deps.now(), deps.timeZone).day;

  async function requireLink(): Promise<RegencyLink> {
    const link = await deps.store.link();
    if (!link)
      throw new ServiceError(
        'not-found',
        'desa ini belum tergabung ke kabupaten; jalankan: warganet regency join URL TOKEN',
      );
    return link;
  }

  /**
   * Closes every day from the last closed one (or the first usage, at most BACKFILL_DAYS back) to yesterday. A
   * day that cannot be sent as it is (a router named like a MAC) stops the closing there — the days after it
   * wait behind it, in order — and its reason is returned; the days closed before it still go.
   */
  async function closeDueDays(village: string): Promise<{ closed: string[]; error?: string }> {
    const yesterday = addDays(today(), -1);
    const last = await deps.store.lastClosedDay(village);
    let from: string;
    if (last) from = addDays(last, 1);
    else {
      const first = (await deps.store.firstUsageDay()) ?? yesterday;
      const earliest = addDays(yesterday, -(BACKFILL_DAYS - 1));
      from = laterDay(first, earliest);
    }
    const closed: string[] = [];
    const coverageMemo = {};
    for (let day = from; day <= yesterday; day = addDays(day, 1)) {
      try {
        const stored = await deps.store.closeDay(village, day, async (source) => {
          const now = deps.now();
          const built = await buildRegencyDay(source, day, { ...settings, now, final: true, coverageMemo });
          return { payload: JSON.stringify(built), computedAt: now };
        });
        if (stored) closed.push(day);
      } catch (err) {
        if (!(err instanceof RegencyDataError)) throw err;
        await deps.store.noteError(deps.now(), err.message);
        return { closed, error: err.message };
      }
    }
    return { closed };
  }

  /** Today so far, or the reason it cannot go (noted for `regency status`). */
  async function buildToday(): Promise<{ day?: RegencyDay; error?: string }> {
    try {
      return {
        day: await buildRegencyDay(deps.store.source, today(), {
          ...settings,
          now: deps.now(),
          final: false,
        }),
      };
    } catch (err) {
      if (!(err instanceof RegencyDataError)) throw err;
      await deps.store.noteError(deps.now(), err.message);
      return { error: err.message };
    }
  }

  async function send(
    link: RegencyLink,
    days: readonly RegencyDay[],
  ): Promise<{ ok: boolean; error?: string }> {
    const payload: RegencyPayload = { village: link.village, version: 1, days: [...days] };
    const body = JSON.stringify(payload);
    const token = await deps.keyring.decrypt(link.tokenEnc);
    const timestamp = Math.floor((deps.wallNow ?? deps.now)() / 1000);
    const nonce = newNonce();
    const headers = {
      'content-type': 'application/json',
      [INGEST_HEADERS.village]: link.village,
      [INGEST_HEADERS.timestamp]: String(timestamp),
      [INGEST_HEADERS.nonce]: nonce,
      [INGEST_HEADERS.signature]: await signIngest(token, timestamp, nonce, body),
    };
    try {
      const answer = await deps.http(`${link.url}${INGEST_PATH}`, { headers, body, timeoutMs });
      if (answer.status >= 200 && answer.status < 300) return { ok: true };
      return { ok: false, error: `HTTP ${answer.status}: ${answer.body.replace(/\s+/g, ' ').slice(0, 300)}` };
    } catch (err) {
      return { ok: false, error: describeNetworkError(err) };
    }
  }

  async function pushNow(withToday: boolean): Promise<PushResult> {
    const link = await requireLink();
    const closing = await closeDueDays(link.village);
    const sent: string[] = [];
    let todaySent = false;
    let failures = link.failures;
    const built = withToday ? await buildToday() : {};
    let todayDay: RegencyDay | undefined = built.day;
    // Not a send's failure (no backoff): what the operator must fix, said with the result.
    const dataError = closing.error ?? built.error;
    for (;;) {
      const room = MAX_DAYS_PER_PAYLOAD - (todayDay ? 1 : 0);
      const waiting = await deps.store.waiting(link.village, room);
      // Today goes with the last batch of closed days (or alone), so it never displaces one of them.
      const lastBatch = waiting.length < room;
      const days = waiting.map((w) => checkedDay(JSON.parse(w.payload)));
      const withTodayNow = todayDay !== undefined && lastBatch;
      if (withTodayNow && todayDay) days.push(todayDay);
      if (days.length === 0) break;
      const result = await send(link, days);
      const names = waiting.map((w) => w.day);
      const at = deps.now();
      if (!result.ok) {
        failures += 1;
        const error = result.error ?? 'gagal';
        await deps.store.markFailed(
          link.village,
          names,
          at,
          at + backoffMs(failures, base, max, random),
          error,
        );
        const left = await deps.store.waitingSummary(link.village);
        return { sent, today: todaySent, waiting: left.count, error: dataError ?? error };
      }
      await deps.store.markSent(link.village, names, at, withTodayNow);
      failures = 0;
      sent.push(...names);
      if (withTodayNow) {
        todaySent = true;
        todayDay = undefined;
      }
      if (lastBatch) break;
    }
    if (dataError === undefined) return { sent, today: todaySent, waiting: 0 };
    const left = await deps.store.waitingSummary(link.village);
    return { sent, today: todaySent, waiting: left.count, error: dataError };
  }

  function exclusive(work: () => Promise<PushResult>): Promise<PushResult> {
    if (running) return running;
    running = work().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    /**
     * Links this node to a regency Worker. `check`: send "today so far" at once, which proves the URL answers
     * and the Worker accepts the token for this village; nothing is saved when it does not.
     */
    async join(input: { url: string; token: string; village?: string | undefined; check?: boolean }) {
      const url = normaliseRegencyUrl(input.url);
      if (!url)
        throw new ServiceError(
          'invalid-input',
          'URL kabupaten tidak sah (contoh: https://wifi.tubankab.go.id)',
          'url',
        );
      const token = input.token.trim();
      if (token.length < 16) throw new ServiceError('invalid-input', 'token desa terlalu pendek', 'token');
      const village = wireVillageCode(input.village ?? deps.villageCode);
      if (!village)
        throw new ServiceError(
          'invalid-input',
          'kode desa harus 10 angka Kemendagri (contoh: 35.23.12.2002)',
          'village',
        );
      const tokenEnc = await deps.keyring.encrypt(token);
      const link: RegencyLink = {
        url,
        village,
        tokenEnc,
        joinedAt: deps.now(),
        lastSuccessAt: null,
        todaySentAt: null,
        failures: 0,
        nextTry: 0,
        lastError: null,
        lastErrorAt: null,
      };
      if (input.check !== false) {
        const day = await buildRegencyDay(deps.store.source, today(), {
          ...settings,
          now: deps.now(),
          final: false,
        });
        const result = await send(link, [day]);
        if (!result.ok)
          throw new ServiceError(
            'unavailable',
            `server kabupaten di ${url} tidak menerima kiriman (${result.error}); periksa URL, token dan kode desa`,
          );
      }
      await deps.store.saveLink({ url, village, tokenEnc, joinedAt: link.joinedAt });
      return { url, village };
    },

    async leave(): Promise<boolean> {
      const had = (await deps.store.link()) !== undefined;
      await deps.store.removeLink();
      return had;
    },

    async status(): Promise<RegencyStatus> {
      const link = await deps.store.link();
      if (!link) return { joined: false, waitingDays: 0 };
      const waiting = await deps.store.waitingSummary(link.village);
      return {
        joined: true,
        url: link.url,
        village: link.village,
        joinedAt: link.joinedAt,
        lastSuccessAt: link.lastSuccessAt,
        todaySentAt: link.todaySentAt,
        waitingDays: waiting.count,
        oldestWaiting: waiting.oldest,
        lastSentDay: waiting.lastSent,
        failures: link.failures,
        nextTry: link.nextTry,
        lastError: link.lastError,
        lastErrorAt: link.lastErrorAt,
      };
    },

    /** Closes the days due (after local midnight; missed days too). Nothing when the node has not joined. */
    async closeDays(): Promise<string[]> {
      const link = await deps.store.link();
      return link ? (await closeDueDays(link.village)).closed : [];
    },

    /** `regency push`: every day not yet sent and today so far, now, whatever the backoff says. */
    push(): Promise<PushResult> {
      return exclusive(() => pushNow(true));
    },

    /**
     * The agent's schedule: close due days; when the backoff allows, send what waits, and today so far when it
     * last went `todayEveryMs` ago. Undefined when there was nothing to do.
     */
    async tick(): Promise<PushResult | undefined> {
      const link = await deps.store.link();
      if (!link) return undefined;
      await closeDueDays(link.village);
      const now = deps.now();
      if (now < link.nextTry) return undefined;
      const waiting = await deps.store.waitingSummary(link.village);
      const todayDue = link.todaySentAt === null || now - link.todaySentAt >= todayEvery;
      if (waiting.count === 0 && !todayDue) return undefined;
      return exclusive(() => pushNow(todayDue));
    },
  };
}

export type RegencyLinkService = ReturnType<typeof createRegencyLink>;

/** Of two `YYYY-MM-DD` days, the later (they sort as text). */
const laterDay = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);

function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'waktu habis (timeout)';
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    return `tidak terhubung: ${err.message}${detail ? ` (${detail})` : ''}`;
  }
  return `tidak terhubung: ${String(err)}`;
}
