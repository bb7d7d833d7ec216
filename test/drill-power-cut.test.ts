// Drill 4 at CI size: SIGKILL during `warganet residents import` (test/support/drill/power-cut.ts). The database
// passes integrity_check after every cut and holds the roster from before or after the import, never a mix.
// And SIGKILL during `warganet backup` while the server stores accounting (test/support/drill/backup-cut.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds } from './support/databases.js';
import { runBackupCutDrill } from './support/drill/backup-cut.js';
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

// SQLite only: on PostgreSQL `warganet backup` names pg_dump instead of copying anything.
describe('drill: power cut during a backup (sqlite)', () => {
  it('never leaves a file that passes for a backup, loses nothing the server stored, and the next backup works', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warganet-drill-'));
    try {
      const r = await runBackupCutDrill({ dataDir, devices: 3000, sessions: 300, cuts: 3 });
      expect(r.crashes).toBe(0);
      // At least one cut landed before the backup was whole.
      expect(r.cuts.filter((c) => c.cut && !c.finalFileExists).length).toBeGreaterThan(0);
      for (const c of r.cuts) {
        // A file at the backup's name is a whole one (the kill came after the rename). Whatever else was left
        // behind, restore refuses it, unless it is whole (cut between its fsync and the rename): then it restores
        // every device, never part of them.
        if (c.finalFileExists) expect(c.finalRestoreCode).toBe(0);
        for (const l of c.restoreOfLeftovers) {
          if (l.code === 0) expect(l.devices).toBe(r.devices);
          else expect(l.says).toMatch(/pemulihan ditolak/);
        }
      }
      // The live database: intact, and everything the NAS was answered for is there.
      expect(r.integrity).toBe('ok');
      expect(r.nas.answered).toBe(r.nas.requests);
      expect(r.stored.wrongSessions).toEqual([]);
      expect(r.stored.sessions).toBe(r.nas.expected.sessions);
      expect(r.stored.usageBytesIn).toBe(r.nas.expected.inputBytes);
      // The next backup (over a cut one's leftovers) works and restores whole.
      expect(r.nextBackup).toEqual({ code: 0, restoreCode: 0, restoredDevices: r.devices });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
