// Residents' Wi-Fi accounts. Here: registration by an operator for a resident without a smartphone, who gives
// consent on paper at the village office, and the list operators read. Accounts are found by resident, never
// by NIK in clear.

import { newAcceptablePin } from '../../domain/pin.js';
import type { AuditEntry } from '../audit/audit.js';
import { auditDetail } from '../audit/audit.js';
import { ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import type { PlanStore } from '../plans/plans.js';
import {
  findActiveResident,
  type ResidentFinder,
  type ResidentSummary,
} from '../residents/resident-lookup.js';
import { hashPin } from './pin-hash.js';

/** The privacy notice the operator reads out or hands over; bump when its text changes (UU PDP Pasal 22–24). */
export const OPERATOR_CONSENT_NOTICE_VERSION = 'operator-2026-11-28';

export type AccountStatus = 'pending' | 'active' | 'suspended';

export const ACCOUNT_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: 'menunggu persetujuan',
  active: 'aktif',
  suspended: 'ditangguhkan',
};

export interface NewAccountFields {
  readonly resident_id: number;
  readonly status: AccountStatus;
  /** null: follows the default plan. */
  readonly plan_id: number | null;
  readonly consent_at: number;
  readonly consent_notice_version: string;
  readonly consent_channel: 'portal' | 'operator';
  readonly approved_by: string | null;
  readonly approved_at: number | null;
  /** The PIN the operator hands over, hashed; the portal asks for it to add a phone. */
  readonly pin_hash?: string | undefined;
  readonly created_at: number;
}

export interface AccountRecord {
  readonly id: number;
  readonly resident_id: number;
  readonly status: string;
  readonly plan_id: number | null;
  readonly created_at: number;
}

/** One line of the operator's account list: masked identity and area, no NIK. */
export interface AccountListing {
  readonly id: number;
  readonly nik_masked: string;
  readonly name: string;
  readonly dusun: string;
  readonly rw: string;
  readonly rt: string;
  readonly resident_active: boolean;
  readonly status: string;
  readonly plan_id: number | null;
  /** The plan's name; for an account following the default, the default plan's. */
  readonly plan_name: string | null;
  readonly follows_default_plan: boolean;
  /** Live (not revoked) devices. */
  readonly devices: number;
  /** Why the roster did not confirm the registration; null when it did (or an operator did). */
  readonly unverified_reason: string | null;
  readonly suspended_reason: string | null;
  readonly created_at: number;
}

export interface AccountStore extends ResidentFinder {
  /** A roster resident by id (the admin web names residents by id, never by NIK). */
  findResidentById(residentId: number): Promise<ResidentSummary | undefined>;
  findByResidentId(residentId: number): Promise<AccountRecord | undefined>;
  /** Inserts and audits in one transaction; the audit target is built from the new id. */
  create(fields: NewAccountFields, audit: (accountId: number) => AuditEntry): Promise<AccountRecord>;
}

export interface AccountServiceDeps {
  readonly stores: {
    readonly accounts: AccountStore;
    readonly plans: Pick<PlanStore, 'findByName' | 'findDefault'>;
  };
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
}

export interface OperatorRegistration {
  readonly account: AccountRecord;
  readonly nik_masked: string;
  readonly name: string;
  readonly plan_name: string | null;
  readonly follows_default_plan: boolean;
  readonly under_age: boolean;
  /** The first PIN, in clear this once. */
  readonly pin: string;
}

export function createAccountService(deps: AccountServiceDeps) {
  const { accounts, plans } = deps.stores;

  return {
    /** An active account for an active resident, approved by the operator who types it. */
    async addByOperator(nik: string, opts: { plan?: string | undefined }, actor: string) {
      const { resident, underAge } = await findActiveResident(deps, accounts, nik);
      let plan = opts.plan === undefined ? undefined : await plans.findByName(opts.plan.trim());
      if (opts.plan !== undefined && !plan) {
        throw new ServiceError('not-found', `paket ${opts.plan.trim()} tidak ada`, 'plan');
      }
      const existing = await accounts.findByResidentId(resident.id);
      if (existing) {
        const status = ACCOUNT_STATUS_LABELS[existing.status] ?? existing.status;
        throw new ServiceError(
          'conflict',
          `penduduk ${resident.nik_masked} sudah punya akun Wi-Fi (status: ${status})`,
          'nik',
        );
      }
      const followsDefault = plan === undefined;
      plan ??= await plans.findDefault();
      const pin = newAcceptablePin({ nik: nik.trim() });
      const at = deps.now();
      const account = await accounts.create(
        {
          resident_id: resident.id,
          status: 'active',
          plan_id: followsDefault ? null : plan!.id,
          consent_at: at,
          consent_notice_version: OPERATOR_CONSENT_NOTICE_VERSION,
          consent_channel: 'operator',
          approved_by: actor,
          approved_at: at,
          pin_hash: await hashPin(deps.keyring, pin),
          created_at: at,
        },
        (id) => ({
          at,
          actor,
          action: 'account.add',
          target: `account:${id}`,
          detail: auditDetail({
            resident_id: resident.id,
            plan: followsDefault ? null : plan!.name,
            consent_channel: 'operator',
            consent_notice_version: OPERATOR_CONSENT_NOTICE_VERSION,
          }),
        }),
      );
      return {
        account,
        nik_masked: resident.nik_masked,
        name: resident.name,
        plan_name: plan?.name ?? null,
        follows_default_plan: followsDefault,
        under_age: underAge,
        pin,
      } satisfies OperatorRegistration;
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
