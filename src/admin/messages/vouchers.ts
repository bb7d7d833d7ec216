// Words of the voucher pages (/admin/voucher): batches, the list, one voucher, the form, revoking, and the printed
// cards (A4 sheet and 58 mm thermal roll).
import type { Catalogue } from '../../web/messages/common.js';

type Status = 'unused' | 'active' | 'throttled' | 'expired' | 'revoked';

const UNITS_ID = { d: 'hari', h: 'jam', m: 'menit', s: 'detik' };
const UNITS_EN = {
  d: ['day', 'days'],
  h: ['hour', 'hours'],
  m: ['minute', 'minutes'],
  s: ['second', 'seconds'],
};

/** A validity in words: 86400 → "1 hari" / "1 day"; 90000 → "1 hari 1 jam". */
function spell(seconds: number, word: (unit: keyof typeof UNITS_ID, n: number) => string): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(word(unit, Math.floor(rest / size)));
      rest %= size;
    }
  }
  return parts.slice(0, 2).join(' ') || word('s', 0);
}

const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

const id = {
  title: 'Voucher',
  intro:
    'Voucher memberi tamu akses Wi-Fi dengan kode tercetak: kode itu nama pengguna dan kata sandinya. Masa berlaku dihitung sejak login pertama, kecuali dipilih sejak dibuat.',
  create: 'Buat voucher',
  batches: 'Batch',
  noBatches: 'Belum ada voucher. Buat batch pertama untuk tamu desa.',
  vouchers: 'Daftar voucher',
  none: 'Tidak ada voucher yang cocok.',
  filter: {
    batch: 'Batch',
    status: 'Status',
    any: 'Semua',
    show: 'Tampilkan',
  },
  status: {
    unused: 'belum dipakai',
    active: 'aktif',
    throttled: 'habis kuota, diperlambat',
    expired: 'habis',
    revoked: 'dibatalkan',
  } as Record<Status, string>,
  col: {
    code: 'Kode',
    batch: 'Batch',
    plan: 'Paket',
    status: 'Status',
    validity: 'Masa berlaku',
    quota: 'Kuota',
    used: 'Terpakai',
    devices: 'Perangkat',
    price: 'Harga',
    ends: 'Berakhir',
    created: 'Dibuat',
    counts: 'Voucher',
    print: 'Cetak',
    select: 'Pilih',
  },
  codeHidden: 'Kode lengkap ada di halaman voucher dan lembar cetak.',
  selectCode: (code: string) => `Pilih voucher ${code}`,
  printSelected: 'Cetak yang dipilih:',
  a4: 'A4',
  thermal: '58 mm',
  printA4: (batch: string) => `Cetak A4, batch ${batch}`,
  print58: (batch: string) => `Cetak 58 mm, batch ${batch}`,
  open: 'Lihat',
  unlimited: 'tanpa batas',
  free: 'gratis',
  fromFirstLogin: 'sejak login pertama',
  fromCreation: 'sejak dibuat',
  duration: (s: number) => spell(s, (u, n) => `${n} ${UNITS_ID[u]}`),
  rupiah,
  made: (n: number, batch: string) =>
    `${n} voucher dibuat (batch ${batch}). Cetak kartunya dari daftar batch.`,
  form: {
    title: 'Buat voucher',
    intro: 'Satu batch berisi voucher dengan pengaturan yang sama. Kode dibuat acak dan mudah dibaca.',
    plan: 'Paket',
    planHint: 'Kecepatan dan profil hotspot voucher mengikuti paket ini.',
    count: 'Jumlah voucher',
    countHint: '1 sampai 1000.',
    validity: 'Masa berlaku',
    validityHint: 'Mis. 3h (3 jam), 1d (1 hari), 7d (7 hari).',
    validityFrom: 'Masa berlaku dihitung',
    fromFirstLogin: 'Sejak login pertama (disarankan)',
    fromCreation: 'Sejak voucher dibuat',
    quota: 'Kuota data per voucher',
    quotaHint: 'Mis. 1GB atau 500MB. Kosongkan bila tanpa batas.',
    devices: 'Perangkat per voucher',
    devicesHint: 'HP pertama yang memakai voucher terikat padanya.',
    prefix: 'Awalan kode',
    prefixHint: 'Opsional, huruf kecil dan angka, paling panjang 8. Mis. tamu.',
    length: 'Panjang bagian acak kode',
    lengthHint: '6 sampai 16; bawaan 8.',
    price: 'Harga (rupiah)',
    priceHint: 'Opsional. Dicetak di kartu dan dihitung di laporan saat voucher pertama dipakai.',
    note: 'Catatan',
    noteHint: 'Mis. Tamu pernikahan RT 03.',
    submit: 'Buat voucher',
    required: 'wajib diisi',
    noPlans: 'Belum ada paket. Buat paket (mis. Tamu) dulu.',
  },
  one: {
    title: (code: string) => `Voucher ${code}`,
    code: 'Kode (nama pengguna dan kata sandi)',
    password: 'Kata sandi',
    secret: 'Kode ini rahasia: siapa pun yang memegangnya bisa memakai voucher.',
    firstLogin: 'Login pertama',
    macs: 'Perangkat terikat',
    note: 'Catatan',
    timeUsed: 'Lama terpakai',
    never: 'belum pernah',
    print: 'Cetak kartu ini',
  },
  revoke: {
    one: 'Batalkan voucher',
    batch: 'Batalkan batch',
    title: 'Batalkan voucher?',
    confirmOne: (code: string) => `Batalkan voucher ${code}? Voucher tidak bisa dipakai lagi.`,
    confirmBatch: (batch: string, n: number) =>
      `Batalkan semua ${n} voucher yang masih berlaku di batch ${batch}? Voucher itu tidak bisa dipakai lagi.`,
    done: (n: number) => `${n} voucher dibatalkan.`,
  },
  card: {
    heading: (village: string) => `Wi-Fi ${village}`,
    plan: 'Paket',
    validity: 'Berlaku',
    afterFirst: 'sejak dipakai',
    until: 's.d.',
    quota: 'Kuota',
    price: 'Harga',
    code: 'Kode voucher',
    how: 'Sambung ke Wi-Fi desa, pindai QR atau ketik kodenya.',
    qr: (code: string) => `Kode QR untuk masuk dengan voucher ${code}`,
  },
  print: {
    title: (batch: string) => `Cetak voucher ${batch}`,
    titleSelection: 'Cetak voucher pilihan',
    help: 'Cetak halaman ini (Ctrl+P). Kode adalah rahasia: simpan lembar ini baik-baik.',
    back: 'Kembali ke daftar voucher',
    print: 'Cetak',
    none: 'Tidak ada voucher yang masih bisa dipakai untuk dicetak.',
    portalMissing:
      'Alamat portal (WARGANET_PUBLIC_URL) belum diatur: QR memakai alamat halaman ini, yang mungkin tidak bisa dibuka dari HP tamu.',
  },
};

