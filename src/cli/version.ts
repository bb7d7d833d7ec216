// The version `warganet --version` prints: package.json's, found upward from this file (src/cli in a checkout,
// dist/src/cli in a build), read once when asked.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageVersion(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'warganet' && pkg.version) return pkg.version;
    } catch {
      // No package.json here: keep looking upward.
    }
    if (dirname(dir) === dir) return 'tidak diketahui';
  }
}
