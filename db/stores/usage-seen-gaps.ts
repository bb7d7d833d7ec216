// usage_seen_gaps (2026-12-31 migration), kept in the accounting transaction right after the first-seen rows: a
// subject's active day d counts in the cell (d, its previous active day, '' when none), so that any range's
// distinct devices and residents of the village are a sum over few cells (db/stores/report-usage.ts) instead of a
// scan of millions of first-seen rows at regency size.
//
// A batch's fresh days F of a subject (the d:all rows it inserted) change its cells: each f in F counts in
// (f, prev(f)) of its new active days S_new, and an old day n that follows f (a late packet for an earlier day, a
// batch across midnight) moves from (n, its previous day before the batch) to (n, its previous day now). S_new is
// read from the subject's m:all rows' day bits and y:all rows' month bits, which the same batch has already OR-ed,
// so in the usual case (today's first packet, no later day) this is one lookup of the month row and one upsert.
// The deltas of the whole batch are grouped in memory and written by one upsert (zero sums dropped).
//
// PostgreSQL (several nodes write at once, READ COMMITTED): two batches of one subject whose fresh days share no
// first-seen row (days in different years and ISO weeks, as Sunday 2028-12-31 and Monday 2029-01-01) would each
// read the subject's days without the other's and count both days' cells from the same previous day. So each
// batch first takes a transaction-scoped advisory lock per fresh subject (one for all in a large batch,
// `lockSubjects`): the second waits for the first's commit, and its reads, new statements, then see its days.
import { type Kysely, sql, type Transaction } from 'kysely';
import { rowStatements } from '../row-statements.js';
import type { Database } from '../schema.js';
import { isPostgres, rowsOf, summingInserter } from './radius-sql.js';

/** A fresh d:all first-seen row: its day (YYYY-MM-DD) and subject (device > 0, resident < 0). */
export type FreshDay = readonly [day: string, subject: number];

const pad = (v: number) => String(v).padStart(2, '0');

/** Arbitrary, fixed: the first key of the advisory locks on a subject's cells (the second is the subject). */
const SUBJECT_CELLS_LOCK = 7_242_012;
/**
 * A batch with more fresh subjects takes one exclusive lock for all of them: PostgreSQL keeps every advisory lock
 * in its shared lock table (max_locks_per_transaction × max_connections, 64 × 100 by default), which a few nodes'
 * batches of 2,000 first packets (4,000 subjects each) would overflow, failing every transaction that then needs
 * a lock. Such batches (a midnight backlog) then wait for one another from here to their commit.
 */
const MANY_SUBJECTS = 512;

/**
 * PostgreSQL: a subject's cells are read and written by one transaction at a time, until it commits. A batch
 * takes the lock (key, 0) shared and then its subjects' (key, subject) exclusive, or with more than MANY_SUBJECTS
 * (key, 0) alone, exclusive: two batches of one subject then always wait one for the other, and two of different
 * subjects only when one of them is that large.
 *
 * It cannot deadlock. Every batch takes its locks in one statement in one order ((key, 0), then by subject), so
 * no two batches each hold a lock the other waits for. Nor do they close a cycle with row locks: a batch takes
 * them after its sessions, usage and its groups, first-seen rows and counts, and holds only those rows while it
 * waits here; the lock's holder waits here for a later lock, or is past this point and waits only for rows of the
 * tables written after it (the cells, account_usage_daily, quota_exhausted_daily, usage_hourly,
 * usage_router_periods, usage_institution_daily), and no transaction writes one of those and then waits for a row
 * a batch holds here (account erasure deletes account_usage_daily after its sessions and devices, then only
 * accounts and residents, which no batch locks). Two-key advisory locks never meet the one-key plan lock
 * (plan-store.ts).
 */
