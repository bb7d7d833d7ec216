// Vouchers: guest access on a printed code. Creating a batch generates readable codes (src/domain/voucher-code),
// keeps each encrypted (CHAP needs it back) and findable by a keyed index only; listing decrypts them for the
// operator who prints them. The RADIUS side asks `authorize` with what the router sent; the decision itself is
// the pure domain function.
import { parseDuration } from '../../domain/duration.js';
import { normalizeMac } from '../../domain/mac.js';
import { parseSize } from '../../domain/units.js';
import {
  DEFAULT_CODE_LENGTH,
  MAX_CODE_LENGTH,
  MIN_CODE_LENGTH,
  normalizeCode,
  randomCode,
  validPrefix,
} from '../../domain/voucher-code.js';
import {
  decideVoucher,
  VOUCHER_GUESS_POLICY,
  type VoucherDecision,
  type VoucherPlan,
  voucherReject,
} from '../../domain/voucher-rules.js';
import { ServiceError } from '../errors.js';
import { findByBlindIndex, type Keyring } from '../keyring.js';
import type { AttemptStore } from '../portal/portal-attempts.js';
import type {
  VoucherBatchSummary,
  VoucherFilter,
  VoucherRow,
  VoucherStatus,
  VoucherStore,
} from './voucher-ports.js';
import { type VoucherReport, voucherReport } from './voucher-report.js';

export type { VoucherBatchSummary, VoucherReport, VoucherStatus };

export const VOUCHER_STATUSES: readonly VoucherStatus[] = [
  'unused',
  'active',
  'throttled',
  'expired',
  'revoked',
];
const MAX_BATCH = 1000;

export interface CreateVoucherInput {
  readonly plan: string;
  readonly count: string | number;
  readonly validity?: string | undefined;
  readonly quota?: string | undefined;
  readonly devices?: string | number | undefined;
  readonly prefix?: string | undefined;
  readonly length?: string | number | undefined;
  readonly price?: string | number | undefined;
  readonly note?: string | undefined;
  /** Validity counted from creation instead of the first login. */
  readonly fromCreation?: boolean | undefined;
  /** A password separate from the code (member-style); by default the code is both. */
  readonly separatePassword?: boolean | undefined;
}

/** One voucher as operators, the CLI's --json and the print pages see it. */
export interface VoucherView {
  readonly id: number;
  readonly code: string;
  readonly password?: string;
  readonly batch: string;
  readonly plan: string;
  readonly status: VoucherStatus;
  readonly validityS: number;
  readonly validityFrom: 'first-login' | 'creation';
  readonly expiresAt: number | null;
  readonly quotaBytes: number | null;
  readonly usedBytes: number;
  readonly usedSeconds: number;
  readonly devicesAllowed: number;
  readonly boundMacs: readonly string[];
  readonly price: number | null;
  readonly note: string | null;
  readonly firstLoginAt: number | null;
  readonly revokedAt: number | null;
  readonly createdAt: number;
}

export interface VoucherPlanLookup {
  /** A plan by name, with what an Access-Accept needs. */
  planByName(name: string): Promise<{ id: number; name: string } | undefined>;
  planFacts(id: number): Promise<VoucherPlan | undefined>;
}

export interface VoucherDeps {
  readonly store: VoucherStore;
  readonly plans: VoucherPlanLookup;
  readonly keyring: Keyring;
  readonly now: () => number;
  /** The village's zone: report days are its days. */
  readonly timeZone: string;
  /** Wrong codes per phone, in the portal's attempt table: shared by every node. */
  readonly attempts: AttemptStore;
  readonly randomBytes?: (n: number) => Uint8Array;
}

/** Where codes are shown: each showing through the web is an audit row (codes are secrets). */
export type RevealPurpose = 'print-a4' | 'print-58mm' | 'show' | 'api';

export function statusOf(v: VoucherRow, now: number): VoucherStatus {
  if (v.revokedAt !== null) return 'revoked';
  if (v.expiresAt !== null && v.expiresAt <= now) return 'expired';
  // Used up: still on at the throttle rate when its plan throttles (the RADIUS rules say the same).
  if (v.quotaBytes !== null && v.usedBytes >= v.quotaBytes) return v.planThrottles ? 'throttled' : 'expired';
  return v.firstLoginAt === null ? 'unused' : 'active';
}

const guessKey = (mac: string) => `voucher-mac:${mac}`;

const bad = (field: string, message: string) => new ServiceError('invalid-input', message, field);

function whole(
  value: string | number | undefined,
  field: string,
  min: number,
  max: number,
  fallback: number,
) {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n < min || n > max)
    throw bad(field, `${field} harus bilangan bulat ${min}–${max}`);
  return n;
}

