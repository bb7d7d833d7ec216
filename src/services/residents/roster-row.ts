// One roster row as OpenSID would read it: normalised values, the checks that reject it, and the warnings that
// only flag it. Problems are reported in Indonesian and never quote a NIK or KK number.
import { checkKk } from '../../domain/kk.js';
import { checkNik, maskNik, normalizeIdNumber } from '../../domain/nik.js';
import { type Cell, cellText, type RosterRecord } from './roster-file.js';

export type RowWarningCode =
  | 'outside-kecamatan'
  | 'temporary-nik'
  | 'sex-mismatch'
  | 'sex-unreadable'
  | 'birth-date-unreadable'
  | 'kk-level-unreadable';

/** Operator-facing text for each warning code. */
export const ROW_WARNING_MESSAGES: Record<RowWarningCode, string> = {
  'outside-kecamatan': 'NIK pertama terdaftar di luar kecamatan desa ini',
  'temporary-nik': 'NIK sementara OpenSID (belum ada NIK Dukcapil)',
  'sex-mismatch': 'jenis kelamin di kolom sex berbeda dengan yang tersirat di NIK',
  'sex-unreadable': 'kolom sex tidak dikenali; jenis kelamin diambil dari NIK',
  'birth-date-unreadable':
    'kolom tanggallahir tidak terbaca atau bukan tanggal yang ada; dipakai tanggal dari NIK',
  'kk-level-unreadable': 'kolom kk_level tidak dikenali; dikosongkan',
};

export interface RosterEntry {
  readonly row: number;
  readonly nik: string;
  readonly kk: string;
  readonly name: string;
  readonly sex: 1 | 2 | null;
  readonly birthDate: string | null;
  readonly dusun: string;
  readonly rw: string;
  readonly rt: string;
  readonly kkLevel: number | null;
  readonly statusDasar: number;
  readonly warnings: RowWarningCode[];
}

export type RowOutcome =
  | { ok: true; entry: RosterEntry }
  /** `nik` is set when the NIK itself was valid, so the resident is known to be in the file. */
  | {
      ok: false;
      row: number;
      reason: string;
      nik: string | undefined;
      /** For the clerk's report: who the row is about, and its NIK masked (never in clear). */
      name: string;
      nikMasked: string;
    };

export interface RowContext {
  readonly today: Date;
  readonly villageCode: string;
}

export function parseRosterRow(record: RosterRecord, ctx: RowContext): RowOutcome {
  const get = (name: Parameters<RosterRecord['cells']['get']>[0]): Cell => record.cells.get(name) ?? null;
  const problems: string[] = [];
  const warnings: RowWarningCode[] = [];

  const nikText = normalizeIdNumber(cellText(get('nik')));
  const nik = checkNik(digitsOnly(get('nik')), { today: ctx.today, villageCode: ctx.villageCode });
  // Stripping non-digits would turn a typed letter O for 0 into a 15-digit NIK and a puzzling length error.
  const hasLetter = /\p{L}/u.test(nikText);
  if (hasLetter) problems.push('NIK berisi huruf');
  else if (!nik.ok) problems.push(nik.reason);
  const kk = checkKk(digitsOnly(get('no_kk')), { today: ctx.today });
  if (!kk.ok) problems.push(kk.reason);
  const name = cellText(get('nama')).replace(/\s+/g, ' ');
  if (name === '') problems.push('nama kosong');
  const statusText = cellText(get('status_dasar'));
  const statusDasar = parseStatusDasar(statusText);
  if (statusDasar === undefined)
    problems.push(
      statusText === '' ? 'status_dasar kosong' : 'status_dasar tidak dikenal (1, 2, 3, 4, 6 atau 9)',
    );

  if (!nik.ok || hasLetter || !kk.ok || problems.length > 0 || statusDasar === undefined)
    return {
      ok: false,
      row: record.row,
      reason: problems.join('; '),
      nik: nik.ok && !hasLetter ? nik.nik : undefined,
      name,
      nikMasked: maskNik(nikText),
    };

  for (const w of nik.warnings) if (w === 'outside-kecamatan' || w === 'temporary-nik') warnings.push(w);

  const sexText = cellText(get('sex'));
  let sex: 1 | 2 | null = nik.sex;
  if (sexText !== '') {
    const parsed = parseSex(sexText);
    if (parsed === undefined) warnings.push('sex-unreadable');
    else {
      if (nik.sex !== null && parsed !== nik.sex) warnings.push('sex-mismatch');
      sex = parsed;
    }
  }

  let birthDate = nik.birthDate;
  const birthCell = get('tanggallahir');
  if (cellText(birthCell) !== '') {
    const parsed = parseRosterDate(birthCell, ctx.today);
    if (parsed === undefined) warnings.push('birth-date-unreadable');
    else birthDate = parsed;
  }

  let kkLevel: number | null = null;
  const levelText = cellText(get('kk_level'));
  if (levelText !== '') {
    kkLevel = parseKkLevel(levelText) ?? null;
    if (kkLevel === null) warnings.push('kk-level-unreadable');
  }

  return {
    ok: true,
    entry: {
      row: record.row,
      nik: nik.nik,
      kk: kk.kk,
      name,
      sex,
      birthDate,
      dusun: normalizeDusun(cellText(get('dusun'))),
      rw: cellText(get('rw')) || '-',
      rt: cellText(get('rt')) || '-',
      kkLevel,
      statusDasar,
      warnings,
    },
  };
}

