// The RADIUS use cases over their stores, built once by createServices: router lookup, subject lookup, the auth
// log, accounting, sessions and their retention. The radius role's settings (interim interval, lookup
// concurrency, retention) and its observers (metrics, logs) arrive from the composition root.

import { createInstitutionAccess } from '../institutions/institution-access.js';
import type { InstitutionStore } from '../institutions/institution-ports.js';
import type { Keyring } from '../keyring.js';
import type { LoginTicketService } from '../portal/login-tickets.js';
import type { VoucherService } from '../vouchers/vouchers.js';
import { type AccountingOp, type AccountingStore, createAccountingService } from './accounting.js';
import { type AuthLogStore, createAuthLogService } from './auth-log.js';
import type { LiveSessionControl } from './live-sessions.js';
import { createSubjectService, type SubjectStore } from './radius-auth.js';
import { createNasService, type NasStore } from './radius-nas.js';
import { createSessionService, type SessionStore } from './radius-sessions.js';
import { createStepDownWatcher, type StepDownOutcome } from './step-down.js';

/** What the radius role reports while it works; metrics and logs on Node, nothing by default. */
export interface RadiusObserver {
  readonly onAuthLogWrite?: ((rows: number) => void) | undefined;
  readonly onAuthLogError?: ((error: unknown) => void) | undefined;
  readonly onAccountingCommit?:
    | ((ops: readonly AccountingOp[], ok: boolean, error?: unknown) => void)
    | undefined;
}

export interface RadiusServiceSettings {
  readonly interimIntervalS?: number | undefined;
  /** Parallel lookups: 1 on SQLite (one connection), more on PostgreSQL. */
  readonly lookupConcurrency?: number | undefined;
  readonly authLogRetentionDays?: number | undefined;
  readonly observer?: RadiusObserver | undefined;
}

export function createRadiusServices(deps: {
  stores: {
    radius: NasStore & SessionStore & SubjectStore;
    authLog: AuthLogStore;
    accounting: AccountingStore;
  };
  keyring: Keyring;
  now: () => number;
  timeZone: string;
  /** The portal's login tickets: the same service redeems them when the router's Access-Request arrives. */
  tickets: LoginTicketService;
  /** Vouchers, decided by their own service; RADIUS asks it when a User-Name is no device. */
  vouchers?: VoucherService | undefined;
  /** Institution devices (MAC logins that are no resident's device). */
  institutionStore?: Pick<InstitutionStore, 'deviceFacts' | 'usedBetween'> | undefined;
  /** Routers by id, for CoA to a session's router (step-down). */
  routerStore?:
    | { findById(id: number): Promise<{ nasIp: string; radiusSecretEnc: string } | undefined> }
    | undefined;
  settings?: RadiusServiceSettings | undefined;
}) {
  const settings = deps.settings ?? {};
  const observer = settings.observer ?? {};
  const subjects = createSubjectService({
    store: deps.stores.radius,
    keyring: deps.keyring,
    now: deps.now,
    timeZone: deps.timeZone,
    interimIntervalS: settings.interimIntervalS ?? 300,
    concurrency: settings.lookupConcurrency ?? 1,
  });
  const routers = deps.routerStore;
  const institutions =
    deps.institutionStore &&
    createInstitutionAccess({
      store: deps.institutionStore,
      plans: () => deps.stores.radius.findPlans(),
      now: deps.now,
      timeZone: deps.timeZone,
      interimIntervalS: settings.interimIntervalS ?? 300,
    });
  return {
    nas: createNasService({ store: deps.stores.radius, keyring: deps.keyring, now: deps.now }),
    sessions: createSessionService({ store: deps.stores.radius, keyring: deps.keyring }),
    subjects,
    /**
     * The step-down watcher over the radius role's way to change live sessions (CoA, then Disconnect); without
     * a router store (Workers) there is none.
     */
    stepDown: (
      control: LiveSessionControl,
      observers: {
        onResult?: (o: StepDownOutcome) => void;
        onError?: (e: unknown) => void;
      } = {},
    ) =>
      routers &&
      createStepDownWatcher({
        subjects,
        institutions,
        plans: () => deps.stores.radius.findPlans(),
        routerById: (id) => routers.findById(id),
        keyring: deps.keyring,
        control,
        now: deps.now,
        ...observers,
      }),
    authLog: createAuthLogService({
      store: deps.stores.authLog,
      now: deps.now,
      retentionDays: settings.authLogRetentionDays ?? 90,
      onWrite: observer.onAuthLogWrite,
      onError: observer.onAuthLogError,
    }),
    accounting: createAccountingService({
      store: deps.stores.accounting,
      timeZone: deps.timeZone,
      onCommit: observer.onAccountingCommit,
    }),
    tickets: deps.tickets,
    vouchers: deps.vouchers,
    institutions,
    interimIntervalS: settings.interimIntervalS ?? 300,
    /** Ended sessions older than the cutoff are deleted (usage_daily keeps the totals); returns how many. */
    pruneEndedSessions: (cutoff: number) => deps.stores.accounting.deleteSessionsEndedBefore(cutoff),
  };
}

export type RadiusServices = ReturnType<typeof createRadiusServices>;
