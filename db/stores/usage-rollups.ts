// The reports' rollups, kept in the accounting transaction beside usage_daily (see the 2026-12-16 migration):
// bytes per day × router × dusun × plan, the distinct devices and residents per period (first-seen rows and their
// counts), each account's bytes per day (a running total, 2026-12-23) and the accounts that reached their daily
// quota. The first-seen rows are only offered for usage rows that are new in usage_daily (a device's first traffic
// of the day on a router: usage_daily's writer tells, see usage-daily.ts), and a coarser period's row only when
// the finer one was new (see `seenRows`), so an interim update of a known session costs one facts lookup and one
// update here, not a dozen inserts. The quota check reads the running total (never re-sums usage_daily over the
// account's devices). On SQLite every lookup and write is a prepared statement run per row (see
// row-statements.ts), and none returns rows where `changes` can tell instead: RETURNING doubles SQLite's cost of a
// row. PostgreSQL gets each list as one parameter. Lists come first in a `cross join`: SQLite then seeks each
// listed key instead of scanning the table against the list (radius-sql.ts).
import { type Kysely, sql, type Transaction } from 'kysely';
import { weekStart } from '../../src/domain/report-period.js';
import type { HourlyUsageRow, UsageRow } from '../../src/services/radius/accounting.js';
import { rowStatements } from '../row-statements.js';
import type { Database } from '../schema.js';
import {
  type ColumnType,
  inList,
  isPostgres,
  rowInserter,
  rowsOf,
  summingConflict,
  summingInserter,
} from './radius-sql.js';
import { createUsageDailyWriter } from './usage-daily.js';
import { createMonthlyTotals } from './usage-monthly.js';
import { createSeenGaps, type FreshDay } from './usage-seen-gaps.js';

interface DeviceFacts {
  readonly accountId: number | null;
  readonly residentId: number | null;
  readonly dusun: string;
  readonly planId: number;
  readonly quota: number | null;
}

const NO_ACCOUNT: DeviceFacts = { accountId: null, residentId: null, dusun: '-', planId: 0, quota: null };

const ACCOUNT_TOTALS_CONFLICT = summingConflict('account_usage_daily', ['day', 'account_id'], ['bytes']);

const SEEN_COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['period', 'text'],
  ['dim', 'text'],
  ['key', 'text'],
  ['subject', 'bigint'],
  ['days', 'int'],
];

export interface RollupPlan {
  readonly usage: readonly UsageRow[];
  readonly facts: ReadonlyMap<number, DeviceFacts>;
  /** The usage rows usage_daily did not hold yet. */
  readonly fresh: readonly UsageRow[];
}

/** `days`: the bit of the day in a month row, of the month in a year row, 0 in day and week rows. */
type SeenRow = [period: string, dim: string, key: string, subject: number, days: number];

/** What `seenRows` needs of a day, worked out once per day of a batch. */
interface DayParts {
  readonly day: string;
  readonly week: string;
  readonly month: string;
  readonly year: string;
  readonly dayBit: number;
  readonly monthBit: number;
}

function dayParts(day: string): DayParts {
  return {
    day: `d:${day}`,
    week: `w:${weekStart(day)}`,
    month: `m:${day.slice(0, 7)}`,
    year: `y:${day.slice(0, 4)}`,
    dayBit: 1 << (Number(day.slice(8, 10)) - 1),
    monthBit: 1 << (Number(day.slice(5, 7)) - 1),
  };
}

/** usage_router_periods' column of each local hour's bytes: h00 … h23. */
const HOUR_COLUMNS = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);

/** Dimensions counted by month and year (besides 'all'), with the key a usage row has in each. */
const DIMS = ['router', 'dusun', 'plan'] as const;

/**
 * The first-seen rows a fresh usage row offers, in two steps. A subject seen in a period was seen in every coarser
 * period holding it (the rows are only ever added together, and erasure removes a subject's rows in every period),
 * so the coarser rows are offered only where the finer one turned out new: the week, month and year of 'all' after
 * the day, each dimension's year after its month. `finer` is undefined for the first step; for the second, the
 * rows the first step really inserted.
 */
