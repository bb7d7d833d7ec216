// The reports' words in Indonesian (the default), for a kepala desa reading on a phone or in print: plain
// sentences, village terms (dusun, RW, RT, KK). en.ts mirrors every key.

import { namesItsKind } from '../../domain/village-name.js';

export const id = {
  lang: 'id',
  locale: 'id-ID',
  decimal: ',',
  thousands: '.',
  weekdays: ['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'],
  weekdaysLong: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'],
  months: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  nav: {
    reports: 'Laporan',
    coverage: 'Jangkauan warga',
    usage: 'Pemakaian',
    accessPoints: 'Titik akses',
    monthly: 'Laporan bulanan',
  },
  period: {
    kind: 'Periode',
    day: 'Hari',
    month: 'Bulan',
    year: 'Tahun',
    custom: 'Rentang',
    date: 'Tanggal',
    from: 'Dari',
    to: 'Sampai',
    show: 'Tampilkan',
    previous: 'Periode sebelumnya',
    badPeriod: 'Periode tidak dapat dibaca. Pilih tanggal, bulan atau tahun yang benar.',
  },
  by: {
    day: 'per hari',
    week: 'per minggu',
    month: 'per bulan',
    year: 'per tahun',
    router: 'per titik akses',
    dusun: 'per dusun',
    plan: 'per paket',
    institution: 'per lembaga',
    rw: 'per RW',
    rt: 'per RT',
  },
  col: {
    key: 'Kelompok',
    day: 'Tanggal',
    week: 'Minggu mulai',
    month: 'Bulan',
    year: 'Tahun',
    router: 'Titik akses',
    dusun: 'Dusun',
    plan: 'Paket',
    institution: 'Lembaga',
    rw: 'Dusun / RW',
    rt: 'Dusun / RW / RT',
    bytesDown: 'Unduh',
    bytesUp: 'Unggah',
    sessions: 'Sesi',
    devices: 'Perangkat',
    residents: 'Warga',
    residentsRoster: 'Warga dewasa',
    registered: 'Terdaftar',
    registeredPct: '% terdaftar',
    households: 'KK',
    householdsConnected: 'KK tersambung',
    householdsPct: '% KK tersambung',
    registrations: 'Pendaftaran baru',
    total: 'Jumlah terdaftar',
    reason: 'Alasan',
    rejects: 'Ditolak',
    accounts: 'Akun habis kuota',
    hour: 'Jam',
    weekday: 'Hari',
    bytes: 'Data',
    uptime: 'Waktu menyala',
    health: 'Keadaan',
    liveSessions: 'Sesi sekarang',
    peakSessions: 'Sesi terbanyak',
    busiestHours: 'Jam tersibuk',
    totalRow: 'Jumlah',
    otherRows: (n: string) => `Lainnya (${n})`,
    /** What a usage row keyed '-' holds: traffic the rollups could not put in a router, dusun or plan. */
    ungrouped: {
      router: 'Titik akses yang sudah dihapus',
      dusun: 'Tanpa dusun (tamu voucher, lembaga)',
      plan: 'Tanpa paket warga (tamu voucher, lembaga)',
    } as Partial<Record<string, string>>,
  },
  health: { up: 'menyala', down: 'mati', unknown: 'belum diketahui' } as Record<string, string>,
  title: {
    coverage: 'Jangkauan warga',
    coverageGrowth: 'Pertumbuhan pendaftaran',
    usage: 'Pemakaian internet',
    usageChart: 'Data diunduh',
    heatMap: 'Jam sibuk (jam × hari)',
    accessPoints: 'Titik akses',
    quota: 'Akun yang kuota hariannya habis',
    rejects: 'Login ditolak menurut alasan',
    monthly: (month: string) => `Laporan Wi-Fi Desa bulan ${month}`,
  },
  export: { csv: 'Unduh CSV', xlsx: 'Unduh Excel (XLSX)', pdf: 'Unduh PDF', print: 'Cetak' },
  chart: {
    dataTable: 'Data grafik',
    noData: 'Belum ada data untuk periode ini.',
    legendLow: 'sepi',
    legendHigh: 'ramai',
  },
  note: {
    accessPointsShown: (shown: string, total: string) =>
      `Ditampilkan ${shown} dari ${total} titik akses: yang mati lebih dulu, lalu yang paling ramai pada jam puncak. Daftar lengkap ada di unduhan CSV dan XLSX.`,
    smallCell: 'Angka kurang dari 5 ditulis "< 5" agar tidak ada warga yang dapat dikenali.',
    coverageBase:
      'Warga dewasa: warga aktif di data kependudukan yang sudah cukup umur untuk mendaftar. KK: kartu keluarga.',
    downloadIs: 'Unduh = data yang dikirim router ke HP warga.',
    topOnly: (n: string) =>
      `Halaman ini menampilkan ${n} teratas menurut unduhan dan sisanya dalam satu baris; daftar lengkap ada di CSV dan XLSX.`,
    countingTitle: 'Sedang dihitung',
    counting:
      'Jumlah perangkat dan warga untuk rentang ini sedang dihitung di latar belakang (datanya besar). Unduhan, unggahan, sesi dan jumlah keseluruhan sudah lengkap. Halaman ini dimuat ulang sendiri; bila belum, muat ulang halaman sebentar lagi.',
    countingExport:
      'Jumlah perangkat dan warga untuk rentang ini sedang dihitung di latar belakang (datanya besar). Unduh lagi berkas ini sebentar lagi; halaman laporannya menampilkan kapan angkanya siap.',
    countedAt: (when: string) =>
      `Jumlah perangkat dan warga per baris dihitung ${when}; rentang ini mencakup hari ini atau kemarin, jadi angkanya dihitung ulang berkala.`,
    countedTime: (day: string | null, time: string) => (day ? `${day} pukul ${time}` : `pukul ${time}`),
    backToReport: 'Kembali ke laporan pemakaian',
  },
  // WARGANET_VILLAGE_NAME usually already says "Desa …" (or "Kelurahan …"): never "Pemerintah Desa Desa …".
  header: (village: string) =>
    namesItsKind(village) ? `Pemerintah ${village}` : `Pemerintah Desa ${village}`,
  summary: {
    reach: (registered: string, residents: string, pct: string) =>
      `Wi-Fi desa sudah dipakai ${registered} dari ${residents} warga dewasa${pct === '–' ? '' : ` (${pct})`}.`,
    households: (connected: string, households: string, pct: string) =>
      `${connected} dari ${households} keluarga (KK) punya sedikitnya satu anggota yang terdaftar${pct === '–' ? '' : ` (${pct})`}.`,
    usage: (down: string, sessions: string, residents: string) =>
      `Bulan ini warga mengunduh ${down} dalam ${sessions} sesi, oleh ${residents} warga.`,
    change: (pct: string, more: boolean) =>
      more
        ? `Itu ${pct} lebih banyak daripada bulan sebelumnya.`
        : `Itu ${pct} lebih sedikit daripada bulan sebelumnya.`,
    same: 'Itu sama dengan bulan sebelumnya.',
    noPrevious: 'Bulan sebelumnya belum ada data untuk dibandingkan.',
    busiest: (day: string, hour: string) => `Waktu paling ramai: hari ${day} sekitar pukul ${hour}.`,
    uptime: (name: string, pct: string) => `Titik akses ${name} menyala ${pct} dari waktu yang terpantau.`,
    moreAccessPoints: (shown: string, total: string) =>
      `Tabel titik akses memuat ${shown} dari ${total} titik akses (yang mati lebih dulu, lalu yang paling ramai); daftar lengkap ada di unduhan CSV dan XLSX halaman Titik Akses.`,
    moreUsageRows: (by: string, shown: string, total: string) =>
      `Tabel pemakaian ${by} memuat ${shown} dari ${total} baris dengan unduhan terbanyak; daftar lengkap ada di unduhan CSV dan XLSX halaman Pemakaian.`,
    newRegistrations: (n: string) => `Pendaftaran baru bulan ini: ${n}.`,
  },
  signature: {
    place: (village: string, date: string) => `${village}, ${date}`,
    role: 'Kepala Desa',
    name: '(.................................)',
  },
  generated: (at: string) => `Dibuat otomatis oleh Warganet pada ${at}.`,
};

export type ReportMessages = typeof id;
