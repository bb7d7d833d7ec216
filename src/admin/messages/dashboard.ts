// The dashboard's words. Indonesian first; English of the same shape.
import type { Catalogue } from '../../web/messages/common.js';

const id = {
  heading: 'Dasbor',
  updated: (time: string) => `Diperbarui ${time}; halaman ini memperbarui diri tiap 30 detik.`,
  routers: 'Router',
  routersUpDown: (up: number, down: number) => `${up} hidup · ${down} mati`,
  routersUnknown: (n: number) => `${n} belum pernah dicek`,
  liveSessions: 'Sesi aktif sekarang',
  dataToday: 'Data hari ini',
  downUp: (down: string, up: string) => `unduh ${down} · unggah ${up}`,
  registrationsToday: 'Pendaftaran hari ini',
  pending: 'Menunggu persetujuan',
  pendingLink: 'Lihat daftarnya',
  rejects: 'Login ditolak, 1 jam terakhir',
  failedJobs: 'Pekerjaan router gagal',
  failedJobsLink: 'Buka halaman router untuk mencoba lagi',
  routerTable: 'Keadaan router',
  colName: 'Nama',
  colStatus: 'Keadaan',
  colContact: 'Kontak terakhir',
  colSessions: 'Sesi aktif',
  health: { up: 'hidup', down: 'mati', unknown: 'belum dicek' } as Record<string, string>,
  never: 'belum pernah',
  moreRouters: (n: number) => `${n} router lain hidup (tidak ditampilkan).`,
  allRouters: 'Lihat semua router',
  noRouters: 'Belum ada router. Tambahkan router di halaman Router.',
  firstSteps: 'Langkah awal',
  firstStepsIntro: 'Wi-Fi desa siap dipakai warga setelah langkah-langkah ini selesai.',
  stepDone: 'selesai',
  stepTodo: 'belum',
  steps: {
    roster: ['Impor data penduduk dari OpenSID', 'Buka Data warga'],
    plan: ['Buat paket (kecepatan, kuota, jumlah HP)', 'Buka Paket'],
    router: ['Tambahkan router MikroTik', 'Buka Router'],
    provision: ['Siapkan setiap router (uji coba, lalu terapkan)', 'Buka Router'],
    portalUrl: [
      'Atur alamat portal: WARGANET_PUBLIC_URL di berkas .env (mis. http://10.5.50.2:8080), lalu mulai ulang',
      '',
    ],
  } as Record<string, readonly [string, string]>,
  rejectTable: 'Alasan penolakan, 1 jam terakhir',
  colReason: 'Alasan',
  colCount: 'Jumlah',
  noRejects: 'Tidak ada login yang ditolak dalam satu jam terakhir.',
  jobTable: 'Pekerjaan router yang gagal (terbaru)',
  colRouter: 'Router',
  colKind: 'Pekerjaan',
  colAttempts: 'Percobaan',
  colError: 'Kesalahan terakhir',
  colWhen: 'Waktu',
  jobKinds: { 'plan-push': 'kirim paket ke router' } as Record<string, string>,
  storageHeading: 'Penyimpanan bermasalah',
  storageProblem: {
    disk_full:
      'Disk server penuh. Catatan pemakaian Wi-Fi belum bisa disimpan; router akan terus mengirim ulang sampai ada ruang. Hapus berkas yang tidak perlu (misalnya cadangan lama) agar pulih sendiri.',
    read_only:
      'Basis data hanya bisa dibaca. Catatan pemakaian belum bisa disimpan; router akan terus mengirim ulang. Periksa kartu SD/disk server (bisa rusak) atau izin berkas data.',
    unreachable:
      'Basis data tidak bisa dihubungi. Catatan pemakaian belum bisa disimpan; router akan terus mengirim ulang. Periksa layanan PostgreSQL.',
    write_failed:
      'Menulis ke basis data gagal. Catatan pemakaian belum bisa disimpan; router akan terus mengirim ulang. Lihat log server.',
  } as Record<string, string>,
  storageKeepsWorking: 'Perangkat yang sudah terdaftar tetap bisa masuk.',
  storageSince: (ago: string) => `Sejak ${ago}.`,
  oldKey: {
    heading: 'Kunci rahasia lama masih disimpan',
    pins: (n: string) =>
      `Kunci lama masih dipakai oleh ${n} PIN warga; akan dihapus otomatis setelah semua PIN diperbarui.`,
    pinsHow:
      'PIN diperbarui sendiri saat warganya masuk lagi di portal. Tidak mau menunggu? Beri "PIN baru" di halaman warga, atau hapus semua PIN lama sekaligus: warganet key forget-old-pins',
    residents: (n: string) => `Indeks NIK/KK ${n} warga aktif juga masih dengan kunci lama.`,
    residentsHow:
      'Pindahkan dengan: warganet key reindex --roster BERKAS (ekspor penduduk OpenSID terbaru), atau impor data penduduk lengkap.',
    onlyResidents: 'Kunci lama akan dihapus otomatis setelah indeks NIK/KK semua warga aktif dipindahkan.',
    why: 'Selama kunci lama masih ada, salinan basis data yang bocor bersama kunci itu masih bisa dicocokkan dengan NIK tebakan. Rincian: warganet key status',
  },
};

