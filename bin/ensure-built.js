// dist/ is built once (npm install's prepare, `npm run build`) and again only when the sources are newer.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const SOURCES = ['src', 'db', 'radius', 'captive-portal'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time among the files the build reads (a few hundred stats: milliseconds). */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCES) if (existsSync(join(root, dir))) visit(join(root, dir));
  for (const file of CONFIGS)
    if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

function buildIsStale() {
  if (!existsSync(join(root, 'dist', 'src', 'main.js')) || !existsSync(stamp)) return true;
  return newestSource() > statSync(stamp).mtimeMs;
}

/** Builds dist/ when missing or stale; false when that failed (the reason is on stderr). */
export function ensureBuilt() {
  if (!buildIsStale()) return true;
  process.stderr.write(
    'warganet: dist/ is missing or older than the sources; compiling once (npm run build)…\n',
  );
  // A child process: the compiler needs more memory than the server's own heap limit allows.
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    process.stderr.write(
      'warganet: TypeScript is not installed, so dist/ cannot be built. Run `npm install` (with dev dependencies).\n',
    );
    return false;
  }
  const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (built.status !== 0) return false;
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  const now = new Date();
  utimesSync(stamp, now, now);
  return true;
}

// `node bin/ensure-built.js`: build if needed, nothing else (tests, install scripts).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exit(ensureBuilt() ? 0 : 1);
