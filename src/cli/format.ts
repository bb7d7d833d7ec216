// Terminal output helpers: plain-text tables (left-aligned columns, two spaces apart), local times, and the one
// place where text from outside (a RADIUS User-Name, a roster name) is made safe to print on a terminal.

// C0 and C1 controls, DEL, and the bidirectional overrides that can make a line read other than it is.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visibleEscape = (c: string): string => {
  const code = c.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
};

/** One cell or value: every control character as a visible escape (`\x1b`), so nothing reaches the terminal raw. */
export function printableCell(text: string): string {
  return text.replace(UNPRINTABLE, visibleEscape);
}

/** A line or several the CLI prints: as `printableCell`, but line breaks the command wrote itself stay. */
export function printableText(text: string): string {
  return text.replace(UNPRINTABLE_BUT_NEWLINE, visibleEscape);
}

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  rows = rows.map((r) => r.map(printableCell));
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c))))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

// Code points, not UTF-16 units, so names with non-BMP characters stay aligned.
const width = (s: string) => [...s].length;

/** `2026-11-28 14:05` in the village's time zone. */
export function formatLocalTime(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epochMs);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
