// A report table as an XLSX workbook, through write-excel-file's universal entry (no `node:` module, so the
// Worker can make it too): numbers stay numbers, shares get a percent format, the header row is bold.
import writeXlsxFile from 'write-excel-file/universal';
import { type CellValue, type ColumnKind, exportLabel, type ReportTable } from '../tables.js';

const FORMATS: Partial<Record<ColumnKind, string>> = { ratio: '0.0%', bytes: '#,##0', count: '#,##0' };

function cell(v: CellValue, kind: ColumnKind) {
  if (v === null) return null;
  if (typeof v === 'number') return { value: v, type: Number, format: FORMATS[kind] };
  return { value: v, type: String };
}

export async function toXlsx(table: ReportTable): Promise<Uint8Array> {
  const header = table.columns.map((c) => ({
    value: exportLabel(c),
    type: String,
    fontWeight: 'bold' as const,
  }));
  const body = table.rows.map((r) => r.map((v, i) => cell(v, table.columns[i]?.kind ?? 'text')));
  const totals = table.totals
    ? [
        table.totals.map((v, i) => ({
          ...cell(v, table.columns[i]?.kind ?? 'text'),
          fontWeight: 'bold' as const,
        })),
      ]
    : [];
  // The sheet name: Excel allows 31 characters and no []:*?/\.
  const sheet = table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  // biome-ignore lint/suspicious/noExplicitAny: the library's cell union is wider than its published types say
  const blob = await writeXlsxFile([header, ...body, ...totals] as any, {
    sheet,
    columns: table.columns.map((c) => ({ width: c.kind === 'text' ? 28 : 16 })),
  }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
