// The usage report over the rollups (2026-12-16, 2026-12-21, 2026-12-26 and 2026-12-28 migrations): bytes and
// sessions of time rows and totals from usage_totals_daily (a row a day), of router, dusun and plan rows from
// usage_groups_monthly, usage_groups_weekly and usage_groups_daily (a cut month as its part in the range, or as the
// month minus its parts outside the range when that reads fewer periods, each part as whole weeks and days:
// `groupRanges`); distinct devices and residents from usage_counts when a row's range is exactly
// one day, week, month or year; else, of the whole village, from usage_seen_gaps' cells (2026-12-31: a few hundred
// per day whatever the size), and per router, dusun or plan from the first-seen rows (usage_seen) whose day or
// month bits meet the range: per year it touches, the year rows of its whole months and the month rows of the
// months it cuts (`maskedPeriods`), so a range that cuts months reads no usage_daily.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { addDays, daysBetween, weekStart } from '../../src/domain/report-period.js';
import type {
  DistinctCounts as Distinct,
  Keyed,
  UsageDimension,
  UsageFigures,
} from '../../src/services/reports/report-ports.js';

/** What the device-free rollups group by (institutions have a rollup of their own, read by the report store). */
export type GroupedDimension = Exclude<UsageDimension, 'institution'>;

import type { Database } from '../schema.js';
import { isPostgres, listOf, rowsOf } from './radius-sql.js';
import { serialQuery } from './serial-query.js';

type Dim = 'router' | 'dusun' | 'plan';
type TimeDim = Exclude<GroupedDimension, Dim>;
const NONE: Distinct = { devices: 0, residents: 0 };
const n = (v: unknown) => Number(v ?? 0);

const lastOfMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** A week from `monday` that runs into a month whole within the range would keep that month from its own tile. */
function hidesMonth(monday: string, to: string): boolean {
  const sunday = addDays(monday, 6);
  return sunday.slice(0, 7) !== monday.slice(0, 7) && lastOfMonth(sunday) <= to;
}

/**
 * The periods that tile [from, to]: whole years, months, (weeks with `weeks`) and days. Without `days` the
 * leftover days are returned apart (`loose`) instead of as `d:` periods.
 */
export function tile(from: string, to: string, withSmall: boolean): { periods: string[]; loose: string[] } {
  const periods: string[] = [];
  const loose: string[] = [];
  let d = from;
  while (d <= to) {
    if (d.endsWith('-01-01') && `${d.slice(0, 4)}-12-31` <= to) {
      periods.push(`y:${d.slice(0, 4)}`);
      d = `${Number(d.slice(0, 4)) + 1}-01-01`;
    } else if (d.endsWith('-01') && lastOfMonth(d) <= to) {
      periods.push(`m:${d.slice(0, 7)}`);
      d = addDays(lastOfMonth(d), 1);
    } else if (withSmall && weekStart(d) === d && addDays(d, 6) <= to && !hidesMonth(d, to)) {
      periods.push(`w:${d}`);
      d = addDays(d, 7);
    } else {
      if (withSmall) periods.push(`d:${d}`);
      else loose.push(d);
      d = addDays(d, 1);
    }
  }
  return { periods, loose };
}

type Signed = readonly [first: string, last: string, sign: 1 | -1];

/**
 * The usage_router_periods keys ('YYYY', 'YYYY-MM', 'YYYY-MM-DD') whose sums, each with its sign, are [from, to]'s:
 * its whole years and months, and of a month it cuts either its days in the range or, when that reads fewer rows,
 * the whole month and its days outside the range subtracted. At regency size 2026-02-10 … 2026-11-20 reads 29
 * periods of 9,000 routers instead of 47. Sums only: a maximum (a peak) cannot be subtracted.
 */
export function routerPeriodKeys(from: string, to: string): Array<[key: string, sign: 1 | -1]> {
  const { periods, loose } = tile(from, to, false);
  const keys: Array<[string, 1 | -1]> = periods.map((p) => [p.slice(2), 1]);
  const byMonth = new Map<string, string[]>();
  for (const day of loose) {
    const days = byMonth.get(day.slice(0, 7));
    if (days) days.push(day);
    else byMonth.set(day.slice(0, 7), [day]);
  }
  for (const [month, inside] of byMonth) {
    const last = lastOfMonth(`${month}-01`);
    const outside: string[] = [];
    for (let d = `${month}-01`; d <= last; d = addDays(d, 1)) if (d < from || d > to) outside.push(d);
    if (1 + outside.length < inside.length) {
      keys.push([month, 1]);
      for (const d of outside) keys.push([d, -1]);
    } else for (const d of inside) keys.push([d, 1]);
  }
  return keys;
}

