// What the hotspot login page shows a resident when access is refused (RADIUS Reply-Message in
// Access-Reject). Indonesian first; English for operators who run the system in English. Kept short: RouterOS
// shows the text in place of `invalid username or password`, and an attribute holds at most 253 bytes.

export type RejectReason =
  | 'unknown_device'
  | 'bad_credentials'
  | 'device_revoked'
  | 'not_in_roster'
  | 'account_pending'
  | 'account_suspended'
  | 'mac_mismatch'
  | 'no_plan'
  | 'too_many_devices'
  | 'quota_exhausted'
  | 'monthly_quota_exhausted'
  | 'ticket_used'
  | 'ticket_expired'
  | 'ticket_no_mac'
  | 'mac_elsewhere'
  | 'mac_institution'
  | 'outside_window';

export interface MessageParams {
  /** For too_many_devices. */
  readonly devicesAllowed?: number;
  /** For quota_exhausted and monthly_quota_exhausted: when the next quota day or month starts, formatted. */
  readonly resetsAt?: string;
  /** For outside_window: the plan's window as residents read it, and its next opening, formatted. */
  readonly window?: string;
  readonly opensAt?: string;
}

type Catalogue = Record<RejectReason, (p: MessageParams) => string>;

export const rejectMessagesId: Catalogue = {
  unknown_device: () => 'Perangkat belum terdaftar. Silakan daftar di portal Wi-Fi desa.',
  bad_credentials: () => 'Nama pengguna atau kata sandi salah. Silakan masuk lagi lewat portal Wi-Fi desa.',
  device_revoked: () => 'Perangkat ini sudah dicabut dari akun Anda. Daftarkan lagi lewat portal Wi-Fi desa.',
  not_in_roster: () => 'Anda tidak lagi tercatat sebagai warga desa. Silakan hubungi kantor desa.',
  account_pending: () => 'Akun Anda masih menunggu persetujuan operator desa.',
  account_suspended: () => 'Akun Anda sedang dinonaktifkan. Silakan hubungi operator desa.',
  mac_mismatch: () => 'Akun ini terdaftar untuk perangkat lain. Masuk dari perangkat yang didaftarkan.',
  no_plan: () => 'Paket Wi-Fi belum diatur. Silakan hubungi operator desa.',
  too_many_devices: (p) =>
    `Terlalu banyak perangkat yang sedang terhubung (maksimal ${p.devicesAllowed ?? 1}). Putuskan perangkat lain dulu.`,
  quota_exhausted: (p) =>
    `Kuota harian Anda sudah habis. Kuota baru tersedia mulai pukul ${p.resetsAt ?? '00.00'}.`,
  monthly_quota_exhausted: (p) =>
    `Kuota bulanan Anda sudah habis. Kuota baru tersedia mulai pukul ${p.resetsAt ?? '00.00 tanggal 1'}.`,
  ticket_used: () => 'Tautan masuk ini sudah dipakai. Masukkan NIK dan PIN lagi di portal Wi-Fi desa.',
  ticket_expired: () => 'Tautan masuk ini sudah kedaluwarsa. Masukkan NIK dan PIN lagi di portal Wi-Fi desa.',
  ticket_no_mac: () => 'Router tidak mengirim alamat perangkat yang sah. Silakan hubungi operator desa.',
  mac_elsewhere: () => 'Perangkat ini sudah terdaftar di akun warga lain. Silakan hubungi operator desa.',
  mac_institution: () =>
    'Perangkat ini milik lembaga desa (sekolah, puskesmas, balai desa), bukan untuk akun warga. Hubungi operator desa.',
  outside_window: (p) =>
    `Paket Wi-Fi ini hanya aktif ${p.window ?? 'pada jam tertentu'}. Bisa masuk lagi mulai pukul ${p.opensAt ?? '-'}.`,
};

export const rejectMessagesEn: Catalogue = {
  unknown_device: () => 'This device is not registered. Please register on the village Wi-Fi portal.',
  bad_credentials: () => 'Wrong user name or password. Please log in again through the village Wi-Fi portal.',
  device_revoked: () => 'This device was removed from your account. Register it again on the portal.',
  not_in_roster: () => 'You are no longer listed as a resident. Please contact the village office.',
  account_pending: () => 'Your account is waiting for approval by the village operator.',
  account_suspended: () => 'Your account is suspended. Please contact the village operator.',
  mac_mismatch: () => 'This account belongs to another device. Log in from the registered device.',
  no_plan: () => 'No Wi-Fi plan is set. Please contact the village operator.',
  too_many_devices: (p) =>
    `Too many devices connected (at most ${p.devicesAllowed ?? 1}). Disconnect one first.`,
  quota_exhausted: (p) => `Your daily quota is used up. New quota from ${p.resetsAt ?? '00:00'}.`,
  monthly_quota_exhausted: (p) =>
    `Your monthly quota is used up. New quota from ${p.resetsAt ?? '00:00 on the 1st'}.`,
  ticket_used: () => 'This login link was already used. Enter your NIK and PIN again on the portal.',
  ticket_expired: () => 'This login link has expired. Enter your NIK and PIN again on the portal.',
  ticket_no_mac: () => 'The router sent no valid device address. Please contact the village operator.',
  mac_elsewhere: () =>
    "This device is registered to another resident's account. Contact the village operator.",
  mac_institution: () =>
    "This device belongs to a village institution (school, health post, village hall), not a resident's account. Contact the village operator.",
  outside_window: (p) =>
    `This Wi-Fi plan is only on ${p.window ?? 'at set hours'}. You can log in again from ${p.opensAt ?? '-'}.`,
};