function seenRows(
  day: DayParts,
  routerId: number,
  f: DeviceFacts,
  subject: number,
  finer: ReadonlyMap<string, SeenRow> | undefined,
  out: Map<string, SeenRow>,
): void {
  const keys: Record<(typeof DIMS)[number], string> = {
    router: String(routerId),
    dusun: f.dusun,
    plan: String(f.planId),
  };
  // A batch across midnight may offer one month row twice (two days): their bits are OR-ed.
  const add = (p: string, d: string, k: string, bits: number) => {
    const id = `${p}|${d}|${k}|${subject}`;
    const had = out.get(id);
    if (had) had[4] |= bits;
    else out.set(id, [p, d, k, subject, bits]);
  };
  if (!finer) {
    add(day.day, 'all', '', 0);
    for (const d of DIMS) add(day.month, d, keys[d], day.dayBit);
    return;
  }
  if (finer.has(`${day.day}|all||${subject}`)) {
    add(day.week, 'all', '', 0);
    add(day.month, 'all', '', day.dayBit);
    add(day.year, 'all', '', day.monthBit);
  }
  for (const d of DIMS)
    if (finer.has(`${day.month}|${d}|${keys[d]}|${subject}`)) add(day.year, d, keys[d], day.monthBit);
}

export function createUsageRollups(db: Kysely<Database>) {
  const pg = isPostgres(db);
  const native = rowStatements(db);
  const addMonthlyTotals = createMonthlyTotals(db);
  const writeGaps = createSeenGaps(db);
  const addGroups = summingInserter(
    db,
    'usage_groups_daily',
    [
      ['day', 'text'],
      ['router_id', 'int'],
      ['dusun', 'text'],
      ['plan_id', 'int'],
    ],
    [
      ['bytes_in', 'bigint'],
      ['bytes_out', 'bigint'],
      ['sessions', 'int'],
    ],
  );
  const addCounts = summingInserter(
    db,
    'usage_counts',
    [
      ['period', 'text'],
      ['dim', 'text'],
      ['key', 'text'],
    ],
    [
      ['devices', 'int'],
      ['residents', 'int'],
    ],
  );
  const addExhausted = rowInserter(
    db,
    'quota_exhausted_daily',
    [
      ['day', 'text'],
      ['account_id', 'int'],
    ],
    'on conflict do nothing',
  );

  const addHeat = summingInserter(
    db,
    'usage_heat_monthly',
    [
      ['month', 'text'],
      ['weekday', 'int'],
      ['hour', 'int'],
    ],
    [
      ['bytes', 'bigint'],
      ['sessions', 'int'],
    ],
  );
  // The village's bytes and sessions per day and local hour (2027-01-02): the heat map's days outside whole months.
  const addHeatDaily = summingInserter(
    db,
    'usage_heat_daily',
    [
      ['day', 'text'],
      ['hour', 'int'],
    ],
    [
      ['bytes', 'bigint'],
      ['sessions', 'int'],
    ],
  );
  // One row per router and day ('YYYY-MM-DD', 2027-01-02), month ('YYYY-MM') and year ('YYYY'), each local hour's
  // bytes in its own column (2026-12-25): the access points report reads a router's day, month or year as one
  // row; every column is a sum, so adding the batch's deltas keeps it exact.
  const addRouterPeriods = summingInserter(
    db,
    'usage_router_periods',
    [
      ['period', 'text'],
      ['router_id', 'int'],
    ],
    [
      ['bytes_in', 'bigint'],
      ['bytes_out', 'bigint'],
      ['sessions', 'int'],
      ...HOUR_COLUMNS.map((c) => [c, 'bigint'] as const),
    ],
  );

  const addTotals = native
    ? undefined
    : rowsReturning<{ day: string; account_id: unknown; bytes: unknown }>(
        'account_usage_daily',
        [
          ['day', 'text'],
          ['account_id', 'int'],
          ['bytes', 'bigint'],
        ],
        `${ACCOUNT_TOTALS_CONFLICT} returning day, account_id, bytes`,
      );

  /** `insert into table … select from (the rows as one parameter) tail` for PostgreSQL, with its RETURNING rows. */
  function rowsReturning<R>(
    table: string,
    columns: ReadonlyArray<readonly [string, ColumnType]>,
    tail: string,
  ): (trx: Transaction<Database>, rows: readonly (readonly unknown[])[]) => Promise<R[]> {
    const names = sql.raw(columns.map(([c]) => c).join(', '));
    return async (trx, rows) =>
      (
        await sql<R>`insert into ${sql.raw(table)} (${names}) select * from ${rowsOf(pg, columns, rows)} x
          where true ${sql.raw(tail)}`.execute(trx)
      ).rows;
  }

  /**
   * PostgreSQL: inserts the first-seen rows usage_seen lacks and ORs the day (month) bits into those it holds;
   * returns the keys (`period|dim|key|subject`) it inserted, the rows that bump the counts.
   */
  async function insertSeen(
    trx: Transaction<Database>,
    rows: readonly SeenRow[],
  ): Promise<Map<string, SeenRow>> {
    const inserted = new Map<string, SeenRow>();
    if (rows.length === 0) return inserted;
    const id = (r: SeenRow) => `${r[0]}|${r[1]}|${r[2]}|${r[3]}`;
    // `xmax = 0` tells a row this statement inserted from one it updated.
    const { rows: added } = await sql<{
      period: string;
      dim: string;
      key: string;
      subject: unknown;
      days: unknown;
      inserted: boolean;
    }>`
      insert into usage_seen (period, dim, key, subject, days) select * from ${rowsOf(pg, SEEN_COLUMNS, rows)} x
      where true on conflict (period, dim, key, subject) do update set days = usage_seen.days | excluded.days
      where (usage_seen.days | excluded.days) <> usage_seen.days
      returning period, dim, key, subject, days, (xmax = 0) as inserted`.execute(trx);
    for (const r of added) {
      if (!r.inserted) continue;
      const row: SeenRow = [r.period, r.dim, r.key, Number(r.subject), Number(r.days)];
      inserted.set(id(row), row);
    }
    return inserted;
  }

  const addUsage = createUsageDailyWriter(db);

  /** Each device's account, resident, dusun, plan and daily quota, as RADIUS applies them now. */
  async function deviceFacts(
    trx: Transaction<Database>,
    ids: readonly number[],
  ): Promise<Map<number, DeviceFacts>> {
    type Row = {
      id: unknown;
      account_id: unknown;
      resident_id: unknown;
      dusun: string | null;
      plan_id: unknown;
      quota: unknown;
    };
    const facts = new Map<number, DeviceFacts>();
    if (ids.length === 0) return facts;
    let rows: Row[];
    // The account's plan, or the default plan for an account without one (as RADIUS applies it).
    if (native) {
      // The list first in a cross join (each id seeks devices), its rows as arrays: a third of the per-id lookups.
      const statement =
        native.prepareArrays(`select d.id, a.id, a.resident_id, r.dusun, p.id, p.daily_quota_bytes
        from json_each(?) k cross join devices d on d.id = k.value
        left join accounts a on a.id = d.account_id
        left join residents r on r.id = a.resident_id
        left join plans p on p.id = coalesce(a.plan_id, (select min(id) from plans where is_default = 1))`);
      rows = statement
        .all(JSON.stringify(ids))
        .map(([id, account_id, resident_id, dusun, plan_id, quota]) => ({
          id,
          account_id,
          resident_id,
          dusun: dusun as string | null,
          plan_id,
          quota,
        }));
    } else {
      // `= any(array)`: PostgreSQL seeks each id; joined to an unnested list it hashed the whole devices table.
      ({ rows } = await sql<Row>`select d.id as id, a.id as account_id, a.resident_id as resident_id,
          r.dusun as dusun, p.id as plan_id, p.daily_quota_bytes as quota
        from devices d
        left join accounts a on a.id = d.account_id
        left join residents r on r.id = a.resident_id
        left join plans p on p.id = coalesce(a.plan_id, (select min(id) from plans where is_default = 1))
        where ${inList(pg, 'd.id', ids, 'int')}`.execute(trx));
    }
    for (const r of rows) {
      const accountId = r.account_id === null ? null : Number(r.account_id);
      facts.set(Number(r.id), {
        accountId,
        residentId: r.resident_id === null ? null : Number(r.resident_id),
        dusun: accountId === null ? '-' : (r.dusun ?? '-'),
        planId: accountId === null ? 0 : Number(r.plan_id ?? 0),
        quota: accountId === null || r.quota === null ? null : Number(r.quota),
      });
    }
    return facts;
  }

  /** Bytes per day × router × dusun × plan. */
  async function writeGroups(trx: Transaction<Database>, plan: RollupPlan): Promise<void> {
    const groups = new Map<string, [string, number, string, number, number, number, number]>();
    for (const u of plan.usage) {
      const f = plan.facts.get(u.deviceId) ?? NO_ACCOUNT;
      const gk = `${u.day}|${u.routerId}|${f.dusun}|${f.planId}`;
      const g = groups.get(gk) ?? [u.day, u.routerId, f.dusun, f.planId, 0, 0, 0];
      g[4] += u.bytesIn;
      g[5] += u.bytesOut;
      g[6] += u.sessions;
      groups.set(gk, g);
    }
    await addGroups(trx, [...groups.values()]);
    await addMonthlyTotals(trx, groups.values());
  }

  /** The first-seen rows of the fresh usage rows (two steps, see `seenRows`), and the counts they bump. */
  async function writeSeen(trx: Transaction<Database>, plan: RollupPlan): Promise<void> {
    const { fresh } = plan;
    if (fresh.length === 0) return;
    const days = new Map<string, DayParts>();
    const partsOf = (day: string) => {
      let p = days.get(day);
      if (!p) {
        p = dayParts(day);
        days.set(day, p);
      }
      return p;
    };
    const counts = new Map<string, [string, string, string, number, number]>();
    const bump = (p: string, d: string, k: string, subject: number) => {
      const cell = `${p}|${d}|${k}`;
      const c = counts.get(cell);
      if (c) c[subject > 0 ? 3 : 4] += 1;
      else counts.set(cell, subject > 0 ? [p, d, k, 1, 0] : [p, d, k, 0, 1]);
    };
    // The days each subject was first seen on in this batch (its d:all rows inserted): usage_seen_gaps' deltas.
    const freshDays: FreshDay[] = [];
    if (native) seenOneByOne(fresh, plan.facts, partsOf, bump, freshDays);
    else {
      const offer = (finer: ReadonlyMap<string, SeenRow> | undefined) => {
        const rows = new Map<string, SeenRow>();
        for (const u of fresh) {
          const f = plan.facts.get(u.deviceId) ?? NO_ACCOUNT;
          const day = partsOf(u.day);
          if (u.deviceId !== 0) seenRows(day, u.routerId, f, u.deviceId, finer, rows);
          if (f.residentId !== null) {
            seenRows(day, u.routerId, f, -f.residentId, finer, rows);
          }
        }
        return [...rows.values()];
      };
      const first = await insertSeen(trx, offer(undefined));
      const then = first.size === 0 ? first : await insertSeen(trx, offer(first));
      for (const inserted of [first, then])
        for (const [p, d, k, subject] of inserted.values()) bump(p, d, k, subject);
      for (const [p, d, , subject] of first.values())
        if (d === 'all' && p.startsWith('d:')) freshDays.push([p.slice(2), subject]);
    }
    if (counts.size > 0) await addCounts(trx, [...counts.values()]);
    await writeGaps(trx, freshDays);
  }

  /**
   * SQLite: `seenRows`' two steps subject by subject, each row one prepared statement whose `changes` tells
   * whether it inserted, and a coarser row offered right after the finer one turned out new. No list, key or map
   * per row: a first packet writes 20 rows, and building them cost as much as writing them. The rows end the
   * same as in two steps (a subject's coarser rows depend only on its own finer ones, and a second offer of a row
   * in the batch only ORs its bits), and so do the counts.
   */
  function seenOneByOne(
    fresh: readonly UsageRow[],
    facts: ReadonlyMap<number, DeviceFacts>,
    partsOf: (day: string) => DayParts,
    bump: (p: string, d: string, k: string, subject: number) => void,
    freshDays: FreshDay[],
  ): void {
    const insert = native!.prepare(
      'insert into usage_seen (period, dim, key, subject, days) values (?, ?, ?, ?, ?) on conflict do nothing',
    );
    // Writes only when a bit is new: a device's second session of the day finds its bit set.
    const mark = native!.prepare(`update usage_seen set days = days | ?
      where period = ? and dim = ? and key = ? and subject = ? and (days | ?) <> days`);
    const seen = (p: string, d: string, k: string, subject: number, bits: number): boolean => {
      if ((insert.run(p, d, k, subject, bits) as { changes: number }).changes > 0) {
        bump(p, d, k, subject);
        return true;
      }
      if (bits !== 0) mark.run(bits, p, d, k, subject, bits);
      return false;
    };
    const subjectRows = (day: DayParts, keys: readonly string[], subject: number) => {
      if (seen(day.day, 'all', '', subject, 0)) {
        freshDays.push([day.day.slice(2), subject]);
        seen(day.week, 'all', '', subject, 0);
        seen(day.month, 'all', '', subject, day.dayBit);
        seen(day.year, 'all', '', subject, day.monthBit);
      }
      for (let i = 0; i < DIMS.length; i++)
        if (seen(day.month, DIMS[i]!, keys[i]!, subject, day.dayBit))
          seen(day.year, DIMS[i]!, keys[i]!, subject, day.monthBit);
    };
    for (const u of fresh) {
      const f = facts.get(u.deviceId) ?? NO_ACCOUNT;
      const day = partsOf(u.day);
      const keys = [String(u.routerId), f.dusun, String(f.planId)];
      if (u.deviceId !== 0) subjectRows(day, keys, u.deviceId);
      if (f.residentId !== null) subjectRows(day, keys, -f.residentId);
    }
  }

  /**
   * Each account's bytes of the day, upserted with the batch's deltas; the totals it returns are checked against
   * the plan's daily quota (an account at or over it is recorded once a day).
   */
  async function writeAccountTotals(trx: Transaction<Database>, plan: RollupPlan): Promise<void> {
    // Per day and account: its bytes and its plan's daily quota.
    const deltas = new Map<string, [day: string, accountId: number, bytes: number, quota: number | null]>();
    for (const u of plan.usage) {
      const f = plan.facts.get(u.deviceId);
      if (!f || f.accountId === null) continue;
      const k = `${u.day}|${f.accountId}`;
      const t = deltas.get(k);
      if (t) t[2] += u.bytesIn + u.bytesOut;
      else deltas.set(k, [u.day, f.accountId, u.bytesIn + u.bytesOut, f.quota]);
    }
    if (deltas.size === 0) return;
    const reached: Array<[string, number]> = [];
    if (native) {
      // The usual packet's account is known today and stays under its quota: one UPDATE that only matches then,
      // no RETURNING (which doubles SQLite's cost of a row). Otherwise (the day's first packet, the quota reached
      // or crossed now) the upsert returns the total to check. No quota: nothing to check, nothing returned.
      const underQuota = native.prepare(
        'update account_usage_daily set bytes = bytes + ? where day = ? and account_id = ? and bytes + ? < ?',
      );
      const add = native.prepare(
        'update account_usage_daily set bytes = bytes + ? where day = ? and account_id = ?',
      );
      const insert = native.prepare(
        'insert into account_usage_daily (day, account_id, bytes) values (?, ?, ?)',
      );
      const upsert = native.prepare(`insert into account_usage_daily (day, account_id, bytes) values (?, ?, ?)
        ${ACCOUNT_TOTALS_CONFLICT} returning bytes`);
      const changed = (r: unknown) => (r as { changes: number }).changes > 0;
      for (const [day, accountId, bytes, quota] of deltas.values()) {
        if (quota === null) {
          if (!changed(add.run(bytes, day, accountId))) insert.run(day, accountId, bytes);
        } else if (!changed(underQuota.run(bytes, day, accountId, bytes, quota))) {
          const used = Number((upsert.get(day, accountId, bytes) as { bytes: unknown }).bytes);
          if (used >= quota) reached.push([day, accountId]);
        }
      }
    } else {
      const quotaOf = new Map([...deltas.values()].map((t) => [`${t[0]}|${t[1]}`, t[3]]));
      for (const r of await addTotals!(
        trx,
        [...deltas.values()].map(([day, accountId, bytes]) => [day, accountId, bytes]),
      )) {
        const quota = quotaOf.get(`${r.day}|${Number(r.account_id)}`);
        if (quota !== null && quota !== undefined && Number(r.bytes) >= quota)
          reached.push([r.day, Number(r.account_id)]);
      }
    }
    if (reached.length > 0) await addExhausted(trx, reached);
  }

  return {
    /**
     * Upserts the batch's usage rows into usage_daily, learning which are new there, and reads each device's
     * account, dusun and plan: the plan `write` then follows, in the same transaction.
     */
    async writeUsage(trx: Transaction<Database>, usage: readonly UsageRow[]): Promise<RollupPlan> {
      if (usage.length === 0) return { usage, facts: new Map(), fresh: [] };
      const fresh = await addUsage(trx, usage);
      const facts = await deviceFacts(trx, [
        ...new Set(usage.map((u) => u.deviceId).filter((id) => id !== 0)),
      ]);
      return { usage, facts, fresh };
    },

    /**
     * usage_hourly's deltas, summed per month (weekday × hour), per day (hour) and per router's day, month and year
     * (each hour's bytes).
     */
    async writeHourly(trx: Transaction<Database>, hourly: readonly HourlyUsageRow[]): Promise<void> {
      if (hourly.length === 0) return;
      const heat = new Map<string, [string, number, number, number, number]>();
      const heatDays = new Map<string, [string, number, number, number]>();
      // Per period and router: bytes in, bytes out, sessions, then each hour's bytes (h00 … h23).
      const periods = new Map<string, { period: string; routerId: number; sums: number[] }>();
      const add = (period: string, h: HourlyUsageRow) => {
        const key = `${period}|${h.routerId}`;
        let r = periods.get(key);
        if (!r) {
          r = { period, routerId: h.routerId, sums: new Array<number>(3 + 24).fill(0) };
          periods.set(key, r);
        }
        r.sums[0]! += h.bytesIn;
        r.sums[1]! += h.bytesOut;
        r.sums[2]! += h.sessions;
        r.sums[3 + h.hour]! += h.bytesIn + h.bytesOut;
      };
      for (const h of hourly) {
        const month = h.day.slice(0, 7);
        const weekday = (new Date(`${h.day}T00:00:00Z`).getUTCDay() + 6) % 7;
        const hk = `${month}|${weekday}|${h.hour}`;
        const c = heat.get(hk) ?? [month, weekday, h.hour, 0, 0];
        c[3] += h.bytesIn + h.bytesOut;
        c[4] += h.sessions;
        heat.set(hk, c);
        const dk = `${h.day}|${h.hour}`;
        const d = heatDays.get(dk) ?? [h.day, h.hour, 0, 0];
        d[2] += h.bytesIn + h.bytesOut;
        d[3] += h.sessions;
        heatDays.set(dk, d);
        add(h.day, h);
        add(month, h);
        add(h.day.slice(0, 4), h);
      }
      await addHeat(trx, [...heat.values()]);
      // In key order, as below: two writers crossing midnight lock the same rows in the same order.
      await addHeatDaily(
        trx,
        [...heatDays.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])),
      );
      // In key order, so two writers (batches crossing a month end) take the rows' locks in the same order.
      const rows = [...periods.values()].sort((a, b) =>
        a.period < b.period ? -1 : a.period > b.period ? 1 : a.routerId - b.routerId,
      );
      await addRouterPeriods(
        trx,
        rows.map((r) => [r.period, r.routerId, ...r.sums]),
      );
    },

    /** After usage_daily is written, in the same transaction: every daily rollup of the batch's usage rows. */
    async write(trx: Transaction<Database>, plan: RollupPlan): Promise<void> {
      if (plan.usage.length === 0) return;
      await writeGroups(trx, plan);
      await writeSeen(trx, plan);
      await writeAccountTotals(trx, plan);
      // Further rollups of the same plan go here, one call each.
    },
  };
}
