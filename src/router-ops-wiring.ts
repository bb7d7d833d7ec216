// Router operations wired for Node (the CLI and the agent role): the RouterOS gateway, provisioning (with the
// portal's hotspot page list), the outbox runner with CoA for live sessions (radius/), health polling, and the
// RouterOS-API way to kick a session. A composition-root file: the adapters it joins never import each other.

import { HOTSPOT_PAGE_FILES } from '../captive-portal/hotspot-pages.js';
import { coaLiveSessions } from '../radius/coa-live-sessions.js';
import type { Services } from './compose.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { ConnectionOptions } from './routeros/connection.js';
import { startRouterAgent } from './routeros/router-agent.js';
import { createRouterOsGateway } from './routeros/routeros-gateway.js';
import type { LiveSessionControl } from './services/radius/live-sessions.js';
import type { RouterGateway } from './services/routers/router-gateway.js';

export interface RouterOpsContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly services: Pick<Services, 'routerWork'>;
}

export interface RouterOpsOptions {
  readonly connection?: Partial<ConnectionOptions> | undefined;
  /** Live-session changes from the RADIUS side; null for none (the API logs sessions out instead). */
  readonly liveSessions?: LiveSessionControl | null | undefined;
  readonly backoffBaseMs?: number | undefined;
  readonly backoffMaxMs?: number | undefined;
}

export function createRouterOps(ctx: RouterOpsContext, opts: RouterOpsOptions = {}) {
  const { config, logger } = ctx;
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
      : (opts.liveSessions ?? coaLiveSessions({ port: config.radiusCoaPort, timeoutMs: 1500, retries: 1 }));
  return {
    gateway,
    ...ctx.services.routerWork({
      gateway,
      liveSessions,
      backoffBaseMs: opts.backoffBaseMs,
      backoffMaxMs: opts.backoffMaxMs,
      provisioning: {
        publicUrl: config.publicUrl,
        // Routers need an address they can reach; a listening address of 0.0.0.0 says nothing.
        radiusAddress: config.radiusAddress ?? config.radiusHost,
        radiusAuthPort: config.radiusAuthPort,
        radiusAcctPort: config.radiusAcctPort,
        coaPort: config.radiusCoaPort,
        pages: HOTSPOT_PAGE_FILES,
      },
    }),
    close: () => gateway.close(),
  };
}

export type RouterOps = ReturnType<typeof createRouterOps>;

/** The ways to end a live session, in the order tried: RADIUS Disconnect-Request, then the RouterOS API (for
 * routers whose /radius incoming is off or unreachable). `session kick`, the CLI's lifecycle commands and the
 * admin web all end sessions through this one list. */
export function sessionDisconnectors(ctx: RouterOpsContext, ops: RouterOps): readonly LiveSessionControl[] {
  return [coaLiveSessions({ port: ctx.config.radiusCoaPort }), ops.apiDisconnector];
}

/** Router operations and the session disconnectors for one piece of work; the gateway is closed after it. */
export async function withRouterOps<T>(
  ctx: RouterOpsContext,
  work: (ops: RouterOps & { disconnectors: readonly LiveSessionControl[] }) => Promise<T>,
): Promise<T> {
  const ops = createRouterOps(ctx);
  try {
    return await work({ ...ops, disconnectors: sessionDisconnectors(ctx, ops) });
  } finally {
    await ops.close();
  }
}

/** How the CLI ends sessions when access is taken away: the disconnectors above, closed when the command ends. */
export function withDisconnectors<T>(
  ctx: RouterOpsContext,
  run: (disconnectors: readonly LiveSessionControl[]) => Promise<T>,
): Promise<T> {
  return withRouterOps(ctx, (ops) => run(ops.disconnectors));
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
