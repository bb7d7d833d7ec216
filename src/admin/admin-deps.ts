// What the admin pages and their API are built from: the services they call (each area adds the ones it uses),
// created once by the composition root. The web kit (sessions, CSRF, layout) is passed beside them.
import type { AdminSessions } from '../services/admins/admin-sessions.js';
import type { AdminSetup } from '../services/admins/admin-setup.js';
import type { AdminService } from '../services/admins/admins.js';
import type { ApiTokens } from '../services/admins/api-tokens.js';
import type { AuditLog } from '../services/audit/audit-log.js';
import type { Dashboard } from '../services/dashboard/dashboard.js';

export interface AdminServices {
  readonly adminSessions: AdminSessions;
  readonly adminSetup: AdminSetup;
  readonly admins: AdminService;
  readonly apiTokens: ApiTokens;
  readonly auditLog: AuditLog;
  readonly dashboard: Dashboard;
}

export interface AdminDeps {
  readonly services: AdminServices;
}
