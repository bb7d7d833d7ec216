// The operating system's and the database driver's failures as one Indonesian line for an operator: what is
// wrong and what to do, with the code in brackets for searching. Anything unknown keeps its own message.

interface SystemError {
  readonly code?: unknown;
  readonly syscall?: unknown;
  readonly port?: unknown;
  readonly address?: unknown;
  readonly path?: unknown;
  readonly message?: unknown;
}

const PORT_SETTINGS =
  'WARGANET_HTTP_PORT, WARGANET_RADIUS_AUTH_PORT atau WARGANET_RADIUS_ACCT_PORT di berkas .env';

export function describeSystemError(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as SystemError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (!code) return undefined;
  const port = typeof e.port === 'number' ? e.port : undefined;
  const path = typeof e.path === 'string' ? e.path : undefined;
  const listening = e.syscall === 'listen' || e.syscall === 'bind' || port !== undefined;
  switch (code) {
    case 'EADDRINUSE':
      return (
        `port ${port ?? '?'} sudah dipakai program lain (EADDRINUSE): hentikan program itu (mungkin Warganet ` +
        `lain yang masih berjalan: cek dengan "ss -lunpt"), atau pilih port lain (${PORT_SETTINGS})`
      );
    case 'EADDRNOTAVAIL':
      return (
        `alamat ${String(e.address ?? '?')} bukan milik komputer ini (EADDRNOTAVAIL): periksa ` +
        'WARGANET_HTTP_HOST dan WARGANET_RADIUS_HOST (0.0.0.0 berarti semua alamat)'
      );
    case 'EACCES':
    case 'EPERM':
      if (listening)
        return (
          `port ${port ?? '?'} tidak boleh dipakai pengguna ini (${code}): port di bawah 1024 butuh izin root ` +
          `atau CAP_NET_BIND_SERVICE; atau pilih port di atas 1024 (${PORT_SETTINGS})`
        );
      return `tidak ada izin membuka ${path ?? 'berkas'} (${code}): periksa pemilik dan izin berkas/folder itu`;
    case 'ENOENT':
      return `tidak ditemukan: ${path ?? '?'} (ENOENT)`;
    case 'EISDIR':
      return `${path ?? 'itu'} adalah folder, bukan berkas (EISDIR)`;
    case 'ENOTDIR':
      return `${path ?? 'itu'} bukan folder (ENOTDIR): periksa WARGANET_DATA_DIR`;
    case 'ENOSPC':
      return 'disk penuh (ENOSPC): kosongkan ruang disk server lalu coba lagi';
    case 'EROFS':
      return `${path ?? 'folder data'} hanya bisa dibaca (EROFS): pakai folder data yang bisa ditulis`;
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENOTFOUND':
      return (
        `server PostgreSQL tidak bisa dihubungi (${code}): pastikan servernya berjalan dan alamat di ` +
        'WARGANET_DATABASE_URL benar'
      );
    case '3D000':
      return 'basis data di WARGANET_DATABASE_URL tidak ada (3D000): buat dulu dengan createdb, lalu warganet init';
    case '28P01':
    case '28000':
      return `PostgreSQL menolak pengguna atau sandinya (${code}): periksa WARGANET_DATABASE_URL`;
    case 'SQLITE_CANTOPEN':
      return 'berkas basis data SQLite tidak bisa dibuka (SQLITE_CANTOPEN): periksa WARGANET_DATA_DIR dan izinnya';
    case 'SQLITE_BUSY':
      return 'basis data sedang dikunci program lain (SQLITE_BUSY): coba lagi sebentar lagi';
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return `berkas warganet.db rusak atau bukan basis data (${code}): pulihkan dari cadangan`;
    default:
      return undefined;
  }
}
