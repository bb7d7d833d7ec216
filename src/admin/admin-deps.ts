// What the admin pages and their API are built from: the services they call (each area adds the ones it uses),
// created once by the composition root. The web kit (sessions, CSRF, layout) is passed beside them.
import type { AdminSessions } from '../services/admins/admin-sessions.js';
import type { Dashboard } from '../services/dashboard/dashboard.js';

export interface AdminServices {
  readonly adminSessions: AdminSessions;
  readonly dashboard: Dashboard;
}

export interface AdminDeps {
  readonly services: AdminServices;
}
