// The whole-month and whole-day totals of usage_groups_daily (2026-12-21 migration), added in the accounting
// transaction from the very deltas added to usage_groups_daily, so they are its exact sums whatever the packets
// (retransmissions, interim updates, sessions across midnight or a month's end, Accounting-On): a report over a
// year then reads 12 months of groups and 365 day rows, not 365 days of every group.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { type Columns, summingInserter } from './radius-sql.js';

/** A usage_groups_daily delta: day, router, dusun, plan, bytes in, bytes out, sessions. */
export type GroupDelta = readonly [string, number, string, number, number, number, number];

const SUMS: Columns = [
  ['bytes_in', 'bigint'],
  ['bytes_out', 'bigint'],
  ['sessions', 'int'],
];

export function createMonthlyTotals(db: Kysely<Database>) {
  const addMonthly = summingInserter(
    db,
    'usage_groups_monthly',
    [
      ['month', 'text'],
      ['router_id', 'int'],
      ['dusun', 'text'],
      ['plan_id', 'int'],
    ],
    SUMS,
  );
  const addDaily = summingInserter(db, 'usage_totals_daily', [['day', 'text']], SUMS);

  /** Adds the deltas just added to usage_groups_daily to their months' groups and their days' totals. */
  return async function addMonthlyTotals(trx: Transaction<Database>, deltas: Iterable<GroupDelta>) {
    const months = new Map<string, [string, number, string, number, number, number, number]>();
    const days = new Map<string, [string, number, number, number]>();
    for (const [day, router, dusun, plan, bytesIn, bytesOut, sessions] of deltas) {
      const month = day.slice(0, 7);
      const mk = `${month}|${router}|${dusun}|${plan}`;
      const g = months.get(mk) ?? [month, router, dusun, plan, 0, 0, 0];
      g[4] += bytesIn;
      g[5] += bytesOut;
      g[6] += sessions;
      months.set(mk, g);
      const d = days.get(day) ?? [day, 0, 0, 0];
      d[1] += bytesIn;
      d[2] += bytesOut;
      d[3] += sessions;
      days.set(day, d);
    }
    if (months.size === 0) return;
    // In key order: two writers crossing midnight lock the same few rows in the same order (no deadlock).
    const byKey = (a: readonly unknown[], b: readonly unknown[]) => {
      for (let i = 0; i < 4; i++) {
        const [x, y] = [a[i] as string | number, b[i] as string | number];
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    };
    await addMonthly(trx, [...months.values()].sort(byKey));
    await addDaily(
      trx,
      [...days.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    );
  };
}
