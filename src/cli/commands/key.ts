// `warganet key rotate | reindex | status | forget-old-pins`: a new server key for the day the old one leaks, and
// moving what is keyed by HMACs (NIK/KK indexes, PINs) off the old key until its file can be deleted
// (src/ops/key-rotation.ts, src/ops/key-reindex.ts say what each step changes). The server must be stopped while
// these run: it holds the keys in memory.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { migrateToLatest } from '../../../db/migrate.js';
import { type OpenDatabase, openDatabase } from '../../../db/open-database.js';
import type { Database } from '../../../db/schema.js';
import { keyStatusOf } from '../../app-context.js';
import type { Config } from '../../config.js';
import {
  forgetLegacyPins,
  type IndexKeyStatus,
  keptRosterUpload,
  RosterUnreadable,
  reindexFromRoster,
  reindexVouchers,
  retireLegacyKeyIfDone,
} from '../../ops/key-reindex.js';
import { RotationRefused, rotateKey } from '../../ops/key-rotation.js';
import { runningServerPid } from '../../ops/server-lock.js';
import { INDEX_KEY_FILE, NEXT_KEY_FILE, readKeyFile, SECRET_KEY_FILE } from '../../secret-key-file.js';
import { Keyring } from '../../services/keyring.js';
import { villageToday } from '../../services/residents/roster-import.js';
import { confirmOrStop } from '../confirm.js';
import type { CliContext } from '../context.js';
import { CliError } from '../io.js';

interface Opened {
  readonly database: OpenDatabase;
  readonly db: Kysely<Database>;
}

/** Checks that the keys are files this command may change and no server runs, then opens the database. */
async function openForKeys(config: Config): Promise<Opened> {
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
  const database = openDatabase({ url: config.databaseUrl, sqliteFile: join(dataDir, 'warganet.db') });
  const migrated = await migrateToLatest(database.db);
  if (migrated.error) {
    await database.close();
    throw new CliError(`migrasi basis data gagal: ${migrated.error}`);
  }
  return { database, db: database.db };
}

/** The keys as the server would hold them: the current one, and the old one while it is kept. */
async function currentKeyring(dataDir: string): Promise<Keyring> {
  if (existsSync(join(dataDir, NEXT_KEY_FILE)))
    throw new CliError('penggantian kunci rahasia belum selesai. Jalankan lagi: warganet key rotate');
  return Keyring.fromHex(readKeyFile(join(dataDir, SECRET_KEY_FILE))!, {
    legacyIndexKeyHex: readKeyFile(join(dataDir, INDEX_KEY_FILE)),
  });
}

/** Where the move off the old key stands, and the old key deleted when nothing needs it any more. */
async function settle(
  db: Kysely<Database>,
  dataDir: string,
): Promise<IndexKeyStatus & { retired: boolean; vouchersReindexed: number }> {
  const keyring = await currentKeyring(dataDir);
  const vouchersReindexed = keyring.legacyKeyId ? await reindexVouchers(db, keyring) : 0;
  const status = await keyStatusOf(db, keyring).status();
  const retired = status.legacyKey && retireLegacyKeyIfDone(dataDir, status);
  return { ...status, retired, vouchersReindexed };
}

function printStatus(ctx: CliContext, s: IndexKeyStatus & { retired: boolean }): void {
  if (!s.legacyKey) {
    ctx.print('Tidak ada kunci lama: semua indeks NIK/KK dan PIN memakai kunci yang sekarang.');
    return;
  }
  ctx.print(`  Penduduk aktif yang indeks NIK/KK-nya masih dengan kunci lama: ${s.residentsPending}`);
  ctx.print(
    `  Penduduk tidak aktif (tidak ada lagi di data penduduk) dengan kunci lama: ${s.residentsLeft} ` +
      '(tidak ditunggu; setelah kunci lama dihapus, NIK mereka tidak bisa dicari lagi sampai diimpor ulang)',
  );
  ctx.print(`  PIN warga yang masih dengan kunci lama: ${s.pinsPending}`);
  if (s.retired) {
    ctx.print(`Kunci lama (${INDEX_KEY_FILE}) sudah tidak diperlukan dan telah DIHAPUS. Buat cadangan baru.`);
    return;
  }
  ctx.print(`Kunci lama (${INDEX_KEY_FILE}) masih disimpan karena masih diperlukan.`);
  if (s.residentsPending > 0)
    ctx.print(
      '  Indeks ulang NIK/KK: warganet key reindex --roster FILE (ekspor penduduk OpenSID terbaru), atau impor ' +
        'data penduduk lengkap (warganet residents import FILE).',
    );
  if (s.pinsPending > 0)
    ctx.print(
      '  PIN lama diganti otomatis saat warga masuk lagi di portal. Sisanya: beri "PIN baru" di halaman admin, ' +
        'atau hapus semua PIN lama sekaligus: warganet key forget-old-pins',
    );
}

