// The usage_seen rows this process knows to be stored, so that a device's or resident's first packets of a day skip
// the insert-if-absent of the week, month and year rows (and the day's when another router saw it first): most of
// a day's first packets' rollup cost was those inserts finding their row already there. A first-seen row, once
// stored, stays, except that erasing an account deletes its resident's rows (account-admin-store.ts): erasure
// writes the audit log in its transaction, so a batch that finds the audit log's newest id moved forgets all.
// Only rows of committed transactions are remembered (`remember` after the commit). Subjects are kept as numbers
// per (period, dim, key) cell: a village's 15,000 devices and their residents over a month's cells stay a few MB.

/** A first-seen row: period, dim, key, subject (a device id, or a resident id negated). */
export type SeenRow = readonly [period: string, dim: string, key: string, subject: number];

/** Past this many subjects (or cells), the cache starts again: it only saves work, never decides a count. */
const MAX_SUBJECTS = 500_000;
const MAX_CELLS = 5_000;

export function createSeenCache() {
  let cells = new Map<string, Set<number>>();
  let subjects = 0;
  let generation: unknown;
  const cellOf = (r: SeenRow) => `${r[0]}|${r[1]}|${r[2]}`;
  const forget = (current: unknown) => {
    cells = new Map();
    subjects = 0;
    generation = current;
  };
  return {
    /** At a batch's start, in its transaction: the audit log's newest id. A change forgets every row. */
    sync(current: unknown): void {
      if (current !== generation) forget(current);
    },
    has(r: SeenRow): boolean {
      return cells.get(cellOf(r))?.has(r[3]) === true;
    },
    /** After the commit of a batch begun at `at` (its `sync` value): rows now stored. */
    remember(rows: Iterable<SeenRow>, at: unknown): void {
      if (at !== generation) return;
      for (const r of rows) {
        const cell = cellOf(r);
        let set = cells.get(cell);
        if (!set) {
          if (cells.size >= MAX_CELLS) {
            forget(Symbol('full'));
            return;
          }
          set = new Set();
          cells.set(cell, set);
        }
        if (set.has(r[3])) continue;
        if (++subjects > MAX_SUBJECTS) {
          forget(Symbol('full'));
          return;
        }
        set.add(r[3]);
      }
    },
  };
}
