// The RADIUS use cases over their stores, as createServices registers them. Settings that only the radius role
// knows (interim interval) have defaults here and are overridden when that role starts.

import type { Keyring } from '../keyring.js';
import type { AccountingStore } from './accounting.js';
import { type AuthLogStore, createAuthLogService } from './auth-log.js';
import { createNasService, type NasStore } from './radius-nas.js';
import { createSessionService, type SessionStore } from './radius-sessions.js';

export function createRadiusServices(deps: {
  stores: { radius: NasStore & SessionStore; authLog: AuthLogStore; accounting: AccountingStore };
  keyring: Keyring;
  now: () => number;
  authLogRetentionDays?: number;
}) {
  return {
    nas: createNasService({ store: deps.stores.radius, keyring: deps.keyring, now: deps.now }),
    sessions: createSessionService({ store: deps.stores.radius, keyring: deps.keyring }),
    authLog: createAuthLogService({
      store: deps.stores.authLog,
      now: deps.now,
      retentionDays: deps.authLogRetentionDays ?? 90,
    }),
  };
}
