// A small human-readable form of pino's JSON lines, for a terminal: `12:03:04 INFO  http listening port=8080`.
// (pino-pretty is not a dependency; this is all a village operator's terminal needs.) Local time, colours only
// when the output is a terminal, error stacks on their own lines.

const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[36m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[35m'],
};
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'app', 'err']);

function value(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

export function formatLine(line: string, colour: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const [name, tint] = LEVELS[Number(entry.level)] ?? ['?    ', ''];
  const time = new Date(Number(entry.time ?? Date.now())).toTimeString().slice(0, 8);
  const fields = Object.entries(entry)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${value(v)}`)
    .join(' ');
  const level = colour ? `${tint}${name}\x1b[0m` : name;
  let out = `${time} ${level} ${String(entry.msg ?? '')}${fields ? ` ${fields}` : ''}\n`;
  const err = entry.err as { message?: string; stack?: string } | undefined;
  if (err) out += `  ${(err.stack ?? err.message ?? JSON.stringify(err)).replace(/\n/g, '\n  ')}\n`;
  return out;
}

export function prettyDestination(out: { write(s: string): unknown; isTTY?: boolean }) {
  const colour = out.isTTY === true && process.env.NO_COLOR === undefined;
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line) out.write(formatLine(line, colour));
    },
  };
}
