// `warganet voucher create|list|revoke|show`: guest vouchers. Rules and parsing live in the voucher service;
// this file maps options to its input and its answers to text or JSON (one object per voucher, with its code).
import type { Command } from 'commander';
import { formatDuration } from '../../domain/duration.js';
import { formatSize } from '../../domain/units.js';
import { displayCode } from '../../domain/voucher-code.js';
import type { VoucherStatus, VoucherView } from '../../services/vouchers/vouchers.js';
import type { CliContext } from '../context.js';
import { formatLocalTime, formatTable } from '../format.js';
import { CliError } from '../io.js';
import { serviceAction } from '../service-errors.js';

interface CreateOptions {
  plan: string;
  count: string;
  validity?: string;
  quota?: string;
  devices?: string;
  prefix?: string;
  length?: string;
  price?: string;
  note?: string;
  fromCreation?: boolean;
  separatePassword?: boolean;
  json?: boolean;
}

export function registerVoucher(program: Command, ctx: CliContext): void {
  const voucher = program.command('voucher').description('voucher tamu: kode cetak untuk masuk Wi-Fi desa');

  voucher
    .command('create')
    .description('membuat satu batch voucher')
    .requiredOption('--plan <nama>', 'paket (laju dan profil hotspot)')
    .requiredOption('--count <n>', 'jumlah voucher (1–1000)')
    .option('--validity <durasi>', 'masa berlaku, mis. 3h, 1d, 7d (bawaan 1d)')
    .option('--quota <ukuran>', 'kuota data per voucher, mis. 1GB (bawaan tanpa batas)')
    .option('--devices <n>', 'jumlah perangkat per voucher (bawaan 1)')
    .option('--prefix <awalan>', 'awalan kode, huruf kecil/angka, mis. tamu')
    .option('--length <n>', 'panjang bagian acak kode (6–16, bawaan 8)')
    .option('--price <rupiah>', 'harga, untuk kartu dan laporan')
    .option('--note <teks>', 'catatan batch')
    .option('--from-creation', 'masa berlaku dihitung sejak dibuat, bukan sejak login pertama')
    .option(
      '--separate-password',
      'kata sandi terpisah dari kode (bawaan: kode = nama pengguna = kata sandi)',
    )
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: CreateOptions) => {
        const app = await ctx.open();
        const { json, ...input } = opts;
        const made = await app.services.vouchers.create(input, 'cli');
        if (json) return ctx.printJson(made);
        ctx.print(`${made.length} voucher dibuat, batch ${made[0]?.batch ?? ''}.`);
        ctx.print(table(made, app.config.timeZone));
      }),
    );

  voucher
    .command('list')
    .description('daftar voucher')
    .option('--batch <batch>', 'hanya batch ini')
    .option('--status <status>', 'unused | active | throttled | expired | revoked')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: { batch?: string; status?: string; json?: boolean }) => {
        const app = await ctx.open();
        const list = await app.services.vouchers.list({
          batch: opts.batch,
          status: opts.status as VoucherStatus | undefined,
        });
        if (opts.json) return ctx.printJson(list);
        if (list.length === 0) return ctx.print('Tidak ada voucher.');
        ctx.print(table(list, app.config.timeZone));
      }),
    );

  voucher
    .command('show')
    .description('rincian satu voucher')
    .argument('<kode>', 'kode voucher')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (code: string, opts: { json?: boolean }) => {
        const app = await ctx.open();
        const v = await app.services.vouchers.show(code);
        if (opts.json) return ctx.printJson(v);
        const tz = app.config.timeZone;
        ctx.print(
          [
            `Kode: ${displayCode(v.code)}${v.password ? `  (kata sandi ${v.password})` : ''}`,
            `Batch: ${v.batch}   Paket: ${v.plan}   Status: ${v.status}`,
            `Masa berlaku: ${formatDuration(v.validityS)} sejak ${v.validityFrom === 'creation' ? 'dibuat' : 'login pertama'}` +
              (v.expiresAt ? `, berakhir ${formatLocalTime(v.expiresAt, tz)}` : ''),
            `Kuota: ${v.quotaBytes === null ? 'tanpa batas' : `${formatSize(v.usedBytes)} dari ${formatSize(v.quotaBytes)}`}`,
            `Perangkat: ${v.boundMacs.length}/${v.devicesAllowed}${v.boundMacs.length ? ` (${v.boundMacs.join(', ')})` : ''}`,
            ...(v.price !== null ? [`Harga: Rp${v.price.toLocaleString('id-ID')}`] : []),
            ...(v.note ? [`Catatan: ${v.note}`] : []),
          ].join('\n'),
        );
      }),
    );

  voucher
    .command('revoke')
    .description('membatalkan satu voucher atau satu batch')
    .argument('[kode]', 'kode voucher')
    .option('--batch <batch>', 'batalkan semua voucher batch ini')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (code: string | undefined, opts: { batch?: string; json?: boolean }) => {
        if ((code === undefined) === (opts.batch === undefined))
          throw new CliError('sebutkan KODE atau --batch BATCH (salah satu)');
        const app = await ctx.open();
        const revoked = await app.services.vouchers.revoke(
          opts.batch !== undefined ? { batch: opts.batch } : { code: code! },
          'cli',
        );
        if (opts.json) return ctx.printJson({ revoked });
        ctx.print(`${revoked} voucher dibatalkan.`);
      }),
    );
}

function table(list: readonly VoucherView[], timeZone: string): string {
  return formatTable(
    ['KODE', 'BATCH', 'PAKET', 'STATUS', 'BERLAKU', 'KUOTA', 'PERANGKAT', 'HARGA', 'BERAKHIR'],
    list.map((v) => [
      displayCode(v.code),
      v.batch,
      v.plan,
      v.status,
      formatDuration(v.validityS),
      v.quotaBytes === null ? '-' : formatSize(v.quotaBytes),
      `${v.boundMacs.length}/${v.devicesAllowed}`,
      v.price === null ? '-' : String(v.price),
      v.expiresAt ? formatLocalTime(v.expiresAt, timeZone) : '-',
    ]),
  );
}
