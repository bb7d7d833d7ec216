// "Is this person in the roster, still living here, and registered?": what the office asks before helping
// someone. By NIK (its keyed hash) or by part of a name; answers carry the masked NIK only.
import { checkNik } from '../../domain/nik.js';
import { invalidInput } from '../errors.js';
import type { Keyring } from '../keyring.js';

export interface ResidentMatch {
  readonly nik_masked: string;
  readonly name: string;
  readonly dusun: string;
  readonly rw: string;
  readonly rt: string;
  /** In the latest roster with status_dasar = 1. */
  readonly active: boolean;
  /** The Wi-Fi account's status, null when there is none. */
  readonly account_status: string | null;
  readonly unverified_reason: string | null;
}

/** A row of the admin page's list: a match with the resident's id (for the card; the NIK is never shown). */
export interface ResidentListing extends ResidentMatch {
  readonly id: number;
}

/** The admin page's filters, already checked; every one narrows an indexed walk in name order. */
export interface ResidentQuery {
  /** Under the key, and under the one from before a rotation while residents are re-indexed. */
  readonly nikIndex?: string | readonly string[] | undefined;
  /** Lower-case start of the name. */
  readonly namePrefix?: string | undefined;
  /** Lower-case. */
  readonly dusun?: string | undefined;
  /** Without leading zeros ("001" and "1" are one RT). */
  readonly rt?: string | undefined;
  /** The account's status, or 'none' for residents without one. */
  readonly status?: ResidentStatusFilter | undefined;
}

export const RESIDENT_STATUS_FILTERS = ['none', 'pending', 'active', 'suspended'] as const;
export type ResidentStatusFilter = (typeof RESIDENT_STATUS_FILTERS)[number];

export interface ResidentSearchStore {
  searchResidents(
    by: { readonly nikIndex: string | readonly string[] } | { readonly name: string },
    limit: number,
  ): Promise<ResidentMatch[]>;
  /** In name order, after the resident `afterId` (keyset: page 500 costs what page 1 does). */
  findResidents(
    query: ResidentQuery,
    page: { afterId?: number | undefined; limit: number },
  ): Promise<ResidentListing[]>;
  /** How many match, counting no further than `cap`. */
  countResidents(query: ResidentQuery, cap: number): Promise<number>;
}

export interface ResidentFilterInput {
  /** 16 digits, looked up exactly through the keyed index. */
  readonly nik?: string | undefined;
  /** The start of the name, at least 2 characters, any case. */
  readonly name?: string | undefined;
  readonly dusun?: string | undefined;
  readonly rt?: string | undefined;
  readonly status?: string | undefined;
}

