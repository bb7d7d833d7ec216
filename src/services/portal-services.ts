// The captive portal's use cases over the shared stores, with the settings only the portal has (minimum age,
// what to do with a registration the roster does not confirm) and, on Node, a way to disconnect a removed device.

import type { Keyring } from './keyring.js';
import type { AttemptStore } from './portal-attempts.js';
import type { LoginStore } from './portal-login.js';
import { createPortalLoginService } from './portal-login.js';
import type { StatusStore } from './portal-status.js';
import { createPortalStatusService } from './portal-status.js';
import { createPortalTokens } from './portal-tokens.js';
import { createRegistrationService, type RegistrationDeps, type RegistrationStore } from './registration.js';

/** The storage the portal's use cases need: ports these services own, implemented in db/stores. */
export interface PortalServiceDeps {
  readonly stores: {
    readonly portal: RegistrationStore & AttemptStore & StatusStore & LoginStore;
    readonly devices: RegistrationDeps['stores']['devices'];
    readonly plans: RegistrationDeps['stores']['plans'];
  };
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
  readonly timeZone: string;
}

export interface PortalSettings {
  readonly minAge: number;
  readonly unverifiedPolicy: 'refuse' | 'pending';
  /** Acct-Interim-Interval in seconds: a session silent for three of them is taken as gone. */
  readonly interimIntervalS: number;
  readonly disconnectDevice?: ((deviceId: number) => Promise<void>) | undefined;
}

export function createPortalServices(deps: PortalServiceDeps, settings: PortalSettings) {
  const { stores } = deps;
  return {
    registration: createRegistrationService({
      stores: {
        portal: stores.portal,
        attempts: stores.portal,
        devices: stores.devices,
        plans: stores.plans,
      },
      keyring: deps.keyring,
      now: deps.now,
      villageCode: deps.villageCode,
      minAge: settings.minAge,
      unverifiedPolicy: settings.unverifiedPolicy,
      disconnectDevice: settings.disconnectDevice,
    }),
    status: createPortalStatusService({
      stores: { status: stores.portal, plans: stores.plans },
      now: deps.now,
      timeZone: deps.timeZone,
      staleAfterMs: (settings.interimIntervalS * 3 + 120) * 1000,
    }),
    login: createPortalLoginService({ store: stores.portal, keyring: deps.keyring }),
    tokens: createPortalTokens({ keyring: deps.keyring, now: deps.now }),
  };
}

export type PortalServices = ReturnType<typeof createPortalServices>;
