// How the CLI reaches routers to end sessions when access is taken away: RADIUS Disconnect-Request first, the
// RouterOS API after (as `session kick` does). Closed when the command ends.
import { coaLiveSessions } from '../../radius/coa-live-sessions.js';
import type { AppContext } from '../app-context.js';
import { createRouterOps } from '../router-ops-wiring.js';
import type { LiveSessionControl } from '../services/radius/radius-sessions.js';

export async function withDisconnectors<T>(
  app: AppContext,
  run: (disconnectors: readonly LiveSessionControl[]) => Promise<T>,
): Promise<T> {
  const ops = createRouterOps(app);
  try {
    return await run([coaLiveSessions({ port: app.config.radiusCoaPort }), ops.apiDisconnector]);
  } finally {
    await ops.close();
  }
}
