// Binding a device to a resident's account: the one place that decides whether a MAC becomes (or already is)
// one of the account's devices, within the plan's device count. Two front doors reach it: a router's
// Access-Request that used a login ticket (the MAC is the router's Calling-Station-Id, never one a browser
// named), and an operator adding a device without a browser (`device add`, the operator vouches for the MAC).
import { newDevicePassword, newDeviceUsername } from '../../domain/device-credentials.js';
import { type AuditEntry, auditDetail } from '../audit/audit.js';
import { ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import type { DeviceRecord, DeviceStore } from './device-record.js';

export const PORTAL_ACTOR = 'portal';

export interface BindingAccount {
  readonly id: number;
}

export interface BindingPlan {
  readonly name: string;
  readonly devices_allowed: number;
}

export type DeviceBinding =
  | { readonly kind: 'bound'; readonly device: DeviceRecord; readonly added: false }
  /** A new device: its RADIUS password in clear this once (an operator hands it to a TV's settings). */
  | {
      readonly kind: 'bound';
      readonly device: DeviceRecord;
      readonly added: true;
      readonly password: string;
      readonly liveDevices: number;
    }
  | { readonly kind: 'mac-elsewhere' }
  /** The MAC is a device of an institution (school, puskesmas…): it is not a resident's to claim. */
  | { readonly kind: 'institution'; readonly institution: string }
  | { readonly kind: 'full'; readonly devicesAllowed: number; readonly liveDevices: number };

/** Who binds, for the audit log: the portal (through a ticket) or an operator. */
export interface BindingActor {
  readonly actor: string;
  readonly via?: string | undefined;
}

export type BindingDevices = Pick<DeviceStore, 'findLiveByMac' | 'institutionOfMac' | 'createWithinLimit'>;

/**
 * Binds the device with this canonical MAC to the account: the one it has, or a new device while the plan
 * allows another. `devices` may be a transaction's, so that the binding commits with whatever it belongs to.
 */
export async function bindDevice(
  deps: { readonly keyring: Keyring; readonly now: () => number },
  devices: BindingDevices,
  account: BindingAccount,
  plan: BindingPlan,
  mac: string,
  label: string | undefined,
  by: BindingActor,
): Promise<DeviceBinding> {
  const institution = await devices.institutionOfMac(mac);
  if (institution !== undefined) return { kind: 'institution', institution };
  const existing = await devices.findLiveByMac(mac);
  if (existing) {
    return existing.account_id === account.id
      ? { kind: 'bound', device: existing, added: false }
      : { kind: 'mac-elsewhere' };
  }
  const password = newDevicePassword();
  const secret_enc = await deps.keyring.encrypt(password);
  const at = deps.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const username = newDeviceUsername();
    const outcome = await devices.createWithinLimit(
      { account_id: account.id, mac, username, secret_enc, label: label || null, created_at: at },
      plan.devices_allowed,
      (id): AuditEntry => ({
        at,
        actor: by.actor,
        action: 'device.add',
        target: `device:${id}`,
        detail: auditDetail({
          account_id: account.id,
          mac,
          username,
          label: label || undefined,
          via: by.via,
        }),
      }),
    );
    if (outcome.ok) {
      return {
        kind: 'bound',
        device: outcome.device,
        added: true,
        password,
        liveDevices: outcome.liveDevices,
      };
    }
    if (outcome.reason === 'limit-reached') {
      return { kind: 'full', devicesAllowed: plan.devices_allowed, liveDevices: outcome.liveDevices };
    }
    if (outcome.reason === 'mac-taken') return { kind: 'mac-elsewhere' };
  }
  // A fresh user name clashes with about one chance in 10^12; five tries failing means something else is wrong.
  throw new ServiceError('unavailable', 'gagal membuat nama pengguna unik; coba lagi');
}
