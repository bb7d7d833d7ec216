// The router operations over one RouterOS gateway (a port each runtime opens and closes): provisioning, the
// outbox runner, health polling, and the router lookups the CLI shows beside them. createServices binds the
// stores; the Node root brings the gateway, the CoA updater for live sessions and the provisioning settings.
import type { Keyring } from '../keyring.js';
import type { LiveSessionControl } from '../radius/live-sessions.js';
import { createProvisioningService, type ProvisioningSettings } from './provisioning.js';
import type { RouterGateway } from './router-gateway.js';
import { createRouterHealthService } from './router-health.js';
import { createRouterJobRunner } from './router-jobs.js';
import type { ManagedRouterStore, RouterJobStore, RouterOpsStore } from './router-ops-ports.js';
import { createRouterUptime, type RouterUptimeStore } from './router-uptime.js';

export interface RouterWorkPorts {
  readonly gateway: RouterGateway;
  /** Live-session changes from the RADIUS side; none: the API logs sessions out instead. */
  readonly liveSessions?: LiveSessionControl | undefined;
  readonly provisioning: ProvisioningSettings;
  readonly backoffBaseMs?: number | undefined;
  readonly backoffMaxMs?: number | undefined;
}

export function createRouterWork(
  deps: {
    stores: {
      routers: ManagedRouterStore;
      routerOps: RouterOpsStore;
      routerJobs: RouterJobStore;
      routerUptime?: RouterUptimeStore | undefined;
    };
    keyring: Keyring;
    now: () => number;
    /** The village's zone, for the daily uptime; with `stores.routerUptime`, polls are booked there. */
    timeZone?: string | undefined;
  },
  ports: RouterWorkPorts,
) {
  const { routers, routerOps, routerJobs } = deps.stores;
  const { keyring, now } = deps;
  const { gateway } = ports;
  return {
    provisioning: createProvisioningService({
      routers,
      routerOps,
      gateway,
      keyring,
      now,
      settings: ports.provisioning,
    }),
    runner: createRouterJobRunner({
      jobs: routerJobs,
      routers,
      routerOps,
      gateway,
      keyring,
      now,
      liveSessions: ports.liveSessions,
      backoffBaseMs: ports.backoffBaseMs,
      backoffMaxMs: ports.backoffMaxMs,
    }),
    health: createRouterHealthService({
      routers,
      routerOps,
      gateway,
      keyring,
      now,
      uptime:
        deps.stores.routerUptime && deps.timeZone
          ? createRouterUptime({ store: deps.stores.routerUptime, timeZone: deps.timeZone })
          : undefined,
    }),
  };
}
