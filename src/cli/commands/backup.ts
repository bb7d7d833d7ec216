// `warganet backup [FILE]` and `warganet restore FILE` (SQLite; PostgreSQL has pg_dump/pg_restore, which these
// commands name). See src/ops/ for the file format and the checks.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { migrationProvider } from '../../../db/migrations/index.js';
import type { Config } from '../../config.js';
import { writeBackup } from '../../ops/backup-file.js';
import { sealKey } from '../../ops/key-seal.js';
import { RestoreRefused, restoreBackup } from '../../ops/restore.js';
import { INDEX_KEY_FILE, readKeyFile, SECRET_KEY_FILE } from '../../secret-key-file.js';
import type { CliContext } from '../context.js';
import { CliError } from '../io.js';
import { packageVersion } from '../version.js';

const PG_DUMP =
  'basis data ini PostgreSQL: cadangkan dengan pg_dump, misalnya\n' +
  '  pg_dump --format=custom --file=warganet-$(date +%F).dump "$WARGANET_DATABASE_URL"\n' +
  'dan pulihkan (server dihentikan) dengan\n' +
  '  pg_restore --clean --if-exists --no-owner --dbname="$WARGANET_DATABASE_URL" warganet-TANGGAL.dump\n' +
  'Simpan juga kunci rahasia (WARGANET_SECRET_KEY atau data/secret.key): tanpa kunci itu cadangan tidak berguna.';

function sqliteFile(config: Config): string {
  if (config.databaseUrl) throw new CliError(PG_DUMP);
  const file = join(config.dataDir, 'warganet.db');
  if (!existsSync(file))
    throw new CliError(`belum ada basis data Warganet di ${resolve(config.dataDir)} (warganet.db tidak ada)`);
  return file;
}

function compactStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * The passphrase from WARGANET_BACKUP_PASSPHRASE; else typed at the terminal without being shown (twice when
 * `confirm`, since a typo nobody saw would lock the key away); else, for scripts, the first line piped in.
 */
async function passphrase(ctx: CliContext, config: Config, confirm: boolean): Promise<string> {
  if (config.backupPassphrase) return config.backupPassphrase;
  const ask = ctx.io.readSecret;
  let first: string;
  if (ask) {
    first = (await ask('Frasa sandi cadangan (tidak ditampilkan): ')).trim();
  } else {
    first = (await ctx.io.readStdin())?.split(/\r?\n/)[0]?.trim() ?? '';
    if (!first)
      throw new CliError(
        'frasa sandi diperlukan: isi WARGANET_BACKUP_PASSPHRASE, kirim lewat stdin, atau jalankan di terminal',
      );
  }
  if (confirm && first.length < 10) throw new CliError('frasa sandi terlalu pendek (minimal 10 karakter)');
  if (confirm && ask && (await ask('Ulangi frasa sandi: ')).trim() !== first)
    throw new CliError('kedua frasa sandi tidak sama');
  return first;
}

export function registerBackup(program: Command, ctx: CliContext): void {
  program
    .command('backup')
    .description('mencadangkan basis data (SQLite) selagi server berjalan')
    .argument('[file]', 'berkas tujuan (bawaan: data/backups/warganet-TANGGAL-JAM.wgbak)')
    .option('--with-key', 'sertakan kunci rahasia, dikunci dengan frasa sandi (WARGANET_BACKUP_PASSPHRASE)')
    .option('--json', 'keluaran JSON')
    .action(async (file: string | undefined, opts: { withKey?: boolean; json?: boolean }) => {
      const config = ctx.config();
      const source = sqliteFile(config);
      const out = file ?? join(config.dataDir, 'backups', `warganet-${compactStamp(new Date())}.wgbak`);
      let key = null;
      if (opts.withKey) {
        const keyHex =
          config.secretKeyHex ?? readFileSync(join(config.dataDir, SECRET_KEY_FILE), 'utf8').trim();
        // After a key rotation the NIK index and PINs are under the kept index key: it travels too.
        const indexHex = readKeyFile(join(config.dataDir, INDEX_KEY_FILE));
        key = await sealKey(indexHex ? `${keyHex}:${indexHex}` : keyHex, await passphrase(ctx, config, true));
      }
      const manifest = await writeBackup({ sqliteFile: source, out, warganetVersion: packageVersion(), key });
      if (opts.json) {
        ctx.printJson({ file: out, ...manifest, key: manifest.key !== null });
        return;
      }
      ctx.print(`Cadangan ditulis: ${out}`);
      ctx.print(
        `  skema ${manifest.schema}; ${Object.entries(manifest.counts)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      );
      ctx.print(`  sha256 ${manifest.sha256}`);
      if (manifest.key)
        ctx.print('  Kunci rahasia ikut di dalamnya, dikunci frasa sandi. Jangan lupakan frasa sandinya.');
      else
        ctx.print(
          `PENTING: cadangan ini TIDAK berisi kunci rahasia. Simpan juga ${join(config.dataDir, SECRET_KEY_FILE)} ` +
            (existsSync(join(config.dataDir, INDEX_KEY_FILE)) ? `dan ${INDEX_KEY_FILE} ` : '') +
            '(atau WARGANET_SECRET_KEY) di tempat lain: tanpa kunci itu rahasia router dan perangkat serta pencarian ' +
            'NIK tidak bisa dipulihkan. (Atau buat cadangan dengan --with-key.)',
        );
    });

  program
    .command('restore')
    .description('memulihkan basis data dari cadangan (server harus dihentikan dulu)')
    .argument('<file>', 'berkas cadangan .wgbak')
    .option('--json', 'keluaran JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const config = ctx.config();
      if (config.databaseUrl) throw new CliError(PG_DUMP);
      if (!existsSync(file)) throw new CliError(`berkas tidak ada: ${file}`);
      try {
        const outcome = await restoreBackup({
          dataDir: config.dataDir,
          file,
          knownMigrations: Object.keys(await migrationProvider.getMigrations()),
          envKeyHex: config.secretKeyHex,
          passphrase: () => passphrase(ctx, config, false),
        });
        if (opts.json) {
          ctx.printJson({
            ...outcome,
            manifest: { ...outcome.manifest, key: outcome.manifest.key !== null },
          });
          return;
        }
        ctx.print(
          `Dipulihkan dari ${file} (dibuat ${outcome.manifest.createdAt}, skema ${outcome.manifest.schema}).`,
        );
        if (outcome.keptAside) ctx.print(`Basis data sebelumnya disimpan di ${outcome.keptAside}`);
        if (outcome.keyRestored) ctx.print('Kunci rahasia dari cadangan dipasang di data/secret.key.');
        ctx.print(
          'Jalankan server lagi (sudo systemctl start warganet); migrasi yang kurang diterapkan saat mulai.',
        );
      } catch (err) {
        if (err instanceof RestoreRefused) throw new CliError(`pemulihan ditolak: ${err.message}`);
        throw err;
      }
    });
}
