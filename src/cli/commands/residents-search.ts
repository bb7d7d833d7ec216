// `warganet residents search TEXT|NIK`: is this person in the roster, still living here, and registered? The
// office's first question before helping someone; the NIK is shown masked only.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { formatTable } from '../format.js';
import { serviceAction } from '../service-errors.js';
import { statusLabel, unverifiedLabel } from './account-labels.js';

export function registerResidentsSearch(program: Command, ctx: CliContext): void {
  const residents = program.commands.find((c) => c.name() === 'residents');
  if (!residents) throw new Error('the residents command must be registered first');
  residents
    .command('search')
    .description('mencari penduduk menurut NIK (16 digit) atau sebagian nama')
    .argument('<teks>', 'NIK, atau paling sedikit 3 huruf dari nama')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (text: string, opts: { json?: boolean }) => {
        const app = await ctx.open();
        const { by, matches } = await app.services.residentSearch.search(text);
        if (opts.json) return ctx.printJson(matches);
        if (matches.length === 0) {
          ctx.print(
            by === 'nik' ? 'NIK ini tidak ada di data penduduk desa.' : 'Tidak ada penduduk dengan nama itu.',
          );
          return;
        }
        ctx.print(
          formatTable(
            ['NIK', 'NAMA', 'DUSUN', 'RT/RW', 'DATA PENDUDUK', 'AKUN WI-FI'],
            matches.map((m) => [
              m.nik_masked,
              m.name,
              m.dusun,
              `${m.rt}/${m.rw}`,
              m.active ? 'aktif' : 'tidak aktif',
              m.account_status === null
                ? 'belum terdaftar'
                : statusLabel(m.account_status) +
                  (m.unverified_reason ? ` (belum dicocokkan: ${unverifiedLabel(m.unverified_reason)})` : ''),
            ]),
          ),
        );
      }),
    );
}