/** The parts of [from, to] read from each group rollup, as key ranges with the sign their sums are added with. */
export interface GroupParts {
  /** usage_groups_monthly, months YYYY-MM. */
  months: ReadonlyArray<Signed>;
  /** usage_groups_weekly, weeks by their Monday. */
  weeks: ReadonlyArray<Signed>;
  /** usage_groups_daily, days. */
  days: ReadonlyArray<Signed>;
}

/**
 * [a, b] (days of one month) as its whole ISO weeks, one range of Mondays, and the days before and after them;
 * `periods` is how many weeks and days that reads (each about one row per group).
 */
function weeksAndDays(
  a: string,
  b: string,
): { weeks?: [string, string]; days: Array<[string, string]>; periods: number } {
  if (a > b) return { days: [], periods: 0 };
  let monday = weekStart(a);
  if (monday < a) monday = addDays(monday, 7);
  let lastMonday = weekStart(b);
  if (addDays(lastMonday, 6) > b) lastMonday = addDays(lastMonday, -7);
  if (monday > lastMonday) return { days: [[a, b]], periods: daysBetween(a, b) };
  const days: Array<[string, string]> = [];
  if (a < monday) days.push([a, addDays(monday, -1)]);
  const after = addDays(lastMonday, 7);
  if (after <= b) days.push([after, b]);
  const weeks = daysBetween(monday, lastMonday) / 7 + 1;
  return {
    weeks: [monday, lastMonday],
    days,
    periods: weeks + days.reduce((n, [x, y]) => n + daysBetween(x, y), 0),
  };
}

/**
 * The ranges of months (usage_groups_monthly), weeks (usage_groups_weekly) and days (usage_groups_daily) whose
 * signed sums are [from, to]'s: the whole months as one range; a month the range cuts as its part in the range,
 * or, when that reads fewer periods, as the whole month minus its parts outside the range (sums subtract); each
 * part as its whole weeks and the days around them. At regency size 2026-02-10 … 2026-11-20 reads 7 weeks and
 * days of every router beside its months, instead of 19 days.
 */
export function groupRanges(from: string, to: string): GroupParts {
  // Consecutive months read as one range of usage_groups_monthly's key (one scan, not one per month).
  const months: Array<[string, string, 1]> = [];
  const weeks: Signed[] = [];
  const days: Signed[] = [];
  const addMonth = (month: string) => {
    const prev = months[months.length - 1];
    if (prev && addDays(lastOfMonth(`${prev[1]}-01`), 1).slice(0, 7) === month) prev[1] = month;
    else months.push([month, month, 1]);
  };
  const add = (part: ReturnType<typeof weeksAndDays>, sign: 1 | -1) => {
    if (part.weeks) weeks.push([...part.weeks, sign]);
    for (const [a, b] of part.days) days.push([a, b, sign]);
  };
  for (
    let month = from.slice(0, 7);
    month <= to.slice(0, 7);
    month = addDays(lastOfMonth(`${month}-01`), 1).slice(0, 7)
  ) {
    const start = `${month}-01`;
    const end = lastOfMonth(start);
    const first = from > start ? from : start;
    const last = to < end ? to : end;
    if (first === start && last === end) {
      addMonth(month);
      continue;
    }
    const inside = weeksAndDays(first, last);
    const before = weeksAndDays(start, addDays(first, -1));
    const after = weeksAndDays(addDays(last, 1), end);
    if (1 + before.periods + after.periods < inside.periods) {
      addMonth(month);
      add(before, -1);
      add(after, -1);
    } else add(inside, 1);
  }
  return { months, weeks, days };
}

/**
 * The first-seen rows whose bits tell who was seen within [from, to], as (period, mask) pairs: for each year it
 * touches, `y:YYYY` with the bits of the months whole in the range (bit 0 = January), and `m:YYYY-MM` of each month
 * it cuts with the bits of its days in the range (bit 0 = the 1st). A subject was seen in the range exactly when
 * one of its rows in these periods has a bit of the mask (usage_seen.days, the 2026-12-26 migration).
 */
