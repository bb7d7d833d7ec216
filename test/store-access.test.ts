// Issue 10 §1, read from the source: only the composition roots (src/compose.ts builds the services,
// src/app-context.ts opens the database for it) and db/ itself touch the stores. Every other module, transport,
// CLI, wiring or adapter, receives services; a module that imports db/stores or reaches `.deps.stores` fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE_DIRS = ['src', 'captive-portal', 'radius'];
const ROOTS = new Set(['src/compose.ts', 'src/app-context.ts', 'src/worker.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each way a module (at `file`, relative to the root) reaches the stores, as "file:line what". */
function storeReaches(file: string, text: string): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    if (/\.deps\s*\.\s*stores\b|services\s*\.\s*deps\b/.test(line))
      found.push(`${at} reaches services.deps.stores`);
    for (const m of line.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
      const spec = m[1] ?? '';
      if (!spec.startsWith('.')) continue;
      const target = relative(ROOT, resolve(dirname(join(ROOT, file)), spec));
      if (target.startsWith(`db${'/'}stores`)) found.push(`${at} imports ${target}`);
    }
  });
  return found;
}

describe('store access (only the composition roots reach the stores)', () => {
  it('finds no module outside src/compose.ts, src/app-context.ts and db/ that reaches the stores', () => {
    const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d))).map((f) => relative(ROOT, f));
    expect(files.length).toBeGreaterThan(100);
    const reaches = files
      .filter((f) => !ROOTS.has(f))
      .flatMap((f) => storeReaches(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(reaches).toEqual([]);
  });

  it('names both ways of reaching the stores (the check itself)', () => {
    const wiring = [
      "import { createStores } from '../../db/stores/index.js';",
      'const ops = createRouterOps({ ...app, stores: app.services.deps.stores });',
      'const { stores } = app.services.deps;',
      "import type { PlanRow } from '../../db/stores/plan-store.js';",
    ].join('\n');
    expect(storeReaches('src/cli/x.ts', wiring)).toEqual([
      'src/cli/x.ts:1 imports db/stores/index.js',
      'src/cli/x.ts:2 reaches services.deps.stores',
      'src/cli/x.ts:3 reaches services.deps.stores',
      'src/cli/x.ts:4 imports db/stores/plan-store.js',
    ]);
    expect(storeReaches('src/cli/y.ts', "import { createServices } from '../compose.js';")).toEqual([]);
  });
});
