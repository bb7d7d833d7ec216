// `warganet device add|list|remove`: devices on a resident's account. `add` is for a device without a browser
// (TV, printer): its user name and password are printed here once; the password cannot be shown again.
import type { Command } from 'commander';
import { formatSize } from '../../domain/units.js';
import { withDisconnectors } from '../../router-ops-wiring.js';
import type { CliContext } from '../context.js';
import { formatLocalTime, formatTable, printableCell } from '../format.js';
import { nikArgument } from '../secret-input.js';
import { serviceAction } from '../service-errors.js';
import { sessionsLine } from './account-labels.js';

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
          `Perangkat ditambahkan untuk ${printableCell(r.name)} (${r.nik_masked}): ${r.live_devices} dari ${r.devices_allowed} perangkat.`,
        );
        ctx.print(`  MAC            ${r.device.mac}${r.device.label ? ` (${r.device.label})` : ''}`);
        ctx.print(`  Nama pengguna  ${r.device.username}`);
        ctx.print(`  Kata sandi     ${r.password}`);
        ctx.print('Catat sekarang: kata sandi tidak akan ditampilkan lagi.');
        if (r.randomised) {
          ctx.print(
            'Catatan: MAC ini acak (diatur lokal, "MAC pribadi"); bila pengaturan perangkat diubah, MAC berganti dan perangkat perlu didaftarkan lagi.',
          );
        }
      }),
    );

  device
    .command('list')
    .description('perangkat pada akun seorang penduduk')
    .argument('<nik>', 'NIK pemilik akun (16 digit); "-" membaca satu baris dari stdin')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (nikArg: string, opts: { json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        const card = await app.services.accountDirectory.show(nik);
        if (opts.json) return ctx.printJson(card.devices);
        if (card.devices.length === 0) {
          ctx.print(`Akun ${printableCell(card.name)} (${card.nik_masked}) belum punya perangkat.`);
          return;
        }
        const tz = app.config.timeZone;
        ctx.print(
          formatTable(
            ['LABEL', 'MAC', 'PENGGUNA', 'TERAKHIR TERLIHAT', 'PEMAKAIAN BULAN INI'],
            card.devices.map((d) => [
              d.label ?? '-',
              d.mac,
              d.username,
              formatLocalTime(d.last_seen_at, tz),
              formatSize(d.bytes_this_month),
            ]),
          ),
        );
      }),
    );

  device
    .command('remove')
    .description('mencabut perangkat dari akun dan memutus sesinya')
    .argument('<nik>', 'NIK pemilik akun (16 digit); "-" membaca satu baris dari stdin')
    .argument('<perangkat>', 'MAC atau label perangkat (lihat "device list")')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (nikArg: string, which: string, opts: { json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        const r = await withDisconnectors(app, (disconnectors) =>
          app.services.accountLifecycle.removeDevice(nik, which, { actor: 'cli', disconnectors }),
        );
        if (opts.json) return ctx.printJson(r);
        const label = r.device.label ? ` (${printableCell(r.device.label)})` : '';
        ctx.print(
          `Perangkat ${r.device.mac}${label} dicabut dari akun ${printableCell(r.name)} (${r.nik_masked}).`,
        );
        const s = sessionsLine(r.sessions);
        if (s) ctx.print(s);
      }),
    );
}
