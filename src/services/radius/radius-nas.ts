// Which router a RADIUS packet comes from, by its source address, with the router's secret in clear. Cached
// for a few seconds (unknown sources too, so a flood from a stranger cannot reach the database) and
// invalidated explicitly when a router changes.
import type { Keyring } from '../keyring.js';

export interface NasRow {
  readonly routerId: number;
  readonly name: string;
  readonly nasIp: string;
  readonly radiusSecretEnc: string;
  readonly requireMessageAuth: boolean;
}

/** The port this service needs from storage. */
export interface NasStore {
  findRouterByNasIp(ip: string): Promise<NasRow | undefined>;
}

export interface Nas {
  readonly routerId: number;
  readonly name: string;
  readonly nasIp: string;
  readonly secret: Uint8Array;
  readonly requireMessageAuth: boolean;
}

export interface NasService {
  find(ip: string): Promise<Nas | undefined>;
  /** Forget a cached router (all routers when no address is given). */
  invalidate(ip?: string): void;
}

export function createNasService(deps: {
  store: NasStore;
  keyring: Keyring;
  now: () => number;
  ttlMs?: number;
}): NasService {
  const ttl = deps.ttlMs ?? 10_000;
  const cache = new Map<string, { expires: number; value: Promise<Nas | undefined> }>();
  const load = async (ip: string): Promise<Nas | undefined> => {
    const row = await deps.store.findRouterByNasIp(ip);
    if (!row) return undefined;
    const secret = new TextEncoder().encode(await deps.keyring.decrypt(row.radiusSecretEnc));
    return {
      routerId: row.routerId,
      name: row.name,
      nasIp: row.nasIp,
      secret,
      requireMessageAuth: row.requireMessageAuth,
    };
  };
  return {
    find(ip) {
      const now = deps.now();
      const hit = cache.get(ip);
      if (hit && hit.expires > now) return hit.value;
      if (cache.size > 10_000) cache.clear();
      const value = load(ip);
      cache.set(ip, { expires: now + ttl, value });
      // A failed lookup (database down) is not remembered.
      value.catch(() => cache.delete(ip));
      return value;
    },
    invalidate(ip) {
      if (ip === undefined) cache.clear();
      else cache.delete(ip);
    },
  };
}