export type DashboardMessages = typeof id;

const en: DashboardMessages = {
  heading: 'Dashboard',
  updated: (time: string) => `Updated ${time}; this page refreshes itself every 30 seconds.`,
  routers: 'Routers',
  routersUpDown: (up: number, down: number) => `${up} up · ${down} down`,
  routersUnknown: (n: number) => `${n} never checked`,
  liveSessions: 'Live sessions now',
  dataToday: 'Data today',
  downUp: (down: string, up: string) => `download ${down} · upload ${up}`,
  registrationsToday: 'Registrations today',
  pending: 'Waiting for approval',
  pendingLink: 'See the list',
  rejects: 'Logins refused, last hour',
  failedJobs: 'Failed router jobs',
  failedJobsLink: 'Open the routers page to retry',
  routerTable: 'Routers',
  colName: 'Name',
  colStatus: 'Status',
  colContact: 'Last contact',
  colSessions: 'Live sessions',
  health: { up: 'up', down: 'down', unknown: 'not checked' },
  never: 'never',
  moreRouters: (n: number) => `${n} more routers are up (not shown).`,
  allRouters: 'See all routers',
  noRouters: 'No routers yet. Add one on the Routers page.',
  firstSteps: 'First steps',
  firstStepsIntro: 'The village Wi-Fi is ready for residents once these steps are done.',
  stepDone: 'done',
  stepTodo: 'to do',
  steps: {
    roster: ['Import the population roster from OpenSID', 'Open Roster'],
    plan: ['Add a plan (speed, quota, number of phones)', 'Open Plans'],
    router: ['Add a MikroTik router', 'Open Routers'],
    provision: ['Provision every router (dry run, then apply)', 'Open Routers'],
    portalUrl: [
      "Set the portal's address: WARGANET_PUBLIC_URL in the .env file (e.g. http://10.5.50.2:8080), then restart",
      '',
    ],
  } as Record<string, readonly [string, string]>,
  rejectTable: 'Why logins were refused, last hour',
  colReason: 'Reason',
  colCount: 'Count',
  noRejects: 'No login was refused in the last hour.',
  jobTable: 'Failed router jobs (latest)',
  colRouter: 'Router',
  colKind: 'Job',
  colAttempts: 'Attempts',
  colError: 'Last error',
  colWhen: 'When',
  jobKinds: { 'plan-push': 'push plans to the router' },
  storageHeading: 'Storage problem',
  storageProblem: {
    disk_full:
      "The server's disk is full. Wi-Fi usage records cannot be saved yet; the routers keep resending them until there is space. Delete files that are not needed (old backups, for instance) and it recovers by itself.",
    read_only:
      'The database is read-only. Usage records cannot be saved yet; the routers keep resending them. Check the SD card or disk of the server (it may be failing) or the permissions of the data files.',
    unreachable:
      'The database cannot be reached. Usage records cannot be saved yet; the routers keep resending them. Check the PostgreSQL service.',
    write_failed:
      'Writing to the database fails. Usage records cannot be saved yet; the routers keep resending them. See the server log.',
  },
  storageKeepsWorking: 'Devices already registered can still sign in.',
  storageSince: (ago: string) => `Since ${ago}.`,
  oldKey: {
    heading: 'The old secret key is still kept',
    pins: (n: string) =>
      `The old key is still used by ${n} residents' PINs; it is deleted by itself once every PIN is renewed.`,
    pinsHow:
      'A PIN is renewed when its resident signs in on the portal again. Not waiting? Give a "new PIN" on the resident\'s page, or clear every old PIN at once: warganet key forget-old-pins',
    residents: (n: string) => `The NIK/KK index of ${n} active residents is also still under the old key.`,
    residentsHow:
      'Move them with: warganet key reindex --roster FILE (the latest OpenSID export), or a full roster import.',
    onlyResidents: 'The old key is deleted by itself once every active resident’s NIK/KK index has moved.',
    why: 'While the old key exists, a leaked copy of the database can still be tested with it against guessed NIKs. Details: warganet key status',
  },
};

export const dashboardMessages: Catalogue<DashboardMessages> = { id, en };
