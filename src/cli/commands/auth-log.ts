// `warganet auth-log [--router|--mac|--nik|--since|--limit] [--json]`: why logins were accepted or rejected, and
// which packets were dropped unanswered (unknown router, wrong secret, no Message-Authenticator) with the fix,
// newest first. Repeated rejects are folded into one line with a count.
import type { Command } from 'commander';
import { reasonLabel } from '../../domain/auth-reasons.js';
import { dropHint, isReportedDrop } from '../../domain/radius-drops.js';
import { historyFilter } from '../../services/radius/radius-history.js';
import type { CliContext } from '../context.js';
import { formatLocalTime, formatTable } from '../format.js';
import { addHistoryOptions, type HistoryOptions, historyQuery } from '../history-options.js';
import { serviceAction } from '../service-errors.js';

const DECISIONS: Record<string, string> = { accept: 'terima', reject: 'tolak', drop: 'buang' };

export function registerAuthLog(program: Command, ctx: CliContext): void {
  const command = program
    .command('auth-log')
    .description('catatan keputusan login RADIUS dan paket yang dibuang (terbaru dulu)');
  addHistoryOptions(command)
    .option('--last <n>', 'sama dengan --limit (nama lama)')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: HistoryOptions & { last?: string; json?: boolean }) => {
        const query = historyQuery(
          { ...opts, limit: opts.last ?? opts.limit },
          ctx.config().timeZone,
          Date.now(),
          opts.last === undefined ? '--limit' : '--last',
        );
        const app = await ctx.open();
        const rows = await app.services.radius.authLog.list(await historyFilter(query, app.keyring));
        if (opts.json) {
          ctx.printJson(
            rows.map((r) => ({
              ...r,
              at: new Date(r.at).toISOString(),
              lastAt: new Date(r.lastAt).toISOString(),
              ...(isReportedDrop(r.reason)
                ? { hint: dropHint(r.reason, { router: r.router, source: r.source ?? '?' }) }
                : {}),
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
            ['WAKTU', 'ROUTER', 'WARGA', 'PERANGKAT', 'MAC', 'PENGGUNA', 'KEPUTUSAN', 'ALASAN', 'KALI'],
            rows.map((r) => [
              formatLocalTime(r.lastAt, tz),
              r.router ?? (r.source ? `? (${r.source})` : '-'),
              r.resident ?? '-',
              r.device ?? '-',
              r.mac ?? (r.decision === 'drop' ? '-' : '(banyak)'),
              r.username ?? '-',
              DECISIONS[r.decision] ?? r.decision,
              reasonLabel(r.reason),
              String(r.count),
            ]),
          ),
        );
        // The fix for each kind of drop, once: the table says what, this says what to do.
        const fixes = new Set(
          rows.flatMap((r) =>
            isReportedDrop(r.reason)
              ? [dropHint(r.reason, { router: r.router, source: r.source ?? '?' })]
              : [],
          ),
        );
        if (fixes.size > 0)
          ctx.print(
            ['', 'Paket yang dibuang dan cara membereskannya:', ...[...fixes].map((f) => `  - ${f}`)].join(
              '\n',
            ),
          );
      }),
    );
}
