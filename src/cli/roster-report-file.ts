// `residents import --report FILE`: the problem rows of an import as a sheet the village clerk hands back to
// whoever keeps OpenSID (rejected rows, warnings, residents who lose access). NIKs appear masked only.
import { writeFile } from 'node:fs/promises';
import writeExcelFile from 'write-excel-file/node';
import type { ImportSummary } from '../services/residents/roster-import.js';
import { CliError } from './io.js';

const HEADER = ['baris', 'nama', 'nik (disamarkan)', 'jenis', 'keterangan'] as const;

type ReportRow = [row: number | null, name: string, nikMasked: string, kind: string, detail: string];

export function reportFormat(path: string): 'xlsx' | 'csv' {
  const lower = path.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv')) return 'csv';
  throw new CliError(`--report: nama berkas harus berakhiran .xlsx atau .csv: ${path}`);
}

export function reportRows(s: ImportSummary): ReportRow[] {
  return [
    ...s.rejected.map((r): ReportRow => [r.row, r.name, r.nikMasked, 'ditolak', r.reason]),
    ...s.warnings.map((w): ReportRow => [w.row, w.name, w.nikMasked, 'peringatan', w.message]),
    ...s.deactivatedResidents.map(
      (d): ReportRow => [
        null,
        d.name,
        d.nikMasked,
        'dinonaktifkan',
        `${d.why === 'missing' ? 'tidak ada di berkas' : 'status_dasar bukan HIDUP'}; dusun ${d.dusun}` +
          (d.hadWifi ? '; akun Wi-Fi-nya berhenti' : ''),
      ],
    ),
  ].sort((a, b) => (a[0] ?? Number.MAX_SAFE_INTEGER) - (b[0] ?? Number.MAX_SAFE_INTEGER));
}

export async function writeImportReport(path: string, s: ImportSummary): Promise<number> {
  const rows = reportRows(s);
  const bytes = reportFormat(path) === 'xlsx' ? await toXlsx(rows) : toCsv(rows);
  try {
    await writeFile(path, bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'galat';
    throw new CliError(`--report: berkas tidak bisa ditulis: ${path} (${code})`);
  }
  return rows.length;
}

async function toXlsx(rows: ReportRow[]): Promise<Buffer> {
  const text = (value: string) => ({ value, type: String });
  const data = [
    HEADER.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })),
    ...rows.map(([row, ...rest]) => [row === null ? null : { value: row, type: Number }, ...rest.map(text)]),
  ];
  return writeExcelFile([{ sheet: 'Masalah impor', data }]).toBuffer();
}

/** Semicolons, a BOM and CRLF: what Excel in an Indonesian locale opens without an import wizard. */
function toCsv(rows: ReportRow[]): Buffer {
  const field = (c: string | number | null) => {
    // A cell starting with = + - @ would run as a formula when the clerk opens the file in Excel.
    const s = c === null ? '' : String(c).replace(/^[=+\-@]/, "'$&");
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [HEADER, ...rows].map((r) => r.map(field).join(';'));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}
