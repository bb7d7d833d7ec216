// What the voucher service needs from storage.

export type VoucherStatus = 'unused' | 'active' | 'expired' | 'revoked';

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
  /** In + out over its sessions. */
  readonly usedBytes: number;
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
  readonly limit?: number | undefined;
}

export interface VoucherStore {
  /** Inserts the batch; returns false (and inserts nothing) when a code index already exists. */
  insertBatch(
    spec: VoucherBatchSpec,
    vouchers: readonly NewVoucher[],
    at: number,
    actor: string,
  ): Promise<boolean>;
  findByIndex(codeIndex: string): Promise<VoucherRow | undefined>;
  list(filter: VoucherFilter, now: number): Promise<VoucherRow[]>;
  /** Revokes live vouchers by index or batch; returns how many. */
  revoke(target: { codeIndex: string } | { batch: string }, at: number, actor: string): Promise<number>;
  /** At a login: binds a MAC and starts the validity, when they are not set yet. */
  recordLogin(id: number, at: number, expiresAt: number, bindMac: string | undefined): Promise<void>;
}

export interface VoucherPlanRef {
  readonly id: number;
  readonly name: string;
}
