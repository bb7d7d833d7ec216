// Why a login was accepted or refused, as a short label for operators (the CLI's auth-log table, the admin web's
// log page). Typed by the reasons, so that a new reason cannot reach operators without its label. The resident
// sees the longer text of auth-messages.ts instead.
import type { RejectReason } from './auth-messages.js';

export type AuthReason = RejectReason | 'ok' | 'throttled';

export const AUTH_REASON_LABELS: Record<AuthReason, string> = {
  ok: 'diterima',
  throttled: 'diterima (kecepatan dibatasi, kuota habis)',
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
};
