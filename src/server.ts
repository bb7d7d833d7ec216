// Starts the configured roles in one process and stops them cleanly on a signal.
import { sql } from 'kysely';
import { RADIUS_RECV_BUFFER_BYTES } from '../radius/server.js';
import { startRadius } from '../radius/start-radius.js';
import type { AppContext } from './app-context.js';
import { startAgentBackups } from './backup-wiring.js';
import { createHttpApp } from './http-app.js';
import { listenHttp } from './http-listen.js';
import { createNodePortalDeps, derivePortalUrl } from './portal-wiring.js';
import { startRegencyAgent } from './regency-agent.js';
import { startRouterOpsAgent } from './router-ops-wiring.js';
import { storageProbe } from './storage-probe.js';
import { createNodeWebDeps } from './web-wiring.js';

export interface RunningServer {
  /** The bound HTTP port (useful when configured as 0). */
  readonly httpPort: number | undefined;
  /** The bound RADIUS ports when the radius role runs. */
  readonly radiusPorts: { readonly auth: number; readonly acct: number } | undefined;
  stop(): Promise<void>;
}

/** How often the http role drops attempt counters past their use. */
const ATTEMPT_PRUNE_MS = 10 * 60_000;

export async function startServer(ctx: AppContext): Promise<RunningServer> {
  const { config, logger } = ctx;
  const stops: Array<() => Promise<void>> = [];
  let httpPort: number | undefined;
  let radiusPorts: RunningServer['radiusPorts'];
  const { metrics } = ctx;

  if (config.roles.includes('http')) {
    const portal = createNodePortalDeps(ctx);
    const app = createHttpApp({
      metrics: config.roles.includes('radius') ? metrics : undefined,
      portal,
      web: createNodeWebDeps(ctx),
      checkDatabase: async () => {
        await sql`select 1`.execute(ctx.database.db);
        return true;
      },
      checkStorage: storageProbe(ctx),
    });
    const listener = await listenHttp(app, { port: config.httpPort, host: config.httpHost }, config.http);
    httpPort = listener.port;
    logger.info({ port: httpPort, host: config.httpHost }, 'http listening');
    stops.push(() => listener.close());
    await announceSetupLink(ctx, httpPort);
    // Counters of attempts on the portal outlive their use by hours at most; a flood of fresh keys is cut back.
    const prune = () =>
      portal.services.pins
        .prune()
        .then((n) => n > 0 && logger.debug({ removed: n }, 'portal attempts pruned'))
        .catch((err: unknown) => logger.warn({ err }, 'portal attempts: prune failed'));
    void prune();
    const pruneTimer = setInterval(prune, ATTEMPT_PRUNE_MS);
    pruneTimer.unref();
    stops.push(async () => clearInterval(pruneTimer));
  }

  if (config.roles.includes('radius')) {
    // A port already taken must not leave the roles started above running with nothing to stop them.
    const radius = await startRadius({
      services: ctx.services.radius,
      logger,
      metrics,
      settings: {
        host: config.radiusHost,
        authPort: config.radiusAuthPort,
        acctPort: config.radiusAcctPort,
        macAuthPassword: config.macAuthPassword,
        sessionRetentionDays: config.sessionRetentionDays,
        coaPort: config.radiusCoaPort,
      },
    }).catch(async (error: unknown) => {
      for (const stop of [...stops].reverse()) await stop().catch(() => {});
      throw error;
    });
    radiusPorts = { auth: radius.authPort, acct: radius.acctPort };
    logger.info(
      { ...radiusPorts, host: config.radiusHost, recvBufferBytes: radius.recvBufferBytes },
      'radius listening',
    );
    // Linux reports twice what it granted. Less than asked: a reboot storm overflows the sockets and the kernel
    // drops logins unseen (UDP RcvbufErrors in /proc/net/snmp); the sysctl drop-in of `service install` fixes it.
    if (radius.recvBufferBytes < RADIUS_RECV_BUFFER_BYTES * (process.platform === 'linux' ? 2 : 1))
      logger.warn(
        { recvBufferBytes: radius.recvBufferBytes, wanted: RADIUS_RECV_BUFFER_BYTES },
        `RADIUS receive buffer smaller than asked: set net.core.rmem_max = ${RADIUS_RECV_BUFFER_BYTES} (sysctl)`,
      );
    stops.push(() => radius.stop());
  }

  if (config.roles.includes('agent')) {
    // Routers: health polls, the outbox of plan pushes, stale sessions (src/routeros/router-ops.ts).
    const agent = startRouterOpsAgent(ctx);
    stops.push(() => agent.stop());
    // Daily SQLite backups with retention (src/ops/daily-backups.ts); PostgreSQL has its own tools.
    const backups = startAgentBackups(ctx);
    if (backups) stops.push(() => backups.stop());
    // The regency: days closed after local midnight, sent with backoff (nothing when the node has not joined).
    const regency = startRegencyAgent(ctx.services.regency, logger);
    stops.push(() => regency.stop());
  }

  return {
    httpPort,
    radiusPorts,
    async stop() {
      for (const stop of stops.reverse()) await stop();
      await ctx.close();
    },
  };
}

/**
 * A fresh install (no admin yet): a new one-time link to create the first admin, on stdout and in the log. There is
 * no default password; the link is the only way in, and a restart replaces it.
 */
async function announceSetupLink(ctx: AppContext, port: number): Promise<void> {
  const token = await ctx.services.adminSetup.issueToken();
  if (!token) return;
  const { config } = ctx;
  const base =
    derivePortalUrl({ ...config, httpPort: port }) ??
    `http://${['0.0.0.0', '::'].includes(config.httpHost) ? '127.0.0.1' : config.httpHost}:${port}`;
  const link = ctx.services.adminSetup.link(base, token);
  process.stdout.write(
    `\nBelum ada admin. Buat admin pertama lewat tautan sekali pakai ini:\n  ${link}\n` +
      '(No admin yet: open this one-time link to create the first admin.)\n\n',
  );
  ctx.logger.warn({ setupLink: link }, 'no admin yet: open the setup link to create the first admin');
}
