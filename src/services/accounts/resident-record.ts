// One resident as the operator's card shows them, found by roster id (the admin web never holds a NIK): the
// roster entry, the household on the same family card, the Wi-Fi account when there is one, and the subject's
// own data for an export on request (UU PDP Pasal 7: the right to a copy). NIK and KK only ever masked.
import { quotaMonth } from '../../domain/quota-day.js';
import { ServiceError } from '../errors.js';
import type { AccountCard, AccountDirectoryStore } from './account-directory.js';

export interface RosterEntry {
  readonly id: number;
  readonly nik_masked: string;
  readonly kk_masked: string;
  readonly name: string;
  /** 1 = laki-laki, 2 = perempuan (OpenSID), null when unknown. */
  readonly sex: number | null;
  readonly birth_date: string | null;
  readonly dusun: string;
  readonly rw: string;
  readonly rt: string;
  /** OpenSID's place in the family (1 = head of family). */
  readonly kk_level: number | null;
  readonly active: boolean;
  readonly deactivated_at: number | null;
}

export interface HouseholdMember {
  readonly id: number;
  readonly nik_masked: string;
  readonly name: string;
  readonly kk_level: number | null;
  readonly active: boolean;
  readonly account_status: string | null;
}

export interface ExportSession {
  readonly router: string;
  readonly started_at: number;
  readonly stopped_at: number | null;
  readonly mac: string | null;
  readonly ip: string | null;
  readonly download_bytes: number;
  readonly upload_bytes: number;
  readonly seconds: number;
}

export interface ResidentRecordStore {
  rosterEntry(residentId: number): Promise<RosterEntry | undefined>;
  /** Everyone on the resident's family card (the resident included), head of family first. */
  household(residentId: number): Promise<HouseholdMember[]>;
  /** The newest sessions of the resident's devices, at most `limit`. */
  sessionsOf(residentId: number, limit: number): Promise<ExportSession[]>;
}

export interface ResidentRecordDeps {
  readonly stores: {
    readonly accountAdmin: Pick<AccountDirectoryStore, 'accountCard'>;
    readonly residentRecords: ResidentRecordStore;
  };
  readonly now: () => number;
  readonly timeZone: string;
}

export interface ResidentCard {
  readonly resident: RosterEntry;
  readonly household: readonly HouseholdMember[];
  /** Undefined while the resident has no Wi-Fi account. */
  readonly account: AccountCard | undefined;
}

export interface ResidentExport extends ResidentCard {
  readonly generated_at: number;
  readonly sessions: readonly ExportSession[];
  /** True when older sessions were left out (see EXPORT_SESSION_LIMIT). */
  readonly sessions_truncated: boolean;
}

/** Enough for a year of a phone's sessions; a printable page longer than this helps nobody. */
export const EXPORT_SESSION_LIMIT = 1000;

export function createResidentRecords(deps: ResidentRecordDeps) {
  const { accountAdmin, residentRecords } = deps.stores;

  async function card(residentId: number): Promise<ResidentCard> {
    if (!Number.isSafeInteger(residentId) || residentId < 1) {
      throw new ServiceError('not-found', 'penduduk tidak ditemukan', 'resident');
    }
    const resident = await residentRecords.rosterEntry(residentId);
    if (!resident) throw new ServiceError('not-found', 'penduduk tidak ditemukan', 'resident');
    const [household, account] = await Promise.all([
      residentRecords.household(residentId),
      accountAdmin.accountCard(residentId, quotaMonth(deps.now(), deps.timeZone).firstDay),
    ]);
    return { resident, household, account };
  }

  return {
    card,

    /** Everything the service holds about the resident, for the resident (JSON or a printed page). */
    async export(residentId: number): Promise<ResidentExport> {
      const c = await card(residentId);
      const sessions = await residentRecords.sessionsOf(residentId, EXPORT_SESSION_LIMIT + 1);
      return {
        ...c,
        generated_at: deps.now(),
        sessions: sessions.slice(0, EXPORT_SESSION_LIMIT),
        sessions_truncated: sessions.length > EXPORT_SESSION_LIMIT,
      };
    },
  };
}

export type ResidentRecords = ReturnType<typeof createResidentRecords>;
