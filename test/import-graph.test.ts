// The dependency direction of DESIGN.md, read from the source: every static and dynamic import of every
// non-test module, resolved to a file, and checked against the rules below. A new import that breaks a rule fails
// here with the file and the line that would have to change.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE_DIRS = ['src', 'captive-portal', 'radius', 'db'];

/** Where a file sits in the architecture. */
type Area =
  | 'domain'
  | 'services'
  | 'db'
  | 'routeros'
  | 'sim'
  | 'demo'
  | 'cli'
  | 'root'
  | 'radius'
  | 'captive-portal'
  | 'admin'
  | 'reports'
  | 'web';

const TRANSPORTS: ReadonlySet<Area> = new Set(['radius', 'captive-portal', 'admin', 'reports']);
/** Folders whose code the Workers build reaches (db without its Node-only dialect files). */
const WORKER_AREAS: ReadonlySet<Area> = new Set([
  'domain',
  'services',
  'captive-portal',
  'admin',
  'reports',
  'web',
  'db',
]);
const NODE_ONLY_DB_FILES = new Set(['db/sqlite-dialect.ts', 'db/open-database.ts', 'db/postgres-dialect.ts']);
const NODE_PACKAGES = new Set(['better-sqlite3', 'pg', 'node-routeros', '@hono/node-server', 'pino']);

function areaOf(file: string): Area {
  const [top, sub] = file.split('/');
  if (top === 'src') {
    const known = [
      'domain',
      'services',
      'routeros',
      'sim',
      'demo',
      'cli',
      'admin',
      'reports',
      'web',
    ] as const;
    return (known as readonly string[]).includes(sub ?? '') ? (sub as Area) : 'root';
  }
  return top as Area;
}

interface ImportEdge {
  readonly from: string;
  /** A project file (relative to the root) or a bare package / `node:` specifier. */
  readonly to: string;
  readonly line: number;
}

/** Why an edge breaks DESIGN.md's dependency direction, or undefined when it is allowed. */
function ruleBroken(edge: ImportEdge): string | undefined {
  const from = areaOf(edge.from);
  const bare = !/\.(ts|tsx)$/.test(edge.to);
  if (bare) {
    const nodeBuiltin = edge.to.startsWith('node:');
    const workerReached = WORKER_AREAS.has(from) && !NODE_ONLY_DB_FILES.has(edge.from);
    if (workerReached && (nodeBuiltin || NODE_PACKAGES.has(edge.to))) {
      return `${from} is reached by the Workers build and may not import ${edge.to}`;
    }
    return undefined;
  }
  const to = areaOf(edge.to);
  if (from === to) return undefined;
  // The demo village (src/demo) is a composition root like main.ts, around virtual MikroTiks.
  if (to === 'sim')
    return from === 'demo' ? undefined : 'only tests and the demo use the virtual MikroTik (src/sim)';
  if (to === 'demo') return 'nothing of the product imports the demo village';
  if (from === 'domain') return 'domain imports nothing of ours';
  if (from === 'services' && to !== 'domain')
    return 'services import only domain (storage through their own ports)';
  if (TRANSPORTS.has(from) && TRANSPORTS.has(to)) return 'transports never import each other';
  if (TRANSPORTS.has(from) && !['domain', 'services', 'web', 'root'].includes(to)) {
    return `a transport (${from}) calls services, not ${to}`;
  }
  if (TRANSPORTS.has(from) && to === 'root' && !edge.to.startsWith('src/logger')) {
    return `a transport (${from}) receives its wiring; it does not import the composition root`;
  }
  if ((from === 'routeros' || from === 'db') && (TRANSPORTS.has(to) || to === 'cli' || to === 'root')) {
    if (to === 'root' && (edge.to === 'src/logger.ts' || edge.to === 'src/config.ts')) return undefined;
    return `an adapter (${from}) never imports ${to}: what it needs arrives through wiring`;
  }
  if (from === 'web' && TRANSPORTS.has(to))
    return 'the web kit serves the transports; it does not import them';
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveSpecifier(fromFile: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = resolve(dirname(fromFile), spec).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return relative(ROOT, candidate);
    } catch {}
  }
  throw new Error(`${relative(ROOT, fromFile)}: cannot resolve ${spec}`);
}

function importGraph(): ImportEdge[] {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)));
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    return info.importedFiles.map((ref) => ({
      from: relative(ROOT, file),
      to: resolveSpecifier(file, ref.fileName),
      line: text.slice(0, ref.pos).split('\n').length,
    }));
  });
}

describe('import graph (DESIGN.md dependency direction)', () => {
  const edges = importGraph();

  it('reads a graph of the whole source tree', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((e) => e.from === 'src/main.ts')).toBe(true);
  });

  it('has no import that breaks a rule', () => {
    const broken = edges.flatMap((e) => {
      const why = ruleBroken(e);
      return why ? [`${e.from}:${e.line} imports ${e.to} — ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('reports each kind of forbidden import (the rules themselves)', () => {
    const cases: Array<[string, string]> = [
      ['src/domain/nik.ts', 'src/services/keyring.ts'],
      ['src/services/plans/plans.ts', 'db/stores/plan-store.ts'],
      ['radius/server.ts', 'captive-portal/app.tsx'],
      ['captive-portal/kit.tsx', 'src/routeros/wire.ts'],
      ['src/routeros/router-agent.ts', 'radius/coa-client.ts'],
      ['src/routeros/provision-plan.ts', 'captive-portal/hotspot-pages.ts'],
      ['db/stores/plan-store.ts', 'src/cli/format.ts'],
      ['src/services/plans/plans.ts', 'node:fs'],
      ['captive-portal/kit.tsx', 'node:crypto'],
      ['db/stores/plan-store.ts', 'better-sqlite3'],
      ['src/cli/main.ts', 'src/sim/routeros-server.ts'],
      ['src/main.ts', 'src/demo/demo-village.ts'],
    ];
    for (const [from, to] of cases)
      expect(ruleBroken({ from, to, line: 1 }), `${from} → ${to}`).toBeDefined();
    const allowed: Array<[string, string]> = [
      ['src/services/plans/plans.ts', 'src/domain/rate-limit.ts'],
      ['radius/pipeline/access.ts', 'src/services/radius/radius-auth.ts'],
      ['db/stores/plan-store.ts', 'src/services/plans/plans.ts'],
      ['src/main.ts', 'radius/start-radius.ts'],
      ['src/cli/commands/plan.ts', 'src/services/plans/plans.ts'],
      ['db/sqlite-dialect.ts', 'better-sqlite3'],
      ['radius/server.ts', 'node:dgram'],
      ['src/demo/demo-village.ts', 'src/sim/hotspot-server.ts'],
      ['src/demo/demo-village.ts', 'src/server.ts'],
    ];
    for (const [from, to] of allowed)
      expect(ruleBroken({ from, to, line: 1 }), `${from} → ${to}`).toBeUndefined();
  });
});
