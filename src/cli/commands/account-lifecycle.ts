// `warganet account approve|suspend|resume|set|pin|reclaim|remove`: what an operator does to an existing account.
// Suspending, reclaiming and removing end the account's live sessions on the routers; a new PIN is printed once.
import type { Command } from 'commander';
import type { AccountChange, PinChange } from '../../services/accounts/account-lifecycle.js';
import { confirmOrStop } from '../confirm.js';
import type { CliContext } from '../context.js';
import { printableCell as cell } from '../format.js';
import { nikArgument } from '../secret-input.js';
import { serviceAction } from '../service-errors.js';
import { withDisconnectors } from '../session-kick.js';
import { sessionsLine, statusLabel, unverifiedLabel } from './account-labels.js';

const NIK_ARG = 'NIK penduduk (16 digit); "-" membaca satu baris dari stdin';
const ACTOR = 'cli';

const RECLAIM_HELP = `
Untuk penduduk yang NIK-nya sudah didaftarkan orang lain (mis. KK salah, lalu disetujui). Lakukan hanya setelah
penduduk menunjukkan KTP dan KK di kantor desa. Semua perangkat akun dicabut dan sesinya diputus, PIN lama tidak
berlaku, PIN baru dicetak sekali, dan persetujuan penduduk dicatat lewat operator.`;

const APPROVE_HELP = `
Pendaftaran yang belum dicocokkan dengan data penduduk (KK tidak cocok, NIK tidak ada di data) ditanyakan dulu:
setujui hanya setelah KTP dan KK pemiliknya diperiksa. Bila NIK ternyata didaftarkan orang lain, pakai
"account reclaim".`;

const ERASE_HELP = `
Permintaan penghapusan data oleh penduduk sendiri (UU PDP Pasal 8 dan 43). Akun, perangkat dan catatan
persetujuannya dihapus; sesi dan log masuk tidak lagi menyebut MAC, alamat IP atau nama pengguna perangkatnya.
Yang tersisa hanya angka pemakaian tanpa nama. Data penduduk desa (dari OpenSID) tetap ada. Tidak bisa dibatalkan.`;

const REMOVE_HELP = `
Menghapus akun dan semua perangkatnya (hak penghapusan data, UU PDP). Yang tersisa hanya angka pemakaian harian
tanpa nama; data penduduk tetap ada. Tidak bisa dibatalkan.`;

