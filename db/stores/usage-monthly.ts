// The whole-month, whole-week and whole-day totals of usage_groups_daily (2026-12-21 and 2026-12-28 migrations),
// added in the accounting transaction from the very deltas added to usage_groups_daily, so they are its exact sums
// whatever the packets (retransmissions, interim updates, sessions across midnight or a month's end,
// Accounting-On): a report over a year then reads 12 months of groups and 365 day rows, not 365 days of every
// group, and a range that cuts months reads the weeks inside its loose days.
import type { Kysely, Transaction } from 'kysely';
import { weekStart } from '../../src/domain/report-period.js';
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
  const addWeekly = summingInserter(
    db,
    'usage_groups_weekly',
    [
      ['week', 'text'],
      ['router_id', 'int'],
      ['dusun', 'text'],
      ['plan_id', 'int'],
    ],
    SUMS,
  );
  const addDaily = summingInserter(db, 'usage_totals_daily', [['day', 'text']], SUMS);

  /** Adds the deltas just added to usage_groups_daily to their months' and weeks' groups and their days' totals. */
  return async function addMonthlyTotals(trx: Transaction<Database>, deltas: Iterable<GroupDelta>) {
    type Group = [string, number, string, number, number, number, number];
    const months = new Map<string, Group>();
    const weeks = new Map<string, Group>();
    const days = new Map<string, [string, number, number, number]>();
    const add = (into: Map<string, Group>, period: string, delta: GroupDelta) => {
      const [, router, dusun, plan, bytesIn, bytesOut, sessions] = delta;
      const key = `${period}|${router}|${dusun}|${plan}`;
      const g = into.get(key) ?? [period, router, dusun, plan, 0, 0, 0];
      g[4] += bytesIn;
      g[5] += bytesOut;
      g[6] += sessions;
      into.set(key, g);
    };
    // A batch's deltas fall on a day or two: their week is worked out once a day.
    let lastDay = '';
    let week = '';
    for (const delta of deltas) {
      const [day, , , , bytesIn, bytesOut, sessions] = delta;
      if (day !== lastDay) {
        lastDay = day;
        week = weekStart(day);
      }
      add(months, day.slice(0, 7), delta);
      add(weeks, week, delta);
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
    await addWeekly(trx, [...weeks.values()].sort(byKey));
    await addDaily(
      trx,
      [...days.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    );
  };
}
