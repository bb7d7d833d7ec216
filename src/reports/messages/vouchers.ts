// Words of the voucher report (/reports/vouchers): its tab, headings and columns, Indonesian first.
const id = {
  tab: 'Voucher',
  title: 'Voucher',
  intro:
    'Voucher dibuat, dipakai (login pertama), habis (masa berlaku atau kuota) dan dibatalkan, per hari dan per batch. Pendapatan dihitung saat voucher pertama kali dipakai.',
  byDay: 'Voucher per hari',
  byBatch: 'Voucher per batch',
  col: {
    day: 'Hari',
    batch: 'Batch',
    plan: 'Paket',
    price: 'Harga (Rp)',
    created: 'Dibuat',
    used: 'Dipakai',
    throttled: 'Habis kuota, diperlambat',
    expired: 'Habis',
    revoked: 'Dibatalkan',
    revenue: 'Pendapatan (Rp)',
    total: 'Jumlah',
  },
  none: 'Tidak ada voucher pada periode ini.',
  unavailable: 'Laporan voucher tidak tersedia di sini.',
};

export type VoucherReportMessages = typeof id;

const en: VoucherReportMessages = {
  tab: 'Vouchers',
  title: 'Vouchers',
  intro:
    'Vouchers created, used (first login), expired (validity or quota) and revoked, per day and per batch. Revenue counts when a voucher is first used.',
  byDay: 'Vouchers per day',
  byBatch: 'Vouchers per batch',
  col: {
    day: 'Day',
    batch: 'Batch',
    plan: 'Plan',
    price: 'Price (Rp)',
    created: 'Created',
    used: 'Used',
    throttled: 'Quota used up, slowed down',
    expired: 'Expired',
    revoked: 'Revoked',
    revenue: 'Revenue (Rp)',
    total: 'Total',
  },
  none: 'No vouchers in this period.',
  unavailable: 'The voucher report is not available here.',
};

export const voucherReportMessages = (lang: string): VoucherReportMessages => (lang === 'en' ? en : id);
