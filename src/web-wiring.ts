// The admin web's and reports' Node-side wiring: the services as createServices built them, the request's source
// address from the socket (or a trusted proxy), faults to the log with their request id.

import type { AppContext } from './app-context.js';
import { packageVersion } from './cli/version.js';
import type { HttpDeps } from './http-app.js';
import { nodeDeflate } from './node-deflate.js';
import { derivePortalUrl, nodeClientAddress } from './portal-wiring.js';
import { withRouterOps } from './router-ops-wiring.js';

export function createNodeWebDeps(ctx: AppContext): NonNullable<HttpDeps['web']> {
  const { config, logger, services } = ctx;
  return {
    kit: {
      sessions: services.adminSessions,
      tokens: services.webTokens,
      villageName: config.villageName,
      timeZone: config.timeZone,
      publicUrl: derivePortalUrl(config),
      trustProxy: config.trustProxy,
      clientAddress: nodeClientAddress(config.trustProxy),
      apiTokens: services.apiTokens,
      setup: services.adminSetup,
      onError: (error, requestId) => logger.error({ err: error, requestId }, 'admin request failed'),
    },
    // Router work (provisioning, sync, kicks) over the RouterOS gateway, as the CLI does it.
    admin: { services, routerWork: (work) => withRouterOps(ctx, work) },
    reports: { services, villageName: config.villageName, deflate: nodeDeflate() },
    version: packageVersion(),
  };
}
