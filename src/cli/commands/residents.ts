// `warganet residents import FILE`: loads the OpenSID penduduk export into the roster. The file is read here and
// handed to the service as bytes; output shows masked numbers only, never a NIK or KK number.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type {
  ImportStage,
  ImportSummary,
  RowRejection,
  RowWarning,
} from '../../services/residents/roster-import.js';
import type { CliContext } from '../context.js';
import { CliError } from '../io.js';
import { reportFormat, writeImportReport } from '../roster-report-file.js';

interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
  partial?: boolean;
  confirmDeactivate?: string;
  report?: string;
}

const JSON_HELP = `
Pengaman: impor penuh yang akan menonaktifkan lebih dari 10 % penduduk aktif berhenti tanpa mengubah apa pun
(mungkin berkasnya ekspor sebagian). Periksa dulu dengan --dry-run; bila memang benar, ulangi dengan
--confirm-deactivate N, dengan N persis jumlah yang disebutkan.

--report BERKAS.xlsx|.csv menulis baris bermasalah (ditolak, peringatan, dinonaktifkan) dengan NIK disamarkan,
untuk diserahkan ke pengelola OpenSID.

Keluaran --json (satu objek):
  {
    "added": number,        penduduk baru
    "updated": number,      penduduk yang datanya berubah (termasuk yang aktif kembali)
    "deactivated": number,  penduduk aktif yang kini tidak aktif: tidak ada di berkas (impor penuh)
                            atau status_dasar bukan 1
    "warnings": [ { "row": number, "code": string, "message": string, "name": string, "nikMasked": string } ],
                            satu entri per peringatan; row = nomor baris di lembar kerja (judul = baris 1);
                            code: outside-kecamatan | temporary-nik | sex-mismatch | sex-unreadable |
                                  birth-date-unreadable | kk-level-unreadable
    "rejected": [ { "row": number, "reason": string, "name": string, "nikMasked": string } ],
    "rows": number, "inactiveInRoster": number,
    "deactivatedResidents": [ { "name": string, "nikMasked": string, "dusun": string,
                                "why": "missing" | "status", "hadWifi": boolean } ]
  }
Berkas yang bukan data penduduk (tanpa kolom nik, lembar salah, bukan .xlsx/.csv, kosong) tidak mengubah apa pun
dan keluar dengan kode 1.
`;

export function registerResidents(program: Command, ctx: CliContext): void {
  const residents = program.command('residents').description('data penduduk desa (dari ekspor OpenSID)');
  residents
    .command('import')
    .description('mengimpor ekspor penduduk OpenSID (.xlsx lembar "Data Penduduk", atau .csv)')
    .argument('<file>', 'berkas .xlsx atau .csv')
    .option('--dry-run', 'hanya memeriksa dan melaporkan; tidak menyimpan apa pun')
    .option('--json', 'keluaran JSON (lihat di bawah)')
    .option('--partial', 'impor sebagian: penduduk yang tidak ada di berkas tidak dinonaktifkan')
    .option('--confirm-deactivate <n>', 'menyetujui penonaktifan sebanyak N penduduk (jumlah persisnya)')
    .option('--report <berkas>', 'tulis baris bermasalah ke BERKAS.xlsx atau .csv (NIK disamarkan)')
    .addHelpText('after', JSON_HELP)
    .action(async (file: string, opts: ImportOptions) => {
      const confirmDeactivate = parseConfirm(opts.confirmDeactivate);
      if (opts.report !== undefined) reportFormat(opts.report);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'ENOENT'
            ? `berkas tidak ditemukan: ${file}`
            : code === 'EISDIR'
              ? `${file} adalah folder, bukan berkas .xlsx atau .csv`
              : `berkas tidak bisa dibaca: ${file} (${code})`,
        );
      }
      const app = await ctx.open();
      const bar = ctx.io.stderr.isTTY && !opts.json ? progressBar(ctx.io.stderr) : undefined;
      const result = await app.services.roster
        .importRoster({
          fileName: basename(file),
          bytes,
          dryRun: opts.dryRun === true,
          partial: opts.partial === true,
          confirmDeactivate,
          ...(bar ? { onProgress: bar.update } : {}),
        })
        .finally(() => bar?.done());
      if (!result.ok) {
        app.logger.warn({ file: basename(file), reason: result.reason }, 'roster import refused');
        if (result.refusal) {
          const s = result.refusal.summary;
          const note = opts.report === undefined ? undefined : await writeReport(opts.report, s);
          if (opts.json) ctx.printJson({ refused: true, reason: result.reason, ...importJson(s) });
          else for (const line of summaryLines(basename(file), s, 'refused')) ctx.print(line);
          if (note) printNote(ctx, note, opts.json === true);
        } else {
          for (const r of result.rejected) ctx.io.stderr.write(`  baris ${r.row}: ${r.reason}\n`);
        }
        throw new CliError(`impor dibatalkan: ${result.reason}`);
      }
      const s = result.summary;
      app.logger.info(
        {
          file: basename(file),
          batchId: s.batchId,
          dryRun: s.dryRun,
          full: s.full,
          rows: s.rows,
          added: s.added,
          updated: s.updated,
          deactivated: s.deactivated,
          warnings: s.warnings.length,
          rejected: s.rejected.length,
        },
        'roster imported',
      );
      for (const r of s.rejected) app.logger.debug({ row: r.row, reason: r.reason }, 'roster row rejected');
      for (const w of s.warnings) app.logger.debug({ row: w.row, code: w.code }, 'roster row warning');
      const note = opts.report === undefined ? undefined : await writeReport(opts.report, s);
      if (opts.json) ctx.printJson(importJson(s));
      else for (const line of summaryLines(basename(file), s, s.dryRun ? 'dry-run' : 'done')) ctx.print(line);
      if (note) printNote(ctx, note, opts.json === true);
    });
}

