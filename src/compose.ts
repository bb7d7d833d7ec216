// The use cases every transport shares, created once in a composition root and passed in.
import type { Stores } from '../db/stores/index.js';
import { apiDisconnector } from './routeros/api-disconnector.js';
import { createAccountDirectory } from './services/accounts/account-directory.js';
import { createAccountLifecycle } from './services/accounts/account-lifecycle.js';
import { createAccountService } from './services/accounts/accounts.js';
import { createResidentRecords } from './services/accounts/resident-record.js';
import { createAdminSessions } from './services/admins/admin-sessions.js';
import { createAdminSetup } from './services/admins/admin-setup.js';
import { createAdminService } from './services/admins/admins.js';
import { createApiTokens } from './services/admins/api-tokens.js';
import { createAuditLog } from './services/audit/audit-log.js';
import { createDashboard } from './services/dashboard/dashboard.js';
import { createDeviceService } from './services/devices/devices.js';
import { createFormTokens } from './services/form-tokens.js';
import type { StorageStatus } from './services/health/storage-health.js';
import { createInstitutionService } from './services/institutions/institutions.js';
import type { Keyring } from './services/keyring.js';
import { createKeyStatus, type IndexKeyStatus } from './services/keys/key-status.js';
import { createPlanPushes } from './services/plans/plan-pushes.js';
import { createPlanService } from './services/plans/plans.js';
import { createPortalServices, type PortalSettings } from './services/portal/portal-services.js';
import { type HistoryQuery, historyFilter } from './services/radius/radius-history.js';
import { createRadiusServices, type RadiusServiceSettings } from './services/radius/radius-services.js';
import type { LiveSessionControl } from './services/radius/radius-sessions.js';
import { createRegencyLink, type RegencyLinkDeps } from './services/regency/regency-link.js';
import { fetchHttp } from './services/regency/regency-link-ports.js';
import type { DistinctCountOptions } from './services/reports/distinct-counts.js';
import { createReportService } from './services/reports/reports.js';
import { createResidentSearch } from './services/residents/resident-search.js';
import { createRosterImport } from './services/residents/roster-import.js';
import { createRosterUploads } from './services/residents/roster-uploads.js';
import { createProvisionJobs } from './services/routers/provision-jobs.js';
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
  /** The admin web: `WARGANET_ADMIN_2FA=required` makes two-factor compulsory for the admin role. */
  readonly admin?: { readonly twoFactorRequired?: boolean | undefined } | undefined;
  /** Whether storage can be written (the Node runtime tracks it); the dashboard shows a problem. */
  readonly storage?: (() => StorageStatus) | undefined;
  /**
   * How a device removed on the portal has its live sessions ended (RADIUS Disconnect on Node; none on Workers),
   * and who hears of each attempt. Ignored when `portal.disconnectDevice` is given.
   */
  readonly deviceDisconnector?: LiveSessionControl | undefined;
  readonly onDeviceDisconnected?:
    | ((e: { deviceId: number; sessionId: number; ok: boolean }) => void)
    | undefined;
  /**
   * After a key rotation: deletes the old key file when nothing needs it (Node; absent on Workers, where the
   * dashboard only reads the status). Called when the last PIN under the old key is re-hashed at a sign-in.
   */
  readonly keys?:
    | { readonly retireLegacyKey?: ((status: IndexKeyStatus) => boolean) | undefined }
    | undefined;
  /**
   * When the reports' router, dusun and plan rows of a custom range get their distinct counts in the background
   * (thresholds and timings; tests force it with `inlineScanLimit: 0`).
   */
  readonly reportCounts?: DistinctCountOptions | undefined;
  /** The regency link's network port and timings (global fetch unless given; tests pass a fake clock's). */
  readonly regency?:
    | Partial<
        Pick<RegencyLinkDeps, 'http' | 'random' | 'timeoutMs' | 'backoffBaseMs' | 'backoffMaxMs' | 'wallNow'>
      >
    | undefined;
}

