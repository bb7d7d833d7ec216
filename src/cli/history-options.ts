// The filters `sessions` and `auth-log` share: --router, --mac, --nik, --since, --limit. `--since` takes a
// duration back from now (`30m`, `1h`, `2d`) or a date/time in the village's time zone (`2026-11-28`,
// `2026-11-28 14:00`).
import type { Command } from 'commander';
import { parseDuration } from '../domain/duration.js';
import type { HistoryQuery } from '../services/radius/radius-history.js';
import { CliError } from './io.js';

export interface HistoryOptions {
  router?: string;
  mac?: string;
  nik?: string;
  since?: string;
  limit: string;
}

export function addHistoryOptions(command: Command): Command {
  return command
    .option('--router <nama>', 'hanya dari router ini')
    .option('--mac <mac>', 'hanya perangkat dengan MAC ini')
    .option('--nik <nik>', 'hanya perangkat milik penduduk dengan NIK ini')
    .option('--since <waktu>', 'sejak: 30m, 1h, 2d, atau tanggal 2026-11-28 [14:00]')
    .option('--limit <n>', 'jumlah baris terbaru', '50');
}

/** `limitFlag` names the option the operator typed (auth-log keeps its older `--last`). */
export function historyQuery(
  opts: HistoryOptions,
  timeZone: string,
  now: number,
  limitFlag = '--limit',
): HistoryQuery {
  const limit = Number(opts.limit);
  if (!/^\d+$/.test(opts.limit.trim()) || limit < 1 || limit > 100_000)
    throw new CliError(`${limitFlag}: harus bilangan bulat 1–100000`);
  return {
    limit,
    router: opts.router,
    mac: opts.mac,
    nik: opts.nik,
    since: opts.since === undefined ? undefined : parseSince(opts.since, timeZone, now),
  };
}

export function parseSince(text: string, timeZone: string, now: number): number {
  const t = text.trim();
  const seconds = /^\d+$/.test(t) ? undefined : parseDuration(t);
  if (seconds !== undefined) return now - seconds * 1000;
  const m = t.match(/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/);
  if (m) {
    const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as number[];
    const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
    const check = new Date(wall);
    if (check.getUTCMonth() === mo! - 1 && check.getUTCDate() === d! && h! < 24 && mi! < 60)
      return wall - zoneOffsetMs(wall, timeZone);
  }
  throw new CliError(`--since: tidak terbaca "${text}" (contoh: 30m, 1h, 2d, 2026-11-28, 2026-11-28 14:00)`);
}

/** How far the zone's wall clock is ahead of UTC at about this moment. */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - at;
}
