// Words the account commands print for stored codes: statuses, why a registration is unverified, consent channels.
import { ACCOUNT_STATUS_LABELS } from '../../services/accounts/accounts.js';

export const UNVERIFIED_LABELS: Readonly<Record<string, string>> = {
  'kk-mismatch': 'nomor KK tidak cocok',
  'not-in-roster': 'NIK tidak ada di data penduduk',
  'resident-inactive': 'penduduk tidak aktif',
  unknown: 'tidak dicocokkan dengan data penduduk',
};

export const CONSENT_CHANNEL_LABELS: Readonly<Record<string, string>> = {
  portal: 'portal',
  'portal-guardian': 'portal, dengan persetujuan orang tua/wali',
  operator: 'operator (di kantor desa)',
};

export const statusLabel = (status: string) => ACCOUNT_STATUS_LABELS[status] ?? status;
export const unverifiedLabel = (reason: string) => UNVERIFIED_LABELS[reason] ?? reason;

export function planLabel(name: string | null, followsDefault: boolean): string {
  if (name === null) return followsDefault ? '(bawaan; belum ada paket)' : '-';
  return followsDefault ? `${name} (bawaan)` : name;
}

/** What happened to the live sessions, when there were any. */
export function sessionsLine(s: { ended: number; failed: number }): string | undefined {
  if (s.ended + s.failed === 0) return undefined;
  const failed =
    s.failed > 0
      ? `; ${s.failed} belum bisa diputus (router tidak terjangkau; ditolak saat login berikutnya)`
      : '';
  return `Sesi aktif diputus: ${s.ended}${failed}.`;
}
