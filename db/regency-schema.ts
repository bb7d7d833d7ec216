// Row types of the regency Worker's D1 database (db/d1-migrations), as Kysely sees them. Separate from the
// village node's schema: the two databases share no table.
import type { Generated } from 'kysely';

export interface RegencyDatabase {
  villages: VillageTable;
  village_days: VillageDayTable;
  village_usage: VillageUsageTable;
  village_hourly: VillageHourlyTable;
  village_uptime: VillageUptimeTable;
  village_coverage: VillageCoverageTable;
  village_months: VillageMonthTable;
  village_heat_months: VillageHeatMonthTable;
  kecamatan_days: KecamatanDayTable;
  ingest_nonces: IngestNonceTable;
  officials: OfficialTable;
  official_sessions: OfficialSessionTable;
}

export interface VillageTable {
  code: string;
  name: string;
  kecamatan: string;
  token_salt: string | null;
  created_at: number;
  token_issued_at: number | null;
  last_received_at: number | null;
  last_day: string | null;
  stopped_since: string | null;
}

export interface VillageDayTable {
  village: string;
  day: string;
  final: number;
  computed_at: number;
  received_at: number;
  bytes_down: number;
  bytes_up: number;
  sessions: number;
  devices: number;
  residents: number;
  mtd_devices: number;
  mtd_residents: number;
  vouchers_created: number;
  vouchers_used: number;
  vouchers_expired: number;
  voucher_revenue_rp: number;
}

export interface VillageUsageTable {
  village: string;
  day: string;
  dim: 'router' | 'dusun' | 'plan';
  key: string;
  bytes_down: number;
  bytes_up: number;
  sessions: number;
  devices: number;
  residents: number;
}

export interface VillageHourlyTable {
  village: string;
  day: string;
  hour: number;
  bytes: number;
  sessions: number;
}

export interface VillageUptimeTable {
  village: string;
  day: string;
  router: string;
  up_ms: number;
  down_ms: number;
  peak_sessions: number;
}

export interface VillageCoverageTable {
  village: string;
  day: string;
  dusun: string;
  rw: string;
  rt: string;
  residents: number;
  registered: number;
  households: number;
  households_connected: number;
}

/** Rollups kept by the ingest (db/d1-migrations/0002_regency_rollups.sql). */
export interface VillageMonthTable {
  village: string;
  month: string;
  days: number;
  last_day: string;
  bytes_down: number;
  bytes_up: number;
  sessions: number;
  peak_devices: number;
  peak_residents: number;
  mtd_devices: number;
  mtd_residents: number;
  vouchers_created: number;
  vouchers_used: number;
  vouchers_expired: number;
  voucher_revenue_rp: number;
  up_ms: number;
  down_ms: number;
}

export interface VillageHeatMonthTable {
  village: string;
  month: string;
  weekday: number;
  hour: number;
  bytes: number;
  sessions: number;
}

export interface KecamatanDayTable {
  kecamatan: string;
  day: string;
  villages: number;
  bytes_down: number;
  bytes_up: number;
  sessions: number;
  devices: number;
  residents: number;
}

export interface IngestNonceTable {
  village: string;
  nonce: string;
  expires_at: number;
}

export interface OfficialTable {
  id: Generated<number>;
  name: string;
  scope: 'kabupaten' | 'kecamatan' | 'desa';
  area: string | null;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export interface OfficialSessionTable {
  id_hash: string;
  official_id: number;
  expires_at: number;
}
