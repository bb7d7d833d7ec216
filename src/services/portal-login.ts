// The last step of the portal: the router's login form filled in for a device, with no password typed. The
// device's RADIUS secret is opened here and leaves only as the CHAP answer to the router's challenge (or, when
// the hotspot offers no CHAP, as the form's password field, which goes to the router alone).
import { chapLoginPassword } from '../domain/chap.js';
import { normalizeMac } from '../domain/mac.js';
import type { Keyring } from './keyring.js';

export interface LoginDevice {
  readonly device_id: number;
  readonly username: string;
  readonly secret_enc: string;
  readonly account_status: string;
  readonly resident_active: boolean;
}

export interface LoginStore {
  /** The live device with this MAC, with what decides whether it may log in now. */
  findLoginDevice(mac: string): Promise<LoginDevice | undefined>;
}

export type LoginForm =
  | { readonly kind: 'form'; readonly username: string; readonly password: string; readonly chap: boolean }
  /** No live device has this MAC. */
  | { readonly kind: 'unknown' }
  /** The device exists but its account may not log in (pending, suspended, left the roster). */
  | { readonly kind: 'not-allowed'; readonly accountStatus: string; readonly residentActive: boolean }
  /** The hotspot's challenge could not be read. */
  | { readonly kind: 'bad-challenge' };

export function createPortalLoginService(deps: { store: LoginStore; keyring: Keyring }) {
  // Opened secrets by their sealed form, as the RADIUS side keeps them: a known phone comes back often, and
  // AES-GCM per page is most of the work of this page. Bounded; a village has thousands of devices.
  const secrets = new Map<string, string>();
  const open = async (sealed: string) => {
    const known = secrets.get(sealed);
    if (known !== undefined) return known;
    const secret = await deps.keyring.decrypt(sealed);
    if (secrets.size >= 20_000) secrets.clear();
    secrets.set(sealed, secret);
    return secret;
  };
  return {
    async loginForm(macText: string, chapId: string, chapChallenge: string): Promise<LoginForm> {
      const mac = normalizeMac(macText);
      const device = mac ? await deps.store.findLoginDevice(mac) : undefined;
      if (!device) return { kind: 'unknown' };
      if (device.account_status !== 'active' || !device.resident_active) {
        return {
          kind: 'not-allowed',
          accountStatus: device.account_status,
          residentActive: device.resident_active,
        };
      }
      const secret = await open(device.secret_enc);
      if (!chapId && !chapChallenge)
        return { kind: 'form', username: device.username, password: secret, chap: false };
      const chap = chapLoginPassword(chapId, chapChallenge, secret);
      if (!chap.ok) return { kind: 'bad-challenge' };
      return { kind: 'form', username: device.username, password: chap.password, chap: true };
    },
  };
}

export type PortalLoginService = ReturnType<typeof createPortalLoginService>;
