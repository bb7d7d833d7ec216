// What /healthz says when storage fails, in plain words for the operator or the monitoring script reading it.
// Indonesian first; English of the same shape.
import type { StorageProblem } from '../../services/health/storage-health.js';

const id: Record<StorageProblem, string> = {
  disk_full:
    'Disk penuh: catatan pemakaian tidak bisa disimpan dan tidak dijawab; router mengirim ulang sampai ada ruang.',
  read_only:
    'Basis data hanya bisa dibaca: catatan pemakaian tidak bisa disimpan dan tidak dijawab; router mengirim ulang.',
  unreachable:
    'Basis data tidak bisa dihubungi: catatan pemakaian tidak dijawab; router mengirim ulang sampai tersambung lagi.',
  write_failed:
    'Menulis ke basis data gagal: catatan pemakaian tidak dijawab; router mengirim ulang. Lihat log.',
};

const en: Record<StorageProblem, string> = {
  disk_full:
    'Disk full: usage records cannot be saved and are not acknowledged; the routers resend them until there is space.',
  read_only:
    'Database is read-only: usage records cannot be saved and are not acknowledged; the routers resend them.',
  unreachable:
    'Database unreachable: usage records are not acknowledged; the routers resend them until it is back.',
  write_failed:
    'Writing to the database fails: usage records are not acknowledged; the routers resend them. See the log.',
};

export const storageHealthMessages = { id, en };
