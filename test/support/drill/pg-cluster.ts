// A throwaway PostgreSQL 15 cluster in a temporary directory on an ephemeral port, for drills that restart the
// database under load (the shared server must never be restarted). initdb refuses to run as root, so as root it
// runs as the `postgres` user through runuser.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.js';

const BIN = process.env.WARGANET_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  readonly url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const pgClusterAvailable = () => existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));

export async function startPgCluster(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'warganet-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const pg = statSync('/var/lib/postgresql');
    chownSync(dir, pg.uid, pg.gid);
  }
  const run = (cmd: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(BIN, cmd),
      asRoot ? ['-u', 'postgres', '--', join(BIN, cmd), ...args] : args,
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const ctl = (action: string) =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      action,
    ]);
  ctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      ctl('restart');
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
