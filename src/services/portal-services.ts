// The captive portal's use cases over the shared stores, with the settings only the portal has (minimum age,
// what to do with a registration the roster does not confirm) and, on Node, a way to disconnect a removed device.
import { type CheckGate, createCheckGate } from './check-gate.js';
import type { ServiceDeps } from './index.js';
import { createPinCheck } from './pin-check.js';
import { createPortalLoginService } from './portal-login.js';
import { createPortalStatusService } from './portal-status.js';
import { createPortalTokens } from './portal-tokens.js';
import { createRegistrationService } from './registration.js';

export interface PortalSettings {
  readonly minAge: number;
  readonly unverifiedPolicy: 'refuse' | 'pending';
  /** Acct-Interim-Interval in seconds: a session silent for three of them is taken as gone. */
  readonly interimIntervalS: number;
  readonly disconnectDevice?: ((deviceId: number) => Promise<void>) | undefined;
  /** The gate in front of slow PIN hashes (WARGANET_PIN_CHECKS, WARGANET_PIN_QUEUE); 2 at once, 64 waiting. */
  readonly pinGate?: CheckGate | undefined;
}

/** What a client turned away by a full PIN-check queue is told to wait: a few checks' time. */
const BUSY_RETRY_S = 5;

export function createPortalServices(deps: ServiceDeps, settings: PortalSettings) {
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
        devices: stores.devices,
        plans: stores.plans,
      },
      keyring: deps.keyring,
      now: deps.now,
      villageCode: deps.villageCode,
      minAge: settings.minAge,
      unverifiedPolicy: settings.unverifiedPolicy,
      pins,
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
