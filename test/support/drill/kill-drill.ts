// Drill 1: kill -9 under accounting load. The NAS sends at full rate while the server is SIGKILLed at random
// moments and started again; PostgreSQL may also be restarted under the load. Afterwards the database must hold
// exactly what the NAS sent. Shared by test/drill-kill.test.ts (CI size) and `npm run drill` (full size).

import { type AccountingTotals, prepareDrillDatabase, storedAccounting } from './accounting-check.js';
import { type AccountingNasReport, runAccountingNas } from './accounting-nas.js';
import { startServerProcess } from './server-process.js';

export interface KillDrillOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly sessions: number;
  readonly interims: number;
  readonly window: number;
  readonly kills: number;
  readonly retransmitMs: number;
  /** How long the server runs between two kills: uniformly random in [min, max]. */
  readonly upMs: readonly [number, number];
  /** Restarts the database server once, halfway through the kills (PostgreSQL). */
  readonly restartDatabase?: (() => Promise<void>) | undefined;
  readonly log?: (line: string) => void;
}

export interface KillDrillResult {
  readonly kills: number;
  readonly databaseRestarts: number;
  readonly crashes: number;
  readonly crashLogs: readonly string[];
  readonly nas: AccountingNasReport;
  readonly stored: AccountingTotals;
  /** Log lines of level error the server wrote (a crash or a failure it could not handle). */
  readonly errors: readonly string[];
}

const SECRET = 'drill-secret-1';

function mergeReports(rounds: readonly AccountingNasReport[]): AccountingNasReport {
  const bySession = new Map(rounds.flatMap((r) => [...r.expected.bySession]));
  const sum = (f: (r: AccountingNasReport) => number) => rounds.reduce((n, r) => n + f(r), 0);
  return {
    requests: sum((r) => r.requests),
    answered: sum((r) => r.answered),
    retransmissions: sum((r) => r.retransmissions),
    seconds: sum((r) => r.seconds),
    expected: {
      sessions: bySession.size,
      inputBytes: sum((r) => r.expected.inputBytes),
      outputBytes: sum((r) => r.expected.outputBytes),
      seconds: sum((r) => r.expected.seconds),
      bySession,
    },
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runKillDrill(o: KillDrillOptions): Promise<KillDrillResult> {
  const [routerId] = await prepareDrillDatabase(o, [{ address: '127.0.0.1', secret: SECRET }]);
  const errors: string[] = [];
  const server = await startServerProcess({
    dataDir: o.dataDir,
    databaseUrl: o.databaseUrl,
    onLog: (l) => {
      if (Number(l.level) >= 60) errors.push(String(l.msg));
    },
  });
  // The NAS sends round after round (new sessions each time) until every kill has landed: on a fast machine
  // one round could end before the tenth kill, and a kill with nothing in flight proves nothing.
  let killing = true;
  const rounds: AccountingNasReport[] = [];
  const nas = (async () => {
    for (let round = 0; round < 8 && (round === 0 || killing); round++) {
      rounds.push(
        await runAccountingNas({
          port: server.acctPort,
          secret: SECRET,
          sessions: o.sessions,
          interims: o.interims,
          window: o.window,
          retransmitMs: o.retransmitMs,
          sessionPrefix: (8 + round).toString(16),
        }),
      );
    }
  })();
  let kills = 0;
  let databaseRestarts = 0;
  try {
    for (let i = 0; i < o.kills; i++) {
      await sleep(o.upMs[0] + Math.random() * (o.upMs[1] - o.upMs[0]));
      if (o.restartDatabase && databaseRestarts === 0 && i >= o.kills / 2) {
        o.log?.('restarting the database server under load');
        await o.restartDatabase();
        databaseRestarts++;
        await sleep(o.upMs[0]);
      }
      await server.kill();
      kills++;
      o.log?.(`kill -9 #${kills}`);
      await server.restart();
    }
    killing = false;
    await nas;
    const report = mergeReports(rounds);
    await server.stop();
    const stored = await storedAccounting(o, routerId!, report.expected);
    return {
      kills,
      databaseRestarts,
      crashes: server.crashes,
      crashLogs: server.crashLogs,
      nas: report,
      stored,
      errors,
    };
  } finally {
    await server.stop().catch(() => {});
  }
}