export function createServices(deps: ServiceDeps, settings: ServiceSettings = {}) {
  const routerJobs = createRouterJobQueue({
    jobs: deps.stores.routerJobs,
    routers: deps.stores.routers,
    now: deps.now,
  });
  const keyStatus = createKeyStatus({
    store: deps.stores.keyStatus,
    keyring: deps.keyring,
    retireLegacyKey: settings.keys?.retireLegacyKey,
  });
  const portal = createPortalServices(deps, {
    minAge: settings.portal?.minAge ?? 17,
    unverifiedPolicy: settings.portal?.unverifiedPolicy ?? 'refuse',
    interimIntervalS: settings.portal?.interimIntervalS ?? settings.radius?.interimIntervalS ?? 300,
    pinGate: settings.portal?.pinGate,
    disconnectDevice: settings.portal?.disconnectDevice ?? disconnectDeviceWith(settings),
    afterPinUpgrade: async () => void (await keyStatus.settle()),
  });
  const vouchers = createVoucherService({
    store: deps.stores.vouchers,
    plans: deps.stores.vouchers,
    keyring: deps.keyring,
    now: deps.now,
    timeZone: deps.timeZone,
    attempts: deps.stores.attempts,
  });
  const radius = createRadiusServices({
    ...deps,
    tickets: portal.tickets,
    vouchers,
    institutionStore: deps.stores.institutions,
    routerStore: deps.stores.routers,
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
  const roster = createRosterImport({ ...deps, store: deps.stores.residents });
  return {
    portal,
    roster,
    /** The admin web's roster imports: the file kept server side, dry run and apply as background jobs. */
    rosterUploads: createRosterUploads({ store: deps.stores.rosterUploads, roster, now: deps.now }),
    /** The admin web's provisioning applies: background jobs in this process that a page follows. */
    provisionJobs: createProvisionJobs({ now: deps.now }),
    plans: createPlanService({
      ...deps,
      onPlanChanged: async (id) => void (await routerJobs.enqueuePlanPush(id)),
    }),
    /** Each plan's push to each router (the outbox's latest job), and a retry of a failed one. */
    planPushes: createPlanPushes({ store: deps.stores.planPushes, now: deps.now }),
    routers: createRouterService(deps),
    accounts: createAccountService(deps),
    accountDirectory: createAccountDirectory(deps),
    accountLifecycle: createAccountLifecycle({
      ...deps,
      sessions: radius.sessions,
      attempts: deps.stores.attempts,
    }),
    residentSearch: createResidentSearch(deps),
    residentRecords: createResidentRecords(deps),
    /** How the admin web ends the sessions of access it takes away (RADIUS Disconnect on Node; none on Workers). */
    liveSessionControls: settings.deviceDisconnector ? [settings.deviceDisconnector] : [],
    devices: createDeviceService(deps),
    admins: createAdminService(deps),
    adminSessions: createAdminSessions({ ...deps, twoFactorRequired: settings.admin?.twoFactorRequired }),
    /** The first admin of a fresh install (the setup link). */
    adminSetup: createAdminSetup(deps),
    /** Scripts' bearer tokens for /api/v1. */
    apiTokens: createApiTokens({ ...deps, twoFactorRequired: settings.admin?.twoFactorRequired }),
    auditLog: createAuditLog(deps),
    /** The admin web's and reports' CSRF tokens and signed cookies. */
    webTokens: createFormTokens({ keyring: deps.keyring, purpose: 'admin' }),
    dashboard: createDashboard({ ...deps, storage: settings.storage }),
    /** What still needs the old key after a rotation (`warganet key status`, the dashboard's card). */
    keyStatus,
    radius,
    reports: createReportService({
      store: deps.stores.reports,
      now: deps.now,
      timeZone: deps.timeZone,
      minAge: settings.portal?.minAge ?? 17,
      distinctCounts: settings.reportCounts,
    }),
    /** `sessions` and `auth-log` filters as stores take them (a NIK becomes its blind index). */
    history: { filter: (q: HistoryQuery) => historyFilter(q, deps.keyring) },
    vouchers,
    /** The village's link to its regency Worker: outbox of closed days, signed sends (issue 14). */
    regency: createRegencyLink({
      store: deps.stores.regency,
      keyring: deps.keyring,
      now: deps.now,
      timeZone: deps.timeZone,
      villageCode: deps.villageCode,
      minAge: settings.portal?.minAge ?? 17,
      http: fetchHttp,
      ...settings.regency,
    }),
    /** Public-service accounts: the school's, the puskesmas's, the balai desa's devices. */
    institutions: createInstitutionService({ store: deps.stores.institutions, now: deps.now }),
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
