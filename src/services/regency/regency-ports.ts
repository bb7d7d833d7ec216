// What the regency Worker's services need from storage (D1 in production; implemented in
// db/stores/regency-view-store.ts). Aggregates only: villages, their days, their officials.
import type { CoverageRowWire, RegencyDay } from '../../domain/regency-payload.js';

export interface VillageRecord {
  readonly code: string;
  readonly name: string;
  readonly kecamatan: string;
  /** Null when the village's token is revoked. */
  readonly tokenSalt: string | null;
  readonly lastReceivedAt: number | null;
  readonly lastDay: string | null;
  readonly stoppedSince: string | null;
}

export interface DayToWrite {
  readonly day: RegencyDay;
  readonly computedAtMs: number;
}

export interface IngestStore {
  village(code: string): Promise<VillageRecord | undefined>;
  /** Remembers a nonce of a village until `expiresAt`; false when it was already there (a replay). */
  rememberNonce(village: string, nonce: string, expiresAt: number): Promise<boolean>;
  /** computed_at (ms) of the days already stored, by day. */
  storedDays(village: string, days: readonly string[]): Promise<Map<string, number>>;
  /** The day of the village's stored coverage snapshot. */
  coverageDay(village: string): Promise<string | undefined>;
  /** Replaces the given days (and the coverage, when given) in one atomic write. */
  writeDays(
    village: string,
    days: readonly DayToWrite[],
    coverage: { day: string; rows: readonly CoverageRowWire[] } | undefined,
    receivedAt: number,
  ): Promise<void>;
}

export interface VillageStore {
  village(code: string): Promise<VillageRecord | undefined>;
  list(scope: AreaScope): Promise<VillageRecord[]>;
  /** Enrols a village, or false when the code is taken. */
  insert(v: {
    code: string;
    name: string;
    kecamatan: string;
    tokenSalt: string;
    at: number;
  }): Promise<boolean>;
  setSalt(code: string, tokenSalt: string | null, at: number): Promise<boolean>;
}

export type Scope = 'kabupaten' | 'kecamatan' | 'desa';

/** Which villages a reader sees: all, a kecamatan's, or one. */
export type AreaScope =
  | { readonly scope: 'kabupaten' }
  | { readonly scope: 'kecamatan'; readonly kecamatan: string }
  | { readonly scope: 'desa'; readonly village: string };

export interface MaintenanceStore {
  /** Marks villages whose last day is before `lastDayBefore` as stopped since their last day; returns how many. */
  markStopped(lastDayBefore: string): Promise<number>;
  pruneNonces(now: number): Promise<number>;
  pruneSessions(now: number): Promise<number>;
}

export interface OfficialRecord {
  readonly id: number;
  readonly name: string;
  readonly scope: Scope;
  /** The kecamatan's name or the village's code; null for kabupaten. */
  readonly area: string | null;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

export interface OfficialStore {
  insertOfficial(o: {
    name: string;
    scope: Scope;
    area: string | null;
    tokenHash: string;
    at: number;
  }): Promise<number>;
  officialByTokenHash(tokenHash: string): Promise<OfficialRecord | undefined>;
  official(id: number): Promise<OfficialRecord | undefined>;
  listOfficials(): Promise<OfficialRecord[]>;
  revokeOfficial(id: number, at: number): Promise<boolean>;
  insertSession(idHash: string, officialId: number, expiresAt: number): Promise<void>;
  /** The official id of a live session (0 for the regency admin). */
  session(idHash: string, now: number): Promise<number | undefined>;
  deleteSession(idHash: string): Promise<void>;
}

/** The villages a read covers: the reader's area, narrowed by the query's kecamatan or village. */
export interface VillageFilter {
  readonly area: AreaScope;
  readonly kecamatan?: string | undefined;
  readonly village?: string | undefined;
}

export type UsageGroup = 'day' | 'kecamatan' | 'village' | 'router' | 'dusun' | 'plan';
export type CoverageGroup = 'kecamatan' | 'village' | 'dusun';

export interface UsageSums {
  readonly bytesDown: number;
  readonly bytesUp: number;
  readonly sessions: number;
  /** Distinct devices and residents of the row's busiest day (exact for one day). */
  readonly devices: number;
  readonly residents: number;
}

export interface GroupRow {
  readonly key: string;
  /** The village and kecamatan of the row, when the grouping has one. */
  readonly village?: string | undefined;
  readonly kecamatan?: string | undefined;
}

export interface CoverageSums {
  readonly residents: number;
  readonly registered: number;
  readonly households: number;
  readonly householdsConnected: number;
}

export interface VillagePeriodRow {
  readonly code: string;
  readonly name: string;
  readonly kecamatan: string;
  readonly daysReceived: number;
  readonly bytesDown: number;
  readonly bytesUp: number;
  readonly sessions: number;
  readonly upMs: number;
  readonly downMs: number;
  readonly vouchersCreated: number;
  readonly vouchersUsed: number;
  readonly voucherRevenueRp: number;
}

export interface ReadStore {
  usage(f: VillageFilter, from: string, to: string, by: UsageGroup): Promise<Array<GroupRow & UsageSums>>;
  usageTotals(f: VillageFilter, from: string, to: string): Promise<UsageSums>;
  /** Each village's month-to-date distinct counts on its latest day received in [from, to]. */
  monthToDate(
    f: VillageFilter,
    from: string,
    to: string,
  ): Promise<Array<{ village: string; kecamatan: string; devices: number; residents: number }>>;
  coverage(f: VillageFilter, by: CoverageGroup): Promise<Array<GroupRow & CoverageSums>>;
  villages(f: VillageFilter): Promise<VillageRecord[]>;
  /** Per village in the filter (reporting or not): its figures over the period. */
  villagePeriod(f: VillageFilter, from: string, to: string): Promise<VillagePeriodRow[]>;
  /** Bytes and sessions by weekday (0 = Monday) and hour. */
  heatMap(
    f: VillageFilter,
    from: string,
    to: string,
  ): Promise<Array<{ weekday: number; hour: number; bytes: number; sessions: number }>>;
}
