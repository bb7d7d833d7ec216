// `warganet key rotate`: a new server key for the day the old one leaks (src/ops/key-rotation.ts says what it
// changes and what it cannot). The server must be stopped: it holds the old key in memory.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { migrateToLatest } from '../../../db/migrate.js';
import { openDatabase } from '../../../db/open-database.js';
import { rotateKey } from '../../ops/key-rotation.js';
import { runningServerPid } from '../../ops/server-lock.js';
import { SECRET_KEY_FILE } from '../../secret-key-file.js';
import { confirmOrStop } from '../confirm.js';
import type { CliContext } from '../context.js';
import { CliError } from '../io.js';

export function registerKey(program: Command, ctx: CliContext): void {
  const key = program.command('key').description('kunci rahasia server');
  key
    .command('rotate')
    .description('mengganti kunci rahasia dan mengenkripsi ulang semua rahasia (server harus dihentikan)')
    .option('--yes', 'jangan bertanya dulu')
    .option('--json', 'keluaran JSON')
    .action(async (opts: { yes?: boolean; json?: boolean }) => {
      const config = ctx.config();
      const dataDir = config.dataDir;
      if (config.secretKeyHex)
        throw new CliError(
          'kunci diberikan lewat WARGANET_SECRET_KEY, yang tidak bisa diubah perintah ini. Pindahkan kuncinya ke ' +
            `${join(resolve(dataDir), SECRET_KEY_FILE)} (satu baris, mode 600), kosongkan variabelnya, lalu ulangi.`,
        );
      if (!existsSync(join(dataDir, SECRET_KEY_FILE)))
        throw new CliError(`kunci rahasia tidak ada di ${resolve(dataDir)} (${SECRET_KEY_FILE})`);
      const pid = runningServerPid(dataDir);
      if (pid !== undefined)
        throw new CliError(
          `server Warganet sedang berjalan (pid ${pid}). Hentikan dulu (sudo systemctl stop warganet), lalu ulangi.`,
        );
      await confirmOrStop(
        ctx,
        'Semua rahasia akan dienkripsi ulang dengan kunci baru. Buat cadangan dulu (warganet backup --with-key). ' +
          (config.databaseUrl ? 'Semua node PostgreSQL harus dihentikan. ' : ''),
        opts.yes,
      );
      const database = openDatabase({ url: config.databaseUrl, sqliteFile: join(dataDir, 'warganet.db') });
      try {
        const migrated = await migrateToLatest(database.db);
        if (migrated.error) throw new CliError(`migrasi basis data gagal: ${migrated.error}`);
        const outcome = await rotateKey({ db: database.db, dataDir });
        if (opts.json) {
          ctx.printJson(outcome);
          return;
        }
        if (outcome.resumed) ctx.print('Melanjutkan penggantian kunci yang terputus.');
        for (const [table, n] of Object.entries(outcome.rewritten))
          ctx.print(`  ${table}: ${n} rahasia dienkripsi ulang`);
        ctx.print(`Kunci baru dipasang di ${join(dataDir, SECRET_KEY_FILE)}.`);
        ctx.print(
          'Indeks NIK/KK dan PIN warga tetap memakai kunci lama (secret.index.key), karena NIK dan PIN tidak ' +
            'pernah disimpan sehingga tidak bisa dihitung ulang. Simpan kedua berkas kunci; buat cadangan baru.',
        );
        if (database.kind === 'postgres')
          ctx.print(
            'PostgreSQL: salin secret.key dan secret.index.key yang baru ke setiap node sebelum menyalakannya.',
          );
      } finally {
        await database.close();
      }
    });
}
