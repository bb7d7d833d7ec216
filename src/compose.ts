// The use cases every transport shares, created once in a composition root and passed in.
import type { Stores } from '../db/stores/index.js';
import { createAccountDirectory } from './services/accounts/account-directory.js';
import { createAccountLifecycle } from './services/accounts/account-lifecycle.js';
import { createAccountService } from './services/accounts/accounts.js';
import { createAdminService } from './services/admins/admins.js';
import { createDeviceService } from './services/devices/devices.js';
import type { Keyring } from './services/keyring.js';
import { createPlanService } from './services/plans/plans.js';
import { createRadiusServices } from './services/radius/radius-services.js';
import { createResidentSearch } from './services/residents/resident-search.js';
import { createRosterImport } from './services/residents/roster-import.js';
import { createRouterJobQueue } from './services/routers/router-jobs.js';
import { createRouterService } from './services/routers/routers.js';

export interface ServiceDeps {
  readonly stores: Stores;
  readonly keyring: Keyring;
  /** Epoch milliseconds; tests pass a fixed clock. */
  readonly now: () => number;
  readonly villageCode: string;
  readonly timeZone: string;
}

export function createServices(deps: ServiceDeps) {
  const routerJobs = createRouterJobQueue({
    jobs: deps.stores.routerJobs,
    routers: deps.stores.routers,
    now: deps.now,
  });
  const radius = createRadiusServices(deps);
  return {
    deps,
    roster: createRosterImport({ ...deps, store: deps.stores.residents }),
    plans: createPlanService({
      ...deps,
      onPlanChanged: async (id) => void (await routerJobs.enqueuePlanPush(id)),
    }),
    routers: createRouterService(deps),
    accounts: createAccountService(deps),
    accountDirectory: createAccountDirectory(deps),
    accountLifecycle: createAccountLifecycle({
      ...deps,
      sessions: radius.sessions,
      attempts: deps.stores.attempts,
    }),
    residentSearch: createResidentSearch(deps),
    devices: createDeviceService(deps),
    admins: createAdminService(deps),
    radius,
    routerJobs,
  };
}

export type Services = ReturnType<typeof createServices>;
