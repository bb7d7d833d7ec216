// `warganet service install`: writes the systemd unit (and an environment file when there is none), then says
// what to run next. It creates no user and starts nothing itself: those are the operator's root commands.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { RADIUS_RECV_BUFFER_BYTES } from '../../../radius/server.js';
import { renderEnvFile, renderSysctl, renderUnit, SYSCTL_FILE } from '../../ops/systemd-unit.js';
import type { CliContext } from '../context.js';
import { CliError } from '../io.js';

/** The checkout or install folder: the one holding package.json above this file (src/cli/commands or dist/…). */
function installDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function registerService(program: Command, ctx: CliContext): void {
  const service = program.command('service').description('menjalankan Warganet sebagai layanan systemd');
  service
    .command('install')
    .description('menulis unit systemd warganet.service (jalankan sebagai root)')
    .option('--user <nama>', 'pengguna sistem yang menjalankan layanan', 'warganet')
    .option('--data <folder>', 'folder data', '/var/lib/warganet')
    .option('--env-file <berkas>', 'berkas pengaturan', '/etc/warganet/warganet.env')
    .option('--unit-dir <folder>', 'folder unit systemd', '/etc/systemd/system')
    .option('--sysctl-dir <folder>', 'folder pengaturan kernel (sysctl)', '/etc/sysctl.d')
    .option('--dry-run', 'hanya tampilkan unitnya, tidak menulis apa pun')
    .action(
      (opts: {
        user: string;
        data: string;
        envFile: string;
        unitDir: string;
        sysctlDir: string;
        dryRun?: boolean;
      }) => {
        if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(opts.user))
          throw new CliError(`nama pengguna tidak sah: ${opts.user}`);
        const config = ctx.config();
        const dataDir = resolve(opts.data);
        const unit = renderUnit({
          user: opts.user,
          dataDir,
          installDir: installDir(),
          nodePath: process.execPath,
          envFile: resolve(opts.envFile),
          ports: config.roles.includes('http')
            ? [config.httpPort, config.radiusAuthPort, config.radiusAcctPort]
            : [config.radiusAuthPort, config.radiusAcctPort],
        });
        if (opts.dryRun) {
          ctx.io.stdout.write(unit);
          return;
        }
        const unitFile = join(opts.unitDir, 'warganet.service');
        mkdirSync(opts.unitDir, { recursive: true });
        writeFileSync(unitFile, unit, { mode: 0o644 });
        ctx.print(`Unit ditulis: ${unitFile}`);
        // Room in the RADIUS sockets for a reboot storm (see renderSysctl).
        const sysctlFile = join(opts.sysctlDir, SYSCTL_FILE);
        mkdirSync(opts.sysctlDir, { recursive: true });
        writeFileSync(sysctlFile, renderSysctl(RADIUS_RECV_BUFFER_BYTES), { mode: 0o644 });
        ctx.print(`Pengaturan kernel ditulis: ${sysctlFile}`);
        if (!existsSync(opts.envFile)) {
          mkdirSync(dirname(opts.envFile), { recursive: true, mode: 0o755 });
          writeFileSync(opts.envFile, renderEnvFile(dataDir), { mode: 0o640 });
          ctx.print(`Berkas pengaturan ditulis: ${opts.envFile}`);
        }
        ctx.print('Langkah berikutnya (sebagai root):');
        ctx.print(
          `  id ${opts.user} || useradd --system --home-dir ${dataDir} --shell /usr/sbin/nologin ${opts.user}`,
        );
        ctx.print(`  chgrp ${opts.user} ${opts.envFile}`);
        ctx.print(`  sysctl -p ${sysctlFile}`);
        ctx.print('  systemctl daemon-reload && systemctl enable --now warganet');
        ctx.print('  journalctl -u warganet -f        # log');
      },
    );
}
