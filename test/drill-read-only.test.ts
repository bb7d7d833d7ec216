// Drill 3b at CI size: the database turns read-only under a running server (test/support/drill/read-only.ts).
// PostgreSQL (a throwaway cluster, default_transaction_read_only on and off by reload) recovers by itself;
// SQLite (its ext4 file system forced read-only as an SD card's is after an error) recovers once the file system
// is mounted again and the server restarted. Both: known devices keep signing in, accounting is not acknowledged
// while it cannot be stored, /healthz and the dashboard say "read-only", and nothing the NAS sent is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type ExpectStatic, it } from 'vitest';
import { pgUrl } from './support/databases.js';
import { pgClusterAvailable, startPgCluster } from './support/drill/pg-cluster.js';
import { canForceReadOnlyExt4, type ReadOnlyResult, runReadOnlyDrill } from './support/drill/read-only.js';
import { expectStorageFaultHandled } from './support/drill/storage-fault.js';

function expectReadOnlyHandled(expect: ExpectStatic, r: ReadOnlyResult) {
  expectStorageFaultHandled(expect, r, { storage: 'read_only', message: /read-only/ });
  expect(String(r.healthDuring.body.pesan)).toMatch(/hanya bisa dibaca/);
}

// Side by side: each mostly waits on its server and the NAS's resends.
describe.concurrent('drill: read-only database', () => {
  it.runIf(pgClusterAvailable() && pgUrl)(
    'PostgreSQL turned read-only under the server: auth answers, accounting waits, it says so, and recovers by itself',
    async ({ expect }) => {
      const cluster = await startPgCluster();
      const dataDir = mkdtempSync(join(tmpdir(), 'warganet-drill-'));
      try {
        const r = await runReadOnlyDrill({
          kind: 'postgres',
          url: cluster.url,
          dataDir,
          sessions: 40,
          devices: 50,
        });
        expect(r.recoveredLive).toBe(true);
        expectReadOnlyHandled(expect, r);
      } finally {
        await cluster.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    240_000,
  );

  it.runIf(canForceReadOnlyExt4())(
    "SQLite on a file system turned read-only (an SD card after an error): the same, and after the operator's remount nothing is lost",
    async ({ expect }) => {
      const r = await runReadOnlyDrill({ kind: 'sqlite', sizeMb: 32, sessions: 40, devices: 50 });
      expectReadOnlyHandled(expect, r);
    },
    240_000,
  );
});
