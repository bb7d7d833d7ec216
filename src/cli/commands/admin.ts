// `warganet admin …`: users of the admin and report pages (add, list, set --role, disable, enable, reset-password,
// reset-2fa) and scripts' bearer tokens (token, token list, token revoke), through the same services as the users
// page. A password piped to stdin is used as is; without one, a password is generated and printed once.
import type { Command } from 'commander';
import { ADMIN_ROLES } from '../../services/admins/admins.js';
import { confirmOrStop } from '../confirm.js';
import type { CliContext } from '../context.js';
import { formatLocalTime, formatTable, printableCell } from '../format.js';
import { readPipedLine } from '../secret-input.js';
import { serviceAction } from '../service-errors.js';

const ADD_HELP = `
Peran: admin (semua), operator (router, paket, akun), official (laporan saja).
Kata sandi dibaca dari stdin bila disalurkan lewat pipa (baris pertama, minimal 10 karakter):
  printf '%s\\n' "$SANDI" | warganet admin add budi --role operator
Tanpa stdin, kata sandi 16 karakter dibuat dan ditampilkan sekali.`;

export function registerAdmin(program: Command, ctx: CliContext): void {
  const admin = program.command('admin').description('pengguna halaman admin dan laporan');

  admin
    .command('add')
    .description('menambah pengguna')
    .argument('<nama-pengguna>', 'nama pengguna (huruf kecil, angka, . _ -)')
    .requiredOption('--role <peran>', `peran: ${ADMIN_ROLES.join('|')}`)
    .option('--json', 'keluaran JSON')
    .addHelpText('after', ADD_HELP)
    .action(
      serviceAction(async (username: string, opts: { role: string; json?: boolean }) => {
        const password = await readPipedLine(ctx);
        const app = await ctx.open();
        const r = await app.services.admins.add({ username, role: opts.role, password }, 'cli');
        if (opts.json) {
          return ctx.printJson({ username: r.username, role: r.role, password: r.generatedPassword ?? null });
        }
        ctx.print(`Pengguna ${r.username} (${r.role}) dibuat.`);
        if (r.generatedPassword) {
          ctx.print(`  Kata sandi  ${r.generatedPassword}`);
          ctx.print('Catat sekarang: kata sandi tidak akan ditampilkan lagi.');
        }
      }),
    );

  const when = (at: number | null) => (at === null ? '-' : formatLocalTime(at, ctx.config().timeZone));

  admin
    .command('list')
    .description('daftar pengguna: peran, status, verifikasi 2 langkah, terakhir masuk')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: { json?: boolean }) => {
        const app = await ctx.open();
        const users = await app.services.admins.list();
        if (opts.json) return ctx.printJson(users);
        ctx.print(
          formatTable(
            ['PENGGUNA', 'PERAN', 'STATUS', '2FA', 'TERAKHIR MASUK'],
            users.map((u) => [
              printableCell(u.username),
              u.role,
              u.disabled ? 'nonaktif' : 'aktif',
              u.twoFactor ? 'ya' : 'tidak',
              when(u.lastSignInAt),
            ]),
          ),
        );
      }),
    );

  admin
    .command('set')
    .description('mengubah peran pengguna')
    .argument('<nama-pengguna>')
    .requiredOption('--role <peran>', `peran: ${ADMIN_ROLES.join('|')}`)
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (username: string, opts: { role: string; json?: boolean }) => {
        const app = await ctx.open();
        const r = await app.services.admins.setRole(username, opts.role, 'cli');
        if (opts.json) return ctx.printJson(r);
        ctx.print(`Peran ${r.username} sekarang ${r.role}.`);
      }),
    );

  admin
    .command('disable')
    .description('menonaktifkan pengguna (sesi dan token API-nya berakhir)')
    .argument('<nama-pengguna>')
    .option('--yes', 'tanpa bertanya')
    .action(
      serviceAction(async (username: string, opts: { yes?: boolean }) => {
        await confirmOrStop(ctx, `Nonaktifkan ${username}? Sesi dan tokennya berakhir.`, opts.yes);
        const app = await ctx.open();
        const r = await app.services.admins.disable(username, 'cli');
        ctx.print(`${r.username} dinonaktifkan; sesi dan tokennya berakhir.`);
      }),
    );

  admin
    .command('enable')
    .description('mengaktifkan lagi pengguna')
    .argument('<nama-pengguna>')
    .action(
      serviceAction(async (username: string) => {
        const app = await ctx.open();
        const r = await app.services.admins.enable(username, 'cli');
        ctx.print(`${r.username} aktif lagi.`);
      }),
    );

  admin
    .command('reset-password')
    .description('membuat kata sandi baru (ditampilkan sekali); sesi pengguna berakhir')
    .argument('<nama-pengguna>')
    .option('--yes', 'tanpa bertanya')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (username: string, opts: { yes?: boolean; json?: boolean }) => {
        await confirmOrStop(ctx, `Buat kata sandi baru untuk ${username}?`, opts.yes);
        const app = await ctx.open();
        const r = await app.services.admins.resetPassword(username, 'cli');
        if (opts.json) return ctx.printJson(r);
        ctx.print(`Kata sandi baru untuk ${r.username}:`);
        ctx.print(`  Kata sandi  ${r.password}`);
        ctx.print('Catat sekarang: kata sandi tidak akan ditampilkan lagi.');
      }),
    );

  admin
    .command('reset-2fa')
    .description('mematikan verifikasi dua langkah pengguna (ponsel hilang); sesinya berakhir')
    .argument('<nama-pengguna>')
    .option('--yes', 'tanpa bertanya')
    .action(
      serviceAction(async (username: string, opts: { yes?: boolean }) => {
        await confirmOrStop(ctx, `Matikan verifikasi dua langkah ${username}?`, opts.yes);
        const app = await ctx.open();
        const r = await app.services.admins.resetTwoFactor(username, 'cli');
        ctx.print(`Verifikasi dua langkah ${r.username} dimatikan.`);
      }),
    );

  const token = admin
    .command('token')
    .description('token API untuk skrip (Authorization: Bearer …), dengan peran penggunanya')
    .argument('[nama-pengguna]', 'membuat token baru untuk pengguna ini')
    .option('--label <label>', 'keterangan, misalnya nama skrip')
    .option('--json', 'keluaran JSON: { "token": … }')
    .action(
      serviceAction(async (username: string | undefined, opts: { label?: string; json?: boolean }) => {
        if (!username) return token.help({ error: true });
        const app = await ctx.open();
        const r = await app.services.apiTokens.create({ username, label: opts.label }, 'cli');
        if (opts.json) return ctx.printJson({ token: r.token, id: r.id, username: r.username, role: r.role });
        ctx.print(`Token ${r.id} untuk ${r.username} (${r.role}):`);
        ctx.print(`  ${r.token}`);
        ctx.print(
          'Catat sekarang: token tidak akan ditampilkan lagi. Cabut dengan: warganet admin token revoke ' +
            r.id,
        );
      }),
    );

  token
    .command('list')
    .description('daftar token (tanpa tokennya sendiri)')
    .argument('[nama-pengguna]')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (username: string | undefined, opts: { json?: boolean }) => {
        const app = await ctx.open();
        const tokens = await app.services.apiTokens.list(username);
        if (opts.json) return ctx.printJson(tokens);
        ctx.print(
          formatTable(
            ['ID', 'PENGGUNA', 'LABEL', 'DIBUAT', 'TERAKHIR DIPAKAI', 'DICABUT'],
            tokens.map((t) => [
              t.id,
              printableCell(t.username),
              printableCell(t.label ?? '-'),
              when(t.createdAt),
              when(t.lastUsedAt),
              when(t.revokedAt),
            ]),
          ),
        );
      }),
    );

  token
    .command('revoke')
    .description('mencabut token')
    .argument('<id>')
    .action(
      serviceAction(async (id: string) => {
        const app = await ctx.open();
        await app.services.apiTokens.revoke(id, 'cli');
        ctx.print(`Token ${id} dicabut.`);
      }),
    );
}
