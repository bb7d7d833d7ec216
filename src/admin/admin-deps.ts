// What the admin pages and their API are built from: the services they call (each area adds the ones it uses),
// created once by the composition root. The web kit (sessions, CSRF, layout) is passed beside them.
import type { AdminSessions } from '../services/admins/admin-sessions.js';
import type { PlanPushes } from '../services/plans/plan-pushes.js';
import type { PlanService } from '../services/plans/plans.js';
import type { RosterUploads } from '../services/residents/roster-uploads.js';

export interface AdminServices {
  readonly adminSessions: AdminSessions;
  readonly rosterUploads: RosterUploads;
  readonly plans: PlanService;
  readonly planPushes: PlanPushes;
}

export interface AdminDeps {
  readonly services: AdminServices;
}
