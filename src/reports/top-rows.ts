// A long grouping on a page (9,000 routers, 1,500 dusun at regency size) would be a page nobody reads and a
// chart nobody sees: the page shows the groups with the most download and the rest as one row. The exports and
// the API keep every row.

/** How many groups a usage page shows before the rest is summed into one row. */
export const PAGE_TOP_ROWS = 50;

export interface RestRow {
  /** How many groups were summed. */
  readonly groups: number;
  readonly bytesDown: number;
  readonly bytesUp: number;
  readonly sessions: number;
}

/** The `limit` rows with most download (largest first), and the others' sums; all rows when they fit. */
export function topRows<
  T extends {
    readonly key: string;
    readonly bytesDown: number;
    readonly bytesUp: number;
    readonly sessions: number;
  },
>(rows: readonly T[], limit = PAGE_TOP_ROWS): { top: readonly T[]; rest: RestRow | null } {
  if (rows.length <= limit) return { top: rows, rest: null };
  const sorted = [...rows].sort((a, b) => b.bytesDown - a.bytesDown || a.key.localeCompare(b.key));
  const others = sorted.slice(limit);
  return {
    top: sorted.slice(0, limit),
    rest: {
      groups: others.length,
      bytesDown: others.reduce((s, r) => s + r.bytesDown, 0),
      bytesUp: others.reduce((s, r) => s + r.bytesUp, 0),
      sessions: others.reduce((s, r) => s + r.sessions, 0),
    },
  };
}
