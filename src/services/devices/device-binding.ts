// Binding a device to a resident's account: the one place that decides whether a MAC becomes (or already is)
// one of the account's devices, within the plan's device count. Reached only from a router's Access-Request
// that used a login ticket: the MAC is the router's Calling-Station-Id, never one a browser named.
import { newDevicePassword, newDeviceUsername } from '../../domain/device-credentials.js';
import { type AuditEntry, auditDetail } from '../audit/audit.js';
import type { Keyring } from '../keyring.js';
import type { DeviceRecord, DeviceStore } from './devices.js';

export const PORTAL_ACTOR = 'portal';

export interface BindingAccount {
  readonly id: number;
}

export interface BindingPlan {
  readonly name: string;
  readonly devices_allowed: number;
}

export type DeviceBinding =
  | { readonly kind: 'bound'; readonly device: DeviceRecord; readonly added: boolean }
  | { readonly kind: 'mac-elsewhere' }
  | { readonly kind: 'full'; readonly devicesAllowed: number };

export type BindingDevices = Pick<DeviceStore, 'findLiveByMac' | 'createWithinLimit'>;

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
  via: string,
): Promise<DeviceBinding> {
  const existing = await devices.findLiveByMac(mac);
  if (existing) {
    return existing.account_id === account.id
      ? { kind: 'bound', device: existing, added: false }
      : { kind: 'mac-elsewhere' };
  }
  const secret_enc = await deps.keyring.encrypt(newDevicePassword());
  const at = deps.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const username = newDeviceUsername();
    const outcome = await devices.createWithinLimit(
      { account_id: account.id, mac, username, secret_enc, label: label || null, created_at: at },
      plan.devices_allowed,
      (id): AuditEntry => ({
        at,
        actor: PORTAL_ACTOR,
        action: 'device.add',
        target: `device:${id}`,
        detail: auditDetail({ account_id: account.id, mac, username, label: label || undefined, via }),
      }),
    );
    if (outcome.ok) return { kind: 'bound', device: outcome.device, added: true };
    if (outcome.reason === 'limit-reached') return { kind: 'full', devicesAllowed: plan.devices_allowed };
    if (outcome.reason === 'mac-taken') return { kind: 'mac-elsewhere' };
  }
  throw new Error('could not find a free device user name');
}
