// `warganet account add|list|show`: residents' Wi-Fi accounts. `add` registers a resident who has no smartphone,
// at the village office. A NIK is accepted as an argument but never printed, not even back to the one who typed
// it. The changes to an existing account are in account-lifecycle.ts.
import type { Command } from 'commander';
import { ADULT_AGE } from '../../domain/account-rules.js';
import { formatSize } from '../../domain/units.js';
import type { AccountCard } from '../../services/accounts/account-directory.js';
import type { AccountListing } from '../../services/accounts/accounts.js';
import type { CliContext } from '../context.js';
import { printableCell as cell, formatLocalTime, formatTable } from '../format.js';
import { nikArgument } from '../secret-input.js';
import { serviceAction } from '../service-errors.js';
import { CONSENT_CHANNEL_LABELS, planLabel, statusLabel, unverifiedLabel } from './account-labels.js';
import { registerAccountLifecycle } from './account-lifecycle.js';

const ADD_HELP = `
Penduduk harus tercatat aktif di data penduduk desa (warganet residents import). Akun langsung aktif; persetujuan
penduduk dicatat sebagai persetujuan lewat operator. Tanpa --plan, akun mengikuti paket bawaan. PIN pertama
dicetak sekali; berikan kepada penduduk untuk menyambungkan HP di portal.`;

const LIST_HELP = `
Pendaftaran yang tidak cocok dengan data penduduk (WARGANET_UNVERIFIED_POLICY=pending) diberi tanda "BELUM
DICOCOKKAN"; periksa KTP dan KK sebelum menyetujuinya. Tampilkan hanya itu dengan --unverified.`;

interface ListOptions {
  status?: string;
  dusun?: string;
  rt?: string;
  search?: string;
  unverified?: boolean;
  page?: string;
  perPage?: string;
  json?: boolean;
}

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
            pin: r.pin,
          });
        }
        ctx.print(`Akun Wi-Fi untuk ${cell(r.name)} (${r.nik_masked}) dibuat dan aktif.`);
        ctx.print(`Paket: ${cell(planLabel(r.plan_name, r.follows_default_plan))}`);
        ctx.print(`PIN: ${r.pin}`);
        ctx.print('Berikan PIN ini kepada penduduk sekarang: PIN tidak akan ditampilkan lagi.');
        if (r.under_age) {
          ctx.print(
            `Catatan: penduduk di bawah ${ADULT_AGE} tahun; pastikan ada persetujuan kepala keluarga (UU PDP Pasal 25).`,
          );
        }
      }),
    );

  account
    .command('list')
    .description('daftar akun (NIK ditampilkan tersamar)')
    .option('--status <status>', 'hanya akun berstatus pending, active, atau suspended')
    .option('--dusun <dusun>', 'hanya penduduk dusun ini')
    .option('--rt <rt>', 'hanya penduduk RT ini (1, 01 dan 001 sama)')
    .option('--search <teks>', 'nama memuat teks ini')
    .option('--unverified', 'hanya pendaftaran yang belum dicocokkan dengan data penduduk')
    .option('--page <n>', 'halaman ke-n (bawaan 1)')
    .option('--per-page <n>', 'akun per halaman (bawaan 50, paling banyak 500)')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', LIST_HELP)
    .action(
      serviceAction(async (opts: ListOptions) => {
        const app = await ctx.open();
        const page = await app.services.accountDirectory.list(
          {
            status: opts.status,
            dusun: opts.dusun,
            rt: opts.rt,
            search: opts.search,
            unverified: opts.unverified,
          },
          { page: opts.page, perPage: opts.perPage },
        );
        if (opts.json) return ctx.printJson(page);
        if (page.total === 0) return ctx.print('Tidak ada akun yang cocok.');
        ctx.print(formatTable(LIST_HEADERS, page.accounts.map(listRow)));
        const first = (page.page - 1) * page.perPage + 1;
        const last = first + page.accounts.length - 1;
        ctx.print(
          page.accounts.length === 0
            ? `Halaman ${page.page} kosong; ada ${page.total} akun dalam ${page.pages} halaman.`
            : `Akun ${first}–${last} dari ${page.total} (halaman ${page.page} dari ${page.pages}).`,
        );
      }),
    );

  account
    .command('show')
    .description('kartu akun seorang penduduk: keluarga, paket, perangkat, persetujuan')
    .argument('<nik>', 'NIK penduduk (16 digit); "-" membaca satu baris dari stdin')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (nikArg: string, opts: { json?: boolean }) => {
        const nik = await nikArgument(ctx, nikArg);
        const app = await ctx.open();
        const card = await app.services.accountDirectory.show(nik);
        if (opts.json) return ctx.printJson(card);
        printCard(ctx, card, app.config.timeZone);
      }),
    );

  registerAccountLifecycle(account, ctx);
}

