// Is a server running on this data directory? `warganet start` writes its process id to data/warganet.pid and
// removes it when it stops; `restore` and `key rotate` refuse while that process lives. A file left by a server
// killed outright (power cut, SIGKILL) names a process that is gone, or one that is not node: ignored.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PID_FILE = 'warganet.pid';

/** Records this process as the data directory's server; the returned function takes it back. */
export function markServerRunning(dataDir: string): () => void {
  const file = join(dataDir, PID_FILE);
  // Never refuses: after a power cut the old file may name an unrelated process that got the same id.
  writeFileSync(file, `${process.pid}\n`, { mode: 0o644 });
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}

/** The pid of a live server on this data directory, or undefined. */
export function runningServerPid(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
  }
  // Linux: a reused pid held by something else than node is not our server.
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!/node|warganet/.test(cmdline)) return undefined;
  } catch {
    // no /proc (macOS): believe the file
  }
  return pid;
}
