// Drill 4 at CI size: SIGKILL during `warganet residents import` (test/support/drill/power-cut.ts). The database
// passes integrity_check after every cut and holds the roster from before or after the import, never a mix.
// TODO(h15a backup): the cut during `warganet backup` once that command is on main.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds } from './support/databases.js';
import { runPowerCutDrill } from './support/drill/power-cut.js';

describe.each(databaseKinds)('drill: power cut during a roster import (%s)', (kind) => {
  it('leaves an intact database holding the whole old roster or the whole new one', async () => {
    const tdb = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
    const dataDir = tdb?.dir ?? mkdtempSync(join(tmpdir(), 'warganet-drill-'));
    try {
      const r = await runPowerCutDrill({ dataDir, databaseUrl: tdb?.url, residents: 1000, cuts: 3 });
      expect(r.before).toMatchObject({ integrity: 'ok', residents: 1100, active: 1000, renamed: 0 });
      expect(r.after).toMatchObject({ integrity: 'ok', residents: 1100, active: 1000, renamed: 1000 });
      expect(r.cutsDuringImport).toBeGreaterThan(0);
      for (const state of r.cuts) {
        expect(state.integrity).toBe('ok');
        expect([r.before, r.after].map((s) => JSON.stringify(s))).toContain(JSON.stringify(state));
      }
    } finally {
      if (tdb) await tdb.close();
      else rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
