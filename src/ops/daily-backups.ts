// The agent's daily backup (SQLite): once a day into data/backups/warganet-YYYY-MM-DD.wgbak (the server's time
// zone's date), keeping the newest `keep` of them. Backups made by hand (`warganet backup`) are named otherwise
// and never deleted here. With WARGANET_BACKUP_PASSPHRASE set, the key is sealed inside each one.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { writeBackup } from './backup-file.js';
import { sealKey } from './key-seal.js';

const DAILY = /^warganet-(\d{4}-\d{2}-\d{2})\.wgbak$/;
const CHECK_MS = 60 * 60_000;
/** Not in the first minutes after a start: a reboot storm has better uses for the disk. */
const FIRST_CHECK_MS = 5 * 60_000;

export interface DailyBackupOptions {
  readonly sqliteFile: string;
  readonly dir: string;
  readonly keep: number;
  readonly timeZone: string;
  readonly warganetVersion: string;
  readonly keyHex: string;
  readonly passphrase: string | undefined;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly now?: () => Date;
}

export function localDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** Makes today's backup when it is missing, then prunes; the file name when one was made. */
export async function runDailyBackup(opts: DailyBackupOptions): Promise<string | undefined> {
  const now = opts.now?.() ?? new Date();
  const day = localDay(now, opts.timeZone);
  const name = `warganet-${day}.wgbak`;
  let existing: string[] = [];
  try {
    existing = readdirSync(opts.dir).filter((f) => DAILY.test(f));
  } catch {
    // no folder yet
  }
  let made: string | undefined;
  if (!existing.includes(name)) {
    const key = opts.passphrase ? await sealKey(opts.keyHex, opts.passphrase) : null;
    await writeBackup({
      sqliteFile: opts.sqliteFile,
      out: join(opts.dir, name),
      warganetVersion: opts.warganetVersion,
      key,
      now,
    });
    existing.push(name);
    made = name;
    opts.logger.info({ file: join(opts.dir, name), keySealed: key !== null }, 'daily backup written');
  }
  // Names sort by date; the newest `keep` stay.
  for (const old of existing.sort().reverse().slice(opts.keep)) {
    rmSync(join(opts.dir, old), { force: true });
    opts.logger.info({ file: join(opts.dir, old) }, 'old daily backup removed');
  }
  return made;
}

export function startDailyBackups(opts: DailyBackupOptions): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = runDailyBackup(opts).catch((err: unknown) =>
      opts.logger.warn({ err }, 'daily backup failed; will try again in an hour'),
    );
  };
  const first = setTimeout(tick, FIRST_CHECK_MS);
  const timer = setInterval(tick, CHECK_MS);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
