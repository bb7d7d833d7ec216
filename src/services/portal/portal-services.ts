// The captive portal's use cases over the shared stores, with the settings only the portal has (minimum age,
// what to do with a registration the roster does not confirm) and, on Node, a way to disconnect a removed device.

import { type CheckGate, createCheckGate } from '../accounts/check-gate.js';
import { createPinCheck } from '../accounts/pin-check.js';
import type { Keyring } from '../keyring.js';
import { createHotspotAddressService } from './hotspot-addresses.js';
import { createLoginTicketService } from './login-tickets.js';
import { createPortalStatusService } from './portal-status.js';
import { createPortalTokens } from './portal-tokens.js';
import { createRegistrationService } from './registration.js';

// biome-ignore lint/suspicious/noExplicitAny: any deps object with stores; only its stores are read
type StoresOf<F extends (deps: any) => unknown> = Parameters<F>[0]['stores'];
type RegistrationStores = StoresOf<typeof createRegistrationService>;
type StatusStores = StoresOf<typeof createPortalStatusService>;
type TicketStores = StoresOf<typeof createLoginTicketService>;

/** The storage the portal's use cases need: the ports these services own, implemented in db/stores. */
export interface PortalServiceDeps {
  readonly stores: {
    readonly portal: RegistrationStores['portal'] & StatusStores['status'] & TicketStores['accounts'];
    readonly plans: StatusStores['plans'] & TicketStores['plans'];
    readonly loginTickets: TicketStores['tickets'];
    readonly attempts: Parameters<typeof createPinCheck>[0]['attempts'];
    readonly routers: Parameters<typeof createHotspotAddressService>[0]['store'];
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
  /** After a PIN under the old key was hashed again under the current one (the old key may go now). */
  readonly afterPinUpgrade?: (() => Promise<void>) | undefined;
  /** The gate in front of slow PIN hashes (WARGANET_PIN_CHECKS, WARGANET_PIN_QUEUE); 2 at once, 64 waiting. */
  readonly pinGate?: CheckGate | undefined;
}

/** What a client turned away by a full PIN-check queue is told to wait: a few checks' time. */
const BUSY_RETRY_S = 5;

export function createPortalServices(deps: PortalServiceDeps, settings: PortalSettings) {
  const { stores } = deps;
  const pins = createPinCheck({
    attempts: stores.attempts,
    keyring: deps.keyring,
    now: deps.now,
    gate: settings.pinGate ?? createCheckGate({ concurrency: 2, queue: 64 }),
    busyRetryS: BUSY_RETRY_S,
  });
  return {
    pins,
    registration: createRegistrationService({
      stores: {
        portal: stores.portal,
      },
      keyring: deps.keyring,
      now: deps.now,
      villageCode: deps.villageCode,
      minAge: settings.minAge,
      unverifiedPolicy: settings.unverifiedPolicy,
      pins,
      disconnectDevice: settings.disconnectDevice,
      afterPinUpgrade: settings.afterPinUpgrade,
    }),
    status: createPortalStatusService({
      stores: { status: stores.portal, plans: stores.plans },
      now: deps.now,
      timeZone: deps.timeZone,
      staleAfterMs: (settings.interimIntervalS * 3 + 120) * 1000,
    }),
    tickets: createLoginTicketService({
      stores: { tickets: stores.loginTickets, accounts: stores.portal, plans: stores.plans },
      keyring: deps.keyring,
      now: deps.now,
    }),
    hotspots: createHotspotAddressService({ store: stores.routers, now: deps.now }),
    tokens: createPortalTokens({ keyring: deps.keyring, now: deps.now }),
  };
}

export type PortalServices = ReturnType<typeof createPortalServices>;
