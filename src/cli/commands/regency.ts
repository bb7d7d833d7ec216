// `warganet regency join|status|push|leave`: this village's link to its regency's Worker (issue 14). The token
// is kept encrypted under the server key; `-` reads it from stdin so it stays out of shell history. The agent
// role sends on its own schedule; `push` sends now.
import type { Command } from 'commander';
import type { PushResult, RegencyStatus } from '../../services/regency/regency-link.js';
import type { CliContext } from '../context.js';
import { formatLocalTime } from '../format.js';
import { CliError } from '../io.js';
import { serviceAction } from '../service-errors.js';

export function registerRegency(program: Command, ctx: CliContext): void {
  const regency = program
    .command('regency')
    .description('kiriman data agregat desa ke server kabupaten (tanpa NIK, nama atau MAC)');

  regency
    .command('join')
    .description('menghubungkan desa ini ke server kabupaten dengan token desa')
    .argument('<url>', 'alamat server kabupaten, mis. https://wifi.tubankab.go.id')
    .argument('<token>', 'token desa dari admin kabupaten (- untuk membaca dari stdin)')
    .option('--village <kode>', 'kode desa Kemendagri (bawaan WARGANET_VILLAGE_CODE)')
    .option('--no-check', 'simpan tanpa mencoba kiriman (desa sedang tanpa internet)')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(
        async (url: string, token: string, opts: { village?: string; check: boolean; json?: boolean }) => {
          let secret = token;
          if (token === '-') {
            secret = (await ctx.io.readStdin())?.split(/\r?\n/)[0]?.trim() ?? '';
            if (!secret) throw new CliError('token -: tidak ada masukan di stdin');
          }
          const app = await ctx.open();
          const joined = await app.services.regency.join({
            url,
            token: secret,
            village: opts.village,
            check: opts.check,
          });
          if (opts.json) return ctx.printJson({ joined: true, ...joined, checked: opts.check });
          ctx.print(
            `Desa ${joined.village} terhubung ke ${joined.url}.` +
              (opts.check ? ' Kiriman uji diterima.' : ' (belum diuji: --no-check)'),
          );
        },
      ),
    );

  regency
    .command('status')
    .description('keadaan kiriman ke kabupaten: kiriman terakhir, hari yang menunggu, galat terakhir')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: { json?: boolean }) => {
        const app = await ctx.open();
        const status = await app.services.regency.status();
        if (opts.json) return ctx.printJson(status);
        ctx.print(describeStatus(status, app.config.timeZone));
      }),
    );

  regency
    .command('push')
    .description('kirim sekarang: semua hari yang belum terkirim dan hari ini sejauh ini')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: { json?: boolean }) => {
        const app = await ctx.open();
        const result = await app.services.regency.push();
        if (opts.json) ctx.printJson(result);
        else ctx.print(describePush(result));
        if (result.error) throw new CliError(opts.json ? result.error : 'kiriman belum selesai', 7);
      }),
    );

  regency
    .command('leave')
    .description('memutus hubungan ke kabupaten (token dan antrean kiriman dihapus)')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: { json?: boolean }) => {
        const app = await ctx.open();
        const had = await app.services.regency.leave();
        if (opts.json) return ctx.printJson({ left: had });
        ctx.print(had ? 'Hubungan ke kabupaten diputus.' : 'Desa ini memang belum terhubung ke kabupaten.');
      }),
    );
}

function describeStatus(s: RegencyStatus, timeZone: string): string {
  if (!s.joined) return 'Belum terhubung ke kabupaten. Hubungkan dengan: warganet regency join URL TOKEN';
  const at = (ms: number | null | undefined) => (ms ? formatLocalTime(ms, timeZone) : 'belum pernah');
  return [
    `Server kabupaten: ${s.url}`,
    `Kode desa: ${s.village}`,
    `Kiriman berhasil terakhir: ${at(s.lastSuccessAt)}`,
    `Hari terakhir terkirim: ${s.lastSentDay ?? 'belum ada'}`,
    `Hari ini sejauh ini terakhir terkirim: ${at(s.todaySentAt)}`,
    `Hari menunggu kiriman: ${s.waitingDays}${s.oldestWaiting ? ` (tertua ${s.oldestWaiting})` : ''}`,
    ...(s.lastError
      ? [
          `Galat terakhir (${at(s.lastErrorAt)}): ${s.lastError}`,
          ...(s.nextTry && (s.failures ?? 0) > 0 ? [`Coba lagi sesudah: ${at(s.nextTry)}`] : []),
        ]
      : []),
  ].join('\n');
}

function describePush(r: PushResult): string {
  const days =
    r.sent.length === 0
      ? 'tidak ada hari tertutup yang menunggu'
      : `${r.sent.length} hari terkirim (${r.sent[0]} … ${r.sent.at(-1)})`;
  const today = r.today ? 'hari ini sejauh ini terkirim' : 'hari ini belum terkirim';
  return [
    `${days}; ${today}.`,
    ...(r.error ? [`Gagal: ${r.error}. ${r.waiting} hari masih menunggu.`] : []),
  ].join('\n');
}
