// The regency Worker under `wrangler dev --local` for end-to-end tests: local D1 persisted to a temporary folder
// (migrations applied with `wrangler d1 migrations apply --local`), secrets from a temporary env file, on a free
// port picked first (wrangler cannot take port 0), offline (workerd from its npm package). Started in its own
// process group so that stopping it ends workerd too.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const ENV = {
  ...process.env,
  CI: '1',
  WRANGLER_SEND_METRICS: 'false',
  NO_UPDATE_NOTIFIER: '1',
  FORCE_COLOR: '0',
};

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

function run(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: ENV, detached: true });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => kill(child), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      code === 0 ? done(out) : fail(new Error(`wrangler ${args.join(' ')} failed (${code}):\n${out}`));
    });
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

export interface WranglerDev {
  readonly url: string;
  /** Output so far (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

/** Applies the D1 migrations to a local database persisted under `persistTo`. */
export async function applyD1Migrations(persistTo: string, database = 'warganet-regency'): Promise<void> {
  await run(['d1', 'migrations', 'apply', database, '--local', '--persist-to', persistTo], 180_000);
}

export async function startWranglerDev(opts: {
  persistTo: string;
  secrets: Record<string, string>;
  port?: number;
}): Promise<WranglerDev> {
  const port = opts.port ?? (await freePort());
  const inspector = await freePort();
  const envFile = join(opts.persistTo, 'worker.env');
  writeFileSync(
    envFile,
    Object.entries(opts.secrets)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
    { mode: 0o600 },
  );
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--local',
      ...['--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector)],
      ...['--persist-to', opts.persistTo, '--env-file', envFile],
      '--show-interactive-dev-session=false',
    ],
    { cwd: ROOT, env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    kill(child);
    const hard = setTimeout(() => kill(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(hard);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${out}`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`wrangler dev did not answer on ${url}:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return { url, output: () => out, stop };
}
