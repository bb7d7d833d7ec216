// `warganet migrate`: brings the database to the latest schema (start does this too).
import type { Command } from 'commander';
import { migrateToLatest } from '../../../db/migrate.js';
import type { CliContext } from '../context.js';
import { CliError } from '../io.js';

export function registerMigrate(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('memperbarui skema basis data ke versi terbaru')
    .option('--json', 'keluaran JSON')
    .action(async (opts: { json?: boolean }) => {
      const app = await ctx.open({ create: true });
      const outcome = await migrateToLatest(app.database.db);
      if (outcome.error) throw new CliError(`migrasi gagal: ${outcome.error}`);
      const applied = [...app.migrationsApplied, ...outcome.applied];
      if (opts.json) ctx.printJson({ database: app.database.kind, applied });
      else {
        for (const name of applied) ctx.print(`diterapkan: ${name}`);
        ctx.print(`Basis data (${app.database.kind}) sudah versi terbaru.`);
      }
    });
}

/** `warganet init`: prepares a new village's data directory (key and database); safe to run again. */
export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('menyiapkan folder data baru: kunci rahasia dan basis data (aman dijalankan ulang)')
    .action(async () => {
      const app = await ctx.open({ create: true });
      ctx.print(
        `Basis data Warganet (${app.database.kind}) siap di ${app.database.kind === 'sqlite' ? app.config.dataDir : 'WARGANET_DATABASE_URL'}.`,
      );
    });
}
