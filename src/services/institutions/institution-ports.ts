// What the institution service needs from storage, and the record shapes it speaks.
import type { AuditEntry } from '../audit/audit.js';

export const INSTITUTION_KINDS = ['sekolah', 'puskesmas', 'balai-desa', 'lainnya'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export interface InstitutionDevice {
  readonly id: number;
  /** Upper-case with colons. */
  readonly mac: string;
  readonly label: string | null;
  readonly createdAt: number;
}

/** The settings of an institution, as stored. */
export interface InstitutionFields {
  readonly name: string;
  readonly kind: InstitutionKind;
  readonly dusun: string | null;
  /** Null: the default plan. */
  readonly planId: number | null;
  /** MikroTik queue priority 1 (highest) – 8 over the plan's; null: the plan's. */
  readonly priority: number | null;
  readonly note: string | null;
  readonly disabled: boolean;
}

export interface InstitutionRecord extends Omit<InstitutionFields, 'disabled'> {
  readonly id: number;
  /** The plan's name; null when it follows the default plan. */
  readonly planName: string | null;
  readonly disabledAt: number | null;
  readonly devices: readonly InstitutionDevice[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An institution's traffic over a period (the rollup usage_institution_daily). */
export interface InstitutionUsage {
  readonly institutionId: number;
  readonly bytesDown: number;
  readonly bytesUp: number;
  readonly sessions: number;
}

/** What RADIUS needs to decide a MAC login of an institution's device. */
export interface InstitutionDeviceFacts {
  readonly deviceId: number;
  readonly institutionId: number;
  readonly mac: string;
  readonly disabled: boolean;
  readonly planId: number | null;
  readonly priority: number | null;
}

export interface InstitutionStore {
  list(): Promise<InstitutionRecord[]>;
  findByName(name: string): Promise<InstitutionRecord | undefined>;
  create(fields: InstitutionFields, at: number, audit: AuditEntry): Promise<number>;
  update(id: number, fields: InstitutionFields, at: number, audit: AuditEntry): Promise<void>;
  /** Removes the institution and its devices; its usage rollup stays for the reports. */
  remove(id: number, audit: AuditEntry): Promise<void>;
  addDevice(
    institutionId: number,
    mac: string,
    label: string | null,
    at: number,
    audit: AuditEntry,
  ): Promise<void>;
  removeDevice(deviceId: number, audit: AuditEntry): Promise<void>;
  /** The institution holding a MAC, by name; undefined when none does. */
  holderOfMac(mac: string): Promise<{ deviceId: number; institution: string } | undefined>;
  /** Whether a resident's live (not revoked) device has this MAC. */
  residentHasMac(mac: string): Promise<boolean>;
  planIdByName(name: string): Promise<{ id: number; name: string } | undefined>;
  usage(from: string, to: string): Promise<InstitutionUsage[]>;
  /** For RADIUS. */
  deviceFacts(mac: string): Promise<InstitutionDeviceFacts | undefined>;
  /** Bytes (in + out) per institution over `fromDay` ≤ day ≤ `toDay`. */
  usedBetween(institutionId: number, fromDay: string, toDay: string): Promise<number>;
}
