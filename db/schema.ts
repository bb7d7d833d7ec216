// Row types of every table, as Kysely sees them. Timestamps are epoch milliseconds; flags are 0/1 integers,
// so the same code runs on SQLite, PostgreSQL and D1.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface Database {
  residents: ResidentTable;
  import_batches: ImportBatchTable;
  plans: PlanTable;
  accounts: AccountTable;
  devices: DeviceTable;
  routers: RouterTable;
  router_health_events: RouterHealthEventTable;
  sessions: SessionTable;
  usage_daily: UsageDailyTable;
  usage_hourly: UsageHourlyTable;
  router_uptime_daily: RouterUptimeDailyTable;
  router_uptime_monthly: RouterUptimeMonthlyTable;
  router_uptime_yearly: RouterUptimeYearlyTable;
  usage_groups_daily: UsageGroupsDailyTable;
  usage_seen: UsageSeenTable;
  usage_counts: UsageCountsTable;
  usage_seen_gaps: UsageSeenGapsTable;
  usage_distinct_ranges: UsageDistinctRangesTable;
  quota_exhausted_daily: QuotaExhaustedDailyTable;
  account_usage_daily: AccountUsageDailyTable;
  rejects_hourly: RejectsHourlyTable;
  usage_heat_monthly: UsageHeatMonthlyTable;
  usage_heat_daily: UsageHeatDailyTable;
  usage_router_periods: UsageRouterPeriodsTable;
  usage_groups_monthly: UsageGroupsMonthlyTable;
  usage_groups_weekly: UsageGroupsWeeklyTable;
  usage_totals_daily: UsageTotalsDailyTable;
  router_health_marks: RouterHealthMarkTable;
  auth_log: AuthLogTable;
  router_jobs: RouterJobTable;
  admin_users: AdminUserTable;
  admin_sessions: AdminSessionTable;
  admin_recovery_codes: AdminRecoveryCodeTable;
  admin_api_tokens: AdminApiTokenTable;
  admin_setup_tokens: AdminSetupTokenTable;
  audit_log: AuditLogTable;
  portal_attempts: PortalAttemptTable;
  login_tickets: LoginTicketTable;
  roster_uploads: RosterUploadTable;
  roster_upload_contents: RosterUploadContentTable;
  vouchers: VoucherTable;
  key_rotation: KeyRotationTable;
  regency_link: RegencyLinkTable;
  regency_outbox: RegencyOutboxTable;
  institutions: InstitutionTable;
  institution_devices: InstitutionDeviceTable;
  usage_institution_daily: UsageInstitutionDailyTable;
}

export interface ResidentTable {
  id: Generated<number>;
  /** HMAC-SHA-256 of the NIK under the server key: the only form in which a NIK is stored. */
  nik_index: string;
  /** For display, e.g. `3523**********01`. */
  nik_masked: string;
  kk_index: string;
  kk_masked: string;
  name: string;
  /** 1 = laki-laki, 2 = perempuan (OpenSID codes). */
  sex: number | null;
  birth_date: string | null;
  dusun: string;
  rw: string;
  rt: string;
  kk_level: number | null;
  status_dasar: number;
  /** 1 while the resident is in the latest roster with status_dasar = 1. */
  active: number;
  warnings: string | null;
  import_batch_id: number | null;
  created_at: number;
  updated_at: number;
  deactivated_at: number | null;
  /** Keyring.keyId of the key nik_index and kk_index are under; null: from before the column (the key of then). */
  index_key_id: string | null;
}

export interface ImportBatchTable {
  id: Generated<number>;
  file_name: string;
  full: number;
  started_at: number;
  finished_at: number | null;
  added: Generated<number>;
  updated: Generated<number>;
  deactivated: Generated<number>;
  rejected: Generated<number>;
  warnings: Generated<number>;
  /** Who ran it: `cli`, or `admin:<username>` from the admin web. Null for imports before it was kept. */
  actor: string | null;
}

/** An OpenSID file uploaded on the admin web: kept between its dry run and its apply, then emptied. */
/** An uploaded roster file, apart from its job's row (which is updated often); gone once applied or failed. */
export interface RosterUploadContentTable {
  upload_id: number;
  content: Uint8Array;
}

