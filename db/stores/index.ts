// Every store over one Kysely instance. Stores implement the ports that services declare.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { createAccountAdminStore } from './account-admin-store.js';
import { createAccountStore } from './account-store.js';
import { createAccountingStore } from './accounting-store.js';
import { createAdminSessionStore } from './admin-session-store.js';
import { createAdminSetupStore } from './admin-setup-store.js';
import { createAdminStore } from './admin-store.js';
import { createApiTokenStore } from './api-token-store.js';
import { createAttemptStore } from './attempt-store.js';
import { createAuditStore } from './audit-store.js';
import { createAuthLogStore } from './auth-log-store.js';
import { createDashboardStore } from './dashboard-store.js';
import { createDeviceStore } from './device-store.js';
import { createInstitutionStore } from './institution-store.js';
import { createKeyStatusStore } from './key-status-store.js';
import { createLoginTicketStore } from './login-ticket-store.js';
import { createPlanPushStore } from './plan-push-store.js';
import { createPlanStore } from './plan-store.js';
import { createPortalStore } from './portal-store.js';
import { createRadiusStore } from './radius-store.js';
import { createRegencyStore } from './regency-store.js';
import { createReportStore } from './report-store.js';
import { createResidentRecordStore } from './resident-record-store.js';
import { createResidentStore } from './resident-store.js';
import { createRosterUploadStore } from './roster-upload-store.js';
import { createRouterJobStore } from './router-job-store.js';
import { createRouterOpsStore } from './router-ops-store.js';
import { createRouterStore } from './router-store.js';
import { createRouterUptimeStore } from './router-uptime-store.js';
import { createVoucherStore } from './voucher-store.js';

/** `reportRollups: false` only for bench:radius (see createAccountingStore). */
export function createStores(db: Kysely<Database>, options: { reportRollups?: boolean } = {}) {
  return {
    db,
    residents: createResidentStore(db),
    plans: createPlanStore(db),
    routers: createRouterStore(db),
    accounts: createAccountStore(db),
    accountAdmin: createAccountAdminStore(db),
    devices: createDeviceStore(db),
    admins: createAdminStore(db),
    adminSessions: createAdminSessionStore(db),
    adminSetup: createAdminSetupStore(db),
    apiTokens: createApiTokenStore(db),
    audit: createAuditStore(db),
    radius: createRadiusStore(db),
    accounting: createAccountingStore(db, options),
    authLog: createAuthLogStore(db),
    portal: createPortalStore(db),
    attempts: createAttemptStore(db),
    routerOps: createRouterOpsStore(db),
    routerJobs: createRouterJobStore(db),
    loginTickets: createLoginTicketStore(db),
    routerUptime: createRouterUptimeStore(db),
    reports: createReportStore(db),
    dashboard: createDashboardStore(db),
    residentRecords: createResidentRecordStore(db),
    rosterUploads: createRosterUploadStore(db),
    planPushes: createPlanPushStore(db),
    vouchers: createVoucherStore(db),
    regency: createRegencyStore(db),
    institutions: createInstitutionStore(db),
    keyStatus: createKeyStatusStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
