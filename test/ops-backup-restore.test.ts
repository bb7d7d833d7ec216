// Backups taken while accounting is written restore whole and consistent; restore refuses a running server, a
// damaged file and a wrong key; the key can travel sealed with a passphrase; the agent's daily backups rotate.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runDailyBackup } from '../src/ops/daily-backups.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds } from './support/databases.js';

const writerScript = join(import.meta.dirname, 'support', 'accounting-writer.mjs');

function totals(file: string) {
  const db = new Sqlite(file, { readonly: true });
  try {
    const s = db
      .prepare(`select count(*) as n, coalesce(sum(input_bytes), 0) as i, coalesce(sum(output_bytes), 0) as o
                from sessions where username = 'wn-load'`)
      .get() as { n: number; i: number; o: number };
    const u = db
      .prepare(`select coalesce(sum(sessions), 0) as n, coalesce(sum(bytes_in), 0) as i, coalesce(sum(bytes_out), 0) as o
                from usage_daily`)
      .get() as { n: number; i: number; o: number };
    return { sessions: s, usage: u };
  } finally {
    db.close();
  }
}

/** Starts the writer and resolves once it has committed at least `n` transactions; `waitFor` waits for more. */
function startWriter(dbFile: string, routerId: number) {
  const child = spawn(process.execPath, [writerScript, dbFile, String(routerId)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: join(import.meta.dirname, '..'),
  });
  let committed = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  child.stdout?.on('data', (c: Buffer) => {
    const last = c.toString().trim().split('\n').at(-1);
    committed = Math.max(committed, Number(last));
    for (const w of waiters.splice(0))
      if (committed >= w.n) w.resolve();
      else waiters.push(w);
  });
  return {
    child,
    committed: () => committed,
    waitFor: (n: number) =>
      new Promise<void>((resolve, reject) => {
        if (committed >= n) return resolve();
        waiters.push({ n, resolve });
        child.once('exit', (code) => reject(new Error(`writer exited (${code})`)));
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('backup and restore (SQLite)', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'warganet-backup-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function villageWithRouter() {
    const dataDir = fresh();
    expect((await cli({ dataDir }, ['init'])).code).toBe(0);
    const added = await cli(
      { dataDir },
      ['router', 'add', 'balai-desa', '--nas-ip', '192.168.88.1', '--secret', '-'],
      'rahasia-router-1\n',
    );
    expect(added.stderr).toBe('');
    const db = new Sqlite(join(dataDir, 'warganet.db'), { readonly: true });
    const { id } = db.prepare('select id from routers').get() as { id: number };
    db.close();
    return { dataDir, routerId: id, dbFile: join(dataDir, 'warganet.db') };
  }

  it('a backup taken under accounting load restores with its totals intact, after refusing a running server', async () => {
    const { dataDir, routerId, dbFile } = await villageWithRouter();
    const writer = startWriter(dbFile, routerId);
    children.push(writer.child);
    await writer.waitFor(300);
    const file = join(fresh(), 'mid-load.wgbak');
    const backup = await cli({ dataDir }, ['backup', file, '--json']);
    expect(backup.stderr).toBe('');
    const manifest = JSON.parse(backup.stdout);
    const atBackup = writer.committed();
    await writer.waitFor(atBackup + 300); // the load went on after the copy was taken

    // A server (here: the writer, a live node process) named in the pid file: refused, nothing touched.
    writeFileSync(join(dataDir, 'warganet.pid'), `${writer.child.pid}\n`);
    const refused = await cli({ dataDir }, ['restore', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('sedang berjalan');
    await writer.stop();
    const final = totals(dbFile);
    expect(final.sessions.n).toBeGreaterThan(manifest.counts.sessions);

    // Stopped: the pid file now names a process that is gone, which does not block.
    const restored = await cli({ dataDir }, ['restore', file, '--json']);
    expect(restored.stderr).toBe('');
    const outcome = JSON.parse(restored.stdout);
    const after = totals(dbFile);
    // Consistent: every stored session is in the day's usage, and nothing else is.
    expect(after.usage).toEqual(after.sessions);
    expect(after.sessions.n).toBe(manifest.counts.sessions);
    expect(after.usage.i + after.usage.o).toBe(manifest.usageBytes);
    expect(after.sessions.n).toBeGreaterThan(0);
    // The replaced database is kept aside, whole.
    expect(totals(join(outcome.keptAside, 'warganet.db')).sessions.n).toBe(final.sessions.n);
    // The restored village still opens its secrets with its key.
    const routers = await cli({ dataDir }, ['router', 'list', '--json']);
    expect(routers.code).toBe(0);
    expect(routers.stdout).toContain('balai-desa');
    // Neither the backup nor the restore leaves its private copy's -wal/-shm files behind.
    expect(readdirSync(dirname(file))).toEqual(['mid-load.wgbak']);
    expect(readdirSync(dataDir).filter((f) => /partial|restoring/.test(f))).toEqual([]);
  }, 120_000);

  it('refuses a damaged backup, a backup from a newer Warganet, and a key that does not open it', async () => {
    const { dataDir } = await villageWithRouter();
    const file = join(fresh(), 'b.wgbak');
    expect((await cli({ dataDir }, ['backup', file])).code).toBe(0);
    const before = readFileSync(join(dataDir, 'warganet.db'));

    const damaged = readFileSync(file);
    damaged[damaged.length - 20] = (damaged[damaged.length - 20] ?? 0) ^ 0xff;
    const damagedFile = `${file}.damaged`;
    writeFileSync(damagedFile, damaged);
    const r1 = await cli({ dataDir }, ['restore', damagedFile]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/pemulihan ditolak: berkas cadangan tidak bisa dipakai/);

    const otherKey = 'ff'.repeat(32);
    const r2 = await cli({ dataDir, env: { WARGANET_SECRET_KEY: otherKey } }, ['restore', file]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('tidak cocok dengan cadangan ini');

    // A backup whose schema has a migration this version does not know.
    const future = new Sqlite(join(dataDir, 'warganet.db'));
    future.prepare(`insert into kysely_migration (name, timestamp) values ('2099-01-01-future', 'x')`).run();
    future.close();
    const futureFile = join(fresh(), 'future.wgbak');
    expect((await cli({ dataDir }, ['backup', futureFile])).code).toBe(0);
    const r3 = await cli({ dataDir }, ['restore', futureFile]);
    expect(r3.stderr).toContain('2099-01-01-future');
    // None of the refusals touched the live database beyond our own insert.
    expect(existsSync(join(dataDir, 'warganet.db'))).toBe(true);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('before-restore'))).toEqual([]);
    expect(before.length).toBeGreaterThan(0);
  }, 60_000);

  it('--with-key seals the key: a bare data directory gets it back with the passphrase, not without', async () => {
    const { dataDir } = await villageWithRouter();
    const file = join(fresh(), 'k.wgbak');
    const env = { WARGANET_BACKUP_PASSPHRASE: 'kebun-kopi-di-lereng' };
    const made = await cli({ dataDir, env }, ['backup', file, '--with-key']);
    expect(made.stdout).toContain('Kunci rahasia ikut di dalamnya');
    expect(readFileSync(file).includes(Buffer.from(TEST_SECRET_KEY))).toBe(false);

    const bare = fresh();
    const wrong = await cli(
      { dataDir: bare, env: { WARGANET_SECRET_KEY: '', WARGANET_BACKUP_PASSPHRASE: 'salah-sekali-ini' } },
      ['restore', file],
    );
    expect(wrong.stderr).toContain('frasa sandi salah');
    const ok = await cli({ dataDir: bare, env: { WARGANET_SECRET_KEY: '', ...env } }, ['restore', file]);
    expect(ok.stderr).toBe('');
    expect(readFileSync(join(bare, 'secret.key'), 'utf8').trim()).toBe(TEST_SECRET_KEY);
    const routers = await cli({ dataDir: bare, env: { WARGANET_SECRET_KEY: '' } }, [
      'router',
      'list',
      '--json',
    ]);
    expect(routers.stdout).toContain('balai-desa');
  }, 60_000);

  it('without --with-key it says plainly that the key must be kept too', async () => {
    const { dataDir } = await villageWithRouter();
    const made = await cli({ dataDir }, ['backup', join(fresh(), 'x.wgbak')]);
    expect(made.stdout).toContain('TIDAK berisi kunci rahasia');
    expect(made.stdout).toContain('secret.key');
  });

  it('the agent keeps one backup a day and only the newest N, never touching hand-made ones', async () => {
    const { dataDir, dbFile } = await villageWithRouter();
    const dir = join(dataDir, 'backups');
    const logs: string[] = [];
    const logger = {
      info: (_o: unknown, m: string) => logs.push(m),
      warn: (_o: unknown, m: string) => logs.push(m),
    };
    expect((await cli({ dataDir }, ['backup'])).code).toBe(0); // hand-made, in data/backups too
    const opts = {
      sqliteFile: dbFile,
      dir,
      keep: 2,
      timeZone: 'Asia/Jakarta',
      warganetVersion: 'test',
      keyHex: TEST_SECRET_KEY,
      passphrase: undefined,
      logger: logger as never,
    };
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-02', '2026-12-03', '2026-12-04']) {
      await runDailyBackup({ ...opts, now: () => new Date(`${day}T03:00:00Z`) });
    }
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => /^warganet-\d{4}-\d{2}-\d{2}\.wgbak$/.test(f))).toEqual([
      'warganet-2026-12-03.wgbak',
      'warganet-2026-12-04.wgbak',
    ]);
    expect(files.filter((f) => /^warganet-\d{8}-\d{6}\.wgbak$/.test(f))).toHaveLength(1);
    expect(logs.filter((m) => m === 'daily backup written')).toHaveLength(4);
  }, 60_000);
});

describe.each(databaseKinds.filter((k) => k === 'postgres'))('backup on %s', (kind) => {
  it('names pg_dump and pg_restore instead of copying', async () => {
    const t = await createTestDatabase(kind);
    try {
      const run = await cli({ dataDir: t.dir, databaseUrl: t.url }, ['backup']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('pg_dump --format=custom');
      expect(run.stderr).toContain('pg_restore');
      const restore = await cli({ dataDir: t.dir, databaseUrl: t.url }, ['restore', 'x.wgbak']);
      expect(restore.stderr).toContain('pg_restore');
    } finally {
      await t.close();
    }
  });
});
