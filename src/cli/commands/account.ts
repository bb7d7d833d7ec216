// `warganet account add|list`: residents' Wi-Fi accounts. `add` registers a resident who has no smartphone, at
// the village office. A NIK is accepted as an argument but never printed, not even back to the one who typed it.
import type { Command } from 'commander';
import { ACCOUNT_STATUS_LABELS } from '../../services/accounts.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../format.js';
import { nikArgument } from '../secret-input.js';
import { serviceAction } from '../service-errors.js';

const ADD_HELP = `
Penduduk harus tercatat aktif di data penduduk desa (warganet residents import). Akun langsung aktif; persetujuan
penduduk dicatat sebagai persetujuan lewat operator. Tanpa --plan, akun mengikuti paket bawaan.`;

export function registerAccount(program: Command, ctx: CliContext): void {
  const account = program.command('account').description('akun Wi-Fi penduduk');

  account
    .command('add')
    .description('mendaftarkan akun untuk penduduk (dibantu operator)')
    .argument('<nik>', 'NIK penduduk (16 digit); "-" membaca satu baris dari stdin')
    .option('--plan <nama>', 'paket untuk akun ini (bawaan: paket bawaan)')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', ADD_HELP)
    .action(
      serviceAction(async (nikArg: string, opts: { plan?: string; json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        const r = await app.services.accounts.addByOperator(nik, { plan: opts.plan }, 'cli');
        if (opts.json) {
          return ctx.printJson({
            id: r.account.id,
            nik_masked: r.nik_masked,
            name: r.name,
            status: r.account.status,
            plan: r.plan_name,
            follows_default_plan: r.follows_default_plan,
            under_age: r.under_age,
          });
        }
        ctx.print(`Akun Wi-Fi untuk ${r.name} (${r.nik_masked}) dibuat dan aktif.`);
        ctx.print(`Paket: ${planLabel(r.plan_name, r.follows_default_plan)}`);
        if (r.under_age) {
          ctx.print(
            'Catatan: penduduk di bawah 17 tahun; pastikan ada persetujuan kepala keluarga (UU PDP Pasal 25).',
          );
        }
      }),
    );

  account
    .command('list')
    .description('daftar akun (NIK ditampilkan tersamar)')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: { json?: boolean }) => {
        const app = await ctx.open();
        const accounts = await app.services.accounts.list();
        if (opts.json) return ctx.printJson(accounts);
        if (accounts.length === 0) return ctx.print('Belum ada akun.');
        ctx.print(
          formatTable(
            ['NIK', 'NAMA', 'DUSUN', 'RT/RW', 'STATUS', 'PAKET', 'PERANGKAT'],
            accounts.map((a) => [
              a.nik_masked,
              a.name,
              a.dusun,
              `${a.rt}/${a.rw}`,
              (ACCOUNT_STATUS_LABELS[a.status] ?? a.status) +
                (a.resident_active ? '' : ' (penduduk tidak aktif)'),
              planLabel(a.plan_name, a.follows_default_plan),
              String(a.devices),
            ]),
          ),
        );
      }),
    );
}

function planLabel(name: string | null, followsDefault: boolean): string {
  if (name === null) return followsDefault ? '(bawaan; belum ada paket)' : '-';
  return followsDefault ? `${name} (bawaan)` : name;
}