/** OpenSID strips every non-digit: Disdukcapil files carry invisible characters and apostrophes. */
function digitsOnly(cell: Cell): string {
  return cellText(cell).replace(/\D/g, '');
}

/** As OpenSID: upper case, '_' as space, without a leading "DUSUN "; empty becomes '-' as in its export. */
export function normalizeDusun(text: string): string {
  const upper = text.toUpperCase().replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  return upper.replace(/^DUSUN\s+/, '') || '-';
}

const SEX_WORDS: Record<string, 1 | 2> = {
  '1': 1,
  L: 1,
  LK: 1,
  LAKILAKI: 1,
  PRIA: 1,
  '2': 2,
  P: 2,
  PR: 2,
  PEREMPUAN: 2,
  WANITA: 2,
};

export function parseSex(text: string): 1 | 2 | undefined {
  return SEX_WORDS[text.toUpperCase().replace(/[\s\-_.]/g, '')];
}

const STATUS_DASAR: Record<string, number> = {
  HIDUP: 1,
  MATI: 2,
  PINDAH: 3,
  HILANG: 4,
  PERGI: 6,
  TIDAKVALID: 9,
};

export function parseStatusDasar(text: string): number | undefined {
  const key = text.toUpperCase().replace(/\s+/g, '');
  if (/^\d+$/.test(key)) return [1, 2, 3, 4, 6, 9].includes(Number(key)) ? Number(key) : undefined;
  return STATUS_DASAR[key];
}

const KK_LEVELS = [
  'KEPALAKELUARGA',
  'SUAMI',
  'ISTRI',
  'ANAK',
  'MENANTU',
  'CUCU',
  'ORANGTUA',
  'MERTUA',
  'FAMILILAIN',
  'PEMBANTU',
  'LAINNYA',
];

export function parseKkLevel(text: string): number | undefined {
  const key = text.toUpperCase().replace(/[\s\-_]/g, '');
  if (/^\d+$/.test(key)) {
    const n = Number(key);
    return n >= 1 && n <= KK_LEVELS.length ? n : undefined;
  }
  const at = KK_LEVELS.indexOf(key);
  return at >= 0 ? at + 1 : undefined;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A birth date as OpenSID accepts it: a Date cell, an Excel serial number, dd-mm-YYYY, dd/mm/YYYY or YYYY-MM-DD
 * (a time after the date is ignored). Undefined when unreadable, not a real date, or after today.
 */
export function parseRosterDate(cell: Cell, today: Date): string | undefined {
  let y: number;
  let m: number;
  let d: number;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    [y, m, d] = [cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()];
  } else {
    const text = cellText(cell);
    const dmy = text.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$/);
    const ymd = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/);
    if (/^\d{1,6}(\.\d+)?$/.test(text)) {
      const t = new Date(EXCEL_EPOCH_MS + Math.floor(Number(text)) * DAY_MS);
      [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
    } else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    else if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    else return undefined;
  }
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  if (y < 1900 || t.getTime() > today.getTime()) return undefined;
  return t.toISOString().slice(0, 10);
}
