// Words of the dashboard's regency card (the village's link to its regency's Worker, as `warganet regency status`
// prints it). Indonesian first; English of the same shape.
import type { Catalogue } from '../../web/messages/common.js';

const id = {
  heading: 'Kiriman ke kabupaten',
  notJoined: 'Desa ini belum terhubung ke server kabupaten, jadi data ringkasnya belum dikirim.',
  howToJoin: 'Hubungkan dengan perintah di server desa: warganet regency join ALAMAT TOKEN',
  state: { ok: 'Lancar', waiting: 'Ada hari yang menunggu', failing: 'Gagal mengirim' } as Record<
    'ok' | 'waiting' | 'failing',
    string
  >,
  server: 'Server kabupaten',
  lastDay: 'Hari terakhir terkirim',
  lastSuccess: 'Kiriman berhasil terakhir',
  waiting: 'Hari menunggu dikirim',
  waitingCount: (n: string, oldest: string | undefined) => (oldest ? `${n} (tertua ${oldest})` : n),
  lastError: 'Galat terakhir',
  nextTry: 'Dicoba lagi',
  never: 'belum pernah',
  none: 'belum ada',
  offlineNote:
    'Selama internet putus, hari-hari disimpan dan dikirim sendiri nanti; layanan Wi-Fi desa tetap berjalan. Hanya angka ringkas yang dikirim, tanpa NIK, nama atau MAC.',
  unavailable: 'Keadaan kiriman tidak dapat dibaca sekarang.',
};

export type RegencyCardMessages = typeof id;

const en: RegencyCardMessages = {
  heading: 'Sending to the regency',
  notJoined: 'This village is not linked to the regency server, so its aggregates are not sent yet.',
  howToJoin: 'Link it with this command on the village server: warganet regency join URL TOKEN',
  state: { ok: 'Up to date', waiting: 'Days waiting', failing: 'Sending fails' },
  server: 'Regency server',
  lastDay: 'Last day sent',
  lastSuccess: 'Last successful send',
  waiting: 'Days waiting to be sent',
  waitingCount: (n: string, oldest: string | undefined) => (oldest ? `${n} (oldest ${oldest})` : n),
  lastError: 'Last error',
  nextTry: 'Next try',
  never: 'never',
  none: 'none yet',
  offlineNote:
    'While the uplink is down, days are kept and sent later by themselves; the village Wi-Fi keeps working. Only aggregates are sent, never a NIK, a name or a MAC.',
  unavailable: 'The sending status cannot be read right now.',
};

export const regencyCardMessages: Catalogue<RegencyCardMessages> = { id, en };