async function lockSubjects(trx: Transaction<Database>, fresh: readonly FreshDay[]): Promise<void> {
  const key = sql.lit(SUBJECT_CELLS_LOCK);
  const subjects = [...new Set(fresh.map(([, subject]) => subject))];
  if (subjects.length > MANY_SUBJECTS) {
    await sql`select pg_advisory_xact_lock(${key}, 0)`.execute(trx);
    return;
  }
  // Appended in order, (key, 0) first; a sorted subquery is not flattened, so the subjects follow in order.
  const sorted = sql`(select unnest(${subjects}::int[]) as s order by 1)`;
  await sql`select count(x.l) from (select pg_advisory_xact_lock_shared(${key}, 0) as l
    union all select pg_advisory_xact_lock(${key}, k.s) from ${sorted} k) x`.execute(trx);
}

/** The highest set bit below `below` (1-based position), or 0. */
function highestBelow(bits: number, below: number): number {
  for (let i = below - 1; i >= 1; i--) if (bits & (1 << (i - 1))) return i;
  return 0;
}

/** The lowest set bit above `above` (1-based position, up to `top`), or 0. */
function lowestAbove(bits: number, above: number, top: number): number {
  for (let i = above + 1; i <= top; i++) if (bits & (1 << (i - 1))) return i;
  return 0;
}

