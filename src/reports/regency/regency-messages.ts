// The regency pages' words in Indonesian, for kecamatan and kabupaten staff; the shared report components take
// `report` (the village reports' catalogue with the regency's letterhead and signature).
import { type ReportMessages, id as reportId } from '../messages/id.js';

export function regencyMessages(regency: string) {
  const report: ReportMessages = {
    ...reportId,
    header: (name: string) => `Pemerintah ${name}`,
    title: {
      ...reportId.title,
      monthly: (month: string) => `Laporan Wi-Fi Desa se-${regency} bulan ${month}`,
    },
    summary: {
      ...reportId.summary,
      usage: (down: string, sessions: string, residents: string) =>
        `Bulan ini warga semua desa mengunduh ${down} dalam ${sessions} sesi, oleh ${residents} warga.`,
    },
    signature: { ...reportId.signature, role: 'Kepala Dinas Komunikasi dan Informatika' },
  };
  return {
    report,
    product: 'Warganet',
    regency,
    skip: 'Langsung ke isi',
    nav: {
      label: 'Menu',
      overview: 'Ringkasan',
      villages: 'Perbandingan desa',
      notReporting: 'Desa tidak melapor',
      monthly: 'Laporan bulanan',
      signOut: 'Keluar',
    },
    signIn: {
      title: 'Masuk',
      intro: 'Masukkan token akses yang diberikan admin kabupaten.',
      token: 'Token akses',
      submit: 'Masuk',
      failed: 'Token tidak dikenal atau sudah dicabut.',
    },
    scope: {
      kabupaten: 'seluruh kabupaten',
      kecamatan: (name: string) => `Kecamatan ${name}`,
      desa: (name: string) => `desa ${name}`,
    },
    filter: { kecamatan: 'Kecamatan', all: 'Semua kecamatan' },
    title: {
      overview: 'Ringkasan Wi-Fi desa',
      byKecamatan: 'Per kecamatan',
      byVillage: 'Perbandingan antardesa',
      notReporting: 'Desa yang tidak melapor',
      heat: 'Jam sibuk semua desa',
      chartKecamatan: 'Data diunduh per kecamatan',
      chartVillage: 'Data diunduh per desa',
      chartCoverage: 'Warga terdaftar per desa (%)',
    },
    col: {
      kecamatan: 'Kecamatan',
      village: 'Desa',
      code: 'Kode desa',
      villages: 'Desa',
      reporting: 'Desa melapor',
      daysReceived: 'Hari diterima',
      lastDay: 'Hari terakhir diterima',
      lastReceived: 'Terakhir mengirim',
      uptime: 'Waktu menyala',
      vouchers: 'Voucher terpakai',
      revenue: 'Pendapatan voucher (Rp)',
    },
    cards: {
      villages: 'Desa terdaftar',
      reporting: 'Desa melapor (2 hari terakhir)',
      download: 'Data diunduh',
      devices: 'Perangkat',
      residentsRegistered: 'Warga terdaftar',
    },
    distinct: {
      day: 'Perangkat dan warga: jumlah berbeda dalam satu hari (tepat).',
      month:
        'Perangkat dan warga: jumlah berbeda sejak tanggal 1 bulan itu sampai hari terakhir yang diterima (tepat).',
      'peak-day':
        'Perangkat dan warga: angka hari tersibuk dalam periode ini (jumlah berbeda selama periode bisa lebih besar).',
    },
    never: 'belum pernah',
    allReporting: 'Semua desa melapor dalam 2 hari terakhir.',
    notReportingNote:
      'Desa dianggap tidak melapor bila tidak ada data harian selama 2 hari atau lebih. Periksa sambungan internet balai desa.',
    heatMonthOnly: 'Jam sibuk ditampilkan untuk periode satu bulan atau kurang.',
    coverageNote: 'Jangkauan warga: keadaan terakhir yang dikirim setiap desa.',
    badQuery: 'Periode atau pilihan tidak dapat dibaca.',
    notFound: 'Halaman tidak ditemukan.',
  };
}

export type RegencyMessages = ReturnType<typeof regencyMessages>;
