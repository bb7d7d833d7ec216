// The agent role's daily backups, from the configuration: SQLite only, off when WARGANET_BACKUP_KEEP is 0.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from './app-context.js';
import { packageVersion } from './cli/version.js';
import { startDailyBackups } from './ops/daily-backups.js';
import { SECRET_KEY_FILE } from './secret-key-file.js';

export function startAgentBackups(ctx: AppContext): { stop(): Promise<void> } | undefined {
  const { config } = ctx;
  if (ctx.database.kind !== 'sqlite' || config.backupKeep === 0) return undefined;
  return startDailyBackups({
    sqliteFile: ctx.database.location,
    dir: join(config.dataDir, 'backups'),
    keep: config.backupKeep,
    timeZone: config.timeZone,
    warganetVersion: packageVersion(),
    keyHex: config.secretKeyHex ?? readFileSync(join(config.dataDir, SECRET_KEY_FILE), 'utf8').trim(),
    passphrase: config.backupPassphrase,
    logger: ctx.logger,
  });
}
