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
import type { PlanPushes } from '../services/plans/plan-pushes.js';
import type { PlanService } from '../services/plans/plans.js';
import type { LiveSessionControl } from '../services/radius/radius-sessions.js';
import type { ResidentSearch } from '../services/residents/resident-search.js';
import type { RosterUploads } from '../services/residents/roster-uploads.js';

export interface AdminServices {
  readonly adminSessions: AdminSessions;
  readonly adminSetup: AdminSetup;
  readonly admins: AdminService;
  readonly apiTokens: ApiTokens;
  readonly auditLog: AuditLog;
  readonly dashboard: Dashboard;
  readonly residentSearch: ResidentSearch;
  readonly residentRecords: ResidentRecords;
  readonly accounts: AccountService;
  readonly accountLifecycle: AccountLifecycle;
  readonly plans: PlanService;
  /** How taking access away ends live sessions on the routers (empty where the runtime has none). */
  readonly liveSessionControls: readonly LiveSessionControl[];
  readonly rosterUploads: RosterUploads;
  readonly planPushes: PlanPushes;
}

export interface AdminDeps {
  readonly services: AdminServices;
}
