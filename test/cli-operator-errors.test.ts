// What an operator sees when something is wrong around the CLI: run in the wrong folder, it creates nothing and
// says where it looked; a port in use, a folder for a file or an unreachable database is one Indonesian line,
// never a stack trace, a JSON log line or a bare Node error code.
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDialect } from '../db/postgres-dialect.js';
import { makePerson, sheetRows, toCsv } from './fixtures/roster.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { pgUrl } from './support/databases.js';

const RUNNER = resolve('test/fixtures/run-cli.ts');

/** `warganet …` in a process of its own, so stderr is the real fd 2 that the logger writes to. */
function runProcess(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, ...args], {
    env: { PATH: process.env.PATH, WARGANET_SECRET_KEY: TEST_SECRET_KEY, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneOperatorLine(stderr: string) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).toMatch(/^warganet: /);
  expect(stderr).not.toContain('    at ');
  expect(stderr).not.toMatch(/^\{/m);
}

describe('CLI run where no database exists', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'warganet-nodb-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates nothing, names the folder it looked in and how to point it at the server’s', async () => {
    const parent = fresh();
    const dataDir = join(parent, 'data');
    for (const args of [['plan', 'list'], ['router', 'list'], ['sessions'], ['auth-log']]) {
      const r = await cli({ dataDir }, args);
      expect(r.code, args.join(' ')).toBe(1);
      expectOneOperatorLine(r.stderr);
      expect(r.stderr).toContain(`belum ada basis data Warganet di ${dataDir} (warganet.db tidak ada)`);
      expect(r.stderr).toContain('WARGANET_DATA_DIR=');
      expect(r.stderr).toContain('--data-dir');
      expect(r.stderr).toContain('warganet init');
    }
    expect(readdirSync(parent)).toEqual([]);
  });

  it('without a key it refuses too, rather than making a new key for an existing database', async () => {
    const dataDir = fresh();
    expect((await cli({ dataDir }, ['init'])).code).toBe(0);
    rmSync(join(dataDir, 'secret.key'), { force: true });
    const r = await cli({ dataDir, env: { WARGANET_SECRET_KEY: '' } }, ['plan', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kunci rahasia tidak ada di');
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
  });

  it('init creates the database and --data-dir points any command at it', async () => {
    const server = fresh();
    const init = await cli({ dataDir: server, env: { WARGANET_SECRET_KEY: '' } }, ['init']);
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain('Basis data Warganet (sqlite) siap');
    expect(existsSync(join(server, 'warganet.db'))).toBe(true);
    expect(existsSync(join(server, 'secret.key'))).toBe(true);
    const elsewhere = fresh();
    const r = await cli({ dataDir: elsewhere, env: { WARGANET_SECRET_KEY: '' } }, [
      '--data-dir',
      server,
      'plan',
      'list',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a refused roster import speaks in words on a real terminal: no JSON log line beside it', () => {
    const dir = fresh();
    const env = { WARGANET_DATA_DIR: dir };
    expect(runProcess(['init'], env).code).toBe(0);
    const people = Array.from({ length: 20 }, (_, i) => makePerson(i));
    writeFileSync(join(dir, 'penuh.csv'), toCsv(sheetRows(people), { delimiter: ',' }));
    writeFileSync(join(dir, 'sebagian.csv'), toCsv(sheetRows(people.slice(0, 2)), { delimiter: ',' }));
    expect(runProcess(['residents', 'import', join(dir, 'penuh.csv')], env).code).toBe(0);
    const refused = runProcess(['residents', 'import', join(dir, 'sebagian.csv')], env);
    expect(refused.code).toBe(1);
    expect(`${refused.stdout}${refused.stderr}`).toContain('--confirm-deactivate 18');
    expect(refused.stderr).not.toMatch(/^\{/m);
    expect(refused.stdout).not.toMatch(/^\{/m);
  });
});

describe('system failures as one Indonesian line', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const prepared = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warganet-err-'));
    dirs.push(dataDir);
    expect((await cli({ dataDir }, ['init'])).code).toBe(0);
    return dataDir;
  };

  it('start: a RADIUS port already in use (UDP) is EADDRINUSE in words, and nothing else', async () => {
    const dataDir = await prepared();
    const taken = createSocket('udp4');
    await new Promise<void>((ok) => taken.bind(0, '127.0.0.1', ok));
    try {
      const port = taken.address().port;
      const r = runProcess(['start'], {
        WARGANET_DATA_DIR: dataDir,
        WARGANET_ROLES: 'radius',
        WARGANET_RADIUS_HOST: '127.0.0.1',
        WARGANET_RADIUS_AUTH_PORT: String(port),
        WARGANET_RADIUS_ACCT_PORT: '0',
      });
      expect(r.code).toBe(1);
      expectOneOperatorLine(r.stderr);
      expect(r.stderr).toContain(`port ${port} sudah dipakai program lain (EADDRINUSE)`);
    } finally {
      taken.close();
    }
  });

  it('start: an HTTP port already in use (TCP) too', async () => {
    const dataDir = await prepared();
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    try {
      const port = (taken.address() as { port: number }).port;
      const r = runProcess(['start'], {
        WARGANET_DATA_DIR: dataDir,
        WARGANET_ROLES: 'http',
        WARGANET_HTTP_HOST: '127.0.0.1',
        WARGANET_HTTP_PORT: String(port),
      });
      expect(r.code).toBe(1);
      expectOneOperatorLine(r.stderr);
      expect(r.stderr).toContain(`port ${port} sudah dipakai program lain (EADDRINUSE)`);
    } finally {
      taken.close();
    }
  });

  it('a folder given where a file belongs (EISDIR) and a missing file (ENOENT)', async () => {
    const dataDir = await prepared();
    const folder = join(dataDir, 'ekspor');
    mkdirSync(folder);
    const isDir = await cli({ dataDir }, ['residents', 'import', folder]);
    expect(isDir.code).toBe(1);
    expectOneOperatorLine(isDir.stderr);
    expect(isDir.stderr).toContain(`${folder} adalah folder, bukan berkas .xlsx atau .csv`);
    const missing = await cli({ dataDir }, ['residents', 'import', join(dataDir, 'tidak-ada.xlsx')]);
    expectOneOperatorLine(missing.stderr);
    expect(missing.stderr).toContain('berkas tidak ditemukan');
    const report = await cli({ dataDir }, [
      'residents',
      'import',
      join(dataDir, 'tidak-ada.xlsx'),
      '--report',
      join(folder, 'x', 'laporan.csv'),
    ]);
    expectOneOperatorLine(report.stderr);
  });

  it.skipIf(!pgUrl)('an empty PostgreSQL database is refused, not filled, until warganet init', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warganet-err-'));
    dirs.push(dataDir);
    const name = `warganet_empty_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new Kysely<unknown>({ dialect: createPostgresDialect(pgUrl!, 1).dialect });
    await sql`create database ${sql.id(name)}`.execute(admin);
    const u = new URL(pgUrl!);
    u.pathname = `/${name}`;
    try {
      const r = await cli({ dataDir, databaseUrl: u.toString() }, ['plan', 'list']);
      expect(r.code).toBe(1);
      expectOneOperatorLine(r.stderr);
      expect(r.stderr).toContain('belum berisi data Warganet');
      expect(r.stderr).toContain('warganet init');
      const inside = new Kysely<unknown>({ dialect: createPostgresDialect(u.toString(), 1).dialect });
      const tables = await inside.introspection.getTables({ withInternalKyselyTables: true });
      await inside.destroy();
      expect(tables).toEqual([]);
      expect((await cli({ dataDir, databaseUrl: u.toString() }, ['init'])).code).toBe(0);
      expect((await cli({ dataDir, databaseUrl: u.toString() }, ['plan', 'list'])).code).toBe(0);
    } finally {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    }
  });

  it.skipIf(!pgUrl)('a PostgreSQL database that does not exist (3D000)', async () => {
    const dataDir = await prepared();
    const u = new URL(pgUrl!);
    u.pathname = '/warganet_tidak_ada_sama_sekali';
    const r = await cli({ dataDir, databaseUrl: u.toString() }, ['plan', 'list']);
    expect(r.code).toBe(1);
    expectOneOperatorLine(r.stderr);
    expect(r.stderr).toContain('basis data di WARGANET_DATABASE_URL tidak ada (3D000)');
  });
});
