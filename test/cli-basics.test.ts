import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

describe('warganet CLI basics', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'warganet-cli-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('migrate creates the SQLite database in the data directory', async () => {
    const dataDir = fresh();
    const run = await cli({ dataDir }, ['migrate', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ database: 'sqlite' });
    expect(out.applied[0]).toBe('2026-11-28-initial');
    expect(statSync(join(dataDir, 'warganet.db')).isFile()).toBe(true);
  });

  it('reports every configuration problem, one line each, and exits non-zero', async () => {
    const run = await cli(
      { dataDir: fresh(), env: { WARGANET_HTTP_PORT: 'delapan', WARGANET_TZ: 'Mars/Olympus' } },
      ['migrate'],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('WARGANET_HTTP_PORT: harus nomor port');
    expect(run.stderr).toContain('WARGANET_TZ: bukan zona waktu');
  });

  it('an unknown command fails with help, not a stack trace', async () => {
    const run = await cli({ dataDir: fresh() }, ['terbang']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('warganet: perintah tidak dikenal: terbang');
    expect(run.stderr).not.toContain('    at ');
  });

  it('speaks Indonesian for commander’s own errors and help, with its suggestions', async () => {
    const dataDir = fresh();
    const typo = await cli({ dataDir }, ['sessions', '--activ']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('warganet: opsi tidak dikenal: --activ\n(Maksud Anda --active?)');
    const missing = await cli({ dataDir }, ['plan', 'add', 'Warga', '--down']);
    expect(missing.stderr).toContain('warganet: opsi --down <laju> perlu nilai');
    const extra = await cli({ dataDir }, ['sessions', 'a', 'b']);
    expect(extra.stderr).toContain(
      "warganet: terlalu banyak argumen untuk 'sessions': paling banyak 0, ada 2.",
    );
    const help = await cli({ dataDir }, ['residents', '--help']);
    expect(help.stdout).toContain('Penggunaan: warganet residents [opsi] [perintah]');
    expect(help.stdout).toContain('Perintah:\n  import [opsi] <file>');
    expect(`${typo.stderr}${missing.stderr}${extra.stderr}${help.stdout}`).not.toMatch(
      /error:|unknown|Usage:|Options:|Did you mean/,
    );
  });
});
