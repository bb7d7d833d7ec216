// Statistical disclosure control for officials: a count of fewer than 5 residents (or their households or
// devices) could point at a person in a small RT, so it is shown as "< 5". Zero stays zero: it names nobody.
export const SMALL_CELL_LIMIT = 5;
export const SMALL_CELL_LABEL = '< 5';

export type MaskedCount = number | typeof SMALL_CELL_LABEL;

export function maskSmallCount(n: number): MaskedCount {
  return n > 0 && n < SMALL_CELL_LIMIT ? SMALL_CELL_LABEL : n;
}

/** The same row with the named count fields masked; other fields are left as they are. */
export function maskSmallCells<T extends object, K extends keyof T>(
  row: T,
  fields: readonly K[],
): Omit<T, K> & Record<K, MaskedCount> {
  const out = { ...row } as Record<string, unknown>;
  for (const f of fields) out[f as string] = maskSmallCount(Number(row[f]));
  return out as Omit<T, K> & Record<K, MaskedCount>;
}
