// A device as the services speak of it, and the storage port that adds one within its plan's count.
import type { AuditEntry } from '../audit/audit.js';

export interface NewDeviceFields {
  readonly account_id: number;
  /** Canonical AA:BB:CC:DD:EE:FF. */
  readonly mac: string;
  readonly username: string;
  readonly secret_enc: string;
  readonly label: string | null;
  readonly created_at: number;
}

export interface DeviceRecord {
  readonly id: number;
  readonly account_id: number;
  readonly mac: string;
  readonly username: string;
  readonly label: string | null;
  readonly created_at: number;
}

export type DeviceCreateOutcome =
  | { readonly ok: true; readonly device: DeviceRecord; readonly liveDevices: number }
  | { readonly ok: false; readonly reason: 'limit-reached'; readonly liveDevices: number }
  | { readonly ok: false; readonly reason: 'mac-taken' | 'username-taken' };

export interface DeviceStore {
  findLiveByMac(mac: string): Promise<DeviceRecord | undefined>;
  /** The name of the institution whose device has this MAC, if any (such a MAC is never a resident's). */
  institutionOfMac(mac: string): Promise<string | undefined>;
  /**
   * In one transaction, serialised per account: inserts only while the account has fewer than `limit` live
   * devices, the MAC is on no live device and the user name is free, and audits the insert.
   */
  createWithinLimit(
    fields: NewDeviceFields,
    limit: number,
    audit: (deviceId: number) => AuditEntry,
  ): Promise<DeviceCreateOutcome>;
}
