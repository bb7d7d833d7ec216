// `warganet sessions [--active] [--router|--mac|--nik|--since|--limit] [--json]` and `warganet session kick ID`: hotspot sessions as accounting
// recorded them (64-bit byte totals), and logging one device off its router by RADIUS Disconnect-Request.
import type { Command } from 'commander';
import { formatSize } from '../../domain/units.js';
import { withDisconnectors } from '../../router-ops-wiring.js';
import { historyFilter } from '../../services/radius/radius-history.js';
import type { SessionView } from '../../services/radius/radius-sessions.js';
import type { CliContext } from '../context.js';
import { formatLocalTime, formatTable } from '../format.js';
import { addHistoryOptions, type HistoryOptions, historyQuery } from '../history-options.js';
import { CliError } from '../io.js';
import { serviceAction } from '../service-errors.js';

const STATES: Record<string, string> = { active: 'aktif', stopped: 'berhenti', closed: 'ditutup' };

function sessionJson(s: SessionView) {
  return {
    id: s.id,
    user: s.username,
    mac: s.mac,
    ip: s.ip,
    router: s.router,
    resident: s.resident,
    device: s.device,
    acctSessionId: s.acctSessionId,
    startedAt: new Date(s.startedAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
    stoppedAt: s.stoppedAt === null ? null : new Date(s.stoppedAt).toISOString(),
    // Client's view: in = what it uploaded, out = what it downloaded; exact 64-bit totals.
    bytesIn: s.inputBytes,
    bytesOut: s.outputBytes,
    sessionTimeS: s.sessionTimeS,
    terminateCause: s.terminateCause,
    state: s.state,
  };
}

export function registerSessions(program: Command, ctx: CliContext): void {
  const command = program
    .command('sessions')
    .description('sesi hotspot dari accounting RADIUS')
    .option('--active', 'hanya sesi yang masih aktif');
  addHistoryOptions(command)
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: HistoryOptions & { active?: boolean; json?: boolean }) => {
        const query = historyQuery(opts, ctx.config().timeZone, Date.now());
        const app = await ctx.open();
        const filter = await historyFilter(query, app.keyring);
        const sessions = await app.services.radius.sessions.list({
          ...filter,
          activeOnly: opts.active ?? false,
        });
        if (opts.json) {
          ctx.printJson(sessions.map(sessionJson));
          return;
        }
        if (sessions.length === 0) {
          ctx.print(opts.active ? 'Tidak ada sesi aktif.' : 'Belum ada sesi.');
          return;
        }
        const tz = app.config.timeZone;
        ctx.print(
          formatTable(
            [
              'ID',
              'WARGA',
              'PERANGKAT',
              'PENGGUNA',
              'MAC',
              'IP',
              'ROUTER',
              'MULAI',
              'TERAKHIR',
              'UNGGAH',
              'UNDUH',
              'STATUS',
            ],
            sessions.map((s) => [
              String(s.id),
              s.resident ?? '-',
              s.device ?? '-',
              s.username,
              s.mac ?? '-',
              s.ip ?? '-',
              s.router,
              formatLocalTime(s.startedAt, tz),
              formatLocalTime(s.updatedAt, tz),
              formatSize(s.inputBytes),
              formatSize(s.outputBytes),
              STATES[s.state] ?? s.state,
            ]),
          ),
        );
      }),
    );

  program
    .command('session')
    .description('tindakan pada satu sesi hotspot')
    .command('kick')
    .description('memutus sesi dari router (RADIUS Disconnect-Request, lalu API RouterOS bila gagal)')
    .argument('<id>', 'ID sesi dari `warganet sessions`')
    .option('--json', 'keluaran JSON')
    .action(async (idText: string, opts: { json?: boolean }) => {
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw new CliError(`ID sesi tidak valid: ${idText}`);
      const app = await ctx.open();
      // Tried in order until one succeeds: RADIUS Disconnect first, then the RouterOS API.
      const result = await withDisconnectors(app, (disconnectors) =>
        app.services.radius.sessions.kick(id, disconnectors),
      );
      if (opts.json) ctx.printJson(result);
      if (result.ok) {
        if (!opts.json) ctx.print(`Sesi ${id} diputus (${result.outcome.via}: ${result.outcome.detail}).`);
        return;
      }
      if (result.error === 'not_found') throw new CliError(`sesi ${id} tidak ditemukan`);
      if (result.error === 'not_active') throw new CliError(`sesi ${id} sudah tidak aktif`);
      throw new CliError(
        `sesi ${id} gagal diputus: ${result.attempts.map((a) => `${a.via}: ${a.detail}`).join('; ')}`,
      );
    });
}
