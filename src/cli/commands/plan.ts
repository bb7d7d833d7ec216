// `warganet plan add|set|list`: bandwidth plans. Parsing and rules live in the plan service; this file only
// maps options to its input and its answers to text.
import type { Command } from 'commander';
import { formatDuration } from '../../domain/duration.js';
import { formatRate, formatSize } from '../../domain/units.js';
import type { PlanChangeResult, PlanInput, PlanView } from '../../services/plans/plans.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../format.js';
import { serviceAction } from '../service-errors.js';

type PlanOptions = PlanInput & { json?: boolean };

const UNITS_HELP = `
Satuan:
  laju     5M, 512k, 1.5M (bit/detik, seperti RouterOS)
  ukuran   2GB, 500MB (desimal, seperti paket data seluler)
  durasi   30s, 15m, 4h, 1d, 1h30m
  jendela  "Sen-Jum 07:00-14:00", "22:00-05:00" (lewat tengah malam), "Sen-Jum 07:00-14:00; Sab 07:00-11:00"
           hari: Sen Sel Rab Kam Jum Sab Min; jam menurut zona desa (WARGANET_TZ)
Pada "plan set", nilai opsional bisa dihapus dengan "none".`;

function planOptions(cmd: Command, forAdd: boolean): Command {
  return cmd
    .option('--down <laju>', `laju unduh${forAdd ? ' (wajib)' : ''}, mis. 5M`)
    .option('--up <laju>', `laju unggah${forAdd ? ' (wajib)' : ''}, mis. 2M`)
    .option('--daily-quota <ukuran>', 'kuota harian, mis. 2GB')
    .option('--monthly-quota <ukuran>', 'kuota bulanan, mis. 30GB')
    .option('--devices <n>', `jumlah perangkat per akun${forAdd ? ' (bawaan 3)' : ''}`)
    .option('--burst-down <laju>', 'laju burst unduh, mis. 10M')
    .option('--burst-up <laju>', 'laju burst unggah, mis. 4M')
    .option('--burst-threshold-down <laju>', 'ambang burst unduh')
    .option('--burst-threshold-up <laju>', 'ambang burst unggah')
    .option('--burst-time <detik>', 'waktu burst, mis. 8')
    .option('--priority <1-8>', 'prioritas antrean (1 tertinggi)')
    .option('--session-timeout <durasi>', 'batas waktu sesi, mis. 4h')
    .option('--idle-timeout <durasi>', 'putus bila diam selama, mis. 15m')
    .option('--at-quota <cut|throttle>', 'saat kuota habis: cut (putus) atau throttle (diperlambat)')
    .option('--throttle-down <laju>', 'laju unduh setelah kuota habis, mis. 512k')
    .option('--throttle-up <laju>', 'laju unggah setelah kuota habis, mis. 256k')
    .option('--window <jendela>', 'jam aktif paket, mis. "Sen-Jum 07:00-14:00" atau "22:00-05:00"')
    .option('--step-down-after <ukuran>', 'kecepatan penuh untuk sekian pemakaian per hari, mis. 1GB')
    .option('--step-down-down <laju>', 'laju unduh setelah ambang, mis. 1M')
    .option('--step-down-up <laju>', 'laju unggah setelah ambang, mis. 512k')
    .option('--default', 'jadikan paket bawaan (untuk akun tanpa paket sendiri)')
    .option('--profile <nama>', `nama profil hotspot di router${forAdd ? ' (bawaan: wn-<nama paket>)' : ''}`)
    .option('--json', 'keluaran JSON')
    .addHelpText('after', UNITS_HELP);
}

function inputOf(opts: PlanOptions): PlanInput {
  const { json: _json, ...input } = opts;
  return input;
}

