// `warganet residents import FILE`: loads the OpenSID penduduk export into the roster. The file is read here and
// handed to the service as bytes; output shows masked numbers only, never a NIK or KK number.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { ImportStage, ImportSummary, RowRejection, RowWarning } from '../../services/roster-import.js';
import type { CliContext } from '../context.js';
import { CliError } from '../io.js';

interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
  partial?: boolean;
}

const JSON_HELP = `
Keluaran --json (satu objek):
  {
    "added": number,        penduduk baru
    "updated": number,      penduduk yang datanya berubah (termasuk yang aktif kembali)
    "deactivated": number,  penduduk aktif yang kini tidak aktif: tidak ada di berkas (impor penuh)
                            atau status_dasar bukan 1
    "warnings": [ { "row": number, "code": string, "message": string } ],
                            satu entri per peringatan; row = nomor baris di lembar kerja (judul = baris 1);
                            code: outside-kecamatan | temporary-nik | sex-mismatch | sex-unreadable |
                                  birth-date-unreadable | kk-level-unreadable
    "rejected": [ { "row": number, "reason": string } ]
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
    .addHelpText('after', JSON_HELP)
    .action(async (file: string, opts: ImportOptions) => {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'ENOENT'
            ? `berkas tidak ditemukan: ${file}`
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
          ...(bar ? { onProgress: bar.update } : {}),
        })
        .finally(() => bar?.done());
      if (!result.ok) {
        for (const r of result.rejected) ctx.io.stderr.write(`  baris ${r.row}: ${r.reason}\n`);
        app.logger.warn({ file: basename(file), reason: result.reason }, 'roster import refused');
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
      if (opts.json) {
        ctx.printJson({
          added: s.added,
          updated: s.updated,
          deactivated: s.deactivated,
          warnings: s.warnings,
          rejected: s.rejected,
        });
      } else {
        for (const line of summaryLines(basename(file), s)) ctx.print(line);
      }
    });
}

function summaryLines(file: string, s: ImportSummary): string[] {
  const source = s.sheet === undefined ? 'CSV' : `lembar "${s.sheet}"`;
  const lines = [
    `${s.dryRun ? 'Uji coba impor' : 'Impor'} data penduduk ${file} (${source}, ${s.rows} baris, ${s.full ? 'impor penuh' : 'impor sebagian'})`,
    `  ditambahkan    : ${s.added}`,
    `  diperbarui     : ${s.updated}`,
    `  dinonaktifkan  : ${s.deactivated}`,
    `  peringatan     : ${s.warnings.length}`,
    ...warningLines(s.warnings),
    `  ditolak        : ${s.rejected.length}`,
    ...rejectionLines(s.rejected),
  ];
  if (s.dryRun) lines.push('Uji coba: tidak ada yang disimpan.');
  return lines;
}

/** Grouped by kind, since a village where many moved in has hundreds of the same warning. */
function warningLines(warnings: RowWarning[]): string[] {
  const byCode = new Map<string, { message: string; rows: number[] }>();
  for (const w of warnings) {
    const group = byCode.get(w.code) ?? { message: w.message, rows: [] };
    group.rows.push(w.row);
    byCode.set(w.code, group);
  }
  return [...byCode.values()].map((g) => `    ${g.message} (${g.rows.length}): baris ${g.rows.join(', ')}`);
}

function rejectionLines(rejected: RowRejection[]): string[] {
  return rejected.map((r) => `    baris ${r.row}: ${r.reason}`);
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
