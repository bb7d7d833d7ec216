// The roster import's safety net against a partial export: how many residents an import would deactivate, who
// they are (and whether their Wi-Fi stops), and the refusal that waits for the operator to confirm the number.
import type { KnownResident, ResidentWrite, RosterWriter } from './roster-ports.js';

/** A resident who loses access with this import. */
export interface DeactivatedResident {
  readonly name: string;
  readonly nikMasked: string;
  readonly dusun: string;
  /** 'missing': not in the file (full import); 'status': status_dasar is no longer 1 (died, moved, …). */
  readonly why: 'missing' | 'status';
  /** Had an active Wi-Fi account, which stops working. */
  readonly hadWifi: boolean;
}

/**
 * A full import deactivating more than this share of the active residents is more likely a partial export (one
 * dusun, a file cut short) than a real change, so it waits for the operator to confirm the exact number.
 */
export const DEACTIVATION_GUARD = 0.1;

export function refusalReason(deactivating: number, active: number, confirmed: number | undefined): string {
  if (confirmed !== undefined)
    return (
      `--confirm-deactivate ${confirmed} tidak cocok: impor ini akan menonaktifkan ${deactivating} penduduk; ` +
      'tidak ada yang diubah'
    );
  const share = active === 0 ? 100 : Math.round((deactivating / active) * 1000) / 10;
  return (
    `impor penuh ini akan menonaktifkan ${deactivating} dari ${active} penduduk aktif (${share} %), ` +
    `lebih dari ${DEACTIVATION_GUARD * 100} %. Mungkin berkasnya ekspor sebagian (satu dusun saja, atau terpotong)? ` +
    'Tidak ada yang diubah. Jika memang benar, jalankan lagi dengan ' +
    `--confirm-deactivate ${deactivating}; untuk hanya menambah dan memperbarui, pakai --partial`
  );
}

/** The residents an import deactivates, by name, with whether their Wi-Fi stops. */
export async function describeDeactivated(
  missing: readonly number[],
  writes: readonly ResidentWrite[],
  known: readonly KnownResident[],
  tx: Pick<RosterWriter, 'residentsWithWifi'>,
): Promise<DeactivatedResident[]> {
  const byId = new Map(known.map((r) => [r.id, r]));
  const byIndex = new Map(known.map((r) => [r.nikIndex, r]));
  const losing: { resident: KnownResident; why: DeactivatedResident['why'] }[] = [];
  for (const id of missing) losing.push({ resident: byId.get(id)!, why: 'missing' });
  for (const w of writes) {
    const before = byIndex.get(w.nikIndex);
    if (before?.active && !w.active) losing.push({ resident: before, why: 'status' });
  }
  const withWifi = await tx.residentsWithWifi(losing.map((l) => l.resident.id));
  return losing.map(({ resident, why }) => ({
    name: resident.name,
    nikMasked: resident.nikMasked,
    dusun: resident.dusun,
    why,
    hadWifi: withWifi.has(resident.id),
  }));
}
