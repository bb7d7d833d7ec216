// NIK (Nomor Induk Kependudukan) structure checks: PP RR SS DDMMYY NNNN, women's day + 40. Pure: the caller
// passes today's date and the village code. A reason never repeats the NIK, so it is safe to log and print.
import { isMinor } from './account-rules.js';

export type NikWarning =
  /** First registered in another kecamatan (moved in, or a pre-split code): residency comes from the roster. */
  | 'outside-kecamatan'
  /** OpenSID's "NIK sementara": '0' + 10-digit kode desa + 5-digit serial; it encodes no birth date or sex. */
  | 'temporary-nik'
  /** A child today (younger than ADULT_AGE): their data needs the head of family's consent (UU PDP Pasal 25). */
  | 'under-age';

export type NikCheck =
  | { ok: true; nik: string; birthDate: string /* YYYY-MM-DD */; sex: 1 | 2; warnings: NikWarning[] }
  // A temporary NIK is accepted (flagged) but carries no birth date or sex; `temporary` tells the two apart.
  | { ok: true; nik: string; birthDate: null; sex: null; warnings: NikWarning[]; temporary: true }
  | { ok: false; reason: string };

export interface NikCheckOptions {
  readonly today: Date;
  /** Kemendagri village code, e.g. 35.23.12.2002; enables the outside-kecamatan warning. */
  readonly villageCode?: string | undefined;
}

/** The 38 province codes (2025), including the four Papua provinces of 2022 (93–96). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15', '16', '17', '18', '19', '21'],
  ...['31', '32', '33', '34', '35', '36', '51', '52', '53'],
  ...['61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76', '81', '82'],
  ...['91', '92', '93', '94', '95', '96'],
]);

// Disdukcapil and spreadsheet exports carry separators and invisible characters (NBSP, zero-width, BOM, soft
// hyphen, bidi marks) inside the number.
const STRIPPED = /[\s.\-\u00ad\u200b-\u200f\u2010-\u2015\u2060\u2212\u202a-\u202e\ufeff]/g;

export function normalizeIdNumber(text: string): string {
  return text.replace(STRIPPED, '');
}

/** Why 16-digit text is not an ID number of the right shape, or undefined when it has that shape. */
export function shapeProblem(label: 'NIK' | 'nomor KK', normalized: string): string | undefined {
  if (normalized === '') return `${label} kosong`;
  if (!/^\d+$/.test(normalized)) return `${label} hanya boleh berisi angka`;
  if (normalized.length !== 16) return `${label} harus 16 digit (terbaca ${normalized.length} digit)`;
  return undefined;
}

/** A ddmmyy date: the year is 20yy unless that day is after today, else 19yy; or which part is wrong. */
export function resolveDdMmYy(
  dd: number,
  mm: number,
  yy: number,
  today: Date,
): { date: string } | { problem: 'month' | 'day' | 'calendar' } {
  if (mm < 1 || mm > 12) return { problem: 'month' };
  if (dd < 1 || dd > 31) return { problem: 'day' };
  const todayKey = isoDate(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate());
  const year = isoDate(2000 + yy, mm, dd) <= todayKey ? 2000 + yy : 1900 + yy;
  if (!dateExists(year, mm, dd)) return { problem: 'calendar' };
  return { date: isoDate(year, mm, dd) };
}

export function checkNik(text: string, opts: NikCheckOptions): NikCheck {
  const nik = normalizeIdNumber(text);
  const shape = shapeProblem('NIK', nik);
  if (shape) return { ok: false, reason: shape };
  const kecamatan = opts.villageCode ? villageDigits(opts.villageCode).slice(0, 6) : undefined;

  if (nik.startsWith('0')) {
    // OpenSID's temporary NIK: the embedded kode desa must at least name a real province.
    if (!PROVINCE_CODES.has(nik.slice(1, 3))) return { ok: false, reason: 'kode provinsi NIK tidak dikenal' };
    const warnings: NikWarning[] = ['temporary-nik'];
    if (kecamatan && nik.slice(1, 7) !== kecamatan) warnings.push('outside-kecamatan');
    return { ok: true, nik, birthDate: null, sex: null, warnings, temporary: true };
  }

  if (!PROVINCE_CODES.has(nik.slice(0, 2))) return { ok: false, reason: 'kode provinsi NIK tidak dikenal' };
  const rawDay = Number(nik.slice(6, 8));
  const sex: 1 | 2 = rawDay > 40 ? 2 : 1;
  const resolved = resolveDdMmYy(
    rawDay > 40 ? rawDay - 40 : rawDay,
    Number(nik.slice(8, 10)),
    Number(nik.slice(10, 12)),
    opts.today,
  );
  if ('problem' in resolved) return { ok: false, reason: NIK_DATE_REASONS[resolved.problem] };
  if (nik.slice(12) === '0000')
    return { ok: false, reason: 'nomor urut NIK (4 digit terakhir) tidak boleh 0000' };

  const warnings: NikWarning[] = [];
  if (kecamatan && nik.slice(0, 6) !== kecamatan) warnings.push('outside-kecamatan');
  if (isMinor(resolved.date, opts.today.getTime())) warnings.push('under-age');
  return { ok: true, nik, birthDate: resolved.date, sex, warnings };
}

/** For display and logs: the area prefix and the last two digits, e.g. `3523**********01`. */
export function maskNik(nik: string): string {
  const n = normalizeIdNumber(nik);
  if (n.length < 8) return '*'.repeat(n.length);
  return `${n.slice(0, 4)}${'*'.repeat(n.length - 6)}${n.slice(-2)}`;
}

const NIK_DATE_REASONS = {
  month: 'bulan lahir pada NIK tidak valid (harus 01–12)',
  day: 'tanggal lahir pada NIK tidak valid (harus 01–31, atau 41–71 untuk perempuan)',
  calendar: 'tanggal lahir pada NIK tidak ada di kalender',
} as const;

function villageDigits(code: string): string {
  return code.replace(/\D/g, '');
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dateExists(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
