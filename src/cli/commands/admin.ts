// `warganet admin add`: users of the admin and report pages. A password piped to stdin is used as is; without
// one, a password is generated and printed once.
import type { Command } from 'commander';
import { ADMIN_ROLES } from '../../services/admins/admins.js';
import type { CliContext } from '../context.js';
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
}