async function rosterBytes(
  ctx: CliContext,
  db: Kysely<Database>,
  roster: string | undefined,
): Promise<{ name: string; bytes: Uint8Array } | undefined> {
  if (roster) {
    if (!existsSync(roster)) throw new CliError(`berkas tidak ada: ${roster}`);
    return { name: roster, bytes: new Uint8Array(readFileSync(roster)) };
  }
  const kept = await keptRosterUpload(db, Date.now());
  if (kept) ctx.print(`Memakai unggahan data penduduk yang masih disimpan: #${kept.id} ${kept.fileName}`);
  return kept ? { name: kept.fileName, bytes: kept.bytes } : undefined;
}

async function reindex(config: Config, db: Kysely<Database>, roster: { name: string; bytes: Uint8Array }) {
  const keyring = await currentKeyring(config.dataDir);
  try {
    return await reindexFromRoster({
      db,
      keyring,
      bytes: roster.bytes,
      today: villageToday(Date.now(), config.timeZone),
      villageCode: config.villageCode,
    });
  } catch (err) {
    if (err instanceof RosterUnreadable)
      throw new CliError(`berkas data penduduk tidak bisa dibaca (${roster.name}): ${err.message}`);
    throw err;
  }
}

export function registerKey(program: Command, ctx: CliContext): void {
  const key = program.command('key').description('kunci rahasia server');
  key
    .command('rotate')
    .description('mengganti kunci rahasia dan mengenkripsi ulang semua rahasia (server harus dihentikan)')
    .option(
      '--roster <file>',
      'ekspor penduduk OpenSID untuk langsung mengindeks ulang NIK/KK dengan kunci baru',
    )
    .option('--yes', 'jangan bertanya dulu')
    .option('--json', 'keluaran JSON')
    .action(async (opts: { roster?: string; yes?: boolean; json?: boolean }) => {
      const config = ctx.config();
      const dataDir = config.dataDir;
      if (opts.roster && !existsSync(opts.roster)) throw new CliError(`berkas tidak ada: ${opts.roster}`);
      const { database, db } = await openForKeys(config);
      try {
        // The previous rotation's old key may be done with already: deleted here, so this one can start.
        if (!existsSync(join(dataDir, NEXT_KEY_FILE))) {
          const before = await settle(db, dataDir);
          if (before.legacyKey && !before.retired) {
            printStatus(ctx, before);
            throw new CliError(
              'penggantian kunci sebelumnya belum tuntas: selesaikan dulu langkah di atas, lalu ulangi.',
            );
          }
        }
        await confirmOrStop(
          ctx,
          'Semua rahasia akan dienkripsi ulang dengan kunci baru. Buat cadangan dulu (warganet backup --with-key). ' +
            (config.databaseUrl ? 'Semua node PostgreSQL harus dihentikan. ' : ''),
          opts.yes,
        );
        const outcome = await rotateKey({ db, dataDir }).catch((err: unknown) => {
          if (err instanceof RotationRefused) throw new CliError(err.message);
          throw err;
        });
        const roster = await rosterBytes(ctx, db, opts.roster);
        const reindexed = roster ? await reindex(config, db, roster) : undefined;
        const status = await settle(db, dataDir);
        if (opts.json) {
          ctx.printJson({ ...outcome, reindexed: reindexed ?? null, status });
          return;
        }
        if (outcome.resumed) ctx.print('Melanjutkan penggantian kunci yang terputus.');
        for (const [table, n] of Object.entries(outcome.rewritten))
          ctx.print(`  ${table}: ${n} rahasia dienkripsi ulang`);
        ctx.print(`Kunci baru dipasang di ${join(dataDir, SECRET_KEY_FILE)}.`);
        if (reindexed)
          ctx.print(
            `Indeks NIK/KK dipindah ke kunci baru: ${reindexed.moved} penduduk (${reindexed.rows} baris).`,
          );
        printStatus(ctx, status);
        if (database.kind === 'postgres')
          ctx.print(
            `PostgreSQL: salin ${SECRET_KEY_FILE}${status.retired ? '' : ` dan ${INDEX_KEY_FILE}`} yang baru ke ` +
              'setiap node sebelum menyalakannya.',
          );
        ctx.print('Buat cadangan baru sekarang (warganet backup --with-key).');
      } finally {
        await database.close();
      }
    });

  key
    .command('reindex')
    .description('memindah indeks NIK/KK ke kunci baru dari ekspor penduduk OpenSID (setelah key rotate)')
    .option(
      '--roster <file>',
      'ekspor penduduk OpenSID (.xlsx/.csv); tanpa ini: unggahan yang masih disimpan',
    )
    .option('--json', 'keluaran JSON')
    .action(async (opts: { roster?: string; json?: boolean }) => {
      const config = ctx.config();
      const { database, db } = await openForKeys(config);
      try {
        const keyring = await currentKeyring(config.dataDir);
        if (!keyring.legacyKeyId) {
          if (opts.json) ctx.printJson({ reindexed: null, status: await settle(db, config.dataDir) });
          else ctx.print('Tidak ada kunci lama: tidak ada yang perlu diindeks ulang.');
          return;
        }
        const roster = await rosterBytes(ctx, db, opts.roster);
        if (!roster)
          throw new CliError(
            'tidak ada berkas data penduduk: jalankan dengan --roster FILE (ekspor penduduk OpenSID terbaru)',
          );
        const reindexed = await reindex(config, db, roster);
        const status = await settle(db, config.dataDir);
        if (opts.json) {
          ctx.printJson({ reindexed, status });
          return;
        }
        if (reindexed.resumed) ctx.print('Melanjutkan indeks ulang yang terputus.');
        ctx.print(
          `Indeks NIK/KK dipindah ke kunci baru: ${reindexed.moved} penduduk (${reindexed.rows} baris).`,
        );
        printStatus(ctx, status);
      } finally {
        await database.close();
      }
    });

  key
    .command('status')
    .description('berapa indeks NIK/KK dan PIN yang masih memakai kunci lama')
    .option('--json', 'keluaran JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = ctx.config();
      const { database, db } = await openForKeys(config);
      try {
        const status = await settle(db, config.dataDir);
        if (opts.json) ctx.printJson(status);
        else printStatus(ctx, status);
      } finally {
        await database.close();
      }
    });

  key
    .command('forget-old-pins')
    .description('menghapus PIN yang masih dengan kunci lama (warga perlu "PIN baru" dari operator)')
    .option('--yes', 'jangan bertanya dulu')
    .option('--json', 'keluaran JSON')
    .action(async (opts: { yes?: boolean; json?: boolean }) => {
      const config = ctx.config();
      const { database, db } = await openForKeys(config);
      try {
        const keyring = await currentKeyring(config.dataDir);
        const before = await keyStatusOf(db, keyring).status();
        if (before.pinsPending > 0)
          await confirmOrStop(
            ctx,
            `${before.pinsPending} warga tidak bisa masuk dengan PIN lamanya lagi dan perlu "PIN baru" dari operator.`,
            opts.yes,
          );
        const forgotten = before.pinsPending > 0 ? await forgetLegacyPins(db, keyring, Date.now()) : 0;
        const status = await settle(db, config.dataDir);
        if (opts.json) {
          ctx.printJson({ forgotten, status });
          return;
        }
        ctx.print(`PIN lama dihapus: ${forgotten}.`);
        printStatus(ctx, status);
      } finally {
        await database.close();
      }
    });
}