type VoucherMessages = typeof id;

const en: VoucherMessages = {
  title: 'Vouchers',
  intro:
    'Vouchers give guests Wi-Fi on a printed code: the code is both the user name and the password. Validity counts from the first login unless you choose from creation.',
  create: 'Create vouchers',
  batches: 'Batches',
  noBatches: 'No vouchers yet. Create a first batch for the village guests.',
  vouchers: 'Vouchers',
  none: 'No voucher matches.',
  filter: { batch: 'Batch', status: 'Status', any: 'All', show: 'Show' },
  status: {
    unused: 'unused',
    active: 'active',
    throttled: 'quota used up, slowed down',
    expired: 'expired',
    revoked: 'revoked',
  },
  col: {
    code: 'Code',
    batch: 'Batch',
    plan: 'Plan',
    status: 'Status',
    validity: 'Validity',
    quota: 'Quota',
    used: 'Used',
    devices: 'Devices',
    price: 'Price',
    ends: 'Ends',
    created: 'Created',
    counts: 'Vouchers',
    print: 'Print',
    select: 'Select',
  },
  codeHidden: "The full code is on the voucher's page and the print sheets.",
  selectCode: (code: string) => `Select voucher ${code}`,
  printSelected: 'Print the selected:',
  a4: 'A4',
  thermal: '58 mm',
  printA4: (batch: string) => `Print A4, batch ${batch}`,
  print58: (batch: string) => `Print 58 mm, batch ${batch}`,
  open: 'Open',
  unlimited: 'unlimited',
  free: 'free',
  fromFirstLogin: 'from the first login',
  fromCreation: 'from creation',
  duration: (s: number) => spell(s, (u, n) => `${n} ${UNITS_EN[u][n === 1 ? 0 : 1]}`),
  rupiah,
  made: (n: number, batch: string) =>
    `${n} vouchers created (batch ${batch}). Print their cards from the batch list.`,
  form: {
    title: 'Create vouchers',
    intro: 'A batch holds vouchers with the same settings. Codes are random and easy to read.',
    plan: 'Plan',
    planHint: "The vouchers' speed and hotspot profile follow this plan.",
    count: 'Number of vouchers',
    countHint: '1 to 1000.',
    validity: 'Validity',
    validityHint: 'E.g. 3h (3 hours), 1d (1 day), 7d (7 days).',
    validityFrom: 'Validity counts',
    fromFirstLogin: 'From the first login (recommended)',
    fromCreation: 'From creation',
    quota: 'Data quota per voucher',
    quotaHint: 'E.g. 1GB or 500MB. Leave empty for unlimited.',
    devices: 'Devices per voucher',
    devicesHint: 'The first phone that uses a voucher is bound to it.',
    prefix: 'Code prefix',
    prefixHint: 'Optional, lower-case letters and digits, at most 8. E.g. tamu.',
    length: 'Length of the random part',
    lengthHint: '6 to 16; 8 by default.',
    price: 'Price (rupiah)',
    priceHint: 'Optional. Printed on the card and counted in reports when the voucher is first used.',
    note: 'Note',
    noteHint: 'E.g. Wedding guests RT 03.',
    submit: 'Create vouchers',
    required: 'required',
    noPlans: 'No plan yet. Create a plan (e.g. Tamu) first.',
  },
  one: {
    title: (code: string) => `Voucher ${code}`,
    code: 'Code (user name and password)',
    password: 'Password',
    secret: 'This code is a secret: whoever holds it can use the voucher.',
    firstLogin: 'First login',
    macs: 'Bound devices',
    note: 'Note',
    timeUsed: 'Time used',
    never: 'never',
    print: 'Print this card',
  },
  revoke: {
    one: 'Revoke voucher',
    batch: 'Revoke batch',
    title: 'Revoke vouchers?',
    confirmOne: (code: string) => `Revoke voucher ${code}? It can no longer be used.`,
    confirmBatch: (batch: string, n: number) =>
      `Revoke all ${n} vouchers still valid in batch ${batch}? They can no longer be used.`,
    done: (n: number) => `${n} vouchers revoked.`,
  },
  card: {
    heading: (village: string) => `Wi-Fi ${village}`,
    plan: 'Plan',
    validity: 'Valid',
    afterFirst: 'from first use',
    until: 'until',
    quota: 'Quota',
    price: 'Price',
    code: 'Voucher code',
    how: 'Join the village Wi-Fi, scan the QR or type the code.',
    qr: (code: string) => `QR code to log in with voucher ${code}`,
  },
  print: {
    title: (batch: string) => `Print vouchers ${batch}`,
    titleSelection: 'Print selected vouchers',
    help: 'Print this page (Ctrl+P). The codes are secrets: keep the sheet safe.',
    back: 'Back to the vouchers',
    print: 'Print',
    none: 'No voucher that can still be used to print.',
    portalMissing:
      "The portal's address (WARGANET_PUBLIC_URL) is not set: the QR uses this page's address, which guests' phones may not reach.",
  },
};

export const voucherMessages: Catalogue<VoucherMessages> = { id, en };
