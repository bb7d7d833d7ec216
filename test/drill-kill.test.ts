// Drill 1 at CI size: kill -9 under accounting load (test/support/drill/kill-drill.ts), on SQLite and on a
// throwaway PostgreSQL cluster that is also restarted under the load. Every answered request is stored exactly
// once and the totals equal what the NAS sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, type ExpectStatic, it } from 'vitest';
import { pgUrl } from './support/databases.js';
import { type KillDrillResult, runKillDrill } from './support/drill/kill-drill.js';
import { pgClusterAvailable, startPgCluster } from './support/drill/pg-cluster.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'warganet-drill-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SIZE = {
  sessions: 150,
  interims: 2,
  window: 32,
  kills: 10,
  retransmitMs: 250,
  upMs: [200, 600],
} as const;
// PostgreSQL (a throwaway cluster, restarted once) is slower here: fewer sessions, the same ten kills.
const PG_SIZE = { ...SIZE, sessions: 100 } as const;

function expectExactlyWhatTheNasSent(expect: ExpectStatic, r: KillDrillResult) {
  expect(r.kills).toBeGreaterThanOrEqual(10);
  expect(r.crashLogs).toEqual([]);
  expect(r.crashes).toBe(0);
  expect(r.nas.answered).toBe(r.nas.requests);
  const e = r.nas.expected;
  expect(r.stored.wrongSessions).toEqual([]);
  expect(r.stored.sessions).toBe(e.sessions);
  expect(r.stored.stopped).toBe(e.sessions);
  expect(r.stored.usageSessions).toBe(e.sessions);
  expect(r.stored.usageBytesIn).toBe(e.inputBytes);
  expect(r.stored.usageBytesOut).toBe(e.outputBytes);
  expect(r.stored.usageSeconds).toBe(e.seconds);
}

// The two run side by side: each spends most of its time waiting for a child server to start again.
describe.concurrent('drill: kill -9 under accounting load', () => {
  it('SQLite: after 10 SIGKILLs every answered request is stored once and the totals equal what the NAS sent', async ({
    expect,
  }) => {
    const r = await runKillDrill({ dataDir: tempDir(), ...SIZE });
    expectExactlyWhatTheNasSent(expect, r);
    // The kills landed while the NAS was sending: some requests went unanswered and were resent.
    expect(r.nas.retransmissions).toBeGreaterThan(0);
  }, 240_000);

  it.runIf(pgClusterAvailable() && pgUrl)(
    'PostgreSQL: the same through 10 SIGKILLs and a PostgreSQL restart under load; the node never crashes',
    async ({ expect }) => {
      const cluster = await startPgCluster();
      try {
        const r = await runKillDrill({
          dataDir: tempDir(),
          databaseUrl: cluster.url,
          ...PG_SIZE,
          restartDatabase: () => cluster.restart(),
        });
        expect(r.databaseRestarts).toBe(1);
        expectExactlyWhatTheNasSent(expect, r);
      } finally {
        await cluster.stop();
      }
    },
    300_000,
  );
});
