// What the admin pages and their API are built from: the services they call (each area adds the ones it uses),
// created once by the composition root. The web kit (sessions, CSRF, layout) is passed beside them.

import type { AccountLifecycle } from '../services/accounts/account-lifecycle.js';
import type { AccountService } from '../services/accounts/accounts.js';
import type { ResidentRecords } from '../services/accounts/resident-record.js';
import type { AdminSessions } from '../services/admins/admin-sessions.js';
import type { AdminSetup } from '../services/admins/admin-setup.js';
import type { AdminService } from '../services/admins/admins.js';
import type { ApiTokens } from '../services/admins/api-tokens.js';
import type { AuditLog } from '../services/audit/audit-log.js';
import type { Dashboard } from '../services/dashboard/dashboard.js';
import type { DeviceService } from '../services/devices/devices.js';
import type { InstitutionService } from '../services/institutions/institutions.js';
import type { KeyStatusService } from '../services/keys/key-status.js';
import type { PlanPushes } from '../services/plans/plan-pushes.js';
import type { PlanService } from '../services/plans/plans.js';
import type { AuthLogService } from '../services/radius/auth-log.js';
import type { HistoryFilter, HistoryQuery } from '../services/radius/radius-history.js';
import type { LiveSessionControl, SessionService } from '../services/radius/radius-sessions.js';
import type { RegencyLinkService } from '../services/regency/regency-link.js';
import type { ResidentSearch } from '../services/residents/resident-search.js';
import type { RosterUploads } from '../services/residents/roster-uploads.js';
import type { ProvisionJobs } from '../services/routers/provision-jobs.js';
import type { ProvisioningService } from '../services/routers/provisioning.js';
import type { RouterHealthService } from '../services/routers/router-health.js';
import type { RouterJobQueue, RouterJobRunner } from '../services/routers/router-jobs.js';
import type { RouterService } from '../services/routers/routers.js';
import type { VoucherService } from '../services/vouchers/vouchers.js';

export interface AdminServices {
  readonly adminSessions: AdminSessions;
  readonly adminSetup: AdminSetup;
  readonly admins: AdminService;
  readonly apiTokens: ApiTokens;
  readonly auditLog: AuditLog;
  readonly dashboard: Dashboard;
  readonly devices: DeviceService;
  readonly residentSearch: ResidentSearch;
  readonly residentRecords: ResidentRecords;
  readonly accounts: AccountService;
  readonly accountLifecycle: AccountLifecycle;
  readonly plans: PlanService;
  /** Public-service accounts (/admin/lembaga). */
  readonly institutions: InstitutionService;
  /** How taking access away ends live sessions on the routers (empty where the runtime has none). */
  readonly liveSessionControls: readonly LiveSessionControl[];
  readonly rosterUploads: RosterUploads;
  readonly provisionJobs: ProvisionJobs;
  readonly planPushes: PlanPushes;
  readonly routers: RouterService;
  readonly routerJobs: RouterJobQueue;
  readonly radius: { readonly sessions: SessionService; readonly authLog: Pick<AuthLogService, 'list'> };
  readonly history: { filter(q: HistoryQuery): Promise<HistoryFilter> };
  readonly vouchers: VoucherService;
  /** What still needs the old key after a rotation (the dashboard's card); absent where it is not built. */
  readonly keyStatus?: Pick<KeyStatusService, 'status'> | undefined;
  /** The village's link to its regency (the dashboard's card); absent where the runtime has none. */
  readonly regency?: Pick<RegencyLinkService, 'status'> | undefined;
}

/** Router operations over a RouterOS gateway opened for one piece of work (and closed after it). */
export interface RouterWorkOps {
  readonly provisioning: ProvisioningService;
  readonly runner: RouterJobRunner;
  readonly health: RouterHealthService;
  /** The ways to end a live session, tried in order (RADIUS Disconnect, then the RouterOS API). */
  readonly disconnectors: readonly LiveSessionControl[];
}

/**
 * Runs router work. Only the Node runtime can open a RouterOS connection (src/router-ops-wiring.ts); where it is
 * absent (Workers) the pages say the action is not available here.
 */
export type RouterWorkPort = <T>(work: (ops: RouterWorkOps) => Promise<T>) => Promise<T>;

export interface AdminDeps {
  readonly services: AdminServices;
  readonly routerWork?: RouterWorkPort | undefined;
}
