// Drill 3b: the database turns read-only while the server runs. Known devices must keep authenticating;
// accounting must not be acknowledged while it cannot be stored (the router resends, nothing is lost); /healthz
// and the dashboard must say "read-only" in plain words; and it must recover.
//
// Two ways it happens:
// - PostgreSQL (a throwaway cluster): `default_transaction_read_only = on` by ALTER SYSTEM and a reload, as after
//   a failover to a standby or an operator's mistake; turned off the same way, and the node recovers by itself.
// - SQLite: the data directory's file system turns read-only as an SD card's ext4 does after an error
//   (errors=remount-ro, forced through /sys/fs/ext4/<dev>/trigger_fs_error on a loop-mounted image). Linux keeps
//   such a file system read-only until it is unmounted (`emergency_ro`), so recovery is the operator's reboot:
//   the server is stopped (SIGKILL, a power cut), the file system mounted again, the server started; the routers'
//   resends then deliver everything. (A tmpfs cannot be remounted read-only while the database is open: EBUSY;
//   chmod and chattr do not touch a file already open.)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { runStorageFaultDrill, type StorageFaultResult } from './storage-fault.js';

const SECRET = 'drill-secret-3b';

/** Whether this machine can loop-mount an ext4 image and force it read-only (root, ext4 with trigger_fs_error). */
export function canForceReadOnlyExt4(): boolean {
  return (
    process.getuid?.() === 0 &&
    existsSync('/usr/sbin/mkfs.ext4') &&
    existsSync('/sys/fs/ext4/features') &&
    !!execFileSync('cat', ['/proc/filesystems'], { encoding: 'utf8' }).match(/\bext4\b/)
  );
}

export interface ReadOnlyResult extends StorageFaultResult {
  /** Whether it came back without restarting the server. */
  readonly recoveredLive: boolean;
}

interface Medium {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  makeReadOnly(): Promise<void>;
  /** Live: nothing else needed. Otherwise the server is stopped around it (down meanwhile). */
  makeWritable(): Promise<void>;
  readonly live: boolean;
  cleanup(): Promise<void>;
}

async function pgMedium(url: string, dataDir: string): Promise<Medium> {
  const admin = async (sqlText: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // This session must be able to undo it.
      await client.query('set default_transaction_read_only = off');
      await client.query(sqlText);
      await client.query('select pg_reload_conf()');
    } finally {
      await client.end();
    }
  };
  return {
    dataDir,
    databaseUrl: url,
    live: true,
    makeReadOnly: () => admin('alter system set default_transaction_read_only = on'),
    makeWritable: () => admin('alter system reset default_transaction_read_only'),
    async cleanup() {},
  };
}

function ext4Medium(sizeMb: number): Medium {
  const root = mkdtempSync(join(tmpdir(), 'warganet-readonly-'));
  const image = join(root, 'sd.img');
  const mount = join(root, 'mnt');
  mkdirSync(mount);
  execFileSync('truncate', ['-s', `${sizeMb}M`, image]);
  // No journal: the error path then only marks the file system read-only (no aborted journal to replay).
  execFileSync('mkfs.ext4', ['-q', '-F', '-O', '^has_journal', image]);
  const mountIt = () => execFileSync('mount', ['-o', 'loop,errors=remount-ro', image, mount]);
  mountIt();
  const dataDir = join(mount, 'data');
  mkdirSync(dataDir);
  return {
    dataDir,
    live: false,
    async makeReadOnly() {
      const device = execFileSync('findmnt', ['-n', '-o', 'SOURCE', mount], { encoding: 'utf8' }).trim();
      execFileSync('sh', ['-c', `echo 1 > /sys/fs/ext4/${basename(device)}/trigger_fs_error`]);
    },
    async makeWritable() {
      execFileSync('umount', [mount]);
      // What the operator's reboot does: check the file system, mount it again.
      // Exit 1: errors were found and corrected (the error the drill forced is recorded in the superblock).
      const fsck = spawnSync('e2fsck', ['-f', '-y', image], { stdio: 'ignore' });
      if (fsck.status === null || fsck.status > 1) throw new Error(`e2fsck failed (${fsck.status})`);
      mountIt();
    },
    async cleanup() {
      try {
        execFileSync('umount', ['-l', mount], { stdio: 'ignore' });
      } catch {}
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function runReadOnlyDrill(
  o: { sessions: number; devices: number } & (
    | { kind: 'postgres'; url: string; dataDir: string }
    | { kind: 'sqlite'; sizeMb: number }
  ),
): Promise<ReadOnlyResult> {
  const medium = o.kind === 'postgres' ? await pgMedium(o.url, o.dataDir) : ext4Medium(o.sizeMb);
  try {
    const result = await runStorageFaultDrill(
      {
        target: { dataDir: medium.dataDir, databaseUrl: medium.databaseUrl },
        cause: () => medium.makeReadOnly(),
        async clear(server) {
          if (medium.live) return medium.makeWritable();
          await server.kill();
          await medium.makeWritable();
          await server.restart();
        },
      },
      { secret: SECRET, sessions: o.sessions, devices: o.devices },
    );
    return { ...result, recoveredLive: medium.live };
  } finally {
    await medium.cleanup();
  }
}
