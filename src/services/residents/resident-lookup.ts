// Finding a resident by a typed NIK: the structure check, then the roster by keyed hash. The NIK itself goes
// no further than this function; what comes back, and every error, carries at most the masked form.
import { checkNik } from '../../domain/nik.js';
import { invalidInput, ServiceError } from '../errors.js';
import { findByBlindIndex, type Keyring } from '../keyring.js';

export interface ResidentSummary {
  readonly id: number;
  readonly nik_masked: string;
  readonly name: string;
  readonly dusun: string;
  readonly rw: string;
  readonly rt: string;
  /** In the latest roster with status_dasar = 1. */
  readonly active: boolean;
}

export interface ResidentFinder {
  findResidentByNikIndex(nikIndex: string): Promise<ResidentSummary | undefined>;
}

export interface ResidentLookupDeps {
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
}

/** Same words whether the roster lacks this NIK or there is no roster yet: neither tells anything about a NIK. */
export const NOT_IN_ROSTER = 'NIK tidak ditemukan di data penduduk desa';

export interface FoundResident {
  readonly resident: ResidentSummary;
  /** A child (younger than ADULT_AGE): registering them needs the head of family's consent (UU PDP Pasal 25). */
  readonly underAge: boolean;
}

/** An active resident, or a ServiceError saying why not. */
export async function findActiveResident(
  deps: ResidentLookupDeps,
  finder: ResidentFinder,
  nikText: string,
): Promise<FoundResident> {
  const check = checkNik(nikText, { today: new Date(deps.now()), villageCode: deps.villageCode });
  if (!check.ok) throw invalidInput(check.reason, 'nik');
  const resident = await findByBlindIndex(deps.keyring, 'nik', check.nik, (index) =>
    finder.findResidentByNikIndex(index),
  );
  if (!resident) throw new ServiceError('not-eligible', NOT_IN_ROSTER, 'nik');
  if (!resident.active) {
    throw new ServiceError(
      'not-eligible',
      `penduduk ${resident.nik_masked} tidak lagi aktif di data penduduk desa (pindah, meninggal, atau tidak ada di impor terakhir)`,
      'nik',
    );
  }
  return { resident, underAge: check.warnings.includes('under-age') };
}

/** A resident in the roster, active or not (an operator managing an existing account), or a ServiceError. */
export async function findRosterResident(
  deps: ResidentLookupDeps,
  finder: ResidentFinder,
  nikText: string,
): Promise<ResidentSummary> {
  const check = checkNik(nikText, { today: new Date(deps.now()), villageCode: deps.villageCode });
  if (!check.ok) throw invalidInput(check.reason, 'nik');
  const resident = await findByBlindIndex(deps.keyring, 'nik', check.nik, (index) =>
    finder.findResidentByNikIndex(index),
  );
  if (!resident) throw new ServiceError('not-found', NOT_IN_ROSTER, 'nik');
  return resident;
}
