// Is each router up, and does accounting agree with it? A poll reads `/system/resource` (version, board, load,
// memory, uptime) and records up/down with the time of each change; on a router that answers, sessions that
// accounting still has open but the router no longer lists in `/ip/hotspot/active` are closed (their Stop was
// lost: a reboot, a power cut, an uplink outage).
import type { Keyring } from '../keyring.js';
import { routerTarget } from './provisioning.js';
import { RouterCallError, type RouterGateway, type RouterHealthReading } from './router-gateway.js';
import type { ManagedRouterStore, OpenSession, RouterOpsStore } from './router-ops-ports.js';
import type { Router } from './router-record.js';
import type { RouterUptime } from './router-uptime.js';

/** RFC 2866 Acct-Terminate-Cause for a session the router no longer has. */
export const GONE_FROM_ROUTER = 'Lost-Service';

export interface HealthPoll {
  readonly router: string;
  readonly routerId: number;
  readonly health: 'up' | 'down';
  readonly previous: string;
  /** Down (or never seen) before, up now: time to deliver what waited for it. */
  readonly cameBack: boolean;
  readonly reading?: RouterHealthReading | undefined;
  readonly error?: string | undefined;
  /** Accounting sessions closed because the router no longer has them. */
  readonly closedSessions: number;
}

export interface RouterHealthDeps {
  readonly routers: ManagedRouterStore;
  readonly routerOps: RouterOpsStore;
  readonly gateway: RouterGateway;
  readonly keyring: Keyring;
  readonly now: () => number;
  /** A session younger than this is never closed: its Start may have raced the router's list. */
  readonly sessionGraceMs?: number | undefined;
  /** Books every poll into the daily uptime the reports read; absent, polls book nothing. */
  readonly uptime?: RouterUptime | undefined;
}

export function createRouterHealthService(deps: RouterHealthDeps) {
  const graceMs = deps.sessionGraceMs ?? 60_000;

  async function down(routerId: number): Promise<string> {
    const at = deps.now();
    const previous = await deps.routers.recordDown(routerId, at);
    await deps.uptime?.record(routerId, at, 'down');
    return previous;
  }

  async function poll(router: Router): Promise<HealthPoll> {
    const base = { router: router.name, routerId: router.id };
    let target: Awaited<ReturnType<typeof routerTarget>>;
    try {
      target = await routerTarget(router, deps.keyring);
    } catch (err) {
      // Unusable API settings (or a secret sealed under another key): not reachable by us, said plainly.
      const previous = await down(router.id);
      const error = err instanceof Error ? err.message : String(err);
      return { ...base, health: 'down', previous, cameBack: false, error, closedSessions: 0 };
    }
    // Accounting first, then the router: a session that starts in between is on the router, so never closed.
    const open = await deps.routerOps.openSessions(router.id);
    const started = deps.now();
    let reading: RouterHealthReading;
    let active: Awaited<ReturnType<RouterGateway['listActive']>>;
    try {
      reading = await deps.gateway.readHealth(target);
      active = await deps.gateway.listActive(target);
    } catch (err) {
      if (!(err instanceof RouterCallError)) throw err;
      const previous = await down(router.id);
      return { ...base, health: 'down', previous, cameBack: false, error: err.message, closedSessions: 0 };
    }
    const upAt = deps.now();
    const previous = await deps.routers.recordUp(router.id, upAt, {
      version: reading.version,
      board: reading.boardName,
    });
    await deps.uptime?.record(router.id, upAt, 'up', active.length);
    const stale = staleSessions(open, active, started - graceMs);
    const closedSessions = await deps.routerOps.closeSessions(
      stale.map((s) => s.id),
      deps.now(),
      GONE_FROM_ROUTER,
    );
    return { ...base, health: 'up', previous, cameBack: previous !== 'up', reading, closedSessions };
  }

  return {
    pollRouter: poll,

    /** Polls every router the API manages, one after another (a village has a handful). */
    async pollAll(): Promise<HealthPoll[]> {
      const results: HealthPoll[] = [];
      for (const router of await deps.routers.listManaged()) results.push(await poll(router));
      return results;
    },
  };
}

export type RouterHealthService = ReturnType<typeof createRouterHealthService>;

/**
 * Open sessions the router does not list. A hotspot host is one MAC (or, without one, user and address); when
 * accounting has several open sessions for it, only the newest is the live one.
 */
export function staleSessions(
  open: readonly OpenSession[],
  active: ReadonlyArray<{ user: string; address: string; macAddress: string }>,
  startedBefore: number,
): OpenSession[] {
  const keyOf = (mac: string | null, user: string, address: string | null) =>
    mac ? `mac:${mac.toUpperCase()}` : `user:${user}@${address ?? ''}`;
  const live = new Set(
    active.flatMap((a) => [keyOf(a.macAddress || null, a.user, a.address), keyOf(null, a.user, a.address)]),
  );
  const newest = new Map<string, OpenSession>();
  for (const s of open) {
    const k = keyOf(s.mac, s.username, s.framedIp);
    const held = newest.get(k);
    if (live.has(k) && (!held || held.startedAt < s.startedAt)) newest.set(k, s);
  }
  const kept = new Set(newest.values());
  return open.filter((s) => !kept.has(s) && s.startedAt < startedBefore);
}
