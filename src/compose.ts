// The use cases every transport shares, created once in a composition root and passed in.
import type { Stores } from '../db/stores/index.js';
import { apiDisconnector } from './routeros/api-disconnector.js';
import { createAccountDirectory } from './services/accounts/account-directory.js';
import { createAccountLifecycle } from './services/accounts/account-lifecycle.js';
import { createAccountService } from './services/accounts/accounts.js';
import { createAdminSessions } from './services/admins/admin-sessions.js';
import { createAdminService } from './services/admins/admins.js';
import { createDeviceService } from './services/devices/devices.js';
import { createFormTokens } from './services/form-tokens.js';
import type { Keyring } from './services/keyring.js';
import { createPlanService } from './services/plans/plans.js';
import { createPortalServices, type PortalSettings } from './services/portal/portal-services.js';
import { createRadiusServices, type RadiusServiceSettings } from './services/radius/radius-services.js';
import type { LiveSessionControl } from './services/radius/radius-sessions.js';
import { createResidentSearch } from './services/residents/resident-search.js';
import { createRosterImport } from './services/residents/roster-import.js';
import { createRouterJobQueue } from './services/routers/router-jobs.js';
import { createRouterWork, type RouterWorkPorts } from './services/routers/router-work.js';
import { createRouterService } from './services/routers/routers.js';
import { createVoucherService } from './services/vouchers/vouchers.js';

export interface ServiceDeps {
  readonly stores: Stores;
  readonly keyring: Keyring;
  /** Epoch milliseconds; tests pass a fixed clock. */
  readonly now: () => number;
  readonly villageCode: string;
  readonly timeZone: string;
}

/** Settings of the front doors that own a use case (portal, radius role), and the ports only a runtime has. */
export interface ServiceSettings {
  readonly portal?: Partial<PortalSettings> | undefined;
  readonly radius?: RadiusServiceSettings | undefined;
  /**
   * How a device removed on the portal has its live sessions ended (RADIUS Disconnect on Node; none on Workers),
   * and who hears of each attempt. Ignored when `portal.disconnectDevice` is given.
   */
  readonly deviceDisconnector?: LiveSessionControl | undefined;
  readonly onDeviceDisconnected?:
    | ((e: { deviceId: number; sessionId: number; ok: boolean }) => void)
    | undefined;
}

export function createServices(deps: ServiceDeps, settings: ServiceSettings = {}) {
  const routerJobs = createRouterJobQueue({
    jobs: deps.stores.routerJobs,
    routers: deps.stores.routers,
    now: deps.now,
  });
  const portal = createPortalServices(deps, {
    minAge: settings.portal?.minAge ?? 17,
    unverifiedPolicy: settings.portal?.unverifiedPolicy ?? 'refuse',
    interimIntervalS: settings.portal?.interimIntervalS ?? settings.radius?.interimIntervalS ?? 300,
    pinGate: settings.portal?.pinGate,
    disconnectDevice: settings.portal?.disconnectDevice ?? disconnectDeviceWith(settings),
  });
  const vouchers = createVoucherService({
    store: deps.stores.vouchers,
    plans: deps.stores.vouchers,
    keyring: deps.keyring,
    now: deps.now,
  });
  const radius = createRadiusServices({
    ...deps,
    tickets: portal.tickets,
    vouchers,
    settings: settings.radius,
  });
  // A removed device's live sessions, ended one by one through the runtime's disconnector. The portal and the
  // radius services need each other (tickets one way, kicks the other): this runs on a request, after both exist.
  function disconnectDeviceWith(s: ServiceSettings) {
    const disconnector = s.deviceDisconnector;
    if (!disconnector) return undefined;
    return async (deviceId: number) => {
      for (const sessionId of await deps.stores.portal.activeSessionIds(deviceId)) {
        const result = await radius.sessions.kick(sessionId, [disconnector]);
        s.onDeviceDisconnected?.({ deviceId, sessionId, ok: result.ok });
      }
    };
  }
  return {
    portal,
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
    adminSessions: createAdminSessions(deps),
    /** The admin web's and reports' CSRF tokens and signed cookies. */
    webTokens: createFormTokens({ keyring: deps.keyring, purpose: 'admin' }),
    radius,
    vouchers,
    routerJobs,
    /** Router operations over a gateway the runtime opens (and closes when its work is done). */
    routerWork: (ports: RouterWorkPorts) => ({
      ...createRouterWork(deps, ports),
      /** For `session kick`, after RADIUS Disconnect: logs the host out through the RouterOS API. */
      apiDisconnector: apiDisconnector(deps.stores.routers, deps.keyring, ports.gateway),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
