// The portal's words in Indonesian (the default). Plain language for a resident on a phone: short sentences,
// no jargon, the next step always said. en.ts mirrors every key.

export interface NoticeFacts {
  readonly village: string;
  readonly contact: string;
  readonly sessionDays: number;
}

export const id = {
  lang: 'id',
  otherLang: 'English',
  otherLangCode: 'en',
  title: (village: string) => `Wi-Fi ${village}`,
  tagline: 'Internet gratis untuk warga desa',

  welcome: {
    heading: 'Internet gratis untuk warga desa',
    intro:
      'Daftar sekali dengan NIK dan nomor Kartu Keluarga (KK). Setelah itu HP Anda tersambung sendiri, tanpa kata sandi Wi-Fi.',
    register: 'Daftar (pertama kali)',
    registerHint: 'Siapkan KTP atau Kartu Keluarga.',
    addDevice: 'Sudah punya akun? Sambungkan HP ini',
    addDeviceHint: 'Cukup NIK dan PIN 6 angka.',
    status: 'Lihat kuota dan perangkat',
    routerError: 'Pesan dari router Wi-Fi:',
    notFromHotspot:
      'Halaman ini dibuka di luar Wi-Fi desa. Anda tetap bisa mendaftar; untuk tersambung, hubungkan HP ke Wi-Fi desa lalu buka halaman web apa saja.',
  },

  form: {
    nik: 'NIK',
    nikHint: '16 angka, ada di KTP atau Kartu Keluarga.',
    kk: 'Nomor Kartu Keluarga (KK)',
    kkHint: '16 angka di bagian atas Kartu Keluarga.',
    pin: 'Buat PIN 6 angka',
    pinHint:
      'Untuk menyambungkan HP lain nanti. Jangan pakai 123456 atau tanggal lahir. Jangan beri tahu siapa pun.',
    pinRepeat: 'Ulangi PIN',
    pinLogin: 'PIN 6 angka',
    label: 'Nama perangkat (boleh dikosongkan)',
    labelHint: 'Contoh: HP Ibu. Membantu Anda mengenali perangkat nanti.',
    consent: 'Saya sudah membaca keterangan di atas dan setuju data saya dipakai untuk layanan Wi-Fi desa.',
    guardian: 'Umur saya di bawah 18 tahun dan orang tua atau wali saya sudah setuju.',
    required: 'wajib',
    errorSummary: 'Ada yang perlu diperbaiki:',
    lockedTitle: 'Dikunci sementara',
    notice: 'Perhatian',
    backHome: 'Kembali ke halaman awal',
  },

  register: {
    heading: 'Daftar Wi-Fi desa',
    submit: 'Daftar dan sambungkan',
    noticeHeading: 'Data yang kami simpan',
    guardianHeading: 'Untuk warga di bawah 18 tahun',
    refill:
      'Demi keamanan, NIK, nomor KK dan PIN yang Anda ketik tidak ditampilkan lagi: isi ketiganya sekali lagi.',
    guardianRule: (contact: string) =>
      `Menurut UU Pelindungan Data Pribadi, pendaftaran anak perlu persetujuan orang tua atau wali. Akun aktif setelah kepala keluarga datang ke ${contact}.`,
  },

  device: {
    heading: 'Sambungkan HP ini',
    intro: 'Masukkan NIK dan PIN yang Anda buat saat mendaftar.',
    submit: 'Sambungkan HP ini',
    pinHint: (tries: number) =>
      `Setelah ${tries} kali salah, Anda harus menunggu sebentar sebelum mencoba lagi.`,
    forgotPin: (contact: string) => `Lupa PIN? Datang ke ${contact} dengan membawa KTP.`,
    noAccount: 'Belum punya akun?',
  },

  full: {
    heading: 'Batas perangkat sudah penuh',
    intro: (plan: string, allowed: number) =>
      `Paket ${plan} boleh dipakai di ${allowed} perangkat. Hapus satu perangkat lama agar HP ini bisa tersambung.`,
    lastSeen: 'Terakhir dipakai',
    unnamed: 'Perangkat tanpa nama',
    remove: (name: string) => `Hapus ${name}`,
    keep: 'Batal, jangan hapus apa pun',
  },

  status: {
    heading: 'Status Wi-Fi Anda',
    plan: 'Paket',
    speed: 'Kecepatan',
    speedValue: (down: string, up: string) => `${down} unduh · ${up} unggah`,
    quota: 'Kuota hari ini',
    used: (used: string, total: string) => `${used} dari ${total} terpakai`,
    left: (left: string) => `Sisa ${left}`,
    unlimited: 'Tanpa batas kuota harian',
    usedOnly: (used: string) => `${used} terpakai hari ini`,
    resets: (time: string) => `Kuota baru mulai pukul ${time}`,
    monthQuota: 'Kuota bulan ini',
    monthResets: (time: string, date: string) => `Direset pukul ${time} tanggal ${date}`,
    noDailyLimit: 'Tanpa batas harian; yang berlaku kuota bulanan',
    limitedByMonth: (left: string) => `Bisa dipakai sekarang: ${left}, mengikuti sisa kuota bulanan`,
    dayUsedUp: (time: string) => `Kuota hari ini habis. Kuota baru mulai pukul ${time}.`,
    monthUsedUp: (time: string, date: string) =>
      `Kuota bulanan habis. Kuota baru mulai pukul ${time} tanggal ${date}.`,
    devices: 'Perangkat',
    deviceCount: (n: number, allowed: number) => `${n} dari ${allowed} perangkat terdaftar`,
    manage: 'Kelola perangkat (perlu PIN)',
    logout: 'Putuskan HP ini dari Wi-Fi',
    unknownDevice: 'HP ini belum terdaftar di Wi-Fi desa.',
    accountPending: 'Akun Anda masih menunggu persetujuan operator desa.',
    accountSuspended: 'Akun Anda sedang dinonaktifkan. Silakan hubungi operator desa.',
    notResident: 'Data Anda tidak lagi aktif di data penduduk desa. Silakan hubungi kantor desa.',
    thisDevice: 'HP ini',
  },

  voucher: {
    heading: 'Punya kode voucher?',
    intro: 'Ketik kode dari kartu voucher. Huruf besar atau kecil sama saja.',
    label: 'Kode voucher',
    button: 'Masuk dengan voucher',
    bad: 'Kode voucher hanya berisi huruf dan angka, 6 sampai 24.',
    outside: 'Buka halaman ini lewat Wi-Fi desa',
    outsideText: 'Sambungkan HP ke Wi-Fi desa, lalu pindai kode QR atau buka halaman ini lagi.',
    openRouter: 'Buka halaman login Wi-Fi',
  },

  login: {
    heading: 'Menyambungkan…',
    intro:
      'HP Anda sedang disambungkan ke internet. Jika halaman tidak berpindah sendiri, tekan tombol di bawah.',
    button: 'Sambungkan sekarang',
  },

  outcome: {
    pendingTitle: 'Pendaftaran sedang diperiksa',
    pendingUnverified: (contact: string) =>
      `Data Anda belum bisa dicocokkan dengan data penduduk desa. Pendaftaran Anda dicatat dan menunggu pemeriksaan operator. Bawa KTP dan Kartu Keluarga ke ${contact}.`,
    pendingGuardian: (contact: string) =>
      `Pendaftaran tercatat. Karena umur Anda di bawah 18 tahun, akun aktif setelah orang tua atau wali (kepala keluarga) memberi persetujuan di ${contact}.`,
    pendingAccount: 'Akun Anda masih menunggu persetujuan operator desa. Coba lagi setelah disetujui.',
    inactiveTitle: 'Belum bisa mendaftar',
    inactive: (contact: string) =>
      `Menurut data penduduk desa, Anda tidak lagi tercatat aktif sebagai warga (misalnya pindah). Jika ini keliru, silakan ke ${contact}.`,
    tooYoung: (age: number) => `Wi-Fi desa hanya untuk warga berumur ${age} tahun ke atas.`,
    alreadyTitle: 'Anda sudah terdaftar',
    already:
      'NIK ini sudah punya akun Wi-Fi. Untuk memakai HP ini, pilih "Sambungkan HP ini" dan masukkan PIN Anda.',
    suspendedTitle: 'Akun dinonaktifkan',
    suspended: (contact: string) => `Akun Wi-Fi Anda sedang dinonaktifkan. Silakan hubungi ${contact}.`,
    registeredTitle: 'Pendaftaran berhasil',
    registeredNoMac:
      'Akun Anda sudah aktif. Untuk memakai internet: sambungkan HP ke Wi-Fi desa, buka halaman web apa saja, lalu pilih "Sudah punya akun? Sambungkan HP ini" dan masukkan NIK serta PIN Anda.',
    connectedTitle: 'NIK dan PIN benar',
    connectedNoMac:
      'Halaman ini dibuka di luar Wi-Fi desa, jadi HP ini belum tersambung. Sambungkan HP ke Wi-Fi desa, buka halaman web apa saja, lalu pilih "Sudah punya akun? Sambungkan HP ini" dan masukkan NIK serta PIN Anda lagi.',
    routerUnknownTitle: 'Router tidak dikenal',
    routerUnknown: (contact: string) =>
      `Alamat login pada tautan ini bukan milik router Wi-Fi desa, jadi HP tidak disambungkan. Buka lagi halaman web apa saja dari Wi-Fi desa. Jika tetap begini, silakan hubungi ${contact}.`,
    chapRequiredTitle: 'Hotspot belum memakai CHAP',
    chapRequired: (contact: string) =>
      `Hotspot ini tidak mengirim tantangan CHAP, jadi portal tidak bisa menyambungkan HP dengan aman. Hotspot harus memakai login CHAP; silakan hubungi ${contact}.`,
    institutionDeviceTitle: 'Perangkat milik lembaga desa',
    institutionDevice: (contact: string) =>
      `Perangkat ini terdaftar sebagai perangkat lembaga desa (sekolah, puskesmas, balai desa), jadi tidak bisa didaftarkan ke akun warga. Pakai HP Anda sendiri, atau hubungi ${contact}.`,
    noPlanTitle: 'Wi-Fi belum siap',
    noPlan: (contact: string) => `Paket Wi-Fi belum diatur oleh operator. Silakan hubungi ${contact}.`,
    expiredTitle: 'Halaman sudah kedaluwarsa',
    expired: 'Demi keamanan, formulir harus dikirim dari halaman yang baru dibuka. Silakan isi sekali lagi.',
    tryAgain: 'Isi lagi',
    sessionGone: 'Waktu untuk mengelola perangkat sudah habis. Masukkan NIK dan PIN sekali lagi.',
    removedTitle: 'Perangkat dihapus',
    notFoundTitle: 'Halaman tidak ditemukan',
    notFound: 'Alamat ini tidak ada di portal Wi-Fi desa.',
    tooLarge: 'Isian formulir terlalu panjang. Silakan isi lagi dengan data yang diminta saja.',
    badForm: 'Isian formulir tidak terbaca. Silakan buka lagi halamannya dan isi sekali lagi.',
    errorTitle: 'Maaf, ada gangguan',
    error: 'Portal sedang mengalami gangguan. Silakan coba lagi sebentar lagi.',
    busyTitle: 'Server sibuk',
    busy: (seconds: number) =>
      `Server sibuk, coba lagi dalam ${seconds} detik. Isian Anda belum diperiksa, jadi tidak dihitung sebagai percobaan salah.`,
  },

  errors: {
    'nik-empty': 'Isi NIK Anda (16 angka).',
    'nik-invalid': (detail?: string) =>
      `NIK tidak valid${detail ? `: ${detail}` : ''}. Periksa lagi 16 angka di KTP.`,
    'kk-empty': 'Isi nomor Kartu Keluarga (16 angka).',
    'kk-invalid': (detail?: string) =>
      `Nomor KK tidak valid${detail ? `: ${detail}` : ''}. Periksa lagi 16 angka di Kartu Keluarga.`,
    'pin-format': 'PIN harus tepat 6 angka.',
    'pin-sequence': 'PIN ini angka berurutan naik atau turun dan mudah ditebak. Pilih 6 angka lain.',
    'pin-repeat':
      'PIN ini berpola ulang (misalnya 111111, 121212 atau 112233) dan mudah ditebak. Pilih 6 angka lain.',
    'pin-common': 'PIN ini termasuk yang paling sering dipakai orang dan mudah ditebak. Pilih 6 angka lain.',
    'pin-nik':
      'PIN tidak boleh diambil dari NIK Anda (misalnya 6 angka awal atau akhirnya). Pilih 6 angka lain.',
    'pin-kk': 'PIN tidak boleh diambil dari nomor Kartu Keluarga. Pilih 6 angka lain.',
    'pin-birth': 'PIN tidak boleh berupa tanggal lahir Anda, dalam urutan apa pun. Pilih 6 angka lain.',
    'pin-mismatch': 'Kedua PIN tidak sama. Ketik ulang PIN yang sama.',
    'consent-required': 'Centang tanda setuju untuk melanjutkan.',
    'guardian-required': 'Untuk umur di bawah 18 tahun, orang tua atau wali harus setuju. Centang kotak ini.',
    'label-invalid': 'Nama perangkat paling panjang 40 huruf.',
    notVerified: 'NIK dan nomor KK tidak cocok dengan data penduduk desa. Periksa lagi keduanya.',
    notVerifiedHelp: (contact: string) => `Jika sudah benar tetapi tetap ditolak, silakan ke ${contact}.`,
    wrongPin: (left: number) =>
      left > 0 ? `NIK atau PIN salah. Sisa ${left} kali percobaan.` : 'NIK atau PIN salah.',
    pinLocked: (wait: string) => `Tunggu ${wait} sebelum memasukkan PIN lagi.`,
    locked: (wait: string, time: string) =>
      `Terlalu banyak percobaan yang salah. Demi keamanan, tunggu ${wait} lalu coba lagi (setelah pukul ${time}).`,
  },

  notice: {
    heading: 'Keterangan pelindungan data pribadi',
    version: 'Versi keterangan',
    kept: 'Yang disimpan',
    keptText:
      'NIK dan nomor KK dalam bentuk sandi yang tidak bisa dibaca kembali (hanya untuk mencocokkan), nama dan RT/RW dari data penduduk desa, PIN dalam bentuk sandi, alamat MAC HP Anda, dan catatan pemakaian internet (jam dan jumlah data).',
    why: 'Untuk apa',
    whyText:
      'Memastikan Wi-Fi desa dipakai oleh warga desa, membagi kecepatan dan kuota dengan adil, dan membuat laporan pemakaian untuk pemerintah desa (hanya jumlah, tanpa nama).',
    howLong: 'Berapa lama',
    howLongText: (days: number) =>
      `Selama Anda terdaftar sebagai warga dan memakai layanan ini. Catatan pemakaian dihapus setelah ${days} hari.`,
    who: 'Tanya, lihat, atau minta hapus data',
    whoText: (f: NoticeFacts) =>
      `${f.contact}. Anda bisa menarik persetujuan kapan saja; data berhenti dipakai paling lambat 3 × 24 jam.`,
    full: 'Baca keterangan lengkap',
    controller: (village: string) => `Pengendali data: Pemerintah ${village}.`,
  },

  format: {
    seconds: (n: number) => `${n} detik`,
    minutes: (n: number) => `${n} menit`,
    hours: (n: number) => `${n} jam`,
    locale: 'id-ID',
    decimal: ',',
    timeSeparator: '.',
  },
} as const;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : { readonly [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof id>;
