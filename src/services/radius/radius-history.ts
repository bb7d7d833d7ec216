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
  readonly nikIndex?: string | undefined;
  /** Epoch ms: rows with an event at or after this. */
  readonly since?: number | undefined;
}

/** The filter as an operator gives it. */
export interface HistoryQuery {
  readonly limit: number;
  readonly router?: string | undefined;
  readonly mac?: string | undefined;
  readonly nik?: string | undefined;
  readonly since?: number | undefined;
}

export async function historyFilter(q: HistoryQuery, keyring: Keyring): Promise<HistoryFilter> {
  let mac: string | undefined;
  if (q.mac !== undefined) {
    mac = normalizeMac(q.mac);
    if (!mac) throw new ServiceError('invalid-input', `bukan alamat MAC: ${q.mac}`, 'mac');
  }
  let nikIndex: string | undefined;
  if (q.nik !== undefined) {
    const nik = normalizeIdNumber(q.nik);
    if (!/^\d{16}$/.test(nik)) throw new ServiceError('invalid-input', 'NIK harus 16 digit', 'nik');
    nikIndex = await keyring.blindIndex('nik', nik);
  }
  return { limit: q.limit, routerName: q.router?.trim(), mac, nikIndex, since: q.since };
}
