// Router operations wired for Node (the CLI and the agent role): the RouterOS gateway, provisioning, the outbox
// runner with CoA for live sessions, health polling, and the RouterOS-API way to kick a session.

import { HOTSPOT_PAGE_FILES } from '../../captive-portal/hotspot-pages.js';
import { sendCoa, sendDisconnect } from '../../radius/coa-client.js';
import { Mikrotik, VENDOR_MIKROTIK } from '../../radius/dictionary.js';
import { vsaString } from '../../radius/packet.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Keyring } from '../services/keyring.js';
import { createProvisioningService, routerTarget } from '../services/provisioning.js';
import type { Disconnector, KickOutcome } from '../services/radius-sessions.js';
import type { RouterGateway } from '../services/router-gateway.js';
import { createRouterHealthService } from '../services/router-health.js';
import {
  createRouterJobRunner,
  type LiveSessionTarget,
  type LiveSessionUpdater,
} from '../services/router-jobs.js';
import type { ManagedRouterStore, RouterJobStore, RouterOpsStore } from '../services/router-ops-ports.js';
import type { ConnectionOptions } from './connection.js';
import { startRouterAgent } from './router-agent.js';
import { createRouterOsGateway } from './routeros-gateway.js';

export interface RouterOpsContext {
  readonly config: Config;
  readonly keyring: Keyring;
  readonly logger: Logger;
  readonly stores: {
    readonly routers: ManagedRouterStore;
    readonly routerOps: RouterOpsStore;
    readonly routerJobs: RouterJobStore;
  };
  readonly now?: (() => number) | undefined;
}

export interface RouterOpsOptions {
  readonly connection?: Partial<ConnectionOptions> | undefined;
  /** Live-session changes from the RADIUS side; null for none (the API logs sessions out instead). */
  readonly liveSessions?: LiveSessionUpdater | null | undefined;
  readonly backoffBaseMs?: number | undefined;
  readonly backoffMaxMs?: number | undefined;
}

export function createRouterOps(ctx: RouterOpsContext, opts: RouterOpsOptions = {}) {
  const now = ctx.now ?? Date.now;
  const { config, keyring, logger } = ctx;
  const { routers, routerOps, routerJobs } = ctx.stores;
  const gateway: RouterGateway = createRouterOsGateway({
    connection: opts.connection,
    onEvent: (router, e) => {
      if (e.type === 'connected') logger.debug({ router }, 'routeros connected');
      else if (e.type === 'ignored-reply') logger.debug({ router, word: e.word }, 'routeros reply ignored');
      else logger.info({ router, kind: e.error.kind, error: e.error.message }, `routeros ${e.type}`);
    },
  });
  const liveSessions =
    opts.liveSessions === null
      ? undefined
      : (opts.liveSessions ?? coaLiveSessionUpdater(config.radiusCoaPort));
  return {
    gateway,
    provisioning: createProvisioningService({
      routers,
      routerOps,
      gateway,
      keyring,
      now,
      settings: {
        publicUrl: config.publicUrl,
        // Routers need an address they can reach; a listening address of 0.0.0.0 says nothing.
        radiusAddress: config.radiusAddress ?? config.radiusHost,
        radiusAuthPort: config.radiusAuthPort,
        radiusAcctPort: config.radiusAcctPort,
        coaPort: config.radiusCoaPort,
        pages: HOTSPOT_PAGE_FILES,
      },
    }),
    runner: createRouterJobRunner({
      jobs: routerJobs,
      routers,
      routerOps,
      gateway,
      keyring,
      now,
      liveSessions,
      backoffBaseMs: opts.backoffBaseMs,
      backoffMaxMs: opts.backoffMaxMs,
    }),
    health: createRouterHealthService({ routers, routerOps, gateway, keyring, now }),
    /** For `session kick`, after RADIUS Disconnect: logs the host out through the RouterOS API. */
    apiDisconnector: apiDisconnector(routers, keyring, gateway),
    close: () => gateway.close(),
  };
}

export type RouterOps = ReturnType<typeof createRouterOps>;

/** CoA-Request with the plan's Mikrotik-Rate-Limit and -Group; Disconnect-Request to end a session. */
export function coaLiveSessionUpdater(port: number, timeoutMs = 1500, retries = 1): LiveSessionUpdater {
  const target = (t: LiveSessionTarget) => ({ host: t.nasIp, port, secret: t.radiusSecret });
  const session = (t: LiveSessionTarget) => ({
    userName: t.session.username,
    acctSessionId: t.session.acctSessionId,
    framedIp: t.session.framedIp,
    nasIp: t.nasIp,
  });
  return {
    async changeLimits(t, limits) {
      const changes = [
        vsaString(VENDOR_MIKROTIK, Mikrotik.RateLimit, limits.rateLimit),
        vsaString(VENDOR_MIKROTIK, Mikrotik.Group, limits.group),
      ];
      return (await sendCoa(target(t), session(t), changes, { timeoutMs, retries })).outcome === 'ack';
    },
    async disconnect(t) {
      return (await sendDisconnect(target(t), session(t), { timeoutMs, retries })).outcome === 'ack';
    },
  };
}

export function apiDisconnector(
  routers: ManagedRouterStore,
  keyring: Keyring,
  gateway: RouterGateway,
): Disconnector {
  const fail = (detail: string): KickOutcome => ({ ok: false, via: 'routeros-api', detail });
  return {
    name: 'routeros-api',
    async disconnect({ session }) {
      const router = await routers.findById(session.routerId);
      if (!router?.apiHost) return fail('router tidak punya pengaturan API');
      const target = await routerTarget(router, keyring);
      const active = await gateway.listActive(target);
      const host = active.find((a) =>
        session.mac
          ? a.macAddress === session.mac.toUpperCase()
          : a.user === session.username && a.address === session.ip,
      );
      if (!host) return fail('perangkat tidak ada di daftar aktif hotspot router');
      await gateway.removeActive(target, [host.id]);
      return { ok: true, via: 'routeros-api', detail: `dikeluarkan dari /ip/hotspot/active (${host.id})` };
    },
  };
}

/** The agent role's router work for a running server: health every 30 s, the outbox every 5 s. */
export function startRouterOpsAgent(
  ctx: RouterOpsContext,
  options: { healthMs?: number; outboxMs?: number; connection?: Partial<ConnectionOptions> } = {},
): { stop(): Promise<void> } {
  const ops = createRouterOps(ctx, { connection: { keepaliveMs: 60_000, ...options.connection } });
  const agent = startRouterAgent({
    health: ops.health,
    runner: ops.runner,
    logger: ctx.logger,
    healthIntervalMs: options.healthMs ?? 30_000,
    outboxIntervalMs: options.outboxMs ?? 5_000,
  });
  return {
    async stop() {
      await agent.stop();
      ops.close();
    },
  };
}
