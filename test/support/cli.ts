// Runs `warganet …` in-process against a data directory (and optionally PostgreSQL), capturing its output.
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliEnv {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly env?: Record<string, string>;
}

/** A fixed test key, so tests can compute blind indexes; production keys are random. */
export const TEST_SECRET_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export async function cli(target: CliEnv, args: readonly string[], stdin?: string): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  const code = await runCli(['node', 'warganet', ...args], {
    env: {
      WARGANET_DATA_DIR: target.dataDir,
      WARGANET_SECRET_KEY: TEST_SECRET_KEY,
      WARGANET_LOG_LEVEL: 'silent',
      ...(target.databaseUrl ? { WARGANET_DATABASE_URL: target.databaseUrl } : {}),
      ...target.env,
    },
    stdout: out,
    stderr: err,
    readStdin: async () => stdin,
  });
  return {
    code,
    stdout: Buffer.concat(chunks.out).toString('utf8'),
    stderr: Buffer.concat(chunks.err).toString('utf8'),
  };
}
