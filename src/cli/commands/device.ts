// `warganet device add`: a device without a browser (TV, printer) on a resident's account. Its user name and
// password are printed here once; the password cannot be shown again.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { nikArgument } from '../secret-input.js';
import { serviceAction } from '../service-errors.js';

const ADD_HELP = `
Masukkan nama pengguna dan kata sandi yang dicetak di halaman login hotspot pada perangkat itu. Kata sandi hanya
ditampilkan sekali.`;

export function registerDevice(program: Command, ctx: CliContext): void {
  const device = program.command('device').description('perangkat pada akun penduduk');

  device
    .command('add')
    .description('menambah perangkat tanpa peramban (TV, printer) ke akun penduduk')
    .argument('<nik>', 'NIK pemilik akun (16 digit); "-" membaca satu baris dari stdin')
    .requiredOption('--mac <mac>', 'alamat MAC perangkat, mis. AA:BB:CC:DD:EE:FF')
    .option('--label <teks>', 'keterangan, mis. "TV ruang tamu"')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', ADD_HELP)
    .action(
      serviceAction(async (nikArg: string, opts: { mac: string; label?: string; json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        const r = await app.services.devices.addByOperator(nik, { mac: opts.mac, label: opts.label }, 'cli');
        if (opts.json) {
          return ctx.printJson({
            id: r.device.id,
            mac: r.device.mac,
            label: r.device.label,
            username: r.device.username,
            password: r.password,
            nik_masked: r.nik_masked,
            devices: r.live_devices,
            devices_allowed: r.devices_allowed,
          });
        }
        ctx.print(
          `Perangkat ditambahkan untuk ${r.name} (${r.nik_masked}): ${r.live_devices} dari ${r.devices_allowed} perangkat.`,
        );
        ctx.print(`  MAC            ${r.device.mac}${r.device.label ? ` (${r.device.label})` : ''}`);
        ctx.print(`  Nama pengguna  ${r.device.username}`);
        ctx.print(`  Kata sandi     ${r.password}`);
        ctx.print('Catat sekarang: kata sandi tidak akan ditampilkan lagi.');
      }),
    );
}
