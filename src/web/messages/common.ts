// The words every admin and report page shares: the navigation, buttons, the sign-in page and error pages.
// Indonesian first; the English catalogue must have the same shape.
import type { Lang } from '../lang.js';

const id = {
  lang: 'id',
  otherLang: 'English',
  otherLangCode: 'en',
  product: 'Warganet',
  title: (village: string) => `Wi-Fi ${village}`,
  skip: 'Langsung ke isi',
  nav: {
    label: 'Menu utama',
    dashboard: 'Dasbor',
    residents: 'Warga',
    roster: 'Data warga',
    plans: 'Paket',
    institutions: 'Lembaga',
    routers: 'Router',
    sessions: 'Sesi',
    vouchers: 'Voucher',
    authLog: 'Log masuk',
    reports: 'Laporan',
    audit: 'Audit',
    admins: 'Pengguna',
    account: 'Akun saya',
    signOut: 'Keluar',
  },
  roles: { admin: 'Admin', operator: 'Operator', official: 'Perangkat desa' } as Record<string, string>,
  form: {
    save: 'Simpan',
    cancel: 'Batal',
    search: 'Cari',
    confirm: 'Ya, lanjutkan',
    back: 'Kembali',
    required: 'wajib diisi',
    fixBelow: 'Periksa isian yang ditandai di bawah.',
  },
  pager: {
    label: 'Halaman',
    previous: '← Sebelumnya',
    next: 'Berikutnya →',
    page: (n: number) => `Halaman ${n}`,
    more: (n: number) => `lebih dari ${n.toLocaleString('id-ID')}`,
  },
  confirm: {
    title: 'Yakin?',
    intro: 'Periksa sekali lagi sebelum melanjutkan.',
  },
  signIn: {
    title: 'Masuk',
    heading: 'Masuk ke Warganet',
    username: 'Nama pengguna',
    password: 'Kata sandi',
    submit: 'Masuk',
    signedOut: 'Anda sudah keluar.',
    expired: 'Sesi Anda berakhir. Silakan masuk lagi.',
  },
  outcome: {
    errorTitle: 'Terjadi kesalahan',
    error: (requestId: string) =>
      `Maaf, ada masalah di server. Coba lagi sebentar lagi. Bila berulang, sebutkan kode ${requestId} kepada admin.`,
    notFoundTitle: 'Halaman tidak ditemukan',
    notFound: 'Alamat ini tidak ada. Periksa tautannya atau kembali ke dasbor.',
    forbiddenTitle: 'Tidak diizinkan',
    forbidden: 'Peran Anda tidak boleh membuka halaman ini atau melakukan perubahan ini.',
    expiredFormTitle: 'Formulir kedaluwarsa',
    expiredForm:
      'Formulir ini sudah tidak berlaku (mungkin dibuka terlalu lama). Muat ulang halaman lalu coba lagi.',
    tooLarge: 'Data yang dikirim terlalu besar.',
    badForm: 'Formulir tidak terbaca. Muat ulang halaman lalu coba lagi.',
  },
};

export type CommonMessages = typeof id;

const en: CommonMessages = {
  lang: 'en',
  otherLang: 'Bahasa Indonesia',
  otherLangCode: 'id',
  product: 'Warganet',
  title: (village: string) => `${village} Wi-Fi`,
  skip: 'Skip to content',
  nav: {
    label: 'Main menu',
    dashboard: 'Dashboard',
    residents: 'Residents',
    roster: 'Roster',
    plans: 'Plans',
    institutions: 'Institutions',
    routers: 'Routers',
    sessions: 'Sessions',
    vouchers: 'Vouchers',
    authLog: 'Auth log',
    reports: 'Reports',
    audit: 'Audit',
    admins: 'Users',
    account: 'My account',
    signOut: 'Sign out',
  },
  roles: { admin: 'Admin', operator: 'Operator', official: 'Village official' },
  form: {
    save: 'Save',
    cancel: 'Cancel',
    search: 'Search',
    confirm: 'Yes, go ahead',
    back: 'Back',
    required: 'required',
    fixBelow: 'Check the fields marked below.',
  },
  pager: {
    label: 'Pages',
    previous: '← Previous',
    next: 'Next →',
    page: (n: number) => `Page ${n}`,
    more: (n: number) => `more than ${n.toLocaleString('en')}`,
  },
  confirm: {
    title: 'Are you sure?',
    intro: 'Check once more before going ahead.',
  },
  signIn: {
    title: 'Sign in',
    heading: 'Sign in to Warganet',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    signedOut: 'You are signed out.',
    expired: 'Your session ended. Please sign in again.',
  },
  outcome: {
    errorTitle: 'Something went wrong',
    error: (requestId: string) =>
      `Sorry, the server had a problem. Try again in a moment. If it keeps happening, tell the admin the code ${requestId}.`,
    notFoundTitle: 'Page not found',
    notFound: 'This address does not exist. Check the link or go back to the dashboard.',
    forbiddenTitle: 'Not allowed',
    forbidden: 'Your role may not open this page or make this change.',
    expiredFormTitle: 'Form expired',
    expiredForm:
      'This form is no longer valid (perhaps it was open too long). Reload the page and try again.',
    tooLarge: 'What was sent is too large.',
    badForm: 'The form could not be read. Reload the page and try again.',
  },
};

export const commonMessages: Readonly<Record<Lang, CommonMessages>> = { id, en };

/** A page area's catalogue: Indonesian, and English of the same shape. */
export type Catalogue<T> = Readonly<Record<Lang, T>>;
