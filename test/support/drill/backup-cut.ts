// Drill 4b: a power cut during `warganet backup`. The server runs and stores accounting from a NAS while
// `warganet backup FILE` runs in a child process that is SIGKILLed at random moments. After every cut: no file
// at FILE (the backup is written under a temporary name and renamed at the end), and a leftover partial file
// is refused by `warganet restore` unless it is whole (the kill came between its last fsync and the rename). At the end: the live database passes integrity_check and holds exactly what
// the NAS sent (nothing lost), the next backup works and restores whole. SQLite only: PostgreSQL is backed up
// with pg_dump, which `warganet backup` names instead of running.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { cli } from '../cli.js';
import { seedManyDevices, seedPlan, testKeyring } from '../radius-fixtures.js';
import {
  type AccountingTotals,
  prepareDrillDatabase,
  storedAccounting,
  withDatabase,
} from './accounting-check.js';
import { type AccountingNasReport, runAccountingNas } from './accounting-nas.js';
import { cliInChild } from './cli-child.js';
import { startServerProcess } from './server-process.js';

const SECRET = 'drill-secret-4';

export interface BackupCutOptions {
  readonly dataDir: string;
  /** Devices seeded first, so the database (and the backup) has some size. */
  readonly devices: number;
  /** Accounting sessions the NAS sends while the backups are cut. */
  readonly sessions: number;
  readonly cuts: number;
}

export interface BackupCut {
  /** Whether the child was still running when the SIGKILL came. */
  readonly cut: boolean;
  /** A file at the final name after the cut: only when the kill came after the rename, and then it restores. */
  readonly finalFileExists: boolean;
  /** `warganet restore` of the file at the final name, when there is one (into an empty data folder). */
  readonly finalRestoreCode: number | undefined;
  /** Leftover temporary files in the folder after the cut. */
  readonly leftovers: readonly string[];
  /**
   * `warganet restore` of each leftover, into an empty data folder: exit code, its first line, and the devices
   * the restored database holds (-1 when refused). A kill between the last fsync and the rename leaves a whole
   * `.partial`, which restores whole; anything cut earlier fails the manifest's checksum and is refused.
   */
  readonly restoreOfLeftovers: ReadonlyArray<{ file: string; code: number; says: string; devices: number }>;
}

export interface BackupCutResult {
  readonly backupSeconds: number;
  readonly cuts: readonly BackupCut[];
  readonly integrity: string;
  readonly nas: AccountingNasReport;
  readonly stored: AccountingTotals;
  readonly crashes: number;
  /** The backup taken after the cuts: its exit code, and a restore of it into an empty folder. */
  readonly nextBackup: { code: number; restoreCode: number; restoredDevices: number };
  readonly devices: number;
}

/** Devices in the database restored into `dataDir`. */
function countDevices(dataDir: string): number {
  const db = new Sqlite(join(dataDir, 'warganet.db'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from devices').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** `warganet backup OUT` in a child, cut after `killAfterMs` when given. */
function backupInChild(dataDir: string, out: string, killAfterMs?: number) {
  return cliInChild({ dataDir }, ['backup', out, '--json'], killAfterMs);
}

export async function runBackupCutDrill(o: BackupCutOptions): Promise<BackupCutResult> {
  const [routerId] = await prepareDrillDatabase(o, [{ address: '127.0.0.1', secret: SECRET }]);
  await withDatabase(o, async (db) => {
    const planId = await seedPlan(db, { is_default: 1, devices_allowed: 3, daily_quota_bytes: 10 ** 15 });
    await seedManyDevices(db, await testKeyring(), o.devices, planId);
  });
  const backups = join(o.dataDir, 'backups-cut');
  mkdirSync(backups);
  const restoreDir = (n: number) => join(o.dataDir, `restore-${n}`);

  const server = await startServerProcess({ dataDir: o.dataDir });
  try {
    const nas = runAccountingNas({
      port: server.acctPort,
      secret: SECRET,
      sessions: o.sessions,
      interims: 2,
      window: 16,
      retransmitMs: 500,
    });
    // How long a whole backup takes here (start-up included), to place the cuts within it.
    const timing = await backupInChild(o.dataDir, join(backups, 'timing.wgbak'));
    const cuts: BackupCut[] = [];
    // The cuts at random points of a whole run; then, while none came before the backup was whole (a loaded
    // machine makes the timing run slower than the cut ones), up to 5 more, each at half the delay of the last.
    let at = 0;
    for (let k = 0; k < o.cuts + 5; k++) {
      if (k >= o.cuts && cuts.some((c) => c.cut && !c.finalFileExists)) break;
      at = k < o.cuts ? (0.3 + 0.6 * Math.random()) * timing.seconds * 1000 : at / 2;
      const out = join(backups, `cut-${k}.wgbak`);
      const r = await backupInChild(o.dataDir, out, at);
      const leftovers = readdirSync(backups).filter((f) => f.startsWith(`cut-${k}.wgbak.`));
      const restoreOfLeftovers = [];
      for (const [i, f] of leftovers.entries()) {
        const into = join(restoreDir(k), `leftover-${i}`);
        const run = await cli({ dataDir: into }, ['restore', join(backups, f)]);
        const devices = run.code === 0 ? countDevices(into) : -1;
        restoreOfLeftovers.push({ file: f, code: run.code, says: run.stderr.split('\n')[0] ?? '', devices });
      }
      const finalFileExists = existsSync(out);
      const finalRestoreCode = finalFileExists
        ? (await cli({ dataDir: join(restoreDir(k), 'final') }, ['restore', out])).code
        : undefined;
      cuts.push({ cut: r.cut, finalFileExists, finalRestoreCode, leftovers, restoreOfLeftovers });
    }
    const report = await nas;
    // The next backup, over the leftovers of a cut one at the same name, while the server still runs.
    const next = join(backups, 'cut-0.wgbak');
    const nextRun = await cli({ dataDir: o.dataDir }, ['backup', next, '--json']);
    await server.stop();
    const restored = await cli({ dataDir: restoreDir(cuts.length) }, ['restore', next]);
    const restoredDevices = restored.code === 0 ? countDevices(restoreDir(cuts.length)) : -1;
    const live = new Sqlite(join(o.dataDir, 'warganet.db'), { readonly: true });
    const integrity = (live.pragma('integrity_check', { simple: true }) as string) ?? '';
    live.close();
    return {
      backupSeconds: timing.seconds,
      cuts,
      integrity,
      nas: report,
      stored: await storedAccounting(o, routerId!, report.expected),
      crashes: server.crashes,
      nextBackup: { code: nextRun.code, restoreCode: restored.code, restoredDevices },
      devices: o.devices,
    };
  } finally {
    await server.stop();
  }
}
