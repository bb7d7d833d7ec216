// A report table as CSV (RFC 4180, UTF-8 with a BOM so Excel reads the dusun names right). Raw numbers, not
// formatted ones, so a spreadsheet can sum them; a cell that a spreadsheet would run as a formula is defused.
import { type CellValue, exportLabel, type ReportTable } from '../tables.js';

function csvCell(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  // "=cmd|…", "+1+1", "@SUM(…)": spreadsheet formula injection (CWE-1236). "< 5" and "-" stay as they are.
  const text = /^[=+@\t\r]/.test(v) || /^-[^\s]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => csvCell(exportLabel(c))), ...table.rows.map((r) => r.map(csvCell))];
  if (table.totals) lines.push(table.totals.map(csvCell));
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
