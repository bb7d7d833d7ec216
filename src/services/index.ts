// The use cases every transport shares, created once in a composition root and passed in.
import type { Stores } from '../../db/stores/index.js';
import type { Keyring } from './keyring.js';

export interface ServiceDeps {
  readonly stores: Stores;
  readonly keyring: Keyring;
  /** Epoch milliseconds; tests pass a fixed clock. */
  readonly now: () => number;
  readonly villageCode: string;
  readonly timeZone: string;
}

export function createServices(deps: ServiceDeps) {
  return { deps };
}

export type Services = ReturnType<typeof createServices>;
