// Starts the configured roles in one process and stops them cleanly on a signal.
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import type { AppContext } from './app-context.js';
import { createHttpApp } from './http-app.js';

export interface RunningServer {
  /** The bound HTTP port (useful when configured as 0). */
  readonly httpPort: number | undefined;
  stop(): Promise<void>;
}

export async function startServer(ctx: AppContext): Promise<RunningServer> {
  const { config, logger } = ctx;
  const stops: Array<() => Promise<void>> = [];
  let httpPort: number | undefined;

  if (config.roles.includes('http')) {
    const app = createHttpApp({
      services: ctx.services,
      villageName: config.villageName,
      checkDatabase: async () => {
        await sql`select 1`.execute(ctx.database.db);
        return true;
      },
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.httpPort, hostname: config.httpHost }, () =>
        resolve(s),
      );
      s.once('error', reject);
    });
    const address = server.address();
    httpPort = typeof address === 'object' && address ? address.port : config.httpPort;
    logger.info({ port: httpPort, host: config.httpHost }, 'http listening');
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  }

  return {
    httpPort,
    async stop() {
      for (const stop of stops.reverse()) await stop();
      await ctx.close();
    },
  };
}
