// The regency pages' words for kecamatan and kabupaten staff: Indonesian first, English of the same shape (the
// pattern of src/reports/messages). The shared report components take `report` (the village reports' catalogue
// in the same language, with the regency's letterhead and signature).
import type { Lang } from '../../web/lang.js';
import { en as reportEn } from '../messages/en.js';
import { type ReportMessages, id as reportId } from '../messages/id.js';

function id(regency: string) {
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
    otherLang: { code: 'en' as Lang, label: 'English' },
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

export type RegencyMessages = ReturnType<typeof id>;

function en(regency: string): RegencyMessages {
  const report: ReportMessages = {
    ...reportEn,
    header: (name: string) => `Government of ${name}`,
    title: {
      ...reportEn.title,
      monthly: (month: string) => `Village Wi-Fi report of ${regency} for ${month}`,
    },
    summary: {
      ...reportEn.summary,
      usage: (down: string, sessions: string, residents: string) =>
        `This month residents of all villages downloaded ${down} in ${sessions} sessions, by ${residents} residents.`,
    },
    signature: {
      ...reportEn.signature,
      role: 'Head of the Communication and Informatics Office (Diskominfo)',
    },
  };
  return {
    report,
    product: 'Warganet',
    regency,
    otherLang: { code: 'id', label: 'Bahasa Indonesia' },
    skip: 'Skip to content',
    nav: {
      label: 'Menu',
      overview: 'Overview',
      villages: 'Compare villages',
      notReporting: 'Villages not reporting',
      monthly: 'Monthly report',
      signOut: 'Sign out',
    },
    signIn: {
      title: 'Sign in',
      intro: 'Enter the access token the regency admin gave you.',
      token: 'Access token',
      submit: 'Sign in',
      failed: 'The token is unknown or has been revoked.',
    },
    scope: {
      kabupaten: 'the whole regency',
      kecamatan: (name: string) => `Kecamatan ${name}`,
      desa: (name: string) => `village ${name}`,
    },
    filter: { kecamatan: 'Kecamatan', all: 'All kecamatan' },
    title: {
      overview: 'Village Wi-Fi overview',
      byKecamatan: 'By kecamatan',
      byVillage: 'Villages compared',
      notReporting: 'Villages not reporting',
      heat: 'Busy hours of all villages',
      chartKecamatan: 'Data downloaded by kecamatan',
      chartVillage: 'Data downloaded by village',
      chartCoverage: 'Residents registered by village (%)',
    },
    col: {
      kecamatan: 'Kecamatan',
      village: 'Village',
      code: 'Village code',
      villages: 'Villages',
      reporting: 'Villages reporting',
      daysReceived: 'Days received',
      lastDay: 'Last day received',
      lastReceived: 'Last sent',
      uptime: 'Uptime',
      vouchers: 'Vouchers used',
      revenue: 'Voucher revenue (Rp)',
    },
    cards: {
      villages: 'Villages enrolled',
      reporting: 'Villages reporting (last 2 days)',
      download: 'Data downloaded',
      devices: 'Devices',
      residentsRegistered: 'Residents registered',
    },
    distinct: {
      day: 'Devices and residents: distinct counts within one day (exact).',
      month:
        'Devices and residents: distinct counts from the 1st of the month to the last day received (exact).',
      'peak-day':
        'Devices and residents: the busiest day of the period (the distinct count over the period may be larger).',
    },
    never: 'never',
    allReporting: 'Every village reported in the last 2 days.',
    notReportingNote:
      "A village counts as not reporting when no daily data came for 2 days or more. Check the village hall's internet connection.",
    heatMonthOnly: 'Busy hours are shown for periods of one month or less.',
    coverageNote: 'Residents reached: the latest state each village sent.',
    badQuery: 'The period or an option cannot be read.',
    notFound: 'Page not found.',
  };
}

export function regencyMessages(regency: string, lang: Lang = 'id'): RegencyMessages {
  return lang === 'en' ? en(regency) : id(regency);
}