export function registerPlan(program: Command, ctx: CliContext): void {
  const plan = program.command('plan').description('paket bandwidth: laju, kuota, jumlah perangkat');

  planOptions(
    plan.command('add').description('menambah paket').argument('<nama>', 'nama paket'),
    true,
  ).action(
    serviceAction(async (name: string, opts: PlanOptions) => {
      const app = await ctx.open();
      const result = await app.services.plans.add(name, inputOf(opts), 'cli');
      report(ctx, result, 'ditambahkan', opts.json);
    }),
  );

  planOptions(
    plan
      .command('set')
      .description('mengubah paket; hanya pengaturan yang disebut yang berubah')
      .argument('<nama>', 'nama paket'),
    false,
  ).action(
    serviceAction(async (name: string, opts: PlanOptions) => {
      const app = await ctx.open();
      const result = await app.services.plans.set(name, inputOf(opts), 'cli');
      report(ctx, result, 'diubah', opts.json);
    }),
  );

  plan
    .command('remove')
    .description('menghapus paket yang tidak dipakai akun mana pun')
    .argument('<nama>', 'nama paket (huruf besar/kecil sama)')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (name: string, opts: { json?: boolean }) => {
        const app = await ctx.open();
        const removed = await app.services.plans.remove(name, 'cli');
        if (opts.json) return ctx.printJson(removed);
        ctx.print(`Paket ${removed.name} dihapus.`);
        ctx.print('Profil hotspot paket ini di router tidak dihapus otomatis; hapus di router bila perlu.');
      }),
    );

  plan
    .command('list')
    .description('daftar paket')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: { json?: boolean }) => {
        const app = await ctx.open();
        const plans = await app.services.plans.list();
        if (opts.json) return ctx.printJson(plans);
        if (plans.length === 0) {
          return ctx.print('Belum ada paket. Tambahkan dengan: warganet plan add NAMA --down 5M --up 2M');
        }
        ctx.print(
          formatTable(
            ['NAMA', 'UNDUH/UNGGAH', 'KUOTA HARIAN', 'KUOTA BULANAN', 'PERANGKAT', 'BAWAAN', 'RATE-LIMIT'],
            plans.map((p) => [
              p.name,
              `${formatRate(p.down_rate)}/${formatRate(p.up_rate)}`,
              quota(p.daily_quota_bytes),
              quota(p.monthly_quota_bytes),
              String(p.devices_allowed),
              p.is_default ? 'ya' : '',
              p.rate_limit,
            ]),
          ),
        );
      }),
    );
}

const quota = (bytes: number | null) => (bytes === null ? 'tanpa batas' : formatSize(bytes));

function report(ctx: CliContext, result: PlanChangeResult, verb: string, json?: boolean): void {
  if (result.followUpError) {
    ctx.io.stderr.write(
      `warganet: peringatan: paket tersimpan, tetapi pembaruan ke router gagal dijadwalkan: ${result.followUpError}\n`,
    );
  }
  if (json) {
    ctx.printJson({ ...result.plan, previous_default: result.previousDefault ?? null });
    return;
  }
  const p = result.plan;
  ctx.print(`Paket ${p.name} ${verb}${p.is_default ? ' (paket bawaan)' : ''}.`);
  ctx.print(describe(p));
  if (result.previousDefault) ctx.print(`Paket bawaan pindah dari ${result.previousDefault} ke ${p.name}.`);
}

function describe(p: PlanView): string {
  const lines = [
    `  laju         unduh ${formatRate(p.down_rate)}, unggah ${formatRate(p.up_rate)}`,
    `  rate-limit   ${p.rate_limit}`,
    `  profil       ${p.profile_name}`,
    `  kuota        harian ${quota(p.daily_quota_bytes)}, bulanan ${quota(p.monthly_quota_bytes)}`,
    `  perangkat    ${p.devices_allowed}`,
  ];
  if (p.session_timeout_s || p.idle_timeout_s) {
    const parts = [
      p.session_timeout_s ? `sesi ${formatDuration(p.session_timeout_s)}` : undefined,
      p.idle_timeout_s ? `diam ${formatDuration(p.idle_timeout_s)}` : undefined,
    ].filter(Boolean);
    lines.push(`  batas waktu  ${parts.join(', ')}`);
  }
  lines.push(
    p.at_quota === 'throttle'
      ? `  kuota habis  diperlambat ke ${formatRate(p.throttle_down_rate!)}/${formatRate(p.throttle_up_rate!)}`
      : '  kuota habis  putus',
  );
  if (p.time_window) lines.push(`  jam aktif    ${p.time_window}`);
  if (p.step_down_bytes !== null) {
    lines.push(
      `  turun laju   setelah ${formatSize(p.step_down_bytes)} per hari ke ${formatRate(p.step_down_down_rate!)}/${formatRate(p.step_down_up_rate!)}`,
    );
  }
  return lines.join('\n');
}
