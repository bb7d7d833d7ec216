// Rates and sizes as operators write them: `5M`, `512k` (bits/s, RouterOS units) and `2GB`, `500MB` (bytes).

const RATE = /^(\d+(?:\.\d+)?)\s*([kKmMgG]?)$/;
const RATE_FACTOR: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9 };

/** Bits per second from `5M`, `512k`, `1.5M`, `64000`; undefined when unreadable or zero. */
export function parseRate(text: string): number | undefined {
  const m = RATE.exec(text.trim());
  if (!m) return undefined;
  const value = Math.round(Number(m[1]) * RATE_FACTOR[m[2]!.toLowerCase()]!);
  return value > 0 ? value : undefined;
}

/** The shortest RouterOS rate for bits/s: 5000000 → `5M`, 512000 → `512k`. */
export function formatRate(bps: number): string {
  if (bps % 1e6 === 0) return `${bps / 1e6}M`;
  if (bps % 1e3 === 0) return `${bps / 1e3}k`;
  return String(bps);
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|K|M|G|T)?$/i;
const SIZE_FACTOR: Record<string, number> = { B: 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Bytes from `2GB`, `500MB`, `1.5G`; decimal units, as phone plans in Indonesia are sold. */
export function parseSize(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'B').toUpperCase()[0]!;
  const value = Math.round(Number(m[1]) * SIZE_FACTOR[unit]!);
  return value > 0 ? value : undefined;
}

/** `2 GB`, `512 MB`, `1.5 GB` — for people, not routers. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  const shown =
    value >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[i]}`;
}
