// A report table as CSV (RFC 4180, UTF-8 with a BOM so Excel reads the dusun names right). Raw numbers, not
// formatted ones, so a spreadsheet can sum them; a cell that a spreadsheet would run as a formula is defused.
import { type CellValue, type ColumnKind, exportLabel, type ReportTable } from '../tables.js';

/** A text cell's characters that need a look: a formula's first character, a quote, a comma or a line break. */
const NEEDS_LOOK = /^[=+@\t\r-]|[",\r\n]/;

function csvCell(v: CellValue, kind?: ColumnKind): string {
  if (v === null || v === undefined) return '';
  // A share to four places (0.9823, i.e. 98.23 %), not the float's sixteen digits.
  if (typeof v === 'number') return String(kind === 'ratio' ? Number(v.toFixed(4)) : v);
  // Most names need nothing: one test, then the rules below only for the few that might.
  if (!NEEDS_LOOK.test(v)) return v;
  // "=cmd|…", "+1+1", "@SUM(…)": spreadsheet formula injection (CWE-1236). "< 5" and "-" stay as they are.
  const text = /^[=+@\t\r]/.test(v) || /^-[^\s]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: ReportTable): string {
  const kinds = table.columns.map((c) => c.kind);
  // Each line built as one string and the lines joined once: 9,000 access points × 9 cells as arrays of cells
  // joined twice cost about twice as much.
  const row = (r: readonly CellValue[]) => {
    let line = '';
    for (let i = 0; i < r.length; i++) line += i ? `,${csvCell(r[i]!, kinds[i])}` : csvCell(r[i]!, kinds[i]);
    return line;
  };
  const lines = [table.columns.map((c) => csvCell(exportLabel(c))).join(',')];
  for (const r of table.rows) lines.push(row(r));
  if (table.totals) lines.push(row(table.totals));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
