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
    expect(run.stderr).toContain("unknown command 'terbang'");
    expect(run.stderr).not.toContain('    at ');
  });
});