const LIST_HEADERS = ['NIK', 'NAMA', 'DUSUN', 'RT/RW', 'STATUS', 'PAKET', 'PERANGKAT', 'CATATAN'];

function listRow(a: AccountListing): string[] {
  const notes = [
    a.unverified_reason ? `BELUM DICOCOKKAN: ${unverifiedLabel(a.unverified_reason)}` : '',
    a.resident_active ? '' : 'penduduk tidak aktif',
    a.suspended_reason ? `alasan: ${a.suspended_reason}` : '',
  ].filter(Boolean);
  return [
    a.nik_masked,
    a.name,
    a.dusun,
    `${a.rt}/${a.rw}`,
    statusLabel(a.status),
    planLabel(a.plan_name, a.follows_default_plan),
    String(a.devices),
    notes.join('; ') || '-',
  ];
}

function printCard(ctx: CliContext, c: AccountCard, tz: string): void {
  const when = (t: number | null) => (t === null ? '-' : formatLocalTime(t, tz));
  const lines: Array<[string, string]> = [
    ['Nama', c.name],
    ['NIK', c.nik_masked],
    ['Alamat', `Dusun ${c.dusun}, RT ${c.rt}/RW ${c.rw}`],
    ['Data penduduk', c.resident_active ? 'aktif' : 'tidak aktif'],
    ['Kartu Keluarga', `${c.kk_masked} (${c.household_members} anggota aktif)`],
    ['Status akun', statusLabel(c.status) + (c.suspended_reason ? ` (alasan: ${c.suspended_reason})` : '')],
    ['Paket', planLabel(c.plan_name, c.follows_default_plan)],
    [
      'Persetujuan',
      c.consent_at === null
        ? 'belum tercatat'
        : `${when(c.consent_at)}, lewat ${CONSENT_CHANNEL_LABELS[c.consent_channel ?? ''] ?? c.consent_channel}, naskah ${c.consent_notice_version}`,
    ],
    ['Disetujui', c.approved_by ? `${c.approved_by}, ${when(c.approved_at)}` : '-'],
    ['Terdaftar', when(c.created_at)],
  ];
  if (c.unverified_reason) {
    lines.push([
      'PERHATIAN',
      `BELUM DICOCOKKAN: ${unverifiedLabel(c.unverified_reason)}; periksa KTP dan KK`,
    ]);
  }
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [k, v] of lines) ctx.print(`${k.padEnd(width)}  ${cell(v)}`);
  ctx.print('');
  if (c.devices.length === 0) {
    ctx.print('Belum ada perangkat.');
    return;
  }
  ctx.print(
    formatTable(
      ['LABEL', 'MAC', 'PENGGUNA', 'TERAKHIR TERLIHAT', 'PEMAKAIAN BULAN INI'],
      c.devices.map((d) => [
        d.label ?? '-',
        d.mac,
        d.username,
        when(d.last_seen_at),
        formatSize(d.bytes_this_month),
      ]),
    ),
  );
}