export interface ResidentPage {
  readonly residents: readonly ResidentListing[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
  /** Matches counted up to RESIDENT_COUNT_CAP; `capped` means there are more ("> 1000"). */
  readonly total: { readonly count: number; readonly capped: boolean };
}

export interface ResidentSearchDeps {
  readonly stores: { readonly accountAdmin: ResidentSearchStore };
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
}

export const RESIDENT_SEARCH_LIMIT = 50;
/** Counting beyond this costs a scan on every keystroke and tells an operator nothing more. */
export const RESIDENT_COUNT_CAP = 1000;
const PAGE_SIZE_MAX = 200;

const controlChars = /[\u0000-\u001f\u007f]/;

function shortText(value: string | undefined, field: string, max: number): string | undefined {
  const t = value?.trim();
  if (!t) return undefined;
  if (t.length > max || controlChars.test(t)) throw invalidInput('teks pencarian tidak sah', field);
  return t;
}

export function createResidentSearch(deps: ResidentSearchDeps) {
  return {
    /** A 16-digit text is looked up as a NIK, anything else as part of a name (at least 3 characters). */
    async search(text: string): Promise<{ by: 'nik' | 'name'; matches: ResidentMatch[] }> {
      const t = text.trim();
      const digits = t.replace(/[\s.-]/g, '');
      if (/^\d{16}$/.test(digits)) {
        const nik = checkNik(digits, { today: new Date(deps.now()), villageCode: deps.villageCode });
        if (!nik.ok) throw invalidInput(nik.reason, 'text');
        const nikIndex = await deps.keyring.blindIndexes('nik', nik.nik);
        return { by: 'nik', matches: await deps.stores.accountAdmin.searchResidents({ nikIndex }, 1) };
      }
      if (/^\d+$/.test(digits)) throw invalidInput('NIK harus 16 digit', 'text');
      if ([...t].length < 3) throw invalidInput('tulis paling sedikit 3 huruf dari nama', 'text');
      if (t.length > 64 || /[\u0000-\u001f\u007f]/.test(t))
        throw invalidInput('teks pencarian tidak sah', 'text');
      return {
        by: 'name',
        matches: await deps.stores.accountAdmin.searchResidents({ name: t }, RESIDENT_SEARCH_LIMIT),
      };
    },

    /**
     * The admin page's list: filters combined, in name order, a page at a time after the `after` cursor, with
     * a count that stops at RESIDENT_COUNT_CAP. An empty filter lists everyone.
     */
    async find(
      filter: ResidentFilterInput,
      paging: { after?: string | undefined; perPage?: number | undefined } = {},
    ): Promise<ResidentPage> {
      const query = await checkedQuery(deps, filter);
      const limit = paging.perPage ?? RESIDENT_SEARCH_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_SIZE_MAX) {
        throw invalidInput(`harus bilangan bulat 1–${PAGE_SIZE_MAX}`, 'perPage');
      }
      const after = paging.after?.trim();
      if (after && !/^[1-9]\d{0,15}$/.test(after)) throw invalidInput('halaman tidak sah', 'after');
      const store = deps.stores.accountAdmin;
      const [rows, counted] = await Promise.all([
        store.findResidents(query, { afterId: after ? Number(after) : undefined, limit: limit + 1 }),
        store.countResidents(query, RESIDENT_COUNT_CAP + 1),
      ]);
      const residents = rows.slice(0, limit);
      const last = residents.at(-1);
      return {
        residents,
        next: rows.length > limit && last ? String(last.id) : null,
        total: { count: Math.min(counted, RESIDENT_COUNT_CAP), capped: counted > RESIDENT_COUNT_CAP },
      };
    },
  };
}

async function checkedQuery(deps: ResidentSearchDeps, filter: ResidentFilterInput): Promise<ResidentQuery> {
  let nikIndex: string[] | undefined;
  const nikText = filter.nik?.replace(/[\s.-]/g, '');
  if (nikText) {
    if (!/^\d{16}$/.test(nikText)) throw invalidInput('NIK harus 16 digit', 'nik');
    const nik = checkNik(nikText, { today: new Date(deps.now()), villageCode: deps.villageCode });
    if (!nik.ok) throw invalidInput(nik.reason, 'nik');
    nikIndex = await deps.keyring.blindIndexes('nik', nik.nik);
  }
  const name = shortText(filter.name, 'name', 64);
  if (name !== undefined && [...name].length < 2)
    throw invalidInput('tulis paling sedikit 2 huruf dari nama', 'name');
  const dusun = shortText(filter.dusun, 'dusun', 64);
  const rt = shortText(filter.rt, 'rt', 8);
  if (rt !== undefined && !/^\d+$/.test(rt)) throw invalidInput('RT berupa angka', 'rt');
  // RT numbers repeat in every dusun: alone they would match a scattering of the whole roster.
  if (rt !== undefined && dusun === undefined)
    throw invalidInput('pilih dusun untuk mencari menurut RT', 'rt');
  const status = shortText(filter.status, 'status', 16);
  if (status !== undefined && !(RESIDENT_STATUS_FILTERS as readonly string[]).includes(status)) {
    throw invalidInput(`status harus salah satu dari: ${RESIDENT_STATUS_FILTERS.join(', ')}`, 'status');
  }
  return {
    nikIndex,
    namePrefix: name?.toLowerCase(),
    dusun: dusun?.toLowerCase(),
    rt: rt === undefined ? undefined : rt.replace(/^0+/, ''),
    status: status as ResidentStatusFilter | undefined,
  };
}

export type ResidentSearch = ReturnType<typeof createResidentSearch>;
