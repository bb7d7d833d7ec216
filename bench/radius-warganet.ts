// Warganet as `npm start` runs it, for `npm run bench:radius`: `bin/start.js` (the compiled dist/, every role —
// portal, admin, reports, agent, RADIUS — in one process) with the Node flags and environment of package.json's
// `start` script, on 127.0.0.1 ephemeral ports. Its figures are read from /proc (bench/proc-stat.ts), and with
// `--trace-gc` among the flags its garbage collections are counted per phase.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { followStart, freePort } from '../test/support/drill/server-process.js';

const here = fileURLToPath(new URL('..', import.meta.url));

/** The Node flags and environment assignments of `npm start` (package.json), so the bench runs what ships. */
export function startScript(): { flags: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  const env: Record<string, string> = {};
  const flags: string[] = [];
  let inNode = false;
  for (const w of words) {
    if (w === 'node') inNode = true;
    else if (!inNode && /^[A-Z_]+=/.test(w)) env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
    else if (inNode && w.startsWith('--')) flags.push(w);
  }
  return { flags, env };
}

/** Builds dist/ when it is missing or older than the sources, as `npm start` would, before anything is timed. */
export function ensureBuilt(root: string): void {
  execFileSync(
    process.execPath,
    ['-e', "import('./bin/ensure-built.js').then((m) => process.exit(m.ensureBuilt() ? 0 : 1))"],
    { cwd: root, stdio: 'inherit' },
  );
}

export interface GcEvent {
  readonly kind: 'minor' | 'full';
  readonly pauseMs: number;
}

export interface WarganetProcess {
  readonly pid: number;
  readonly authPort: number;
  readonly acctPort: number;
  readonly httpPort: number;
  /** Collections seen so far (only with --trace-gc in the flags). */
  readonly gc: readonly GcEvent[];
  stop(): Promise<void>;
}

// `[pid:0x…]  1523 ms: Scavenge 10.2 (12.0) -> 9.8 (13.0) MB, 0.85 / 0.00 ms  (…)`
const GC_LINE = /ms: (Scavenge|Minor Mark-Sweep|Mark-Compact|Mark-sweep)[^,]*MB, ([\d.]+) \/ [\d.]+ ms/;

export async function startWarganet(opts: {
  /** The checkout whose bin/start.js runs. */
  root: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  secretKeyHex: string;
  flags: readonly string[];
  env: Record<string, string>;
}): Promise<WarganetProcess> {
  const httpPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...opts.flags, join(opts.root, 'bin', 'start.js')], {
    cwd: opts.root,
    env: {
      PATH: process.env.PATH,
      ...opts.env,
      WARGANET_SKIP_BUILD_CHECK: '1',
      WARGANET_DATA_DIR: opts.dataDir,
      WARGANET_SECRET_KEY: opts.secretKeyHex,
      WARGANET_ROLES: 'all',
      WARGANET_HTTP_HOST: '127.0.0.1',
      WARGANET_HTTP_PORT: String(httpPort),
      WARGANET_RADIUS_HOST: '127.0.0.1',
      WARGANET_RADIUS_AUTH_PORT: '0',
      WARGANET_RADIUS_ACCT_PORT: '0',
      WARGANET_LOG_LEVEL: 'info',
      WARGANET_LOG_FORMAT: 'json',
      ...(opts.databaseUrl ? { WARGANET_DATABASE_URL: opts.databaseUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const gc: GcEvent[] = [];
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    out += chunk;
    let nl = out.indexOf('\n');
    while (nl >= 0) {
      const m = GC_LINE.exec(out.slice(0, nl));
      if (m) gc.push({ kind: m[1] === 'Scavenge' ? 'minor' : 'full', pauseMs: Number(m[2]) });
      out = out.slice(nl + 1);
      nl = out.indexOf('\n');
    }
  });
  const ports = await followStart(child, (log, line) => {
    if (log.level !== undefined && Number(log.level) >= 50) process.stderr.write(`server: ${line}\n`);
  }).started;
  return {
    pid: child.pid!,
    authPort: ports.auth,
    acctPort: ports.acct,
    httpPort,
    gc,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await ended;
    },
  };
}

/** Count and longest pause of each kind among `events`. */
export function gcSummary(events: readonly GcEvent[]): string {
  const of = (kind: GcEvent['kind']) => {
    const e = events.filter((x) => x.kind === kind);
    return `${e.length} ${kind} (longest ${Math.max(0, ...e.map((x) => x.pauseMs)).toFixed(1)} ms)`;
  };
  return `${of('minor')}, ${of('full')}`;
}
