// The use cases every transport shares, created once in a composition root and passed in.
import type { Stores } from '../../db/stores/index.js';
import { createAccountDirectory } from './account-directory.js';
import { createAccountLifecycle } from './account-lifecycle.js';
import { createAccountService } from './accounts.js';
import { createAdminService } from './admins.js';
import { createDeviceService } from './devices.js';
import type { Keyring } from './keyring.js';
import { createPlanService } from './plans.js';
import { createRadiusServices } from './radius-services.js';
import { createResidentSearch } from './resident-search.js';
import { createRosterImport } from './roster-import.js';
import { createRouterJobQueue } from './router-jobs.js';
import { createRouterService } from './routers.js';

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
    accountLifecycle: createAccountLifecycle({ ...deps, sessions: radius.sessions }),
    residentSearch: createResidentSearch(deps),
    devices: createDeviceService(deps),
    admins: createAdminService(deps),
    radius,
    routerJobs,
  };
}

export type Services = ReturnType<typeof createServices>;
