// A `warganet …` command in a child process, SIGKILLed after a delay: a power cut in the middle of a CLI
// command (roster import, backup). The child runs the bundled command (bundleServer('cli')) so its start-up is
// short and steady enough to place the cut within the run.
import { spawn } from 'node:child_process';
import { TEST_SECRET_KEY } from '../cli.js';
import { bundleServer } from './server-process.js';

export interface CliChildTarget {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
}

export interface CliChildRun {
  /** The SIGKILL came while the command still ran. */
  readonly cut: boolean;
  /** From spawn to exit, start-up included. */
  readonly seconds: number;
}

/**
 * Runs `warganet ARGS` in a child and SIGKILLs it after `killAfterMs` unless it ends first (no kill without it).
 * Rejects when the command fails on its own, with its standard error.
 */
export function cliInChild(target: CliChildTarget, args: readonly string[], killAfterMs?: number) {
  return new Promise<CliChildRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bundleServer('cli'), ...args], {
      env: {
        PATH: process.env.PATH,
        WARGANET_DATA_DIR: target.dataDir,
        WARGANET_SECRET_KEY: TEST_SECRET_KEY,
        WARGANET_LOG_LEVEL: 'silent',
        ...(target.databaseUrl ? { WARGANET_DATABASE_URL: target.databaseUrl } : {}),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const timer =
      killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      if (signal === 'SIGKILL') resolve({ cut: true, seconds });
      else if (code === 0) resolve({ cut: false, seconds });
      else reject(new Error(`warganet ${args[0]} failed (${code}): ${err}`));
    });
  });
}
