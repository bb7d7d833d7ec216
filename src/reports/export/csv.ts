// A report table as CSV (RFC 4180, UTF-8 with a BOM so Excel reads the dusun names right). Raw numbers, not
// formatted ones, so a spreadsheet can sum them; a cell that a spreadsheet would run as a formula is defused.
import { type CellValue, type ColumnKind, exportLabel, type ReportTable } from '../tables.js';

function csvCell(v: CellValue, kind?: ColumnKind): string {
  if (v === null) return '';
  // A share to four places (0.9823, i.e. 98.23 %), not the float's sixteen digits.
  if (typeof v === 'number') return String(kind === 'ratio' ? Number(v.toFixed(4)) : v);
  // "=cmd|…", "+1+1", "@SUM(…)": spreadsheet formula injection (CWE-1236). "< 5" and "-" stay as they are.
  const text = /^[=+@\t\r]/.test(v) || /^-[^\s]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: ReportTable): string {
  const row = (r: readonly CellValue[]) => r.map((v, i) => csvCell(v, table.columns[i]?.kind));
  const lines = [table.columns.map((c) => csvCell(exportLabel(c))), ...table.rows.map(row)];
  if (table.totals) lines.push(row(table.totals));
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
