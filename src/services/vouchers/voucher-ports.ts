// What the voucher service needs from storage.
import type { AuditEntry } from '../audit/audit.js';

/** `throttled`: its quota is used up but its plan slows it down instead of cutting it off (fair use). */
export type VoucherStatus = 'unused' | 'active' | 'throttled' | 'expired' | 'revoked';

export interface VoucherRow {
  readonly id: number;
  readonly batch: string;
  readonly planId: number;
  readonly planName: string;
  readonly codeEnc: string;
  readonly passwordEnc: string | null;
  readonly validityS: number;
  readonly validityFrom: 'first-login' | 'creation';
  readonly expiresAt: number | null;
  readonly quotaBytes: number | null;
  readonly devicesAllowed: number;
  readonly boundMacs: readonly string[];
  readonly price: number | null;
  readonly note: string | null;
  readonly firstLoginAt: number | null;
  readonly revokedAt: number | null;
  readonly createdAt: number;
  /** In + out, kept on the voucher by accounting (old sessions may be gone). */
  readonly usedBytes: number;
  readonly usedSeconds: number;
  /** When the quota ran out. */
  readonly usedUpAt: number | null;
  /** Its plan throttles at the quota instead of cutting off (at_quota 'throttle' with both rates). */
  readonly planThrottles: boolean;
}

export interface NewVoucher {
  readonly codeIndex: string;
  readonly codeEnc: string;
  readonly passwordEnc: string | null;
  readonly expiresAt: number | null;
}

export interface VoucherBatchSpec {
  readonly batch: string;
  readonly planId: number;
  readonly validityS: number;
  readonly validityFrom: 'first-login' | 'creation';
  readonly quotaBytes: number | null;
  readonly devicesAllowed: number;
  readonly price: number | null;
  readonly note: string | null;
}

export interface VoucherFilter {
  readonly batch?: string | undefined;
  readonly status?: VoucherStatus | undefined;
  /** Only these vouchers (a selection to print). */
  readonly ids?: readonly number[] | undefined;
  /** Only vouchers that still work (unused or active): what is worth printing. */
  readonly live?: boolean | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /** Newest first (the admin list); otherwise in the order they were made (printing). */
  readonly newestFirst?: boolean | undefined;
}

/** One batch as the admin list shows it: its settings and how many of its vouchers stand where. */
export interface VoucherBatchSummary {
  readonly batch: string;
  readonly planName: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly validityS: number;
  readonly validityFrom: 'first-login' | 'creation';
  readonly quotaBytes: number | null;
  readonly devicesAllowed: number;
  readonly price: number | null;
  readonly note: string | null;
  readonly counts: Readonly<Record<VoucherStatus, number>>;
}

/** The instants a report counts a voucher by. */
export interface VoucherFactRow {
  readonly batch: string;
  readonly planName: string;
  readonly price: number | null;
  readonly createdAt: number;
  readonly firstLoginAt: number | null;
  /** The end of its validity, or when its quota ran out, whichever came first (null: neither yet). */
  readonly expiresAt: number | null;
  readonly usedUpAt: number | null;
  readonly revokedAt: number | null;
  readonly planThrottles: boolean;
}

export type RevokeTarget = { codeIndex: string } | { batch: string } | { id: number };

export interface VoucherStore {
  /** Inserts the batch; returns false (and inserts nothing) when a code index already exists. */
  insertBatch(
    spec: VoucherBatchSpec,
    vouchers: readonly NewVoucher[],
    at: number,
    actor: string,
  ): Promise<boolean>;
  findByIndex(codeIndex: string): Promise<VoucherRow | undefined>;
  findById(id: number): Promise<VoucherRow | undefined>;
  list(filter: VoucherFilter, now: number): Promise<VoucherRow[]>;
  /** Batches, newest first. */
  batches(now: number, limit: number, offset: number): Promise<VoucherBatchSummary[]>;
  /** Revokes live vouchers by index, id or batch; returns how many. */
  revoke(target: RevokeTarget, at: number, actor: string): Promise<number>;
  /** At a login: binds a MAC and starts the validity, when they are not set yet. */
  recordLogin(id: number, at: number, expiresAt: number, bindMac: string | undefined): Promise<void>;
  /** An audit row alone (codes shown for printing). */
  audit(entry: AuditEntry): Promise<void>;
  /** Vouchers with anything (made, first used, expired, used up, revoked) in [from, to). */
  facts(from: number, to: number): Promise<VoucherFactRow[]>;
}

export interface VoucherPlanRef {
  readonly id: number;
  readonly name: string;
}
