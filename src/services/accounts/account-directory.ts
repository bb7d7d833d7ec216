// The operator's view of accounts: a filtered, paginated list, and one resident's card (household, plan,
// devices with usage this month, consent, why a registration is unverified). NIK and KK only ever masked.
import { quotaMonth } from '../../domain/quota-day.js';
import { invalidInput, ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import { findRosterResident, type ResidentFinder } from '../residents/resident-lookup.js';
import type { AccountListing } from './accounts.js';

export const ACCOUNT_STATUSES = ['pending', 'active', 'suspended'] as const;

export interface AccountFilter {
  readonly status?: string | undefined;
  readonly dusun?: string | undefined;
  readonly rt?: string | undefined;
  /** Part of the name, case-insensitive. */
  readonly search?: string | undefined;
  /** Only registrations the roster did not confirm. */
  readonly unverified?: boolean | undefined;
}

export interface AccountPage {
  readonly accounts: readonly AccountListing[];
  readonly total: number;
  readonly page: number;
  readonly perPage: number;
  readonly pages: number;
}

export interface CardDevice {
  readonly id: number;
  readonly label: string | null;
  readonly mac: string;
  readonly username: string;
  readonly created_at: number;
  /** The latest accounting update of its sessions, else when it was last seen or added. */
  readonly last_seen_at: number;
  readonly bytes_this_month: number;
}

export interface AccountCard {
  readonly id: number;
  readonly nik_masked: string;
  readonly name: string;
  readonly dusun: string;
  readonly rw: string;
  readonly rt: string;
  readonly resident_active: boolean;
  readonly kk_masked: string;
  /** Active residents on the same family card, this one included. */
  readonly household_members: number;
  readonly status: string;
  readonly suspended_reason: string | null;
  readonly unverified_reason: string | null;
  readonly plan_name: string | null;
  readonly follows_default_plan: boolean;
  readonly consent_at: number | null;
  readonly consent_notice_version: string | null;
  readonly consent_channel: string | null;
  readonly approved_by: string | null;
  readonly approved_at: number | null;
  readonly created_at: number;
  readonly devices: readonly CardDevice[];
}

export interface AccountDirectoryStore extends ResidentFinder {
  listAccounts(
    filter: AccountFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: AccountListing[]; total: number }>;
  /** The card of the resident's account; `monthFirstDay` (YYYY-MM-DD) starts the usage sum. */
  accountCard(residentId: number, monthFirstDay: string): Promise<AccountCard | undefined>;
}

export interface AccountDirectoryDeps {
  readonly stores: { readonly accountAdmin: AccountDirectoryStore };
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
  readonly timeZone: string;
}

export const PER_PAGE_DEFAULT = 50;
const PER_PAGE_MAX = 500;

function wholeNumber(value: number | string | undefined, fallback: number, field: string, max: number) {
  if (value === undefined) return fallback;
  const t = String(value).trim();
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!(n >= 1 && n <= max)) throw invalidInput(`harus bilangan bulat 1–${max}`, field);
  return n;
}

export function createAccountDirectory(deps: AccountDirectoryDeps) {
  const store = deps.stores.accountAdmin;

  return {
    async list(
      filter: AccountFilter,
      paging: { page?: number | string | undefined; perPage?: number | string | undefined } = {},
    ): Promise<AccountPage> {
      if (filter.status !== undefined && !(ACCOUNT_STATUSES as readonly string[]).includes(filter.status)) {
        throw invalidInput(`status harus salah satu dari: ${ACCOUNT_STATUSES.join(', ')}`, 'status');
      }
      const page = wholeNumber(paging.page, 1, 'page', 1_000_000);
      const perPage = wholeNumber(paging.perPage, PER_PAGE_DEFAULT, 'perPage', PER_PAGE_MAX);
      const clean = {
        ...filter,
        dusun: filter.dusun?.trim() || undefined,
        rt: filter.rt?.trim() || undefined,
        search: filter.search?.trim() || undefined,
      };
      const { rows, total } = await store.listAccounts(clean, {
        offset: (page - 1) * perPage,
        limit: perPage,
      });
      return { accounts: rows, total, page, perPage, pages: Math.max(1, Math.ceil(total / perPage)) };
    },

    async show(nik: string): Promise<AccountCard> {
      const resident = await findRosterResident(deps, store, nik);
      const card = await store.accountCard(resident.id, quotaMonth(deps.now(), deps.timeZone).firstDay);
      if (!card) {
        throw new ServiceError('not-found', `penduduk ${resident.nik_masked} belum punya akun Wi-Fi`, 'nik');
      }
      return card;
    },
  };
}

export type AccountDirectory = ReturnType<typeof createAccountDirectory>;
