// A server process's own figures from Linux's /proc, read from outside it (so the reading costs the server
// nothing and works the same for Node and FreeRADIUS): CPU time of all its threads, its RSS and peak RSS.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ; 100 on every Linux we run). */
const TICKS_PER_S = 100;

/** user + system CPU seconds the process (all its threads) has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 (utime, stime) are the 12th and 13th after the name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Resident set size now, bytes. */
export const rssOf = (pid: number) => statusKb(pid, 'VmRSS');

/** The highest resident set size since the process started (the kernel's own high-water mark), bytes. */
export const peakRssOf = (pid: number) => statusKb(pid, 'VmHWM');

/** CPU time over a phase, per request answered, in microseconds. */
export async function cpuPerRequest<T extends { answered: number }>(
  pid: number,
  run: () => Promise<T>,
): Promise<T & { cpuUs: number }> {
  const before = cpuSeconds(pid);
  const result = await run();
  const used = cpuSeconds(pid) - before;
  return { ...result, cpuUs: result.answered > 0 ? (used * 1e6) / result.answered : Number.NaN };
}