export function maskedPeriods(from: string, to: string): Array<[period: string, mask: number]> {
  const cut: Array<[string, number]> = [];
  const years = new Map<string, number>();
  for (
    let month = from.slice(0, 7);
    month <= to.slice(0, 7);
    month = addDays(lastOfMonth(`${month}-01`), 1).slice(0, 7)
  ) {
    const end = lastOfMonth(`${month}-01`);
    const first = from > `${month}-01` ? from : `${month}-01`;
    const last = to < end ? to : end;
    if (first === `${month}-01` && last === end) {
      const year = `y:${month.slice(0, 4)}`;
      years.set(year, (years.get(year) ?? 0) | (1 << (Number(month.slice(5, 7)) - 1)));
    } else {
      let mask = 0;
      for (let d = Number(first.slice(8, 10)); d <= Number(last.slice(8, 10)); d++) mask |= 1 << (d - 1);
      cut.push([`m:${month}`, mask]);
    }
  }
  return [...years.entries(), ...cut];
}

export function createUsageQueries(db: Kysely<Database>) {
  const pg = isPostgres(db);
  const int = (e: RawBuilder<unknown>) => sql`cast(${e} as integer)`;
  // Over distinct (label, subject) pairs `x`: one distinct pass instead of a count(distinct) per kind (20–30 % less).
  const countSelect = sql`sum(case when x.subject > 0 then 1 else 0 end) as devices,
    sum(case when x.subject < 0 then 1 else 0 end) as residents`;

  /** Distinct devices and residents over each range, all of the village. */
  async function distinctAll(ranges: ReadonlyArray<readonly [string, string]>): Promise<Distinct[]> {
    const tiles = ranges.map(([f, t]) => tile(f, t, true).periods);
    const single = [...new Set(tiles.filter((p) => p.length === 1).map((p) => p[0]!))];
    const counted = new Map<string, Distinct>();
    if (single.length > 0) {
      const { rows } = await sql<{ period: string; devices: unknown; residents: unknown }>`
        select c.period, c.devices, c.residents from ${listOf(pg, single, 'text')} k
        cross join usage_counts c where c.period = k.v and c.dim = 'all' and c.key = ''`.execute(db);
      for (const r of rows) counted.set(r.period, { devices: n(r.devices), residents: n(r.residents) });
    }
    // Any other range from usage_seen_gaps (2026-12-31): its subjects are those whose first active day in it has
    // its previous active day before it, so one statement sums the cells of every such range: a range's days'
    // cells with prev_day < its first day ('' included). A regency's custom range read millions of first-seen
    // rows before (25–61 s on PostgreSQL); the cells are at most a few hundred per day whatever the size.
    const cut = tiles.flatMap((p, i) => (p.length > 1 ? [[i, ranges[i]![0], ranges[i]![1]] as const] : []));
    const summed = new Map<number, Distinct>();
    if (cut.length > 0) {
      const { rows } = await sql<{ i: unknown; devices: unknown; residents: unknown }>`
        select k.i as i, sum(g.devices) as devices, sum(g.residents) as residents
        from ${rowsOf(
          pg,
          [
            ['i', 'int'],
            ['a', 'text'],
            ['b', 'text'],
          ],
          cut,
        )} k cross join usage_seen_gaps g
        where g.day >= k.a and g.day <= k.b and g.prev_day < k.a group by k.i`.execute(db);
      for (const r of rows) summed.set(n(r.i), { devices: n(r.devices), residents: n(r.residents) });
    }
    return tiles.map((periods, i) =>
      periods.length === 0
        ? NONE
        : periods.length === 1
          ? (counted.get(periods[0]!) ?? NONE)
          : (summed.get(i) ?? NONE),
    );
  }

  /** `maskedPeriods` as a relation (p, mask), to put first in a cross join with usage_seen. */
  function masked(from: string, to: string): RawBuilder<unknown> {
    return rowsOf(
      pg,
      [
        ['p', 'text'],
        ['mask', 'int'],
      ],
      maskedPeriods(from, to),
    );
  }

  /** How a first-seen key reads as the report's row key. */
  function keyLabel(dim: Dim): { join: RawBuilder<unknown>; label: RawBuilder<string> } {
    if (dim === 'router')
      return {
        join: sql`left join routers ro on ro.id = ${int(sql`s.key`)}`,
        label: sql`coalesce(ro.name, '-')`,
      };
    if (dim === 'plan')
      return { join: sql`left join plans p on p.id = ${int(sql`s.key`)}`, label: sql`coalesce(p.name, '-')` };
    return { join: sql``, label: sql`s.key` };
  }

  /** Distinct devices and residents per row label; only of the labels in `only` when given (a short list). */
  async function distinctBy(
    from: string,
    to: string,
    dim: Dim,
    only?: readonly string[],
  ): Promise<Map<string, Distinct>> {
    const { periods, loose } = tile(from, to, false);
    const { join, label } = keyLabel(dim);
    const result = new Map<string, Distinct>();
    const kept = (l: RawBuilder<unknown>) =>
      only ? sql`having ${l} in (select k.v from ${listOf(pg, only, 'text')} k)` : sql``;
    // Per key: a whole month or year from its counts; else counted from the first-seen rows with the range's bits,
    // distinct per key before any label is joined (a large village's 2026-02-10 … 2026-11-20 by router on SQLite:
    // 78 against 95 ms, the label no longer joined to every first-seen row).
    const perKey =
      periods.length === 1 && loose.length === 0
        ? sql`(select c.key, c.devices, c.residents from usage_counts c
            where c.period = ${periods[0]} and c.dim = ${dim})`
        : sql`(select x.key as key, ${countSelect} from (select distinct s.key as key, s.subject as subject
            from ${masked(from, to)} k cross join usage_seen s
            where s.period = k.p and s.dim = ${dim} and (s.days & ${int(sql`k.mask`)}) <> 0) x group by 1)`;
    // Summed per label, unless two keys read as one label (deleted routers: '-'): then counted per label below.
    const { rows: keyed } = await sql<{ label: string; devices: unknown; residents: unknown; keys: unknown }>`
      select ${label} as label, sum(s.devices) as devices, sum(s.residents) as residents, count(*) as keys
      from ${perKey} s ${join} group by 1 ${kept(label)}`.execute(db);
    if (keyed.every((r) => n(r.keys) === 1)) {
      for (const r of keyed) result.set(r.label, { devices: n(r.devices), residents: n(r.residents) });
      return result;
    }
    const { rows } = await sql<{ label: string; devices: unknown; residents: unknown }>`
      select x.label as label, ${countSelect} from (select distinct ${label} as label, s.subject as subject
        from ${masked(from, to)} k cross join usage_seen s ${join}
        where s.period = k.p and s.dim = ${dim} and (s.days & ${int(sql`k.mask`)}) <> 0) x
      group by 1 ${kept(sql`x.label`)}`.execute(db);
    for (const r of rows) result.set(r.label, { devices: n(r.devices), residents: n(r.residents) });
    return result;
  }

  /** A time row's key over usage_totals_daily `t`. */
  function timeKey(by: 'day' | 'week' | 'month' | 'year' | null): RawBuilder<string> {
    switch (by) {
      case null:
        return sql`''`;
      case 'day':
        return sql`t.day`;
      case 'week':
        return pg
          ? sql`to_char(date_trunc('week', t.day::date), 'YYYY-MM-DD')`
          : sql`date(t.day, '-' || ((cast(strftime('%w', t.day) as integer) + 6) % 7) || ' days')`;
      case 'month':
        return sql`substr(t.day, 1, 7)`;
      case 'year':
        return sql`substr(t.day, 1, 4)`;
    }
  }

  /** Router, dusun or plan: the column the group rollups hold it in, and how its key reads as the row's. */
  function groupLabel(by: Dim): {
    column: RawBuilder<unknown>;
    label: RawBuilder<string>;
    join: RawBuilder<unknown>;
  } {
    if (by === 'router')
      return {
        column: sql`g.router_id`,
        label: sql`coalesce(ro.name, '-')`,
        join: sql`left join routers ro on ro.id = y.k`,
      };
    if (by === 'plan')
      return {
        column: sql`g.plan_id`,
        label: sql`coalesce(p.name, '-')`,
        join: sql`left join plans p on p.id = y.k`,
      };
    return { column: sql`g.dusun`, label: sql`y.k`, join: sql`` };
  }

  /** Router, dusun or plan rows over [from, to]: the grouped sums, unordered. */
  function groupSums(from: string, to: string, by: Dim): RawBuilder<unknown> {
    // Month ranges from usage_groups_monthly, weeks from usage_groups_weekly, days from usage_groups_daily
    // (`groupRanges`, some subtracted). Each rollup's ranges of one sign are one select (its key ranges OR-ed),
    // whose rows are summed once per key, and only then is the label joined and grouped (9,000 routers at
    // regency): a select and a grouping per range cost PostgreSQL more than the rows they read (220 against
    // 180 ms for 2026-02-10 … 2026-11-20, same rows).
    const { months, weeks, days } = groupRanges(from, to);
    const { column, label, join } = groupLabel(by);
    const parts: RawBuilder<unknown>[] = [];
    const read = (table: string, key: string, ranges: ReadonlyArray<Signed>, sign: 1 | -1) => {
      const mine = ranges.filter(([, , s]) => s === sign);
      if (mine.length === 0) return;
      const k = sql.ref(`g.${key}`);
      const within = sql.join(
        mine.map(([a, b]) => sql`(${k} >= ${a} and ${k} <= ${b})`),
        sql` or `,
      );
      const signed = sign > 0 ? sql`` : sql`-`;
      parts.push(sql`select ${column} as k, ${signed}g.bytes_out as down, ${signed}g.bytes_in as up,
        ${signed}g.sessions as sessions from ${sql.table(table)} g where ${within}`);
    };
    read('usage_groups_monthly', 'month', months, 1);
    for (const sign of [1, -1] as const) {
      read('usage_groups_weekly', 'week', weeks, sign);
      read('usage_groups_daily', 'day', days, sign);
    }
    // A month minus its days outside the range leaves a key with traffic only on those days at zero: no row.
    const subtracted = [...weeks, ...days].some(([, , sign]) => sign < 0)
      ? sql`having sum(y.down) <> 0 or sum(y.up) <> 0 or sum(y.sessions) <> 0`
      : sql``;
    return sql`select ${label} as key, sum(y.down) as down, sum(y.up) as up, sum(y.sessions) as sessions
      from (select x.k, sum(x.down) as down, sum(x.up) as up, sum(x.sessions) as sessions
        from (${sql.join(parts, sql` union all `)}) x group by 1) y
      ${join} group by 1 ${subtracted}`;
  }

  async function sums(from: string, to: string, by: GroupedDimension | null) {
    type Row = { key: string; down: unknown; up: unknown; sessions: unknown };
    let rows: Row[];
    if (by === 'router' || by === 'dusun' || by === 'plan') {
      rows = await serialQuery(db, sql<Row>`${groupSums(from, to, by)} order by 1`);
    } else {
      // Time rows and the totals: one row a day (usage_totals_daily), a year's 365 whatever the groups.
      ({ rows } = await sql<Row>`
        select ${timeKey(by)} as key, sum(t.bytes_out) as down, sum(t.bytes_in) as up, sum(t.sessions) as sessions
        from usage_totals_daily t where t.day >= ${from} and t.day <= ${to}
        group by 1 order by 1`.execute(db));
    }
    return rows.map((r) => ({
      key: String(r.key),
      bytesDown: n(r.down),
      bytesUp: n(r.up),
      sessions: n(r.sessions),
    }));
  }

  /** The range a time row covers, clipped to [from, to]. */
  function rowRange(by: 'day' | 'week' | 'month' | 'year', key: string, from: string, to: string) {
    const start = by === 'month' ? `${key}-01` : by === 'year' ? `${key}-01-01` : key;
    const end =
      by === 'day'
        ? key
        : by === 'week'
          ? addDays(key, 6)
          : by === 'month'
            ? lastOfMonth(start)
            : `${key}-12-31`;
    return [start < from ? from : start, end > to ? to : end] as const;
  }

  async function totals(from: string, to: string): Promise<UsageFigures> {
    const [[s], [d]] = await Promise.all([sums(from, to, null), distinctAll([[from, to]])]);
    return {
      bytesDown: s?.bytesDown ?? 0,
      bytesUp: s?.bytesUp ?? 0,
      sessions: s?.sessions ?? 0,
      ...(d ?? NONE),
    };
  }

  /**
   * The `limit` router, dusun or plan rows with most download (ties by key), in key order, with how many rows
   * there are and the totals of them all: what a printed table keeps of a regency's 9,000 routers, without
   * reading them all into the process.
   */
  async function usageTop(from: string, to: string, by: Dim, limit: number) {
    type Row = {
      key: string;
      down: unknown;
      up: unknown;
      sessions: unknown;
      n: unknown;
      all_down: unknown;
      all_up: unknown;
      all_sessions: unknown;
    };
    const [{ rows }, [all]] = await Promise.all([
      sql<Row>`select * from (
          select t.*, count(*) over () as n, sum(t.down) over () as all_down, sum(t.up) over () as all_up,
            sum(t.sessions) over () as all_sessions
          from (${groupSums(from, to, by)}) t order by t.down desc, t.key limit ${limit}
        ) y order by y.key`.execute(db),
      distinctAll([[from, to]]),
    ]);
    const counts =
      rows.length > 0
        ? await distinctBy(
            from,
            to,
            by,
            rows.map((r) => String(r.key)),
          )
        : new Map();
    const first = rows[0];
    return {
      rows: rows.map((r) => ({
        key: String(r.key),
        bytesDown: n(r.down),
        bytesUp: n(r.up),
        sessions: n(r.sessions),
        ...(counts.get(String(r.key)) ?? NONE),
      })),
      count: n(first?.n),
      totals: {
        bytesDown: n(first?.all_down),
        bytesUp: n(first?.all_up),
        sessions: n(first?.all_sessions),
        ...(all ?? NONE),
      },
    };
  }

  /**
   * How many first-seen rows `distinctBy` scans for [from, to], estimated as the village's subjects of the periods
   * it reads (usage_counts' 'all' rows: a few rows); 0 when every key's counts come from usage_counts. A router
   * dimension reads about 1.4 times that (a resident's devices sit on several routers): an estimate.
   */
  /** The totals of grouped rows: their sums, with the village's distinct counts of the range (`all`). */
  function totalsOf(
    grouped: ReadonlyArray<Omit<UsageFigures, keyof Distinct>>,
    all: Distinct | undefined,
  ): UsageFigures {
    return {
      bytesDown: grouped.reduce((a, g) => a + g.bytesDown, 0),
      bytesUp: grouped.reduce((a, g) => a + g.bytesUp, 0),
      sessions: grouped.reduce((a, g) => a + g.sessions, 0),
      ...(all ?? NONE),
    };
  }

  async function distinctScanSize(from: string, to: string): Promise<number> {
    const { periods, loose } = tile(from, to, false);
    if (periods.length <= 1 && loose.length === 0) return 0;
    const read = maskedPeriods(from, to).map(([p]) => p);
    const { rows } = await sql<{ n: unknown }>`
      select sum(c.devices + c.residents) as n from ${listOf(pg, read, 'text')} k
      cross join usage_counts c where c.period = k.v and c.dim = 'all' and c.key = ''`.execute(db);
    return n(rows[0]?.n);
  }

  return {
    totals,
    usageTop,
    distinctBy,
    distinctScanSize,
    /** Router, dusun or plan rows' sums, and the totals with the village's distinct counts (cheap: the cells). */
    async usageSums(from: string, to: string, by: Dim) {
      const [grouped, [all]] = await Promise.all([sums(from, to, by), distinctAll([[from, to]])]);
      return { rows: grouped, totals: totalsOf(grouped, all) };
    },
    async usage(from: string, to: string, by: GroupedDimension): Promise<Keyed<UsageFigures>> {
      // Every rollup row falls in exactly one group: the totals' bytes and sessions are the groups' sums.
      const dim = by === 'router' || by === 'dusun' || by === 'plan' ? by : null;
      // The distinct counts per label are read beside the sums (PostgreSQL runs them on two connections).
      const [grouped, [all], byLabel] = await Promise.all([
        sums(from, to, by),
        distinctAll([[from, to]]),
        dim ? distinctBy(from, to, dim) : undefined,
      ]);
      // byLabel is there exactly when the rows are router, dusun or plan; else they are time rows.
      const counts: Distinct[] = byLabel
        ? grouped.map((g) => byLabel.get(g.key) ?? NONE)
        : await distinctAll(grouped.map((g) => rowRange(by as TimeDim, g.key, from, to)));
      return {
        rows: grouped.map((g, i) => ({ ...g, ...(counts[i] ?? NONE) })),
        totals: totalsOf(grouped, all),
      };
    },
  };
}
