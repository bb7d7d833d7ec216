// A report table as CSV (RFC 4180, UTF-8 with a BOM so Excel reads the dusun names right). Raw numbers, not
// formatted ones, so a spreadsheet can sum them; a cell that a spreadsheet would run as a formula is defused.
// Written straight as bytes (byte-pieces.ts), as the XLSX sheet is: a regency's 9,000 access points built as a
// string per number, a string per line and one joined string (then encoded again for the response) took about
// three times as long.
import { type CellValue, type ColumnKind, exportLabel, type ReportTable } from '../tables.js';
import { BytePieces } from './byte-pieces.js';

/** A text cell's characters that need a look: a formula's first character, a quote, a comma or a line break. */
const NEEDS_LOOK = /^[=+@\t\r-]|[",\r\n]/;
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const COMMA = 44;
const LINE_END = new Uint8Array([13, 10]);

/** A text cell as written: most names need nothing; "< 5" and "-" stay as they are. */
function csvText(v: string): string {
  if (!NEEDS_LOOK.test(v)) return v;
  // "=cmd|…", "+1+1", "@SUM(…)": spreadsheet formula injection (CWE-1236).
  const text = /^[=+@\t\r]/.test(v) || /^-[^\s]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Whether `text` is ASCII (then written a byte a character, without the UTF-8 encoder's call). */
function ascii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

function writeCell(out: BytePieces, v: CellValue | undefined, kind: ColumnKind | undefined): void {
  if (v === null || v === undefined) return;
  if (typeof v === 'number') {
    // A share to four places (0.9823, i.e. 98.23 %), not the float's sixteen digits.
    const n = kind === 'ratio' ? Number(v.toFixed(4)) : v;
    if (Number.isSafeInteger(n) && n >= 0) out.digits(n);
    else out.ascii(String(n));
    return;
  }
  const text = csvText(v);
  if (ascii(text)) out.ascii(text);
  else out.text(text);
}

/** The CSV file's bytes, the BOM first. */
export function csvBytes(table: ReportTable): Uint8Array<ArrayBuffer> {
  const kinds = table.columns.map((c) => c.kind);
  const out = new BytePieces(64 * 1024);
  const row = (cells: readonly CellValue[], labels = false) => {
    for (let i = 0; i < cells.length; i++) {
      if (i) out.byte(COMMA);
      writeCell(out, cells[i], labels ? 'text' : kinds[i]);
    }
    out.bytes(LINE_END);
  };
  out.bytes(BOM);
  row(table.columns.map(exportLabel), true);
  for (const cells of table.rows) row(cells);
  if (table.totals) row(table.totals);
  return out.joined();
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The CSV as text (its BOM kept). */
export const toCsv = (table: ReportTable): string => decoder.decode(csvBytes(table));
