// What this process knows of usage_seen's device rows: that a row exists and which of its day (month) bits are
// set, so that a device's first packet of a day writes nothing for a week, month or year row it already knows,
// and only ORs the new day's bit into a month row that lacks it. Only devices (subject > 0) are remembered:
// nothing ever deletes their rows (erasure deletes a resident's rows, in whichever process runs the admin, and
// keeps the devices' as bare numbers; retention leaves usage_seen alone), so the memory never has to be told.
// Rows of residents always go to the database. What the cache knows is a subset of what is stored: it learns a
// row only after the transaction that inserted or found it committed. Day rows are not kept (a device's first
// packet of a day on a router almost always brings a new one), and only the two newest periods of each kind
// (week, month, year): a village of 15,000 devices keeps about 8 rows each.

/** Periods of each kind ('w', 'm', 'y') kept: the current one and the one before (a batch across midnight). */
const KEPT = 2;

export interface SeenCache {
  /** The bits known set on the row, or undefined when the row is not known to exist. */
  bits(period: string, dim: string, key: string, subject: number): number | undefined;
  /** The row exists, with (at least) these bits set. Call after the commit that made it so. */
  learn(period: string, dim: string, key: string, subject: number, bits: number): void;
  /** Rows remembered (for the bench's and tests' checks). */
  size(): number;
}

export function createSeenCache(): SeenCache {
  // period → `dim|key` → subject → bits.
  const periods = new Map<string, Map<string, Map<number, number>>>();
  const trim = (kind: string) => {
    const same = [...periods.keys()].filter((p) => p[0] === kind).sort();
    for (const old of same.slice(0, Math.max(0, same.length - KEPT))) periods.delete(old);
  };
  return {
    bits(period, dim, key, subject) {
      return periods.get(period)?.get(`${dim}|${key}`)?.get(subject);
    },
    learn(period, dim, key, subject, bits) {
      if (subject <= 0 || period[0] === 'd') return;
      let cells = periods.get(period);
      if (!cells) {
        cells = new Map();
        periods.set(period, cells);
        trim(period[0]!);
        // An old period (a late packet) may have been trimmed straight away: nothing to remember then.
        if (!periods.has(period)) return;
      }
      const cell = `${dim}|${key}`;
      let subjects = cells.get(cell);
      if (!subjects) {
        subjects = new Map();
        cells.set(cell, subjects);
      }
      subjects.set(subject, (subjects.get(subject) ?? 0) | bits);
    },
    size() {
      let n = 0;
      for (const cells of periods.values()) for (const s of cells.values()) n += s.size;
      return n;
    },
  };
}