export function registerAccountLifecycle(account: Command, ctx: CliContext): void {
  const printChange = (r: AccountChange, json: boolean | undefined, what: string) => {
    if (json) return ctx.printJson(r);
    ctx.print(`Akun ${cell(r.name)} (${r.nik_masked}) ${what}. Status: ${statusLabel(r.status)}.`);
    const s = sessionsLine(r.sessions);
    if (s) ctx.print(s);
  };
  const printPin = (r: PinChange, json: boolean | undefined, what: string) => {
    if (json) return ctx.printJson(r);
    ctx.print(`${what} untuk ${cell(r.name)} (${r.nik_masked}).`);
    if (r.devices_revoked > 0) ctx.print(`Perangkat dicabut: ${r.devices_revoked}.`);
    const s = sessionsLine(r.sessions);
    if (s) ctx.print(s);
    ctx.print(`PIN baru: ${r.pin}`);
    ctx.print('Berikan PIN ini kepada penduduk sekarang: PIN tidak akan ditampilkan lagi.');
  };

  account
    .command('approve')
    .description('menyetujui akun yang menunggu (setelah KTP/KK diperiksa)')
    .argument('<nik>', NIK_ARG)
    .option('--yes', 'tanpa pertanyaan konfirmasi untuk pendaftaran yang belum dicocokkan')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', APPROVE_HELP)
    .action(
      serviceAction(async (nikArg: string, opts: { yes?: boolean; json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        // The PIN of an unverified registration was chosen by whoever typed the NIK: ask before trusting it.
        const { unverified_reason } = await app.services.accountDirectory.show(nik);
        if (unverified_reason) {
          await confirmOrStop(
            ctx,
            `Pendaftaran ini BELUM DICOCOKKAN (${unverifiedLabel(unverified_reason)}); PIN-nya dipilih oleh yang mendaftar. KTP dan KK pemilik NIK sudah diperiksa?`,
            opts.yes,
          );
        }
        printChange(
          await app.services.accountLifecycle.approve(nik, { actor: ACTOR }),
          opts.json,
          'disetujui',
        );
      }),
    );

  account
    .command('suspend')
    .description('menangguhkan akun dan memutus sesinya')
    .argument('<nik>', NIK_ARG)
    .requiredOption('--reason <teks>', 'alasan penangguhan (dicatat)')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (nikArg: string, opts: { reason: string; json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        const r = await withDisconnectors(app, (disconnectors) =>
          app.services.accountLifecycle.suspend(nik, opts.reason, { actor: ACTOR, disconnectors }),
        );
        printChange(r, opts.json, 'ditangguhkan');
      }),
    );

  account
    .command('resume')
    .description('mengaktifkan lagi akun yang ditangguhkan')
    .argument('<nik>', NIK_ARG)
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (nikArg: string, opts: { json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        printChange(
          await app.services.accountLifecycle.resume(nik, { actor: ACTOR }),
          opts.json,
          'dilanjutkan',
        );
      }),
    );

  account
    .command('set')
    .description('mengubah paket akun')
    .argument('<nik>', NIK_ARG)
    .requiredOption('--plan <nama>', 'nama paket, atau "bawaan" untuk mengikuti paket bawaan')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (nikArg: string, opts: { plan: string; json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        const r = await app.services.accountLifecycle.setPlan(nik, opts.plan, { actor: ACTOR });
        if (opts.json) return ctx.printJson(r);
        const plan = r.plan_name === null ? 'mengikuti paket bawaan' : `paket ${cell(r.plan_name)}`;
        ctx.print(`Akun ${cell(r.name)} (${r.nik_masked}) sekarang ${plan}.`);
        ctx.print('Batas baru berlaku sejak login berikutnya perangkat.');
      }),
    );

  account
    .command('pin')
    .description('membuat PIN baru acak (6 angka) untuk penduduk; dicetak sekali')
    .argument('<nik>', NIK_ARG)
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (nikArg: string, opts: { json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        printPin(
          await app.services.accountLifecycle.resetPin(nik, { actor: ACTOR }),
          opts.json,
          'PIN baru dibuat',
        );
      }),
    );

  account
    .command('reclaim')
    .description('mengembalikan NIK kepada penduduk aslinya (NIK didaftarkan orang lain)')
    .argument('<nik>', NIK_ARG)
    .option('--yes', 'tanpa pertanyaan konfirmasi')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', RECLAIM_HELP)
    .action(
      serviceAction(async (nikArg: string, opts: { yes?: boolean; json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        await confirmOrStop(
          ctx,
          'Semua perangkat akun ini akan dicabut dan PIN lama tidak berlaku. KTP dan KK sudah diperiksa?',
          opts.yes,
        );
        const r = await withDisconnectors(app, (disconnectors) =>
          app.services.accountLifecycle.reclaim(nik, { actor: ACTOR, disconnectors }),
        );
        printPin(r, opts.json, 'NIK dikembalikan');
      }),
    );

  account
    .command('remove')
    .description('menghapus akun dan perangkatnya (tidak bisa dibatalkan)')
    .argument('<nik>', NIK_ARG)
    .option('--yes', 'tanpa pertanyaan konfirmasi')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', REMOVE_HELP)
    .action(
      serviceAction(async (nikArg: string, opts: { yes?: boolean; json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        await confirmOrStop(ctx, 'Akun dan semua perangkatnya akan dihapus.', opts.yes);
        const r = await withDisconnectors(app, (disconnectors) =>
          app.services.accountLifecycle.remove(nik, { actor: ACTOR, disconnectors }),
        );
        if (opts.json) return ctx.printJson(r);
        ctx.print(`Akun ${cell(r.name)} (${r.nik_masked}) dihapus, dengan ${r.devices_removed} perangkat.`);
        const s = sessionsLine(r.sessions);
        if (s) ctx.print(s);
      }),
    );

  account
    .command('erase')
    .description('menghapus data Wi-Fi penduduk atas permintaannya (UU PDP); tersisa angka agregat saja')
    .argument('<nik>', NIK_ARG)
    .option('--yes', 'tanpa pertanyaan konfirmasi')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', ERASE_HELP)
    .action(
      serviceAction(async (nikArg: string, opts: { yes?: boolean; json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        await confirmOrStop(
          ctx,
          'Semua data Wi-Fi penduduk ini akan dihapus; tersisa angka agregat saja.',
          opts.yes,
        );
        const r = await withDisconnectors(app, (disconnectors) =>
          app.services.accountLifecycle.erase(nik, { actor: ACTOR, disconnectors }),
        );
        if (opts.json) return ctx.printJson(r);
        ctx.print(
          `Data Wi-Fi ${cell(r.name)} (${r.nik_masked}) dihapus: ${r.devices} perangkat, ${r.sessions_scrubbed} sesi dan ${r.auth_log_scrubbed} baris log masuk dianonimkan.`,
        );
        const s = sessionsLine(r.sessions);
        if (s) ctx.print(s);
      }),
    );
}
