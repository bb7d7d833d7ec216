// The ordered list of migrations. Imported statically (not read from disk) so that bundles for Workers carry them.
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-28-initial.js';
import * as portalAttempts from './2026-11-29-portal-attempts.js';
import * as radiusIndexes from './2026-11-29-radius-indexes.js';
import * as usageDeviceDay from './2026-11-30-usage-device-day.js';
import * as authLogDropAtIndex from './2026-12-01-auth-log-drop-at-index.js';
import * as loginTickets from './2026-12-02-login-tickets.js';
import * as portalAttemptsBackoff from './2026-12-03-portal-attempts-backoff.js';
import * as accountLifecycle from './2026-12-04-account-lifecycle.js';
import * as authLogSource from './2026-12-05-auth-log-source.js';
import * as routerProvisionedAt from './2026-12-05-router-provisioned-at.js';
import * as adminSessions from './2026-12-06-admin-sessions.js';
import * as reportRollups from './2026-12-08-report-rollups.js';
import * as adminIndexes from './2026-12-09-admin-indexes.js';
import * as adminSecurity from './2026-12-10-admin-security.js';
import * as rosterUploads from './2026-12-12-roster-uploads.js';
import * as routerHealthEvents from './2026-12-13-router-health-events.js';
import * as vouchers from './2026-12-14-vouchers.js';
import * as rosterUploadContents from './2026-12-15-roster-upload-contents.js';
import * as reportSpeed from './2026-12-16-report-speed.js';
import * as voucherUsage from './2026-12-17-voucher-usage.js';
import * as fairUse from './2026-12-18-fair-use.js';
import * as regencyOutbox from './2026-12-19-regency-outbox.js';
import * as keyRotation from './2026-12-20-key-rotation.js';
import * as usageMonthly from './2026-12-21-usage-monthly.js';
import * as routerUptimeMonthly from './2026-12-22-router-uptime-monthly.js';
import * as accountUsageDaily from './2026-12-23-account-usage-daily.js';
import * as residentIndexKey from './2026-12-24-resident-index-key.js';
import * as routerUsagePeriods from './2026-12-25-router-usage-periods.js';
import * as usageSeenDays from './2026-12-26-usage-seen-days.js';
import * as routerUptimeYearly from './2026-12-27-router-uptime-yearly.js';
import * as usageGroupsWeekly from './2026-12-28-usage-groups-weekly.js';
import * as usageSeenGaps from './2026-12-31-usage-seen-gaps.js';
import * as usageDistinctCache from './2027-01-01-usage-distinct-cache.js';
import * as usageDayHours from './2027-01-02-usage-day-hours.js';

const migrations: Record<string, Migration> = {
  '2026-11-28-initial': initial,
  '2026-11-29-portal-attempts': portalAttempts,
  '2026-11-29-radius-indexes': radiusIndexes,
  '2026-11-30-usage-device-day': usageDeviceDay,
  '2026-12-01-auth-log-drop-at-index': authLogDropAtIndex,
  '2026-12-02-login-tickets': loginTickets,
  '2026-12-03-portal-attempts-backoff': portalAttemptsBackoff,
  '2026-12-04-account-lifecycle': accountLifecycle,
  '2026-12-05-auth-log-source': authLogSource,
  '2026-12-05-router-provisioned-at': routerProvisionedAt,
  '2026-12-06-admin-sessions': adminSessions,
  '2026-12-08-report-rollups': reportRollups,
  '2026-12-09-admin-indexes': adminIndexes,
  '2026-12-10-admin-security': adminSecurity,
  '2026-12-12-roster-uploads': rosterUploads,
  '2026-12-13-router-health-events': routerHealthEvents,
  '2026-12-14-vouchers': vouchers,
  '2026-12-15-roster-upload-contents': rosterUploadContents,
  '2026-12-16-report-speed': reportSpeed,
  '2026-12-17-voucher-usage': voucherUsage,
  '2026-12-18-fair-use': fairUse,
  '2026-12-19-regency-outbox': regencyOutbox,
  '2026-12-20-key-rotation': keyRotation,
  '2026-12-21-usage-monthly': usageMonthly,
  '2026-12-22-router-uptime-monthly': routerUptimeMonthly,
  '2026-12-23-account-usage-daily': accountUsageDaily,
  '2026-12-24-resident-index-key': residentIndexKey,
  '2026-12-25-router-usage-periods': routerUsagePeriods,
  '2026-12-26-usage-seen-days': usageSeenDays,
  '2026-12-27-router-uptime-yearly': routerUptimeYearly,
  '2026-12-28-usage-groups-weekly': usageGroupsWeekly,
  '2026-12-31-usage-seen-gaps': usageSeenGaps,
  '2027-01-01-usage-distinct-cache': usageDistinctCache,
  '2027-01-02-usage-day-hours': usageDayHours,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
