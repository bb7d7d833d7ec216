// `warganet start`: runs the configured roles until SIGINT/SIGTERM, or until the process that started it is gone.
import type { Command } from 'commander';
import { createLogger } from '../../logger.js';
import { markServerRunning } from '../../ops/server-lock.js';
import { startServer } from '../../server.js';
import type { CliContext } from '../context.js';
import { untilStopRequested } from './stop-signals.js';

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description('menjalankan layanan (http, radius, agent) sesuai WARGANET_ROLES')
    .action(async () => {
      const config = ctx.config();
      const logger = createLogger(config.logLevel, undefined, config.logFormat);
      const { openAppContext } = await import('../../app-context.js');
      const app = await openAppContext(config, logger);
      const server = await startServer(app);
      // `restore` and `key rotate` look for it (src/ops/server-lock.ts).
      const unmark = markServerRunning(config.dataDir);
      logger.info({ roles: config.roles, database: app.database.kind }, 'warganet started');
      const reason = await untilStopRequested();
      logger.info({ reason }, 'stopping');
      await server.stop();
      unmark();
      logger.info('stopped');
    });
}
