// Words of the roster pages (/admin/roster): uploading the OpenSID file, its dry-run report, applying it, history.
import type { Catalogue } from '../../web/messages/common.js';

const n = (x: number) => x.toLocaleString('id-ID');

const id = {
  title: 'Data warga dari OpenSID',
  intro:
    'Unggah ekspor data penduduk dari OpenSID. Berkas diperiksa dulu (uji coba, tidak ada yang diubah); setelah Anda membaca laporannya, terapkan impor.',
  upload: {
    heading: 'Unggah berkas',
    file: 'Berkas ekspor OpenSID (.xlsx atau .csv)',
    fileHint: 'Di OpenSID: Kependudukan → Penduduk → Impor/Ekspor → Ekspor. Paling besar 64 MB.',
    partial: 'Impor sebagian: hanya menambah dan memperbarui',
    partialHint:
      'Centang bila berkas hanya berisi sebagian warga (mis. satu dusun). Warga yang tidak ada di berkas tidak dinonaktifkan.',
    submit: 'Unggah dan periksa',
    noFile: 'pilih berkas .xlsx atau .csv dulu',
  },
  recent: {
    heading: 'Unggahan terakhir',
    none: 'Belum ada unggahan.',
  },
  history: {
    heading: 'Riwayat impor',
    none: 'Belum pernah ada impor.',
    when: 'Waktu',
    who: 'Oleh',
    file: 'Berkas',
    kind: 'Jenis',
    full: 'penuh',
    partial: 'sebagian',
  },
  states: {
    checking: 'sedang diperiksa',
    checked: 'siap diterapkan',
    applying: 'sedang diterapkan',
    applied: 'sudah diterapkan',
    failed: 'gagal',
  } as Record<string, string>,
  stages: {
    reading: 'Membaca berkas',
    checking: 'Memeriksa baris',
    hashing: 'Mengindeks NIK',
    saving: 'Menyimpan',
  } as Record<string, string>,
  job: {
    title: (no: number) => `Unggahan #${no}`,
    uploadedBy: (who: string, when: string) => `Diunggah oleh ${who}, ${when}.`,
    appliedBy: (who: string) => `Diterapkan oleh ${who}.`,
    waitChecking: 'Berkas sedang diperiksa. Halaman ini diperbarui sendiri; Anda boleh meninggalkannya.',
    waitApplying:
      'Impor sedang diterapkan. Semua perubahan disimpan sekaligus di akhir: bila gagal, tidak ada yang berubah.',
    progress: (done: number, total: number) => `${n(done)} dari ${n(total)}`,
    reload: 'Muat ulang',
    back: 'Kembali ke data warga',
    uploadAgain: 'Unggah berkas lain',
    failed: 'Berkas ini tidak bisa diimpor. Tidak ada yang diubah.',
    applied: (batch: number) => `Impor selesai (impor #${batch}). Data warga sudah diperbarui.`,
    dryRunNote: 'Ini hasil uji coba: belum ada yang disimpan.',
    expires: (when: string) => `Berkas disimpan sampai ${when}; setelah itu unggah lagi.`,
  },
  report: {
    heading: 'Laporan',
    rows: 'Baris dibaca',
    added: 'Warga baru',
    updated: 'Diperbarui',
    deactivated: 'Dinonaktifkan',
    inactive: 'Tidak aktif di OpenSID',
    inactiveHint: 'status_dasar bukan HIDUP: meninggal, pindah, …',
    rejected: 'Baris ditolak',
    warnings: 'Peringatan',
    kind: (full: boolean, format: string, sheet: string | null) =>
      `${full ? 'Impor penuh' : 'Impor sebagian'} · ${format === 'xlsx' ? `lembar "${sheet ?? ''}"` : 'CSV'}`,
    rejectedHeading: 'Baris yang ditolak (tidak diimpor; perbaiki di OpenSID)',
    warningsHeading: 'Peringatan menurut jenis',
    deactivatedHeading: 'Warga yang akan dinonaktifkan',
    deactivatedDone: 'Warga yang dinonaktifkan',
    row: 'Baris',
    name: 'Nama',
    nik: 'NIK (disamarkan)',
    reason: 'Alasan',
    count: 'Jumlah',
    dusun: 'Dusun',
    why: 'Sebab',
    wifi: 'Wi-Fi',
    whyMissing: 'tidak ada di berkas',
    whyStatus: 'status bukan HIDUP',
    wifiStops: 'aksesnya berhenti',
    wifiNone: 'tidak punya',
    noName: '(tanpa nama)',
    more: (shown: number, total: number) =>
      `Ditampilkan ${n(shown)} dari ${n(total)}. Daftar lengkap: warganet residents import BERKAS --dry-run --report masalah.xlsx`,
  },
  guard: {
    heading: 'Pengaman: banyak warga akan dinonaktifkan',
    text: (deactivating: number, active: number, share: string) =>
      `Impor ini akan menonaktifkan ${n(deactivating)} dari ${n(active)} warga aktif (${share} %), lebih dari 10 %. Mungkin berkasnya ekspor sebagian (satu dusun saja, atau terpotong)? Bila begitu, unggah lagi dengan "Impor sebagian" dicentang.`,
    field: 'Bila memang benar, ketik jumlah warga yang dinonaktifkan',
    hint: (deactivating: number) => `Ketik ${deactivating} untuk menyetujui.`,
    notNumber: 'ketik angkanya saja, tanpa titik atau huruf',
  },
  apply: {
    submit: 'Terapkan impor',
    confirmTitle: 'Terapkan impor data warga?',
    confirm: (added: number, updated: number, deactivated: number) =>
      `Terapkan impor: ${n(added)} warga baru, ${n(updated)} diperbarui, ${n(deactivated)} dinonaktifkan?`,
    started: 'Impor sedang diterapkan.',
    uploaded: 'Berkas diunggah; sedang diperiksa.',
  },
};

