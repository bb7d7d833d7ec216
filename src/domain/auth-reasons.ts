// Why a login was decided as it was, in an operator's words: one label per reason the auth log records (and the
// drops an operator can fix), shared by `warganet auth-log`, the dashboard and the admin web's auth log.
import type { RejectReason } from './auth-messages.js';
import { DROP_LABELS, isReportedDrop } from './radius-drops.js';

export type AuthReason = RejectReason | 'ok' | 'throttled' | 'stepped_down';

// Typed by the reasons, so that a new reason cannot reach operators without its label.
export const REASON_LABELS: Readonly<Record<AuthReason, string>> = {
  ok: 'diterima',
  throttled: 'diterima (kecepatan dibatasi, kuota habis)',
  stepped_down: 'diterima (kecepatan diturunkan, pemakaian hari ini lewat ambang)',
  unknown_device: 'perangkat tidak dikenal',
  bad_credentials: 'kata sandi salah',
  device_revoked: 'perangkat dicabut',
  not_in_roster: 'tidak lagi di data warga',
  account_pending: 'akun menunggu persetujuan',
  account_suspended: 'akun dinonaktifkan',
  mac_mismatch: 'MAC tidak cocok',
  no_plan: 'paket belum diatur',
  too_many_devices: 'terlalu banyak perangkat',
  quota_exhausted: 'kuota harian habis',
  monthly_quota_exhausted: 'kuota bulanan habis',
  ticket_used: 'tiket login sudah dipakai',
  ticket_expired: 'tiket login kedaluwarsa',
  ticket_no_mac: 'tiket login tanpa MAC perangkat yang sah',
  mac_elsewhere: 'MAC sudah terdaftar di akun lain',
  mac_institution: 'MAC milik perangkat lembaga',
  outside_window: 'di luar jam paket',
};

/** The label of an auth-log reason; an unknown one is shown as recorded. */
export function reasonLabel(reason: string): string {
  if (isReportedDrop(reason)) return DROP_LABELS[reason];
  return REASON_LABELS[reason as keyof typeof REASON_LABELS] ?? reason;
}
