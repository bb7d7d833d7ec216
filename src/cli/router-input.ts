// What `router add` and `router set` share: their options as commander hands them over, and the router input the
// service takes, with the RADIUS secret and the API password read from stdin or the environment when asked.
import type { RouterInput } from '../services/routers/routers.js';
import type { CliContext } from './context.js';
import { readSecrets } from './secret-input.js';

export interface RouterOptions {
  nasIp?: string;
  secret?: string;
  secretEnv?: string;
  apiHost?: string;
  apiPort?: string;
  apiUser?: string;
  apiPassword?: string;
  apiPasswordEnv?: string;
  apiTls?: boolean;
  hotspotServer?: string;
  hotspotProfile?: string;
  hotspotAddress?: string;
  dusun?: string;
  requireMessageAuth?: boolean;
  json?: boolean;
}

/** The options as the service's input; a secret not given stays undefined (`set` keeps the stored one). */
export async function readRouterInput(
  ctx: CliContext,
  opts: RouterOptions,
): Promise<Partial<RouterInput> & { secret: string | undefined }> {
  const [secret, apiPassword] = await readSecrets(ctx, [
    { flag: '--secret', value: opts.secret, envFlag: '--secret-env', envName: opts.secretEnv },
    {
      flag: '--api-password',
      value: opts.apiPassword,
      envFlag: '--api-password-env',
      envName: opts.apiPasswordEnv,
    },
  ]);
  return {
    nasIp: opts.nasIp,
    secret,
    apiHost: opts.apiHost,
    apiPort: opts.apiPort,
    apiUser: opts.apiUser,
    apiPassword,
    apiTls: opts.apiTls,
    hotspotServer: opts.hotspotServer,
    hotspotProfile: opts.hotspotProfile,
    hotspotAddress: opts.hotspotAddress,
    dusun: opts.dusun,
    requireMessageAuth: opts.requireMessageAuth,
  };
}
