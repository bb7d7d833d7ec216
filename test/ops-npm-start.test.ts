// `npm start` as an operator runs it: no compiling when dist/ is current, and nothing left behind holding the
// ports when the npm process is told to stop (SIGTERM) or killed outright (SIGKILL; the server notices its parent
// is gone).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

interface Started {
  readonly npm: ChildProcess;
  readonly http: number;
  readonly auth: number;
  readonly acct: number;
  readonly stderr: () => string;
}

async function npmStart(dataDir: string): Promise<Started> {
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: {
      ...process.env,
      WARGANET_DATA_DIR: dataDir,
      WARGANET_HTTP_PORT: '0',
      WARGANET_HTTP_HOST: '127.0.0.1',
      WARGANET_RADIUS_AUTH_PORT: '0',
      WARGANET_RADIUS_ACCT_PORT: '0',
      WARGANET_RADIUS_HOST: '127.0.0.1',
      WARGANET_LOG_FORMAT: 'json',
      WARGANET_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  npm.stdout?.resume();
  return new Promise((resolve, reject) => {
    let http: number | undefined;
    npm.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      for (const line of err.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg: string; port?: number; auth?: number; acct?: number };
        if (entry.msg === 'http listening') http = entry.port;
        if (entry.msg === 'radius listening' && http !== undefined && entry.auth && entry.acct)
          resolve({ npm, http, auth: entry.auth, acct: entry.acct, stderr: () => err });
      }
    });
    npm.once('exit', (code) => reject(new Error(`npm start exited (${code}) before listening:\n${err}`)));
  });
}

/** Every process descending from `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may itself hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parents) {
      if (parent !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(state); // a zombie has exited; only its parent has not collected it yet
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`still waiting: ${what}`);
}

const tcpFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

const udpFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => resolve(false));
    s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

describe('npm start', () => {
  const dirs: string[] = [];
  const leftovers: number[] = [];
  beforeAll(() => {
    // The checkout's dist/ may be older than its sources (an edit since the last build): build it once here.
    const built = spawnSync(process.execPath, [join(root, 'bin', 'ensure-built.js')], { stdio: 'inherit' });
    expect(built.status).toBe(0);
  }, 300_000);
  afterEach(() => {
    for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)(
    'after %s to the npm process, the ports are free and no process of the tree is left',
    async (signal) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'warganet-start-'));
      dirs.push(dataDir);
      const started = await npmStart(dataDir);
      const npmPid = started.npm.pid as number;
      const tree = descendants(npmPid);
      leftovers.push(npmPid, ...tree);
      expect(tree.length).toBeGreaterThan(0);
      // No compile step ran: dist/ was current (the test's own build, or the checkout's).
      expect(started.stderr()).not.toContain('compiling');
      const exited = new Promise((r) => started.npm.once('exit', r));
      process.kill(npmPid, signal);
      await exited;
      await until(() => tree.every((pid) => !alive(pid)), `processes ${tree.join(', ')} to end`);
      expect(await tcpFree(started.http)).toBe(true);
      expect(await udpFree(started.auth)).toBe(true);
      expect(await udpFree(started.acct)).toBe(true);
    },
    240_000,
  );
});
