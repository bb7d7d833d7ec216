// Typed RouterOS API commands for the menus Warganet uses. Each builds the exact sentence (`/menu/verb`,
// `=prop=value`, `?query`) and reads the reply into plain values; nothing here knows about our database.
import type { CommandResult, RouterOsRow } from './connection.js';
import { parseRosDuration } from './values.js';

/** What runs a sentence: a RouterOsConnection, or anything that speaks the same way. */
export interface RouterOsSession {
  run(words: readonly string[], timeoutMs?: number): Promise<CommandResult>;
}

export type MenuPath =
  | '/radius'
  | '/radius/incoming'
  | '/ip/hotspot'
  | '/ip/hotspot/profile'
  | '/ip/hotspot/user/profile'
  | '/ip/hotspot/user'
  | '/ip/hotspot/active'
  | '/ip/hotspot/walled-garden'
  | '/ip/hotspot/walled-garden/ip'
  | '/queue/simple'
  | '/file'
  | '/system/identity'
  | '/system/resource';

export type Props = Readonly<Record<string, string>>;

export interface PrintOptions {
  readonly proplist?: readonly string[] | undefined;
  /** Exact matches, ANDed (`?name=value`). */
  readonly where?: Props | undefined;
}

export async function print(
  s: RouterOsSession,
  menu: MenuPath,
  opts: PrintOptions = {},
): Promise<RouterOsRow[]> {
  const words = [`${menu}/print`];
  if (opts.proplist) words.push(`=.proplist=${opts.proplist.join(',')}`);
  for (const [k, v] of Object.entries(opts.where ?? {})) words.push(`?${k}=${v}`);
  return (await s.run(words)).rows;
}

/** Adds an item and returns its id (`*1F`). */
export async function add(s: RouterOsSession, menu: MenuPath, props: Props): Promise<string> {
  const { ret } = await s.run([`${menu}/add`, ...attrs(props)]);
  return ret ?? '';
}

/** Changes an item (by `.id`), or a singleton menu when `id` is undefined. */
export async function set(
  s: RouterOsSession,
  menu: MenuPath,
  id: string | undefined,
  props: Props,
): Promise<void> {
  await s.run([`${menu}/set`, ...(id === undefined ? [] : [`=.id=${id}`]), ...attrs(props)]);
}

export async function remove(s: RouterOsSession, menu: MenuPath, id: string): Promise<void> {
  await s.run([`${menu}/remove`, `=.id=${id}`]);
}

export interface SystemResource {
  readonly uptimeSeconds: number | undefined;
  readonly version: string;
  readonly cpuLoad: number | undefined;
  readonly freeMemory: number | undefined;
  readonly totalMemory: number | undefined;
  readonly boardName: string;
  readonly architecture: string;
}

export async function readResource(s: RouterOsSession): Promise<SystemResource> {
  const [row = {}] = await print(s, '/system/resource', {
    proplist: [
      'uptime',
      'version',
      'cpu-load',
      'free-memory',
      'total-memory',
      'board-name',
      'architecture-name',
    ],
  });
  const uptime = parseRosDuration(row.uptime);
  return {
    uptimeSeconds: typeof uptime === 'number' ? Math.floor(uptime / 1000) : undefined,
    version: row.version ?? '',
    cpuLoad: num(row['cpu-load']),
    freeMemory: num(row['free-memory']),
    totalMemory: num(row['total-memory']),
    boardName: row['board-name'] ?? '',
    architecture: row['architecture-name'] ?? '',
  };
}

export interface HotspotActive {
  readonly id: string;
  readonly server: string;
  readonly user: string;
  readonly address: string;
  readonly macAddress: string;
  readonly loginBy: string;
}

export async function listHotspotActive(s: RouterOsSession): Promise<HotspotActive[]> {
  const rows = await print(s, '/ip/hotspot/active', {
    proplist: ['.id', 'server', 'user', 'address', 'mac-address', 'login-by'],
  });
  return rows.map((r) => ({
    id: r['.id'] ?? '',
    server: r.server ?? '',
    user: r.user ?? '',
    address: r.address ?? '',
    macAddress: (r['mac-address'] ?? '').toUpperCase(),
    loginBy: r['login-by'] ?? '',
  }));
}

/** Downloads `url` onto the router's storage as `dstPath`; the router itself makes the HTTP request. */
export async function fetchToFile(
  s: RouterOsSession,
  url: string,
  dstPath: string,
  timeoutMs: number,
): Promise<void> {
  await s.run(['/tool/fetch', `=url=${url}`, `=dst-path=${dstPath}`], timeoutMs);
}

function attrs(props: Props): string[] {
  return Object.entries(props).map(([k, v]) => `=${k}=${v}`);
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
