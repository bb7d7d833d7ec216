// Drill 3: the disk fills up under the server. Simulated with a small tmpfs mounted for the data directory
// (needs root; `mount -t tmpfs` works here) filled to the last byte by a file, after the WAL was checkpointed
// and truncated so that SQLite has no spare space left in it. Known devices must keep authenticating; accounting
// must not be acknowledged while it cannot be stored; /healthz and the dashboard must say so; everything must
// recover by itself once the file is deleted, and the totals must equal what the NAS sent.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { runStorageFaultDrill, type StorageFaultResult } from './storage-fault.js';

const SECRET = 'drill-secret-3';

/** Whether this machine lets us mount a tmpfs (root, not in a restricted container). */
export function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'warganet-mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full. Now the last pages, a block at a time.
    const small = Buffer.alloc(512);
    try {
      for (;;) writeSync(fd, small);
    } catch {}
  } finally {
    closeSync(fd);
  }
}

export async function runFullDiskDrill(o: {
  sizeMb: number;
  sessions: number;
  devices: number;
}): Promise<StorageFaultResult> {
  const mount = mkdtempSync(join(tmpdir(), 'warganet-fulldisk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${o.sizeMb}m`, 'tmpfs', mount]);
  const dataDir = join(mount, 'data');
  mkdirSync(dataDir);
  const filler = join(mount, 'filler');
  try {
    return await runStorageFaultDrill(
      {
        target: { dataDir },
        async cause() {
          // No spare room in the WAL: every write from now on needs new space on the disk.
          const side = new Sqlite(join(dataDir, 'warganet.db'));
          side.pragma('wal_checkpoint(TRUNCATE)');
          side.close();
          fillDisk(filler);
        },
        // The space comes back; the server recovers by itself.
        async clear() {
          rmSync(filler);
        },
      },
      { secret: SECRET, sessions: o.sessions, devices: o.devices },
    );
  } finally {
    execFileSync('umount', ['-l', mount]);
    rmSync(mount, { recursive: true, force: true });
  }
}
