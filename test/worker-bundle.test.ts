// The regency Worker's bundle, built the way `wrangler deploy` builds it (`--dry-run --outdir`, offline): it
// imports no `node:` module, and none of the village node's Node-only packages (better-sqlite3, pg, the RouterOS
// client, the Node HTTP server, pino) got into it, read from the bundle's own source map.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const NODE_ONLY = ['better-sqlite3', 'pg', 'pg-pool', 'node-routeros', '@hono/node-server', 'pino'];

describe('regency Worker bundle (wrangler deploy --dry-run)', () => {
  const out = mkdtempSync(join(tmpdir(), 'warganet-worker-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('bundles src/worker.ts without a node: import or a Node-only package', async () => {
    await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--outdir', out],
      {
        cwd: ROOT,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' },
        timeout: 120_000,
      },
    );
    const code = readFileSync(join(out, 'worker.js'), 'utf8');
    // Static imports at the top of the module, dynamic imports and requires of a module specifier.
    const specifiers = [
      ...code.matchAll(/^(?:import|export)\s[^;]*?from\s*["']([\w@:/.-]+)["']/gm),
      ...code.matchAll(/\b(?:import|require)\s*\(\s*["']([\w@:/.-]+)["']\s*\)/g),
    ].map((m) => m[1]);
    expect(specifiers.filter((s) => s?.startsWith('node:'))).toEqual([]);
    expect(specifiers.filter((s) => s && NODE_ONLY.includes(s))).toEqual([]);
    const sources: string[] = JSON.parse(readFileSync(join(out, 'worker.js.map'), 'utf8')).sources;
    expect(sources.some((s) => s.endsWith('src/worker.ts'))).toBe(true);
    const packages = new Set(
      sources.flatMap((s) => {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s);
        return m ? [m[1]] : [];
      }),
    );
    for (const p of NODE_ONLY) expect(packages.has(p), p).toBe(false);
    expect(sources.filter((s) => /db\/(sqlite|postgres)-dialect|db\/open-database/.test(s))).toEqual([]);
  }, 180_000);
});
