// What every chart draws: labelled values, each with the text a reader sees for it. The same list fills the
// chart's data table, so a screen reader hears what the picture shows.
export interface ChartPoint {
  readonly label: string;
  readonly value: number;
  /** The value as the page writes it ("1,2 GB", "< 5"). */
  readonly display: string;
}

/** A round step for gridlines: 1, 2 or 5 times a power of ten, giving at most `lines` lines under `max`. */
export function niceStep(max: number, lines = 4): number {
  // Counts and bytes come whole: a step below 1 would print the same label twice.
  if (max <= lines) return 1;
  const raw = max / lines;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const f of [1, 2, 5, 10]) if (f * power >= raw) return f * power;
  return 10 * power;
}

/** Every nth label, so at most `max` fit under a chart 360 px wide. */
export function labelEvery(count: number, max = 8): number {
  return Math.max(1, Math.ceil(count / max));
}