function parseConfirm(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n))
    throw new CliError(`--confirm-deactivate: harus jumlah penduduk (bilangan bulat), bukan "${text}"`);
  return n;
}

async function writeReport(path: string, s: ImportSummary): Promise<string> {
  const n = await writeImportReport(path, s);
  return `Laporan ${n} baris bermasalah ditulis ke ${path}.`;
}

/** With --json, stdout is one JSON object: the note goes to stderr. */
function printNote(ctx: CliContext, note: string, json: boolean): void {
  if (json) ctx.io.stderr.write(`${note}\n`);
  else ctx.print(note);
}

function importJson(s: ImportSummary) {
  return {
    added: s.added,
    updated: s.updated,
    deactivated: s.deactivated,
    warnings: s.warnings,
    rejected: s.rejected,
    rows: s.rows,
    inactiveInRoster: s.inactiveInRoster,
    deactivatedResidents: s.deactivatedResidents,
  };
}

/** Names shown in full before the list is cut short; the --report file always has them all. */
const LIST_LIMIT = 30;

function summaryLines(file: string, s: ImportSummary, state: 'done' | 'dry-run' | 'refused'): string[] {
  const source = s.sheet === undefined ? 'CSV' : `lembar "${s.sheet}"`;
  const title = { done: 'Impor', 'dry-run': 'Uji coba impor', refused: 'Impor DIBATALKAN' }[state];
  const lines = [
    `${title} data penduduk ${file} (${source}, ${s.full ? 'impor penuh' : 'impor sebagian'})`,
    `  baris dibaca          : ${s.rows}`,
    `  ditambahkan           : ${s.added}`,
    `  diperbarui            : ${s.updated}`,
    `  tidak aktif di data   : ${s.inactiveInRoster} (status_dasar bukan HIDUP: meninggal, pindah, …)`,
    `  dinonaktifkan         : ${s.deactivated}`,
    `  ditolak               : ${s.rejected.length}`,
    `  peringatan            : ${s.warnings.length}`,
    ...section('Peringatan menurut jenis:', warningLines(s.warnings)),
    ...section('Baris yang ditolak (tidak diimpor, perbaiki di OpenSID):', rejectionLines(s.rejected)),
    ...section(
      state === 'done' ? 'Penduduk yang dinonaktifkan:' : 'Penduduk yang akan dinonaktifkan:',
      deactivatedLines(s),
    ),
  ];
  if (state === 'dry-run') {
    if (s.needsConfirmation)
      lines.push(
        `Perhatian: ${s.deactivated} dari ${s.activeBefore} penduduk aktif akan dinonaktifkan (lebih dari 10 %); ` +
          `impor sungguhan perlu --confirm-deactivate ${s.deactivated}.`,
      );
    lines.push('Uji coba: tidak ada yang disimpan.');
  }
  if (state === 'refused') lines.push('Tidak ada yang disimpan.');
  return lines;
}

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [title, ...lines];
}

function capped(lines: string[]): string[] {
  if (lines.length <= LIST_LIMIT) return lines;
  return [
    ...lines.slice(0, LIST_LIMIT),
    `  … dan ${lines.length - LIST_LIMIT} lagi (semuanya ada di berkas --report)`,
  ];
}

/** Grouped by kind, since a village where many moved in has hundreds of the same warning. */
function warningLines(warnings: RowWarning[]): string[] {
  const byCode = new Map<string, { message: string; rows: number[] }>();
  for (const w of warnings) {
    const group = byCode.get(w.code) ?? { message: w.message, rows: [] };
    group.rows.push(w.row);
    byCode.set(w.code, group);
  }
  return [...byCode.values()].map((g) => {
    const rows =
      g.rows.length > LIST_LIMIT ? `${g.rows.slice(0, LIST_LIMIT).join(', ')}, …` : g.rows.join(', ');
    return `  ${g.message} (${g.rows.length}): baris ${rows}`;
  });
}

function rejectionLines(rejected: RowRejection[]): string[] {
  return capped(rejected.map((r) => `  baris ${r.row}: ${r.name || '(tanpa nama)'} — ${r.reason}`));
}

function deactivatedLines(s: ImportSummary): string[] {
  return capped(
    s.deactivatedResidents.map((d) => {
      const why = d.why === 'missing' ? 'tidak ada di berkas' : 'status_dasar bukan HIDUP';
      const wifi = d.hadWifi ? 'punya Wi-Fi: ya, aksesnya berhenti' : 'punya Wi-Fi: tidak';
      return `  ${d.name} (${d.nikMasked}, dusun ${d.dusun}) — ${why}; ${wifi}`;
    }),
  );
}

const STAGE_LABELS: Record<ImportStage, string> = {
  reading: 'membaca',
  checking: 'memeriksa',
  hashing: 'mengindeks',
  saving: 'menyimpan',
};

/** One line on a terminal's stderr, redrawn in place; never written when stderr is a file or a pipe. */
function progressBar(out: NodeJS.WritableStream) {
  const width = 30;
  let last = '';
  return {
    update(stage: ImportStage, done: number, total: number) {
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const line = `${STAGE_LABELS[stage].padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
      if (line === last) return;
      last = line;
      out.write(`\r${line}`);
    },
    done() {
      if (last) out.write('\r\x1b[2K');
    },
  };
}
