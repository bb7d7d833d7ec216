// Reads an OpenSID penduduk export (.xlsx or .csv) from its bytes into numbered records keyed by column name.
// Only web-standard APIs and the universal builds of the parsers, so it runs on Node and on Workers alike.
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/universal';

export type Cell = string | boolean | Date | null;

/** A data row: its spreadsheet row number (the header is row 1) and its cells by lower-case column name. */
export interface RosterRecord {
  readonly row: number;
  readonly cells: ReadonlyMap<RosterColumn, Cell>;
}

export interface RosterTable {
  readonly format: 'xlsx' | 'csv';
  /** The sheet read, for .xlsx. */
  readonly sheet: string | undefined;
  readonly records: RosterRecord[];
}

export type RosterFileResult = { ok: true; table: RosterTable } | { ok: false; reason: string };

export const REQUIRED_COLUMNS = ['nik', 'no_kk', 'nama', 'dusun', 'rw', 'rt', 'status_dasar'] as const;
export const OPTIONAL_COLUMNS = ['sex', 'tanggallahir', 'kk_level'] as const;
export type RosterColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const ROSTER_SHEET = 'data penduduk';
/** OpenSID stops reading at a row whose column B holds this marker. */
const END_MARKER = '###';

export async function readRosterFile(bytes: Uint8Array): Promise<RosterFileResult> {
  if (bytes.length === 0) return fail('berkas kosong');
  const kind = sniff(bytes);
  if (kind === 'xls')
    return fail('berkas .xls (Excel 97–2003) tidak didukung: simpan ulang sebagai .xlsx atau .csv');
  if (kind === 'binary') return fail('bukan berkas .xlsx atau .csv');
  const grid = kind === 'xlsx' ? await readXlsxGrid(bytes) : readCsvGrid(bytes);
  if (!grid.ok) return grid;
  return toTable(kind, grid.sheet, grid.rows);
}

type Grid = { ok: true; sheet: string | undefined; rows: Cell[][] } | { ok: false; reason: string };

async function readXlsxGrid(bytes: Uint8Array): Promise<Grid> {
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // Numbers come back as their digit strings: a 16-digit NIK stored as a number must not be rounded.
    sheets = (await readXlsxFile(buffer, { parseNumber: (s: string) => s })) as unknown as typeof sheets;
  } catch {
    return fail('berkas .xlsx rusak atau bukan lembar kerja Excel');
  }
  const chosen = sheets.find((s) => s.sheet.trim().toLowerCase() === ROSTER_SHEET) ?? sheets[0];
  if (!chosen) return fail('berkas .xlsx tidak berisi lembar kerja');
  return { ok: true, sheet: chosen.sheet, rows: chosen.data };
}

function readCsvGrid(bytes: Uint8Array): Grid {
  const text = decodeText(bytes);
  try {
    const rows = parseCsv(text, {
      bom: true,
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
    return { ok: true, sheet: undefined, rows };
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return fail(
      `berkas CSV tidak bisa dibaca${line ? ` (sekitar baris ${line})` : ''}: tanda kutip tidak seimbang?`,
    );
  }
}

function toTable(format: 'xlsx' | 'csv', sheet: string | undefined, rows: Cell[][]): RosterFileResult {
  const where = sheet === undefined ? '' : ` di lembar "${sheet}"`;
  const header = (rows[0] ?? []).map((c) => cellText(c).toLowerCase());
  const index = new Map<RosterColumn, number>();
  for (const name of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) {
    const at = header.indexOf(name);
    if (at >= 0) index.set(name, at);
  }
  if (!index.has('nik'))
    return fail(`bukan data penduduk OpenSID: kolom "nik" tidak ada di baris judul${where}`);
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) return fail(`kolom wajib tidak ada${where}: ${missing.join(', ')}`);

  const records: RosterRecord[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    if (cellText(cells[1] ?? null) === END_MARKER) break;
    if (cells.every((c) => cellText(c) === '')) continue;
    const byName = new Map<RosterColumn, Cell>();
    for (const [name, at] of index) byName.set(name, cells[at] ?? null);
    records.push({ row: i + 1, cells: byName });
  }
  if (records.length === 0) return fail(`tidak ada baris data penduduk${where}`);
  return { ok: true, table: { format, sheet, records } };
}

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

function sniff(bytes: Uint8Array): 'xlsx' | 'xls' | 'csv' | 'binary' {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0x50 && at(1) === 0x4b && at(2) === 0x03 && at(3) === 0x04) return 'xlsx';
  if (at(0) === 0xd0 && at(1) === 0xcf && at(2) === 0x11 && at(3) === 0xe0) return 'xls';
  // Text files carry no NUL bytes (a UTF-16 export does, and is not what OpenSID writes).
  const head = bytes.subarray(0, 8192);
  return head.includes(0) ? 'binary' : 'csv';
}

/** UTF-8 (with or without BOM); a file saved by Excel as "CSV" on Windows is Windows-1252, read as Latin-1. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return s;
  }
}

// Both separators are common (Excel in an Indonesian locale writes ';'). The header row names columns only, so
// counting separators there is reliable, and a single delimiter keeps a comma inside an address from splitting it.
function guessDelimiter(text: string): ',' | ';' {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
