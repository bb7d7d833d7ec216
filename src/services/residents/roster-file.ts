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

/** A file that turns out unreadable part way through (a CSV's unbalanced quote, no data rows at all). */
export class RosterFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Some records of the file, and how far through it they reach (0..1), for a progress bar. */
export interface RosterChunk {
  readonly records: RosterRecord[];
  readonly fraction: number;
}

export type RosterStream =
  | {
      ok: true;
      format: 'xlsx' | 'csv';
      sheet: string | undefined;
      /** The records, a few thousand at a time; throws RosterFileError when the file is bad further in. */
      chunks: AsyncIterable<RosterChunk>;
    }
  | { ok: false; reason: string };

/** Rows parsed at once: a regency-size file is read a slice at a time, so its rows never all exist at once. */
export const CHUNK_ROWS = 500;

/**
 * Opens the file for reading in chunks. The caller gives the event loop a turn between chunks (the service's
 * `pause`), so a 300,000-row file never holds the server still; only the parsed records of one chunk are alive.
 */
export async function openRosterFile(bytes: Uint8Array, chunkRows = CHUNK_ROWS): Promise<RosterStream> {
  if (bytes.length === 0) return fail('berkas kosong');
  const kind = sniff(bytes);
  if (kind === 'xls')
    return fail('berkas .xls (Excel 97–2003) tidak didukung: simpan ulang sebagai .xlsx atau .csv');
  if (kind === 'binary') return fail('bukan berkas .xlsx atau .csv');
  let source: RowSource;
  let sheet: string | undefined;
  if (kind === 'xlsx') {
    // The .xlsx reader has no incremental mode: the sheet is parsed whole, then handed out in chunks.
    const grid = await readXlsxGrid(bytes);
    if (!grid.ok) return grid;
    sheet = grid.sheet;
    source = arrayRows(grid.rows, chunkRows);
  } else source = csvRows(decodeText(bytes), chunkRows);
  const first = source.next();
  if (!first.ok) return first;
  const header = (first.rows[0] ?? []).map((c) => cellText(c).toLowerCase());
  const where = sheet === undefined ? '' : ` di lembar "${sheet}"`;
  const index = new Map<RosterColumn, number>();
  for (const name of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) {
    const at = header.indexOf(name);
    if (at >= 0) index.set(name, at);
  }
  if (!index.has('nik'))
    return fail(`bukan data penduduk OpenSID: kolom "nik" tidak ada di baris judul${where}`);
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) return fail(`kolom wajib tidak ada${where}: ${missing.join(', ')}`);

  async function* chunks(): AsyncGenerator<RosterChunk> {
    let batch: RowBatch = first;
    let rowNumber = 0;
    let seen = 0;
    while (true) {
      if (!batch.ok) throw new RosterFileError(batch.reason);
      const records: RosterRecord[] = [];
      let ended = false;
      for (const cells of batch.rows) {
        rowNumber++;
        if (rowNumber === 1) continue; // the header
        if (cellText(cells[1] ?? null) === END_MARKER) {
          ended = true;
          break;
        }
        if (cells.every((c) => cellText(c) === '')) continue;
        const byName = new Map<RosterColumn, Cell>();
        for (const [name, at] of index) byName.set(name, cells[at] ?? null);
        records.push({ row: rowNumber, cells: byName });
      }
      seen += records.length;
      const last = ended || batch.last;
      if (last && seen === 0) throw new RosterFileError(`tidak ada baris data penduduk${where}`);
      if (records.length > 0 || last) yield { records, fraction: last ? 1 : batch.fraction };
      if (last) return;
      batch = source.next();
    }
  }
  return { ok: true, format: kind, sheet, chunks: chunks() };
}

/** The whole file's records at once (small files, tests); the import reads with openRosterFile. */
export async function readRosterFile(bytes: Uint8Array): Promise<RosterFileResult> {
  const stream = await openRosterFile(bytes);
  if (!stream.ok) return stream;
  const records: RosterRecord[] = [];
  try {
    for await (const chunk of stream.chunks) records.push(...chunk.records);
  } catch (err) {
    if (err instanceof RosterFileError) return fail(err.reason);
    throw err;
  }
  return { ok: true, table: { format: stream.format, sheet: stream.sheet, records } };
}

type RowBatch = { ok: true; rows: Cell[][]; fraction: number; last: boolean } | { ok: false; reason: string };
interface RowSource {
  next(): RowBatch;
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

function arrayRows(rows: Cell[][], chunkRows: number): RowSource {
  let at = 0;
  return {
    next() {
      const slice = rows.slice(at, at + chunkRows);
      at += chunkRows;
      const fraction = Math.min(1, at / Math.max(1, rows.length));
      return { ok: true, rows: slice, fraction, last: at >= rows.length };
    },
  };
}

/**
 * The CSV a slice of lines at a time: each slice ends at a line break outside quotes (found by the rules
 * csv-parse follows: a quote opens a field only at its start, `""` inside is a quote, and with relaxed quotes a
 * quote not followed by a separator or line end stays part of the field), and is parsed on its own.
 */
function csvRows(text: string, chunkRows: number): RowSource {
  const delimiter = guessDelimiter(text);
  const sep = delimiter.charCodeAt(0);
  let at = 0;
  let linesBefore = 0;
  return {
    next() {
      const { end, lines } = sliceEnd(text, at, chunkRows, sep);
      let rows: string[][];
      try {
        rows = parseCsv(text.slice(at, end), {
          bom: at === 0,
          delimiter,
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: false,
        }) as string[][];
      } catch (err) {
        const line = (err as { lines?: number }).lines;
        const near = line ? ` (sekitar baris ${linesBefore + line})` : '';
        return fail(`berkas CSV tidak bisa dibaca${near}: tanda kutip tidak seimbang?`);
      }
      at = end;
      linesBefore += lines;
      return { ok: true, rows, fraction: at / Math.max(1, text.length), last: at >= text.length };
    },
  };
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where the slice starting at `from` ends: after `lines` line breaks outside quoted fields, or at the end. */
function sliceEnd(text: string, from: number, lines: number, sep: number): { end: number; lines: number } {
  let fieldStart = true;
  let quoted = false;
  let count = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c !== QUOTE) continue;
      const next = text.charCodeAt(i + 1);
      if (next === QUOTE) i++;
      else if (next === sep || next === LF || next === CR || Number.isNaN(next)) quoted = false;
      continue;
    }
    if (c === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === sep) fieldStart = true;
    else if (c === LF) {
      fieldStart = true;
      if (++count === lines) return { end: i + 1, lines: count };
    } else fieldStart = false;
  }
  return { end: text.length, lines: count };
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