export function createVoucherService(deps: VoucherDeps) {
  const random = deps.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const index = (code: string) => deps.keyring.blindIndex('voucher', code);
  // Under the old key too until `warganet key reindex` has moved every voucher (see src/ops/key-reindex.ts).
  const findVoucher = (code: string) =>
    findByBlindIndex(deps.keyring, 'voucher', code, (i) => deps.store.findByIndex(i));

  async function view(v: VoucherRow, now: number): Promise<VoucherView> {
    const code = await deps.keyring.decrypt(v.codeEnc);
    const password = v.passwordEnc === null ? undefined : await deps.keyring.decrypt(v.passwordEnc);
    return {
      id: v.id,
      code,
      ...(password === undefined ? {} : { password }),
      batch: v.batch,
      plan: v.planName,
      status: statusOf(v, now),
      validityS: v.validityS,
      validityFrom: v.validityFrom,
      expiresAt: v.expiresAt,
      quotaBytes: v.quotaBytes,
      usedBytes: v.usedBytes,
      usedSeconds: v.usedSeconds,
      devicesAllowed: v.devicesAllowed,
      boundMacs: v.boundMacs,
      price: v.price,
      note: v.note,
      firstLoginAt: v.firstLoginAt,
      revokedAt: v.revokedAt,
      createdAt: v.createdAt,
    };
  }

  async function find(codeTyped: string) {
    const code = normalizeCode(codeTyped);
    if (!code) throw bad('code', 'kode voucher kosong');
    const v = await findVoucher(code);
    if (!v) throw new ServiceError('not-found', 'voucher tidak ditemukan', 'code');
    return v;
  }

  return {
    async create(input: CreateVoucherInput, actor: string): Promise<VoucherView[]> {
      const plan = await deps.plans.planByName(input.plan.trim());
      if (!plan) throw new ServiceError('not-found', `paket ${input.plan.trim()} tidak ada`, 'plan');
      const count = whole(input.count, 'count', 1, MAX_BATCH, 0);
      const length = whole(input.length, 'length', MIN_CODE_LENGTH, MAX_CODE_LENGTH, DEFAULT_CODE_LENGTH);
      const devices = whole(input.devices, 'devices', 1, 10, 1);
      const price =
        input.price === undefined || input.price === ''
          ? null
          : whole(input.price, 'price', 0, 10_000_000, 0);
      const validityS = parseDuration(input.validity ?? '1d');
      if (!validityS) throw bad('validity', 'masa berlaku tidak terbaca (contoh: 3h, 1d, 7d)');
      let quotaBytes: number | null = null;
      if (input.quota !== undefined && input.quota !== '') {
        const q = parseSize(input.quota);
        if (!q) throw bad('quota', 'kuota tidak terbaca (contoh: 500MB, 1GB)');
        quotaBytes = q;
      }
      const prefix = (input.prefix ?? '').trim().toLowerCase();
      if (!validPrefix(prefix)) throw bad('prefix', 'awalan hanya huruf kecil dan angka, paling panjang 8');
      const note = input.note?.trim() ? input.note.trim().slice(0, 200) : null;
      const now = deps.now();
      const batch = `${new Date(now).toISOString().slice(0, 10).replaceAll('-', '')}-${randomCode(4, random)}`;
      const fromCreation = input.fromCreation === true;
      for (let attempt = 0; attempt < 3; attempt++) {
        const codes = new Set<string>();
        while (codes.size < count) codes.add(prefix + randomCode(length, random));
        const rows = await Promise.all(
          [...codes].map(async (code) => ({
            codeIndex: await index(code),
            codeEnc: await deps.keyring.encrypt(code),
            passwordEnc: input.separatePassword
              ? await deps.keyring.encrypt(randomCode(length, random))
              : null,
            expiresAt: fromCreation ? now + validityS * 1000 : null,
          })),
        );
        const spec = {
          batch,
          planId: plan.id,
          validityS,
          validityFrom: fromCreation ? ('creation' as const) : ('first-login' as const),
          quotaBytes,
          devicesAllowed: devices,
          price,
          note,
        };
        // A clash with an existing code is astronomically rare; a new draw settles it.
        if (await deps.store.insertBatch(spec, rows, now, actor)) return this.list({ batch });
      }
      throw new ServiceError('conflict', 'kode voucher bentrok; coba lagi');
    },

    async list(filter: VoucherFilter = {}): Promise<VoucherView[]> {
      if (filter.status !== undefined && !VOUCHER_STATUSES.includes(filter.status))
        throw bad('status', `status harus salah satu dari ${VOUCHER_STATUSES.join(', ')}`);
      const now = deps.now();
      const rows = await deps.store.list(filter, now);
      return Promise.all(rows.map((r) => view(r, now)));
    },

    /**
     * Vouchers with their codes for a web page or the API (print sheets, one voucher's page, a script's list):
     * the same as `list`, with an audit row saying who saw which codes and why.
     */
    async reveal(filter: VoucherFilter, actor: string, purpose: RevealPurpose): Promise<VoucherView[]> {
      const list = await this.list(filter);
      const batches = [...new Set(list.map((v) => v.batch))];
      await deps.store.audit({
        at: deps.now(),
        actor,
        action: purpose.startsWith('print') ? 'voucher.print' : 'voucher.reveal',
        target: batches.length === 1 ? `voucher-batch:${batches[0]}` : `vouchers:${list.length}`,
        detail: JSON.stringify({
          purpose,
          count: list.length,
          ...(batches.length > 1 ? { batches: batches.slice(0, 20) } : {}),
          ...(filter.ids ? { ids: list.map((v) => v.id).slice(0, 200) } : {}),
        }),
      });
      return list;
    },

    async show(code: string): Promise<VoucherView> {
      return view(await find(code), deps.now());
    },

    /** One voucher by its number (admin pages and API: a code never goes in a URL). */
    async get(id: number): Promise<VoucherView> {
      const v = Number.isSafeInteger(id) ? await deps.store.findById(id) : undefined;
      if (!v) throw new ServiceError('not-found', `voucher #${id} tidak ada`);
      return view(v, deps.now());
    },

    /** Batches, newest first, with how many of each stand where. */
    batches(opts: { limit: number; offset: number }): Promise<VoucherBatchSummary[]> {
      return deps.store.batches(deps.now(), opts.limit, opts.offset);
    },

    /** Created, used, expired and revenue per batch and per day of the village, over [from, to] (days). */
    async report(period: { from: string; to: string }): Promise<VoucherReport> {
      return voucherReport(period, deps.timeZone, deps.now(), (from, to) => deps.store.facts(from, to));
    },

    async revoke(
      target: { code: string } | { batch: string } | { id: number },
      actor: string,
    ): Promise<number> {
      const now = deps.now();
      if ('id' in target) {
        await this.get(target.id);
        return deps.store.revoke({ id: target.id }, now, actor);
      }
      if ('batch' in target) {
        const batch = target.batch.trim();
        if (!batch) throw bad('batch', 'batch kosong');
        const n = await deps.store.revoke({ batch }, now, actor);
        if (n === 0 && (await deps.store.list({ batch, limit: 1 }, now)).length === 0)
          throw new ServiceError('not-found', `batch ${batch} tidak ada`, 'batch');
        return n;
      }
      const v = await find(target.code);
      return deps.store.revoke({ id: v.id }, now, actor);
    },

    /**
     * For RADIUS: the voucher a User-Name names, or undefined. `check` verifies the credentials against the
     * expected password (the code, or its separate password).
     */
    async authorize(
      userName: string,
      callingMac: string | undefined,
      check: (expectedPassword: string) => boolean,
    ): Promise<VoucherDecision | undefined> {
      const code = normalizeCode(userName);
      if (!code || code.length > MAX_CODE_LENGTH + 8) return undefined;
      const v = await findVoucher(code);
      if (!v) return undefined;
      const expected = v.passwordEnc === null ? userName : await deps.keyring.decrypt(v.passwordEnc);
      const now = deps.now();
      const decision = decideVoucher({
        voucher: v,
        plan: await deps.plans.planFacts(v.planId),
        credentialsOk: check(expected) || (v.passwordEnc === null && userName !== code && check(code)),
        callingMac: callingMac === undefined ? undefined : normalizeMac(callingMac),
        now,
        timeZone: deps.timeZone,
      });
      if (decision.decision === 'accept' && (decision.grant.bindMac || v.firstLoginAt === null))
        await deps.store.recordLogin(v.id, now, decision.grant.expiresAt, decision.grant.bindMac);
      return decision;
    },

    throttled: () => voucherReject('voucher_throttled'),

    /**
     * Guessing codes, counted per phone in the database (every RADIUS node sees the same count): a try is booked
     * before the lookup, so parallel guesses cannot overtake the count, and settled after it.
     */
    guesses: {
      async admit(mac: string): Promise<boolean> {
        return (await deps.attempts.bookAttempt(guessKey(mac), VOUCHER_GUESS_POLICY, deps.now())).admitted;
      },
      /** A wrong or unknown code stays counted; a right one clears the phone; any other answer is handed back. */
      async settle(mac: string, outcome: 'wrong' | 'right' | 'other'): Promise<void> {
        if (outcome === 'right') await deps.attempts.clearAttempt(guessKey(mac));
        else if (outcome === 'other')
          await deps.attempts.refundAttempt(guessKey(mac), VOUCHER_GUESS_POLICY, deps.now());
      },
    },
  };
}

export type VoucherService = ReturnType<typeof createVoucherService>;
