// The words provisioning uses with operators (Indonesian), in one place: what each change does and why a step
// was skipped. Secrets never appear: a changed secret is only said to be replaced.
import { parseBool } from './values.js';

const LABELS: Readonly<Record<string, string>> = {
  service: 'layanan',
  address: 'alamat server',
  secret: 'rahasia',
  'authentication-port': 'port autentikasi',
  'accounting-port': 'port accounting',
  timeout: 'batas waktu',
  'require-message-auth': 'wajib Message-Authenticator',
  accept: 'terima CoA/Disconnect',
  port: 'port',
  'use-radius': 'pakai RADIUS',
  'radius-accounting': 'accounting RADIUS',
  'login-by': 'cara login',
  'mac-auth-mode': 'mode login MAC',
  'radius-mac-format': 'format MAC',
  'html-directory': 'folder halaman login',
  'rate-limit': 'batas kecepatan (unggah/unduh)',
  'shared-users': 'perangkat bersamaan',
  'on-login': 'penanda Warganet',
  disabled: 'nonaktif',
  target: 'target',
  'max-limit': 'batas (unggah/unduh)',
  'dst-host': 'host',
  'dst-address': 'alamat',
  'dst-port': 'port',
  protocol: 'protokol',
  action: 'tindakan',
};

const BOOL_PROPS = new Set(['use-radius', 'radius-accounting', 'disabled', 'accept']);

function shown(prop: string, value: string | undefined): string {
  if (prop === 'secret') return '••••';
  if (value === undefined || value === '') return '(kosong)';
  if (BOOL_PROPS.has(prop)) {
    const b = parseBool(value);
    if (b !== undefined) return b ? 'ya' : 'tidak';
  }
  return value;
}

const label = (prop: string) => LABELS[prop] ?? prop;

export const msg = {
  radiusClient: (address: string) => `klien RADIUS hotspot (server ${address})`,
  radiusIncoming: () => 'penerimaan CoA/Disconnect (/radius incoming)',
  hotspotProfile: (name: string) => `profil hotspot ${name}`,
  walledGardenHttp: (host: string) => `walled garden HTTP untuk ${host}`,
  walledGardenIp: (host: string, port: string) => `walled garden IP untuk ${host} port ${port}`,
  userProfile: (name: string) => `profil pengguna ${name}`,
  uplink: (name: string) => `antrean uplink ${name}`,

  add(what: string, props: Readonly<Record<string, string>>, hide: readonly string[] = []): string {
    const parts = Object.entries(props)
      .filter(([k]) => k !== 'comment' && k !== 'name' && !hide.includes(k))
      .map(([k, v]) => `${label(k)} ${shown(k, v)}`);
    return parts.length ? `Tambah ${what}: ${parts.join(', ')}` : `Tambah ${what}`;
  },
  set(
    what: string,
    before: Readonly<Record<string, string>>,
    after: Readonly<Record<string, string>>,
  ): string {
    const parts = Object.entries(after).map(([k, v]) =>
      k === 'secret' ? 'rahasia diganti' : `${label(k)} ${shown(k, before[k])} → ${shown(k, v)}`,
    );
    return `Ubah ${what}: ${parts.join('; ')}`;
  },
  remove: (what: string) => `Hapus ${what} (dibuat Warganet, tidak diperlukan lagi)`,
  fetch: (file: string, url: string, dst: string) => `Unduh halaman ${file} dari ${url} ke ${dst}`,

  otherRadius: (address: string) =>
    `Ada klien RADIUS hotspot lain (server ${address}) yang bukan buatan Warganet; tidak diubah. ` +
    'Router bertanya ke server yang menjawab lebih dulu: hapus atau nonaktifkan jika tidak dipakai lagi.',
  noMessageAuth: (version: string, router: string) =>
    `RouterOS ${version} di bawah 7.15 tidak mengirim Message-Authenticator, padahal Warganet mewajibkannya ` +
    'untuk router ini: semua login dari router ini akan dibuang. Perbarui RouterOS ke 7.15 atau lebih baru ' +
    `(disarankan, melindungi dari BlastRADIUS), atau jalankan: warganet router set ${router} ` +
    '--no-require-message-auth',
  noPortal: () => 'WARGANET_PUBLIC_URL belum diatur: walled garden dan halaman login tidak disiapkan.',
  profileMissing: (name: string) =>
    `Profil hotspot ${name} (dari data router) tidak ada di router; tidak diubah.`,
  serverMissing: (name: string) =>
    `Hotspot server ${name} (dari data router) tidak ada di router; tidak diubah.`,
  manyServers: (names: readonly string[]) =>
    `Router punya beberapa hotspot server (${names.join(', ')}): sebutkan yang dipakai di data router.`,
  noServer: (profile: string) =>
    `Belum ada hotspot server di router. Profil hotspot ${profile} sudah disiapkan: jalankan "/ip hotspot setup" ` +
    `lalu pilih profil ${profile} untuk server itu.`,
  foreignUserProfile: (name: string) =>
    `Profil pengguna ${name} sudah ada tetapi bukan buatan Warganet; tidak diubah. ` +
    'Ganti nama profil paketnya, atau hapus profil itu di router lalu jalankan lagi.',
  foreignQueue: (name: string) =>
    `Antrean ${name} sudah ada tetapi bukan buatan Warganet; batas uplink tidak dipasang.`,
  localUsersKept: (users: number, profiles: number) =>
    `${users} pengguna lokal hotspot (/ip/hotspot/user, misalnya voucher Mikhmon)` +
    (profiles > 0 ? ` dan ${profiles} profil pengguna yang bukan buatan Warganet` : '') +
    ' tidak diubah dan tetap bisa dipakai: router memeriksa pengguna lokalnya lebih dulu, baru bertanya ke ' +
    'RADIUS Warganet, dan halaman login Warganet tetap punya formulir nama pengguna dan kata sandi. ' +
    'Voucher Mikhmon yang sudah dicetak tetap berlaku; Mikhmon tetap bisa membuat voucher baru.',
  oldPagesKept: (dir: string, ours: string) =>
    `Halaman login lama di folder ${dir} tidak dihapus; profil hotspot memakai folder ${ours}. ` +
    'Untuk kembali ke halaman lama, ubah folder halaman login profil itu.',
  noUplinkTarget: () =>
    'Batas uplink tidak dipasang: belum ada hotspot server yang antarmukanya bisa dibatasi.',
};
