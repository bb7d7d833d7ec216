// `warganet auth-log [--last N] [--json]`: why logins were accepted or rejected, newest first. Repeated
// rejects are folded into one line with a count.
import type { Command } from 'commander';
import type { RejectReason } from '../../domain/auth-messages.js';
import type { CliContext } from '../context.js';
import { formatLocalTime, formatTable } from '../format.js';
import { CliError } from '../io.js';

// Typed by the reasons, so that a new reason cannot reach operators without its label.
const REASONS: Record<RejectReason | 'ok' | 'throttled', string> = {
  ok: 'diterima',
  throttled: 'diterima (kecepatan dibatasi, kuota habis)',
  unknown_device: 'perangkat tidak dikenal',
  bad_credentials: 'kata sandi salah',
  device_revoked: 'perangkat dicabut',
  not_in_roster: 'tidak lagi di data warga',
  account_pending: 'akun menunggu persetujuan',
  account_suspended: 'akun dinonaktifkan',
  mac_mismatch: 'MAC tidak cocok',
  no_plan: 'paket belum diatur',
  too_many_devices: 'terlalu banyak perangkat',
  quota_exhausted: 'kuota harian habis',
  monthly_quota_exhausted: 'kuota bulanan habis',
  ticket_used: 'tiket login sudah dipakai',
  ticket_expired: 'tiket login kedaluwarsa',
  ticket_no_mac: 'tiket login tanpa MAC perangkat yang sah',
  mac_elsewhere: 'MAC sudah terdaftar di akun lain',
};

export function registerAuthLog(program: Command, ctx: CliContext): void {
  program
    .command('auth-log')
    .description('catatan keputusan login RADIUS (terbaru dulu)')
    .option('--last <n>', 'jumlah baris', '50')
    .option('--json', 'keluaran JSON')
    .action(async (opts: { last: string; json?: boolean }) => {
      const last = Number(opts.last);
      if (!Number.isInteger(last) || last < 1 || last > 100_000) {
        throw new CliError('--last: harus bilangan bulat 1–100000');
      }
      const app = await ctx.open();
      const rows = await app.services.radius.authLog.recent(last);
      if (opts.json) {
        ctx.printJson(
          rows.map((r) => ({
            ...r,
            at: new Date(r.at).toISOString(),
            lastAt: new Date(r.lastAt).toISOString(),
          })),
        );
        return;
      }
      if (rows.length === 0) {
        ctx.print('Belum ada catatan login.');
        return;
      }
      const tz = app.config.timeZone;
      ctx.print(
        formatTable(
          ['WAKTU', 'ROUTER', 'MAC', 'PENGGUNA', 'KEPUTUSAN', 'ALASAN', 'KALI'],
          rows.map((r) => [
            formatLocalTime(r.lastAt, tz),
            r.router ?? '-',
            r.mac ?? '(banyak)',
            r.username ?? '-',
            r.decision === 'accept' ? 'terima' : 'tolak',
            REASONS[r.reason as keyof typeof REASONS] ?? r.reason,
            String(r.count),
          ]),
        ),
      );
    });
}
