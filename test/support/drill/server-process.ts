// The server as a village box runs it, in a child process the drills can SIGKILL: `warganet start` (every role,
// or the ones asked for) on 127.0.0.1, its RADIUS ports kept across restarts so the NAS simulator never notices
// anything but silence. The program is bundled once with esbuild (as `npm start` runs compiled JavaScript, and
// because loading TypeScript through tsx takes ~6 s per start on a loaded machine; a bundle starts in ~1 s, one
// with its dependencies inside in ~0.5 s).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET_KEY } from '../cli.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bundled = new Map<string, string>();

/**
 * Bundles an entry (with its dependencies, but for the native ones) once per process: `main` is `warganet start`
 * (src/main.ts), `cli` the whole `warganet` command (test/support/drill/cli-entry.ts).
 */
export function bundleServer(entry: 'main' | 'cli' = 'main'): string {
  const done = bundled.get(entry);
  if (done) return done;
  const dir = join(root, 'node_modules', '.cache', 'warganet-drill');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${entry}-${process.pid}.mjs`);
  const source =
    entry === 'main' ? join(root, 'src', 'main.ts') : join(root, 'test', 'support', 'drill', 'cli-entry.ts');
  execFileSync(
    join(root, 'node_modules', '.bin', 'esbuild'),
    [
      source,
      '--bundle',
      '--platform=node',
      '--format=esm',
      // Dependencies inside the bundle too: resolving and loading hundreds of package files took ~0.7 s of every
      // start (a kill drill starts the server 20 times). The native module stays outside; pg-native and
      // source-map-support are optional requires that are not installed.
      '--external:better-sqlite3',
      '--external:pg-native',
      '--external:source-map-support',
      `--banner:js=import { createRequire as __warganetRequire } from 'node:module'; const require = __warganetRequire(import.meta.url);`,
      '--log-level=error',
      `--outfile=${out}`,
    ],
    { stdio: 'inherit' },
  );
  bundled.set(entry, out);
  // One bundle per test process: gone with it.
  process.once('exit', () => rmSync(out, { force: true }));
  return out;
}

/** A TCP port free right now (the HTTP port must be given; 0 is refused by the configuration). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  /** WARGANET_ROLES; every role by default, as `warganet start` runs. */
  readonly roles?: string;
  readonly env?: Record<string, string>;
  /** Every log line the child writes (JSON), for drills that look for an error. */
  readonly onLog?: (line: Record<string, unknown>) => void;
}

export interface ServerProcess {
  readonly httpPort: number;
  readonly authPort: number;
  readonly acctPort: number;
  /** How many times the child ended without being asked to (a crash). */
  readonly crashes: number;
  /** The end of its log at each crash. */
  readonly crashLogs: readonly string[];
  readonly pid: number | undefined;
  /** SIGKILL: a power cut for the process. Resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same ports; resolves when it says it started. */
  restart(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  readonly running: boolean;
}

interface Started {
  child: ChildProcess;
  ports: { auth: number; acct: number };
}

/**
 * Follows a starting server's JSON log on its stderr (bench/radius-warganet.ts does too): every line goes to
 * `onLog` (with its text), `started` resolves with the RADIUS ports once the server says it started (0 without
 * the radius role) and rejects with the end of its log if it exits first; `tail()` is the end of the log so far.
 */
export function followStart(
  child: ChildProcess,
  onLog?: (log: Record<string, unknown>, line: string) => void,
): { started: Promise<{ auth: number; acct: number }>; tail(): string } {
  let tail = '';
  const started = new Promise<{ auth: number; acct: number }>((resolve, reject) => {
    let ports: { auth: number; acct: number } | undefined;
    let buffered = '';
    let ready = false;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      buffered += chunk;
      tail = (tail + chunk).slice(-4000);
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf('\n');
        let log: Record<string, unknown>;
        try {
          log = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        onLog?.(log, line);
        if (log.msg === 'radius listening') ports = { auth: Number(log.auth), acct: Number(log.acct) };
        if (log.msg === 'warganet started' && !ready) {
          ready = true;
          resolve(ports ?? { auth: 0, acct: 0 });
        }
      }
    });
    child.once('exit', (code, signal) => {
      if (!ready) reject(new Error(`server exited before it started (${code ?? signal}):\n${tail}`));
    });
  });
  return { started, tail: () => tail };
}

async function launch(
  file: string,
  env: NodeJS.ProcessEnv,
  onLog: ServerOptions['onLog'],
  onUnexpectedExit: (why: string) => void,
): Promise<Started> {
  const child = spawn(process.execPath, ['--max-semi-space-size=8', '--max-old-space-size=128', file], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log = followStart(child, onLog);
  const ports = await log.started;
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code !== 0)
      onUnexpectedExit(`exit ${code ?? signal}:\n${log.tail()}`);
  });
  return { child, ports };
}

export async function startServerProcess(opts: ServerOptions): Promise<ServerProcess> {
  const file = bundleServer();
  const httpPort = await freePort();
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    MALLOC_ARENA_MAX: '2',
    WARGANET_DATA_DIR: opts.dataDir,
    WARGANET_SECRET_KEY: TEST_SECRET_KEY,
    WARGANET_HTTP_HOST: '127.0.0.1',
    WARGANET_HTTP_PORT: String(httpPort),
    WARGANET_RADIUS_HOST: '127.0.0.1',
    WARGANET_LOG_LEVEL: 'info',
    ...(opts.databaseUrl ? { WARGANET_DATABASE_URL: opts.databaseUrl } : {}),
    ...(opts.roles ? { WARGANET_ROLES: opts.roles } : {}),
    ...opts.env,
  };
  let crashes = 0;
  const crashLogs: string[] = [];
  const onCrash = (why: string) => {
    crashes++;
    crashLogs.push(why);
  };
  let current = await launch(
    file,
    { ...base, WARGANET_RADIUS_AUTH_PORT: '0', WARGANET_RADIUS_ACCT_PORT: '0' },
    opts.onLog,
    onCrash,
  );
  const { auth, acct } = current.ports;
  const env = { ...base, WARGANET_RADIUS_AUTH_PORT: String(auth), WARGANET_RADIUS_ACCT_PORT: String(acct) };
  let running = true;
  const ended = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    httpPort,
    authPort: auth,
    acctPort: acct,
    get crashes() {
      return crashes;
    },
    crashLogs,
    get pid() {
      return current.child.pid;
    },
    get running() {
      return running;
    },
    async kill() {
      running = false;
      current.child.kill('SIGKILL');
      await ended(current.child);
    },
    async restart() {
      current = await launch(file, env, opts.onLog, onCrash);
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      current.child.kill('SIGTERM');
      await ended(current.child);
    },
  };
}