export interface RosterUploadTable {
  id: Generated<number>;
  file_name: string;
  size: number;
  partial: Generated<number>;
  /** 'checking' | 'checked' | 'applying' | 'applied' | 'refused' | 'failed' */
  state: string;
  stage: string | null;
  done: Generated<number>;
  total: Generated<number>;
  /** JSON; masked NIKs only. */
  report: string | null;
  error: string | null;
  batch_id: number | null;
  created_by: string;
  applied_by: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export interface PlanTable {
  id: Generated<number>;
  name: string;
  /** Name of the hotspot user profile on every router, sent as Mikrotik-Group. */
  profile_name: string;
  /** Bits per second, from the client's point of view. */
  down_rate: number;
  up_rate: number;
  burst_down_rate: number | null;
  burst_up_rate: number | null;
  burst_threshold_down: number | null;
  burst_threshold_up: number | null;
  burst_time_s: number | null;
  priority: number | null;
  daily_quota_bytes: number | null;
  monthly_quota_bytes: number | null;
  devices_allowed: number;
  session_timeout_s: number | null;
  idle_timeout_s: number | null;
  /** 'cut' ends access at the quota; 'throttle' drops to the throttle rates. */
  at_quota: Generated<string>;
  throttle_down_rate: number | null;
  throttle_up_rate: number | null;
  /** When the plan's devices may be online, canonical (`Sen-Jum 07:00-14:00`); null: any time. */
  time_window: ColumnType<string | null, string | null | undefined, string | null>;
  /** Full speed for this many bytes of the account's day, then the step-down rates; null: no step-down. */
  step_down_bytes: ColumnType<number | null, number | null | undefined, number | null>;
  step_down_down_rate: ColumnType<number | null, number | null | undefined, number | null>;
  step_down_up_rate: ColumnType<number | null, number | null | undefined, number | null>;
  is_default: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface AccountTable {
  id: Generated<number>;
  resident_id: number;
  /** 'pending' | 'active' | 'suspended' */
  status: string;
  plan_id: number | null;
  pin_hash: string | null;
  pin_failures: Generated<number>;
  pin_locked_until: number | null;
  consent_at: number | null;
  consent_notice_version: string | null;
  /** 'portal' | 'operator' */
  consent_channel: string | null;
  approved_by: string | null;
  approved_at: number | null;
  /**
   * Why the roster did not confirm this registration ('kk-mismatch' | 'not-in-roster' | 'resident-inactive'):
   * an operator checks KTP and KK before approving. Null when confirmed.
   */
  unverified_reason: string | null;
  /** The operator's reason while suspended. */
  suspended_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface DeviceTable {
  id: Generated<number>;
  account_id: number;
  /** Upper-case, colon-separated: AA:BB:CC:DD:EE:FF. */
  mac: string;
  username: string;
  /** AES-256-GCM under the server key; CHAP needs the clear secret. */
  secret_enc: string;
  label: string | null;
  first_seen_at: number | null;
  last_seen_at: number | null;
  revoked_at: number | null;
  created_at: number;
}

/** A router going up or down (the routers page's history). */
export interface RouterHealthEventTable {
  router_id: number;
  at: number;
  /** 'up' | 'down' */
  health: string;
}

export interface RouterTable {
  id: Generated<number>;
  name: string;
  /** The source address of its RADIUS packets. */
  nas_ip: string;
  radius_secret_enc: string;
  require_message_auth: Generated<number>;
  api_host: string | null;
  api_port: number | null;
  api_tls: Generated<number>;
  api_user: string | null;
  api_password_enc: string | null;
  hotspot_server: string | null;
  hotspot_profile: string | null;
  /** Host or host:port of its hotspot login pages; the portal posts logins and redirects only there. */
  hotspot_address: string | null;
  dusun: string | null;
  latitude: number | null;
  longitude: number | null;
  uplink_down_rate: number | null;
  uplink_up_rate: number | null;
  /** 'unknown' | 'up' | 'down' */
  health: Generated<string>;
  health_changed_at: number | null;
  last_contact_at: number | null;
  ros_version: string | null;
  board: string | null;
  last_sync_at: number | null;
  /** Last successful `router provision`; plan pushes go only to routers that have one. */
  provisioned_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SessionTable {
  id: Generated<number>;
  router_id: number;
  acct_session_id: string;
  device_id: number | null;
  username: string;
  mac: string | null;
  framed_ip: string | null;
  nas_port: number | null;
  class: string | null;
  started_at: number;
  updated_at: number;
  stopped_at: number | null;
  /** Totals over the session: octets + 2^32 × gigawords. */
  input_bytes: Generated<number>;
  output_bytes: Generated<number>;
  session_time_s: Generated<number>;
  terminate_cause: string | null;
  /** 'active' | 'stopped' | 'closed' (closed by us: Accounting-On/Off, or gone from the router) */
  state: string;
}

export interface UsageDailyTable {
  /** YYYY-MM-DD in the village's time zone. */
  day: string;
  /** 0 when the session belonged to no known device. */
  device_id: number;
  router_id: number;
  bytes_in: Generated<number>;
  bytes_out: Generated<number>;
  seconds: Generated<number>;
  sessions: Generated<number>;
}

/** Traffic per local hour and router (the heat map, busiest hours); device-free, so it stays small. */
export interface UsageHourlyTable {
  day: string;
  /** 0–23 in the village's time zone. */
  hour: number;
  router_id: number;
  bytes_in: Generated<number>;
  bytes_out: Generated<number>;
  sessions: Generated<number>;
}

/** Bytes and sessions per local day × router × dusun × plan (the device's at the time): device-free. */
export interface UsageGroupsDailyTable {
  day: string;
  router_id: number;
  /** The resident's dusun, '-' for none or no account. */
  dusun: string;
  /** The account's plan (or the default plan then), 0 for no account. */
  plan_id: number;
  bytes_in: Generated<number>;
  bytes_out: Generated<number>;
  sessions: Generated<number>;
}

/** Who was first seen in a period: `d:YYYY-MM-DD`, `w:<Monday>`, `m:YYYY-MM`, `y:YYYY`; insert-or-ignore. */
export interface UsageSeenTable {
  period: string;
  /** 'all' (key '') for every period; 'router' | 'dusun' | 'plan' for months and years. */
  dim: string;
  key: string;
  /** A device id, or a resident id negated. */
  subject: number;
  /** A month row's days (bit 0 = the 1st), a year row's months (bit 0 = January) the subject was seen; else 0. */
  days: Generated<number>;
}

/** Distinct devices and residents per usage_seen (period, dim, key): bumped by each row really inserted. */
export interface UsageCountsTable {
  period: string;
  dim: string;
  key: string;
  devices: Generated<number>;
  residents: Generated<number>;
}

/**
 * Subjects (devices > 0, residents < 0) active on `day` whose previous active day was `prev_day` ('' when none):
 * a range [a, b]'s distinct count is the sum over a ≤ day ≤ b and prev_day < a (2026-12-31 migration).
 */
/**
 * A custom range's distinct counts per router, dusun or plan computed in the background (2027-01-01 migration):
 * one row per (from, to, dimension), its state as a job and when its cached rows were computed (epoch ms).
 */
export interface UsageDistinctRangesTable {
  range_key: string;
  from_day: string;
  to_day: string;
  dim: string;
  computed_at: number | null;
  /** JSON [[row label, devices, residents], …]: counts only, never a subject. */
  counts: string | null;
  wanted_at: number | null;
  started_at: number | null;
  runner: string | null;
}

export interface UsageSeenGapsTable {
  day: string;
  prev_day: string;
  devices: Generated<number>;
  residents: Generated<number>;
}

/** Accounts that reached their plan's daily quota on a local day. */
export interface QuotaExhaustedDailyTable {
  day: string;
  account_id: number;
}

/** Each account's bytes (in + out) per local day: the running total the daily-quota rollup reads. */
export interface AccountUsageDailyTable {
  day: string;
  account_id: number;
  bytes: number;
}

/** usage_hourly per month × weekday (0 = Monday) × hour: the heat map over whole months. */
export interface UsageHeatMonthlyTable {
  month: string;
  weekday: number;
  hour: number;
  bytes: Generated<number>;
  sessions: Generated<number>;
}

/** usage_hourly per day × hour, every router together (2027-01-02): the heat map's days outside whole months. */
export interface UsageHeatDailyTable {
  day: string;
  hour: number;
  bytes: Generated<number>;
  sessions: Generated<number>;
}

/**
 * usage_hourly summed per router and month (period 'YYYY-MM') and per router and year ('YYYY') (2026-12-25), and
 * per router and day ('YYYY-MM-DD', 2027-01-02): bytes, sessions, and the bytes (in + out) of each local hour,
 * h00 … h23, from which the access points report picks the busiest hours.
 */
export interface UsageRouterPeriodsTable {
  period: string;
  router_id: number;
  bytes_in: Generated<number>;
  bytes_out: Generated<number>;
  sessions: Generated<number>;
  h00: Generated<number>;
  h01: Generated<number>;
  h02: Generated<number>;
  h03: Generated<number>;
  h04: Generated<number>;
  h05: Generated<number>;
  h06: Generated<number>;
  h07: Generated<number>;
  h08: Generated<number>;
  h09: Generated<number>;
  h10: Generated<number>;
  h11: Generated<number>;
  h12: Generated<number>;
  h13: Generated<number>;
  h14: Generated<number>;
  h15: Generated<number>;
  h16: Generated<number>;
  h17: Generated<number>;
  h18: Generated<number>;
  h19: Generated<number>;
  h20: Generated<number>;
  h21: Generated<number>;
  h22: Generated<number>;
  h23: Generated<number>;
}

/** usage_groups_daily summed per month (YYYY-MM) × router × dusun × plan (2026-12-21). */
export interface UsageGroupsMonthlyTable {
  month: string;
  router_id: number;
  dusun: string;
  plan_id: number;
  bytes_in: Generated<number>;
  bytes_out: Generated<number>;
  sessions: Generated<number>;
}

/** usage_groups_daily summed per ISO week (its Monday, YYYY-MM-DD) × router × dusun × plan (2026-12-28). */
export interface UsageGroupsWeeklyTable {
  week: string;
  router_id: number;
  dusun: string;
  plan_id: number;
  bytes_in: Generated<number>;
  bytes_out: Generated<number>;
  sessions: Generated<number>;
}

/** usage_groups_daily summed per local day (2026-12-21). */
export interface UsageTotalsDailyTable {
  day: string;
  bytes_in: Generated<number>;
  bytes_out: Generated<number>;
  sessions: Generated<number>;
}

/** Rejected logins per UTC hour (epoch ms / 3,600,000) × router (0: unknown) × reason; outlives auth_log. */
export interface RejectsHourlyTable {
  hour: number;
  router_id: number;
  reason: string;
  count: Generated<number>;
}

/** Milliseconds each router was seen up or down per local day, from consecutive health polls. */
export interface RouterUptimeDailyTable {
  day: string;
  router_id: number;
  up_ms: Generated<number>;
  down_ms: Generated<number>;
  /** The most hotspot hosts a poll saw on the router that day. */
  peak_sessions: Generated<number>;
}

/** router_uptime_daily summed per month (YYYY-MM): long periods read 12 rows a router a year. */
export interface RouterUptimeMonthlyTable {
  month: string;
  router_id: number;
  up_ms: Generated<number>;
  down_ms: Generated<number>;
  peak_sessions: Generated<number>;
}

/** router_uptime_daily summed per year (YYYY): a year's report reads one row a router. */
export interface RouterUptimeYearlyTable {
  year: string;
  router_id: number;
  up_ms: Generated<number>;
  down_ms: Generated<number>;
  peak_sessions: Generated<number>;
}

/** Each router's last health poll: the next poll books the span since it. */
export interface RouterHealthMarkTable {
  router_id: number;
  at: number;
  health: string;
}

export interface AuthLogTable {
  id: Generated<number>;
  at: number;
  last_at: number;
  /** Repeated identical probes are folded into one row. */
  count: Generated<number>;
  router_id: number | null;
  mac: string | null;
  username: string | null;
  /** 'accept' | 'reject' | 'drop' (no answer: unknown router, wrong secret, no Message-Authenticator) */
  decision: string;
  reason: string;
  /** The packet's source address, for drops (an unknown router has no router_id). */
  source: string | null;
}

export interface RouterJobTable {
  id: Generated<number>;
  router_id: number;
  kind: string;
  payload: string;
  /** 'pending' | 'done' | 'failed' */
  state: string;
  attempts: Generated<number>;
  next_try_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface AdminUserTable {
  id: Generated<number>;
  username: string;
  /** 'admin' | 'operator' | 'official' */
  role: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
  /** The TOTP key, sealed with the server key (AES-GCM); set at enrolment, before it is confirmed. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** When two-factor was confirmed; null while off (or enrolment not finished). */
  totp_enabled_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** The last time step a code was accepted for: a code works once. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  last_sign_in_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AdminRecoveryCodeTable {
  /** SHA-256 (base64url) of `<admin id>:<code>`. */
  code_hash: string;
  admin_id: number;
  used_at: number | null;
}

export interface AdminApiTokenTable {
  /** A short public id (for `admin token revoke ID`). */
  id: string;
  admin_id: number;
  /** SHA-256 (base64url) of the token. */
  token_hash: string;
  label: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AdminSetupTokenTable {
  /** SHA-256 (base64url) of the first-admin setup link's token. */
  token_hash: string;
  created_at: number;
}

export interface AdminSessionTable {
  /** SHA-256 (base64url) of the cookie's token. */
  token_hash: string;
  admin_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  address: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

/** Failed identity checks on the captive portal, per `nik:<blind index>` or `mac:<AA:BB:…>`. */
export interface PortalAttemptTable {
  /** `addr:<ip or /64>`, `nik:<blind index>` or `all`: never a NIK in clear. */
  key: string;
  failures: number;
  window_started_at: number;
  locked_until: number | null;
  /** 1 when the last booking statement let its try through (read back through RETURNING). */
  admitted: Generated<number>;
  updated_at: number;
  /** After this the row means nothing; pruned. */
  expires_at: Generated<number>;
}

/** A single-use hotspot credential the portal issues after NIK + PIN; RADIUS binds the MAC that uses it. */
export interface LoginTicketTable {
  /** `wt-…` */
  username: string;
  account_id: number;
  /** AES-256-GCM under the server key. */
  secret_enc: string;
  label: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_mac: string | null;
}

export type ResidentRow = Selectable<ResidentTable>;
export type NewResident = Insertable<ResidentTable>;
export type ResidentUpdate = Updateable<ResidentTable>;
export type PlanRow = Selectable<PlanTable>;
export type NewPlan = Insertable<PlanTable>;
export type AccountRow = Selectable<AccountTable>;
export type DeviceRow = Selectable<DeviceTable>;
export type RouterRow = Selectable<RouterTable>;
export type SessionRow = Selectable<SessionTable>;
export type AdminUserRow = Selectable<AdminUserTable>;

export interface VoucherTable {
  id: Generated<number>;
  batch: string;
  plan_id: number;
  /** Keyed index (HMAC under the server key) of the code: the hotspot user name. */
  code_index: string;
  /** AES-GCM under the server key: CHAP needs the code back. */
  code_enc: string;
  /** Only when the password is not the code. */
  password_enc: string | null;
  validity_s: number;
  /** 'first-login' | 'creation' */
  validity_from: string;
  expires_at: number | null;
  quota_bytes: number | null;
  devices_allowed: number;
  /** Comma-separated canonical MACs. */
  bound_macs: Generated<string>;
  /** Rupiah; null: free. */
  price: number | null;
  note: string | null;
  first_login_at: number | null;
  revoked_at: number | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  /** In + out over its sessions, added by accounting (kept when old sessions are deleted). */
  used_bytes: Generated<number>;
  used_seconds: Generated<number>;
  /** When the quota ran out. */
  used_up_at: number | null;
}

/** `warganet key rotate`'s progress per table of secrets (src/ops/key-rotation.ts); empty between rotations. */
export interface KeyRotationTable {
  step: string;
  last_id: Generated<number>;
  rewritten: Generated<number>;
  done: Generated<number>;
  updated_at: number;
}

/** The node's link to its regency Worker (one row, id 1). */
export interface RegencyLinkTable {
  id: number;
  url: string;
  /** Kode desa, 10 digits as the wire carries it. */
  village: string;
  /** AES-GCM under the server key. */
  token_enc: string;
  joined_at: number;
  last_success_at: number | null;
  today_sent_at: number | null;
  failures: Generated<number>;
  next_try: Generated<number>;
  last_error: string | null;
  last_error_at: number | null;
}

/** A closed day waiting for (or past) its send: one row per village and local day. */
export interface RegencyOutboxTable {
  village: string;
  day: string;
  /** RegencyDay JSON (final). */
  payload: string;
  computed_at: number;
  sent_at: number | null;
  attempts: Generated<number>;
  next_try: Generated<number>;
  last_error: string | null;
}

/** A public-service holder of devices (the school, the puskesmas, the balai desa kiosk): no resident behind it. */
export interface InstitutionTable {
  id: Generated<number>;
  name: string;
  /** 'sekolah' | 'puskesmas' | 'balai-desa' | 'lainnya' */
  kind: string;
  dusun: string | null;
  /** Null: the default plan. */
  plan_id: number | null;
  /** MikroTik queue priority 1 (highest) – 8, over the plan's; null: the plan's. */
  priority: number | null;
  note: string | null;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A device of an institution, logged in by MAC authentication. */
export interface InstitutionDeviceTable {
  id: Generated<number>;
  institution_id: number;
  /** Upper-case, colon-separated. */
  mac: string;
  label: string | null;
  created_at: number;
}

/** Institution traffic per local day and router (usage_daily books it to device 0). */
export interface UsageInstitutionDailyTable {
  day: string;
  institution_id: number;
  router_id: number;
  bytes_in: Generated<number>;
  bytes_out: Generated<number>;
  seconds: Generated<number>;
  sessions: Generated<number>;
}
