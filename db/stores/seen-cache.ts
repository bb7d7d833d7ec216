// What this process knows of usage_seen's rows: that a row exists and which of its day (month) bits are set, so
// that a subject's first packet of a day writes nothing for a week, month or year row it already knows, and only
// ORs the new day's bit into a month row that lacks it. What the cache knows is a subset of what is stored: it
// learns a row only after the transaction that inserted or found it committed.
// Nothing deletes a device's rows (erasure keeps them as bare numbers; retention leaves usage_seen alone). A
// resident's rows are deleted by the erasure of their account (in whichever process runs the admin), which
// deletes the account: accounts are numbered without reuse, so a resident's rows are remembered under the account
// they were learnt through, and forgotten as soon as the resident's traffic comes through another account.
// Day rows are not kept (a subject's first packet of a day on a router almost always brings a new one), nor a
// year's rows by router, dusun or plan (offered once a month), and only the two newest periods of each kind (week,
// month, year): about 6 rows a device and a resident (bench:radius, 10,000 of each: 4 to 14 MB more peak RSS).

/** Periods of each kind ('w', 'm', 'y') kept: the current one and the one before (a batch across midnight). */
const KEPT = 2;

export interface SeenCache {
  /**
   * The bits known set on the row, or undefined when the row is not known to exist. `account`: the account the
   * traffic came through (a resident's rows, subject < 0).
   */
  bits(period: string, dim: string, key: string, subject: number, account: number | null): number | undefined;
  /** The row exists, with (at least) these bits set. Call after the commit that made it so. */
  learn(
    period: string,
    dim: string,
    key: string,
    subject: number,
    bits: number,
    account: number | null,
  ): void;
  /** Rows remembered. */
  size(): number;
}

export function createSeenCache(): SeenCache {
  // period → `dim|key` → subject → bits.
  const periods = new Map<string, Map<string, Map<number, number>>>();
  // A resident's (negated id) account when their rows were learnt.
  const accounts = new Map<number, number>();
  const trim = (kind: string) => {
    const same = [...periods.keys()].filter((p) => p[0] === kind).sort();
    for (const old of same.slice(0, Math.max(0, same.length - KEPT))) periods.delete(old);
    if (kind === 'y' && same.length > KEPT) {
      // No resident has rows in the dropped years any more: their accounts go with them.
      for (const subject of accounts.keys()) if (!holds(subject)) accounts.delete(subject);
    }
  };
  const holds = (subject: number) => {
    for (const cells of periods.values()) for (const s of cells.values()) if (s.has(subject)) return true;
    return false;
  };
  const forget = (subject: number) => {
    for (const cells of periods.values()) for (const s of cells.values()) s.delete(subject);
  };
  return {
    bits(period, dim, key, subject, account) {
      if (subject < 0 && accounts.get(subject) !== account) return undefined;
      return periods.get(period)?.get(`${dim}|${key}`)?.get(subject);
    },
    learn(period, dim, key, subject, bits, account) {
      // A year's router, dusun or plan row is offered only when its month's row is new (once a month): not kept.
      if (subject === 0 || period[0] === 'd' || (period[0] === 'y' && dim !== 'all')) return;
      if (subject < 0) {
        if (account === null) return;
        const had = accounts.get(subject);
        if (had !== account) {
          // Erased and registered again (or a first sight): what was learnt through the old account may be gone.
          if (had !== undefined) forget(subject);
          accounts.set(subject, account);
        }
      }
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
