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

export interface ResidentSearchStore {
  searchResidents(
    by: { readonly nikIndex: string } | { readonly name: string },
    limit: number,
  ): Promise<ResidentMatch[]>;
}

export interface ResidentSearchDeps {
  readonly stores: { readonly accountAdmin: ResidentSearchStore };
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
}

export const RESIDENT_SEARCH_LIMIT = 50;

export function createResidentSearch(deps: ResidentSearchDeps) {
  return {
    /** A 16-digit text is looked up as a NIK, anything else as part of a name (at least 3 characters). */
    async search(text: string): Promise<{ by: 'nik' | 'name'; matches: ResidentMatch[] }> {
      const t = text.trim();
      const digits = t.replace(/[\s.-]/g, '');
      if (/^\d{16}$/.test(digits)) {
        const nik = checkNik(digits, { today: new Date(deps.now()), villageCode: deps.villageCode });
        if (!nik.ok) throw invalidInput(nik.reason, 'text');
        const nikIndex = await deps.keyring.blindIndex('nik', nik.nik);
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
  };
}

export type ResidentSearch = ReturnType<typeof createResidentSearch>;