export type RosterMessages = typeof id;

const en: RosterMessages = {
  title: 'Residents from OpenSID',
  intro:
    'Upload the population export from OpenSID. The file is checked first (a dry run, nothing changes); after reading its report, apply the import.',
  upload: {
    heading: 'Upload a file',
    file: 'OpenSID export file (.xlsx or .csv)',
    fileHint: 'In OpenSID: Kependudukan → Penduduk → Impor/Ekspor → Ekspor. At most 64 MB.',
    partial: 'Partial import: only add and update',
    partialHint:
      'Tick when the file holds only some residents (e.g. one dusun). Residents missing from the file are not deactivated.',
    submit: 'Upload and check',
    noFile: 'choose an .xlsx or .csv file first',
  },
  recent: { heading: 'Recent uploads', none: 'No uploads yet.' },
  history: {
    heading: 'Import history',
    none: 'No import yet.',
    when: 'When',
    who: 'By',
    file: 'File',
    kind: 'Kind',
    full: 'full',
    partial: 'partial',
  },
  states: {
    checking: 'being checked',
    checked: 'ready to apply',
    applying: 'being applied',
    applied: 'applied',
    failed: 'failed',
  },
  stages: {
    reading: 'Reading the file',
    checking: 'Checking rows',
    hashing: 'Indexing NIKs',
    saving: 'Saving',
  },
  job: {
    title: (no: number) => `Upload #${no}`,
    uploadedBy: (who: string, when: string) => `Uploaded by ${who}, ${when}.`,
    appliedBy: (who: string) => `Applied by ${who}.`,
    waitChecking: 'The file is being checked. This page updates itself; you may leave it.',
    waitApplying:
      'The import is being applied. Every change is saved at once at the end: if it fails, nothing changes.',
    progress: (done: number, total: number) =>
      `${done.toLocaleString('en')} of ${total.toLocaleString('en')}`,
    reload: 'Reload',
    back: 'Back to residents data',
    uploadAgain: 'Upload another file',
    failed: 'This file cannot be imported. Nothing was changed.',
    applied: (batch: number) => `Import finished (import #${batch}). The residents data is updated.`,
    dryRunNote: 'This is a dry run: nothing is saved yet.',
    expires: (when: string) => `The file is kept until ${when}; after that, upload it again.`,
  },
  report: {
    heading: 'Report',
    rows: 'Rows read',
    added: 'New residents',
    updated: 'Updated',
    deactivated: 'Deactivated',
    inactive: 'Inactive in OpenSID',
    inactiveHint: 'status_dasar not HIDUP: died, moved, …',
    rejected: 'Rows rejected',
    warnings: 'Warnings',
    kind: (full: boolean, format: string, sheet: string | null) =>
      `${full ? 'Full import' : 'Partial import'} · ${format === 'xlsx' ? `sheet "${sheet ?? ''}"` : 'CSV'}`,
    rejectedHeading: 'Rejected rows (not imported; fix them in OpenSID)',
    warningsHeading: 'Warnings by kind',
    deactivatedHeading: 'Residents who will be deactivated',
    deactivatedDone: 'Residents deactivated',
    row: 'Row',
    name: 'Name',
    nik: 'NIK (masked)',
    reason: 'Reason',
    count: 'Count',
    dusun: 'Dusun',
    why: 'Why',
    wifi: 'Wi-Fi',
    whyMissing: 'not in the file',
    whyStatus: 'status not HIDUP',
    wifiStops: 'access stops',
    wifiNone: 'none',
    noName: '(no name)',
    more: (shown: number, total: number) =>
      `Showing ${shown} of ${total}. Full list: warganet residents import FILE --dry-run --report problems.xlsx`,
  },
  guard: {
    heading: 'Safety check: many residents would be deactivated',
    text: (deactivating: number, active: number, share: string) =>
      `This import would deactivate ${deactivating} of ${active} active residents (${share} %), more than 10 %. Is the file a partial export (one dusun, or cut short)? If so, upload it again with "Partial import" ticked.`,
    field: 'If it is right, type the number of residents deactivated',
    hint: (deactivating: number) => `Type ${deactivating} to agree.`,
    notNumber: 'type the digits only',
  },
  apply: {
    submit: 'Apply the import',
    confirmTitle: 'Apply the residents import?',
    confirm: (added: number, updated: number, deactivated: number) =>
      `Apply the import: ${added} new, ${updated} updated, ${deactivated} deactivated?`,
    started: 'The import is being applied.',
    uploaded: 'File uploaded; it is being checked.',
  },
};

export const rosterMessages: Catalogue<RosterMessages> = { id, en };
