// Accounting packets/s through the accounting service (group commit, 256 in flight, as the RADIUS benchmark keeps
// them) over the large village of bench/reports-village.ts: what bench:rollups and bench:reports both time, with
// the reports' rollups and without them.
import { performance } from 'node:perf_hooks';
import {
  type AccountingOp,
  type AccountingStore,
  createAccountingService,
} from '../src/services/radius/accounting.js';
import { SIZE } from './reports-village.js';

const TZ = 'Asia/Jakarta';

/**
 * Accounting packets/s through the accounting service, with or without the reports' rollups (without: the
 * hourly rows too, as before the reports). `start`: each packet opens a session on a day its device has no traffic
 * yet; else interim updates of round 0's sessions on the year's last day (their usage rows are known). `round`
 * numbers every measurement of the run (a start round's day, an interim round's counters). Each variant keeps
 * its store from round to round, as a server keeps its own (and what it remembers).
 */
export async function accountingRate(
  store: AccountingStore,
  rollups: boolean,
  round: number,
  start = false,
  packets = 20_000,
): Promise<number> {
  const accounting = createAccountingService({
    store: rollups
      ? store
      : {
          ...store,
          applyBatch: (keys, names, compute) =>
            store.applyBatch(keys, names, (e, d) => ({ ...compute(e, d), hourly: [] })),
        },
    timeZone: TZ,
  });
  // Starts: a new day each (2027 has no traffic yet); interims: the last seeded day, 2026-12-31.
  const at = start ? Date.UTC(2027, 0, round, 5) : Date.UTC(2026, 11, 31, 5) + round * 60_000;
  const ops: AccountingOp[] = Array.from({ length: packets }, (_, i) => ({
    kind: 'record',
    record: {
      routerId: 1 + (i % SIZE.routers),
      acctSessionId: start ? `bench-${round}-${i}` : `bench-${i}`,
      status: start || round === 0 ? 'start' : 'interim',
      at,
      username: `wn-${i % SIZE.devices}`,
      mac: null,
      framedIp: '10.5.50.7',
      nasPort: null,
      className: null,
      // The village's devices, which the rollups look up for their account, dusun and plan.
      deviceId: 1 + (i % SIZE.devices),
      inputBytes: start ? 0 : round * 1_000_000 + i,
      outputBytes: start ? 0 : round * 9_000_000 + i,
      sessionTimeS: start ? 0 : round * 60,
      terminateCause: null,
    },
  }));
  const s = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 256 }, async () => {
      while (next < ops.length) await accounting.submit(ops[next++]!);
    }),
  );
  await accounting.drain();
  return packets / ((performance.now() - s) / 1000);
}
