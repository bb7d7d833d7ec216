// What operators ask of the RADIUS history (`sessions`, `auth-log`): which router, which device (MAC), which
// resident (NIK), since when, how many. The NIK is turned into its blind index here; stores never see it.
import { normalizeMac } from '../../domain/mac.js';
import { normalizeIdNumber } from '../../domain/nik.js';
import { ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';

/** The filter as the stores receive it. */
export interface HistoryFilter {
  readonly limit: number;
  readonly routerName?: string | undefined;
  /** Upper case with colons. */
  readonly mac?: string | undefined;
  /** The blind index of a resident's NIK: rows of any of their devices. */
  /** The NIK's index under the key, and under the one from before a rotation while residents are re-indexed. */
  readonly nikIndex?: string | readonly string[] | undefined;
  /** Epoch ms: rows with an event at or after this. */
  readonly since?: number | undefined;
  /** Rows to skip (a page of the admin web). */
  readonly offset?: number | undefined;
  /** Lower case: rows of devices whose resident's name contains this. */
  readonly residentName?: string | undefined;
  /** A NIK as the admin web shows it (`3523**********01`): rows of devices of residents with that mask. */
  readonly nikMasked?: string | undefined;
}

/** The filter as an operator gives it. */
export interface HistoryQuery {
  readonly limit: number;
  readonly router?: string | undefined;
  readonly mac?: string | undefined;
  readonly nik?: string | undefined;
  readonly since?: number | undefined;
  readonly offset?: number | undefined;
  /** Part of a resident's name (at least 3 characters). */
  readonly name?: string | undefined;
}

export async function historyFilter(q: HistoryQuery, keyring: Keyring): Promise<HistoryFilter> {
  let mac: string | undefined;
  if (q.mac !== undefined) {
    mac = normalizeMac(q.mac);
    if (!mac) throw new ServiceError('invalid-input', `bukan alamat MAC: ${q.mac}`, 'mac');
  }
  let nikIndex: string[] | undefined;
  let nikMasked: string | undefined;
  if (q.nik?.includes('*')) {
    // A masked NIK copied from a page: the digits shown and the stars, as the residents table keeps it.
    nikMasked = q.nik.replace(/[\s.-]/g, '');
    if (!/^[\d*]{16}$/.test(nikMasked))
      throw new ServiceError('invalid-input', 'NIK tersamar harus 16 tanda (angka dan *)', 'nik');
  } else if (q.nik !== undefined) {
    const nik = normalizeIdNumber(q.nik);
    if (!/^\d{16}$/.test(nik)) throw new ServiceError('invalid-input', 'NIK harus 16 digit', 'nik');
    nikIndex = await keyring.blindIndexes('nik', nik);
  }
  let residentName: string | undefined;
  if (q.name !== undefined) {
    residentName = q.name.trim().toLowerCase();
    if (residentName.length < 3 || residentName.length > 64)
      throw new ServiceError('invalid-input', 'nama: 3–64 karakter', 'name');
  }
  const offset = q.offset !== undefined && q.offset > 0 ? Math.floor(q.offset) : undefined;
  return {
    limit: q.limit,
    routerName: q.router?.trim(),
    mac,
    nikIndex,
    nikMasked,
    residentName,
    since: q.since,
    offset,
  };
}
