// Words of the sign-in's second step, the first-admin setup page, and the user's own account (password, 2FA).
import type { Catalogue } from '../../web/messages/common.js';

const id = {
  code: {
    title: 'Kode verifikasi',
    heading: 'Verifikasi dua langkah',
    intro: 'Buka aplikasi autentikator di ponsel Anda lalu ketik kode 6 angka untuk Warganet.',
    code: 'Kode 6 angka atau kode pemulihan',
    hint: 'Ponsel hilang? Ketik salah satu kode pemulihan (contoh ABCDE-FGH23). Setiap kode hanya berlaku sekali.',
    submit: 'Verifikasi',
    recoveryUsed: 'Anda masuk dengan kode pemulihan. Kode itu tidak berlaku lagi.',
  },
  setup: {
    title: 'Penyiapan pertama',
    heading: 'Buat admin pertama',
    intro:
      'Warganet belum punya admin. Buat akun admin pertama di sini. Tautan ini hanya bisa dipakai sekali.',
    needed:
      'Warganet belum disiapkan. Buka tautan penyiapan yang dicetak server saat dijalankan (lihat log).',
    dead: 'Tautan penyiapan ini tidak berlaku: sudah dipakai, diganti saat server dijalankan ulang, atau admin sudah ada.',
    username: 'Nama pengguna admin',
    usernameHint: 'Huruf kecil, angka, titik, garis bawah atau tanda hubung; 3–32 karakter.',
    password: 'Kata sandi',
    passwordHint: (n: number) => `Minimal ${n} karakter. Jangan pakai kata sandi yang sama dengan akun lain.`,
    repeat: 'Ulangi kata sandi',
    submit: 'Buat admin',
    done: 'Admin pertama dibuat. Silakan masuk.',
  },
  account: {
    title: 'Akun saya',
    who: (name: string, role: string) => `Anda masuk sebagai ${name} (${role}).`,
    passwordHeading: 'Ganti kata sandi',
    current: 'Kata sandi sekarang',
    password: 'Kata sandi baru',
    repeat: 'Ulangi kata sandi baru',
    passwordHint: (n: number) => `Minimal ${n} karakter. Sesi Anda di perangkat lain akan berakhir.`,
    change: 'Ganti kata sandi',
    changed: 'Kata sandi diganti. Sesi di perangkat lain sudah diakhiri.',
    twoFactorHeading: 'Verifikasi dua langkah',
    twoFactorOn: (left: number) => `Aktif. Sisa kode pemulihan: ${left}.`,
    twoFactorOff:
      'Belum aktif. Dengan verifikasi dua langkah, kata sandi yang bocor saja tidak cukup untuk masuk.',
    twoFactorLost:
      'Ponsel hilang atau kode pemulihan habis? Minta admin lain mengatur ulang verifikasi dua langkah Anda.',
    enrol: 'Aktifkan verifikasi dua langkah',
  },
  enrol: {
    title: 'Aktifkan verifikasi dua langkah',
    required:
      'Admin wajib memakai verifikasi dua langkah di desa ini. Aktifkan dulu sebelum membuka halaman lain.',
    step1:
      '1. Pasang aplikasi autentikator di ponsel (misalnya Google Authenticator, Microsoft Authenticator atau Aegis).',
    step2: '2. Di aplikasi, pilih tambah akun lalu pindai kode QR ini.',
    qrLabel: 'Kode QR untuk aplikasi autentikator',
    keyText: 'Tidak bisa memindai? Ketik kunci ini di aplikasi (jenis: berbasis waktu):',
    step3: '3. Ketik kode 6 angka yang muncul di aplikasi.',
    code: 'Kode 6 angka',
    submit: 'Aktifkan',
    already: 'Verifikasi dua langkah sudah aktif.',
    codesTitle: 'Kode pemulihan',
    codesIntro:
      'Verifikasi dua langkah aktif. Simpan 10 kode pemulihan ini (tulis di kertas atau cetak) di tempat aman. Setiap kode bisa dipakai sekali bila ponsel hilang. Kode ini tidak akan ditampilkan lagi.',
    print: 'Cetak',
    continue: 'Sudah saya simpan, lanjut',
  },
};

export type AccountMessages = typeof id;

const en: AccountMessages = {
  code: {
    title: 'Verification code',
    heading: 'Two-step verification',
    intro: 'Open the authenticator app on your phone and type the 6-digit code for Warganet.',
    code: '6-digit code or recovery code',
    hint: 'Lost your phone? Type one of your recovery codes (like ABCDE-FGH23). Each works once.',
    submit: 'Verify',
    recoveryUsed: 'You signed in with a recovery code. That code no longer works.',
  },
  setup: {
    title: 'First setup',
    heading: 'Create the first admin',
    intro: 'Warganet has no admin yet. Create the first admin account here. This link works once.',
    needed:
      'Warganet is not set up yet. Open the setup link the server printed when it started (see the log).',
    dead: 'This setup link no longer works: it was used, replaced when the server restarted, or an admin exists.',
    username: 'Admin user name',
    usernameHint: 'Lower-case letters, digits, dot, underscore or hyphen; 3–32 characters.',
    password: 'Password',
    passwordHint: (n: number) => `At least ${n} characters. Do not reuse a password from another account.`,
    repeat: 'Repeat the password',
    submit: 'Create admin',
    done: 'The first admin was created. Please sign in.',
  },
  account: {
    title: 'My account',
    who: (name: string, role: string) => `You are signed in as ${name} (${role}).`,
    passwordHeading: 'Change password',
    current: 'Current password',
    password: 'New password',
    repeat: 'Repeat the new password',
    passwordHint: (n: number) => `At least ${n} characters. Your sessions on other devices will end.`,
    change: 'Change password',
    changed: 'Password changed. Sessions on other devices were ended.',
    twoFactorHeading: 'Two-step verification',
    twoFactorOn: (left: number) => `On. Recovery codes left: ${left}.`,
    twoFactorOff: 'Off. With two-step verification a leaked password alone is not enough to sign in.',
    twoFactorLost:
      'Lost your phone or out of recovery codes? Ask another admin to reset your two-step verification.',
    enrol: 'Turn on two-step verification',
  },
  enrol: {
    title: 'Turn on two-step verification',
    required: 'Admins must use two-step verification in this village. Turn it on before opening other pages.',
    step1:
      '1. Install an authenticator app on your phone (e.g. Google Authenticator, Microsoft Authenticator or Aegis).',
    step2: '2. In the app, add an account and scan this QR code.',
    qrLabel: 'QR code for the authenticator app',
    keyText: 'Cannot scan? Type this key into the app (type: time-based):',
    step3: '3. Type the 6-digit code the app shows.',
    code: '6-digit code',
    submit: 'Turn on',
    already: 'Two-step verification is already on.',
    codesTitle: 'Recovery codes',
    codesIntro:
      'Two-step verification is on. Keep these 10 recovery codes (write them down or print them) somewhere safe. Each works once if you lose your phone. They will not be shown again.',
    print: 'Print',
    continue: 'I have kept them, continue',
  },
};

export const accountMessages: Catalogue<AccountMessages> = { id, en };