export function createSeenGaps(db: Kysely<Database>) {
  const pg = isPostgres(db);
  const native = rowStatements(db);
  const addCells = summingInserter(
    db,
    'usage_seen_gaps',
    [
      ['day', 'text'],
      ['prev_day', 'text'],
    ],
    [
      ['devices', 'int'],
      ['residents', 'int'],
    ],
  );

  // The ends of the primary key's ranges of day and year rows, each its own subquery: one index end each (a min
  // and a max in one select made SQLite scan every year row, a third of a first packet's cost).
  const lastDay = sql`(select max(period) from usage_seen where period > 'd:' and period < 'd;')`;
  const firstYear = sql`(select min(period) from usage_seen where period > 'y:' and period < 'y;')`;
  const lastYear = sql`(select max(period) from usage_seen where period > 'y:' and period < 'y;')`;

  /** The cells' deltas of the batch's fresh days, after the batch's first-seen rows are written. */
  return async function writeGaps(trx: Transaction<Database>, fresh: readonly FreshDay[]): Promise<void> {
    if (fresh.length === 0) return;
    if (pg) await lockSubjects(trx, fresh);
    // The latest day any subject was active on, this batch's included: a fresh day that is it (the usual
    // packet's, today) has no old day after it, so its later days are not looked for. Read after the subjects'
    // locks: on PostgreSQL a concurrent batch's later day of the same subject has then committed or waits for
    // this batch.
    let latest = '';
    let years: [number, number] | undefined;
    const yearOf = (p: string | null | undefined, none: number) => (p ? Number(p.slice(2)) : none);
    // The bits of a subject's m:all (day bits) and y:all (month bits) rows, read once per batch.
    const bitsOf = new Map<string, number>();
    const id = (period: string, subject: number) => `${period}|${subject}`;
    if (!native) {
      // PostgreSQL: the rows of the fresh days' months and years in one statement; others on demand.
      const wanted = new Map<string, [string, number]>();
      for (const [day, subject] of fresh)
        for (const p of [`m:${day.slice(0, 7)}`, `y:${day.slice(0, 4)}`])
          wanted.set(id(p, subject), [p, subject]);
      // With them, as rows of subject 0 (no subject is 0), the latest day and the first and last years.
      const { rows } = await sql<{ period: string | null; subject: unknown; days: unknown }>`
        select ${lastDay} as period, 0 as subject, 1 as days
        union all select ${firstYear}, 0, 2 union all select ${lastYear}, 0, 3
        union all select s.period, s.subject, s.days from ${rowsOf(
          pg,
          [
            ['p', 'text'],
            ['s', 'bigint'],
          ],
          [...wanted.values()],
        )} k cross join usage_seen s
        where s.period = k.p and s.dim = 'all' and s.key = '' and s.subject = k.s`.execute(trx);
      for (const k of wanted.keys()) bitsOf.set(k, 0);
      let lo: number | undefined;
      let hi: number | undefined;
      for (const r of rows) {
        if (Number(r.subject) !== 0) bitsOf.set(id(r.period!, Number(r.subject)), Number(r.days));
        else if (Number(r.days) === 1) latest = r.period?.slice(2) ?? '';
        else if (Number(r.days) === 2) lo = yearOf(r.period, 9999);
        else hi = yearOf(r.period, 0);
      }
      years = [lo ?? 9999, hi ?? 0];
    } else {
      const { rows } = await sql<{ p: string | null }>`select ${lastDay} as p`.execute(trx);
      latest = rows[0]?.p?.slice(2) ?? '';
    }
    const lookup = native?.prepare(
      "select days from usage_seen where period = ? and dim = 'all' and key = '' and subject = ?",
    );
    // PostgreSQL: the rows not prefetched (an earlier month's, an earlier year's) are asked for together: every
    // subject's search runs at once (below) and waits on its missing rows; once all wait, one statement reads
    // them all (on a month's first day every subject looks back a month: not a statement each).
    type Waiting = {
      period: string;
      subject: number;
      waiters: Array<[(b: number) => void, (e: unknown) => void]>;
    };
    let pending: Map<string, Waiting> | undefined;
    const later: (f: () => void) => void =
      (globalThis as { setImmediate?: (f: () => void) => void }).setImmediate ?? ((f) => setTimeout(f, 0));
    async function readPending(): Promise<void> {
      const asked = pending!;
      pending = undefined;
      try {
        const { rows } = await sql<{ period: string; subject: unknown; days: unknown }>`
          select s.period, s.subject, s.days from ${rowsOf(
            pg,
            [
              ['p', 'text'],
              ['s', 'bigint'],
            ],
            [...asked.values()].map((w) => [w.period, w.subject]),
          )} k cross join usage_seen s
          where s.period = k.p and s.dim = 'all' and s.key = '' and s.subject = k.s`.execute(trx);
        for (const r of rows) bitsOf.set(id(r.period, Number(r.subject)), Number(r.days));
        for (const [k, w] of asked) {
          const b = bitsOf.get(k) ?? 0;
          bitsOf.set(k, b);
          for (const [resolve] of w.waiters) resolve(b);
        }
      } catch (e) {
        for (const w of asked.values()) for (const [, reject] of w.waiters) reject(e);
      }
    }
    function bits(period: string, subject: number): number | Promise<number> {
      const k = id(period, subject);
      const b = bitsOf.get(k);
      if (b !== undefined) return b;
      if (lookup) {
        const read = Number((lookup.get(period, subject) as { days: unknown } | undefined)?.days ?? 0);
        bitsOf.set(k, read);
        return read;
      }
      return new Promise((resolve, reject) => {
        if (!pending) {
          pending = new Map();
          later(() => void readPending());
        }
        const w = pending.get(k) ?? { period, subject, waiters: [] };
        w.waiters.push([resolve, reject]);
        pending.set(k, w);
      });
    }
    // The first and last years any first-seen row holds: how far a subject's earlier or later days are looked for.
    let yearsRead: Promise<[number, number]> | undefined;
    function yearBounds(): [number, number] | Promise<[number, number]> {
      if (years) return years;
      // Once for all the subjects' searches running at once.
      yearsRead ??= sql<{
        lo: string | null;
        hi: string | null;
      }>`select ${firstYear} as lo, ${lastYear} as hi`
        .execute(trx)
        .then(({ rows }) => {
          years = [yearOf(rows[0]?.lo, 9999), yearOf(rows[0]?.hi, 0)];
          return years;
        });
      return yearsRead;
    }

    /**
     * The subject's nearest active day before (dir -1) or after (dir 1) `day`, skipping the days in `skip`
     * (its fresh days, for the days it had before the batch); '' when none.
     */
    async function neighbour(
      subject: number,
      day: string,
      dir: -1 | 1,
      skip: ReadonlySet<string>,
    ): Promise<string> {
      /** The nearest active day of a month from day `start` (exclusive) on in `dir`. */
      const inMonth = async (y: number, m: number, start: number): Promise<string> => {
        const b = await bits(`m:${y}-${pad(m)}`, subject);
        for (let d = start; ; ) {
          d = dir < 0 ? highestBelow(b, d) : lowestAbove(b, d, 31);
          if (d === 0) return '';
          const found = `${y}-${pad(m)}-${pad(d)}`;
          if (!skip.has(found)) return found;
        }
      };
      /** The nearest active day in a year's months from month `start` (exclusive) on in `dir`. */
      const inYear = async (y: number, start: number): Promise<string> => {
        const b = await bits(`y:${y}`, subject);
        for (let m = start; ; ) {
          m = dir < 0 ? highestBelow(b, m) : lowestAbove(b, m, 12);
          if (m === 0) return '';
          const found = await inMonth(y, m, dir < 0 ? 32 : 0);
          if (found) return found;
        }
      };
      const year = Number(day.slice(0, 4));
      const month = Number(day.slice(5, 7));
      const found = (await inMonth(year, month, Number(day.slice(8, 10)))) || (await inYear(year, month));
      if (found) return found;
      // Other years, while any first-seen row is there (a subject may skip a year).
      const [lo, hi] = await yearBounds();
      for (let y = year + dir; y >= lo && y <= hi; y += dir) {
        const f = await inYear(y, dir < 0 ? 13 : 0);
        if (f) return f;
      }
      return '';
    }

    const bySubject = new Map<number, Set<string>>();
    for (const [day, subject] of fresh) {
      const s = bySubject.get(subject);
      if (s) s.add(day);
      else bySubject.set(subject, new Set([day]));
    }
    const cells = new Map<string, [day: string, prev: string, devices: number, residents: number]>();
    const add = (day: string, prev: string, subject: number, delta: number) => {
      const k = `${day}|${prev}`;
      let c = cells.get(k);
      if (!c) {
        c = [day, prev, 0, 0];
        cells.set(k, c);
      }
      c[subject > 0 ? 2 : 3] += delta;
    };
    const none: ReadonlySet<string> = new Set();
    // Every subject at once: on PostgreSQL their missing rows are read together (`bits`).
    await Promise.all(
      [...bySubject].map(async ([subject, days]) => {
        const moved = new Set<string>();
        for (const f of days) {
          add(f, await neighbour(subject, f, -1, none), subject, 1);
          if (f >= latest) continue;
          const next = await neighbour(subject, f, 1, days);
          if (next) moved.add(next);
        }
        for (const n of moved) {
          const before = await neighbour(subject, n, -1, days);
          const now = await neighbour(subject, n, -1, none);
          if (before !== now) {
            add(n, before, subject, -1);
            add(n, now, subject, 1);
          }
        }
      }),
    );
    // In key order, so two writers take the cells' locks in the same order.
    const rows = [...cells.values()]
      .filter((c) => c[2] !== 0 || c[3] !== 0)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    if (rows.length > 0) await addCells(trx, rows);
    // A moved day may leave the cell it left at zero (rare: a late packet or a batch across midnight): removed, so
    // the table holds exactly the cells its backfill would.
    const lowered = rows.filter((c) => c[2] < 0 || c[3] < 0).map(([day, prev]) => [day, prev] as const);
    if (lowered.length > 0)
      await sql`delete from usage_seen_gaps where devices = 0 and residents = 0 and exists (select 1 from ${rowsOf(
        pg,
        [
          ['d', 'text'],
          ['p', 'text'],
        ],
        lowered,
      )} k where k.d = usage_seen_gaps.day and k.p = usage_seen_gaps.prev_day)`.execute(trx);
  };
}
