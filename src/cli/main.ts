// The `warganet` command. Each command group registers itself from its own file; every failure ends as one
// clear line on stderr and a non-zero exit code, never a stack trace.
import { Command, CommanderError } from 'commander';
import { indonesianHelp, translateCommanderError } from './commander-id.js';
import { registerAccount } from './commands/account.js';
import { registerAdmin } from './commands/admin.js';
import { registerAuthLog } from './commands/auth-log.js';
import { registerBackup } from './commands/backup.js';
import { registerDevice } from './commands/device.js';
import { registerInstitution } from './commands/institution.js';
import { registerKey } from './commands/key.js';
import { registerInit, registerMigrate } from './commands/migrate.js';
import { registerPlan } from './commands/plan.js';
import { registerRegency } from './commands/regency.js';
import { registerResidents } from './commands/residents.js';
import { registerResidentsSearch } from './commands/residents-search.js';
import { registerRouter } from './commands/router.js';
import { registerService } from './commands/service.js';
import { registerSessions } from './commands/sessions.js';
import { registerStart } from './commands/start.js';
import { registerVoucher } from './commands/voucher.js';
import { createCliContext } from './context.js';
import { withEnvFile } from './env-file.js';
import { printableText } from './format.js';
import { CliError, type CliIO, processIO } from './io.js';
import { describeSystemError } from './system-errors.js';
import { packageVersion } from './version.js';

export function buildProgram(io: CliIO, ctx = createCliContext(io)): Command {
  const program = new Command('warganet')
    .description('Warganet — Wi-Fi gratis desa: portal NIK, server RADIUS, router MikroTik')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(translateCommanderError(s)),
    })
    .configureHelp(indonesianHelp)
    .helpOption('-h, --help', 'tampilkan bantuan perintah ini')
    .helpCommand('help [perintah]', 'tampilkan bantuan sebuah perintah')
    .showHelpAfterError('(jalankan dengan --help untuk bantuan)')
    .version(packageVersion(), '-V, --version', 'tampilkan versi warganet')
    .option('--data-dir <folder>', 'folder data server (menggantikan WARGANET_DATA_DIR)')
    .hook('preAction', () => {
      const dir = program.opts<{ dataDir?: string }>().dataDir;
      if (dir !== undefined) ctx.setDataDir(dir);
    });
  registerInit(program, ctx);
  registerStart(program, ctx);
  registerMigrate(program, ctx);
  registerResidents(program, ctx);
  registerResidentsSearch(program, ctx);
  registerPlan(program, ctx);
  registerVoucher(program, ctx);
  registerRouter(program, ctx);
  registerAccount(program, ctx);
  registerDevice(program, ctx);
  registerInstitution(program, ctx);
  registerAdmin(program, ctx);
  registerSessions(program, ctx);
  registerAuthLog(program, ctx);
  registerBackup(program, ctx);
  registerService(program, ctx);
  registerKey(program, ctx);
  registerRegency(program, ctx);
  return program;
}

export async function runCli(
  argv: readonly string[],
  io: CliIO = processIO(withEnvFile(process.env)),
): Promise<number> {
  const ctx = createCliContext(io);
  const program = buildProgram(io, ctx);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof CliError) {
      io.stderr.write(`warganet: ${printableText(err.message)}\n`);
      return err.exitCode;
    }
    const message = describeSystemError(err) ?? (err instanceof Error ? err.message : String(err));
    // One line: a driver's message can span several, and the operator needs the first.
    io.stderr.write(`warganet: ${printableText(message.split('\n')[0] ?? '')}\n`);
    return 1;
  } finally {
    await ctx.close().catch(() => {});
  }
}
