// RADIUS accounting: each record is applied to its session and its byte deltas booked on the local day, in
// one transaction per group of concurrent records (group commit). The promise resolves only once that
// transaction is durable, and only then may the Accounting-Response go out.
import {
  type AccountingRecord,
  applyAccounting,
  closeSession,
  type SessionState,
} from '../../domain/accounting-session.js';
import { normalizeMac } from '../../domain/mac.js';
import { dayOf, hourOf } from '../../domain/quota-day.js';
import { createBatcher } from './radius-batch.js';

export type AccountingOp =
  | { readonly kind: 'record'; readonly record: AccountingRecord }
  /** Accounting-On / -Off: the router forgot its sessions. */
  | { readonly kind: 'close-router'; readonly routerId: number; readonly at: number; readonly cause: string };

export interface UsageRow {
  readonly day: string;
  readonly deviceId: number;
  readonly routerId: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly seconds: number;
  readonly sessions: number;
}

/** The same deltas per local hour and router, for the heat map and the busiest hours. */
export interface HourlyUsageRow {
  readonly day: string;
  readonly hour: number;
  readonly routerId: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly sessions: number;
}

/** Traffic of institution devices (Class `warganet:i=<id>`) per day, institution and router. */
export interface InstitutionUsageRow {
  readonly day: string;
  readonly institutionId: number;
  readonly routerId: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly seconds: number;
  readonly sessions: number;
}

// `:s` marks a session accepted at the plan's stepped-down rate (see step-down.ts), as on a device's Class.
const INSTITUTION_CLASS = /^warganet:i=(\d{1,15})(?::s)?$/;

/** The institution a session's Class names, or undefined. */
export function institutionOfClass(className: string | null): number | undefined {
  const m = className === null ? null : INSTITUTION_CLASS.exec(className);
  return m ? Number(m[1]) : undefined;
}

export interface AccountingWrites {
  readonly closeRouters: ReadonlyArray<{ routerId: number; at: number; cause: string }>;
  readonly sessions: readonly SessionState[];
  readonly usage: readonly UsageRow[];
  /** Absent: no hourly rollup (kept optional so a store test can write sessions alone). */
  readonly hourly?: readonly HourlyUsageRow[];
  /** Absent or empty: no institution traffic in the batch. */
  readonly institutions?: readonly InstitutionUsageRow[];
}

export interface SessionKey {
  readonly routerId: number;
  readonly acctSessionId: string;
}

/** The port this service needs from storage: one transaction that loads, lets us compute, and writes. */
export interface AccountingStore {
  applyBatch(
    keys: readonly SessionKey[],
    names: { usernames: readonly string[]; macs: readonly string[] },
    compute: (
      existing: readonly SessionState[],
      devices: { byUsername: ReadonlyMap<string, number>; byMac: ReadonlyMap<string, number> },
    ) => AccountingWrites,
  ): Promise<void>;
  /** Retention: deletes sessions that ended before `cutoff` (epoch ms); daily totals stay. Returns how many. */
  deleteSessionsEndedBefore(cutoff: number): Promise<number>;
}

export interface AccountingService {
  /** Resolves once the op is durable; rejects when its transaction failed (nothing of it was stored). */
  submit(op: AccountingOp): Promise<void>;
  drain(): Promise<void>;
}

const keyOf = (routerId: number, acctSessionId: string) => `${routerId}\u0000${acctSessionId}`;

/** Pure: the writes a batch of ops makes, given the sessions they touch as they are stored. */
export function computeAccountingWrites(
  ops: readonly AccountingOp[],
  existing: readonly SessionState[],
  devices: { byUsername: ReadonlyMap<string, number>; byMac: ReadonlyMap<string, number> },
  timeZone: string,
): AccountingWrites {
  const states = new Map(existing.map((s) => [keyOf(s.routerId, s.acctSessionId), s] as const));
  const touched = new Set<string>();
  const usage = new Map<string, UsageRow>();
  const hourly = new Map<string, HourlyUsageRow>();
  const institutions = new Map<string, InstitutionUsageRow>();
  const closeRouters: Array<{ routerId: number; at: number; cause: string }> = [];
  for (const op of ops) {
    if (op.kind === 'close-router') {
      closeRouters.push({ routerId: op.routerId, at: op.at, cause: op.cause });
      for (const [k, s] of states) {
        if (s.routerId === op.routerId && s.state === 'active') {
          states.set(k, closeSession(s, op.at, op.cause));
          touched.add(k);
        }
      }
      continue;
    }
    const rec = op.record;
    const k = keyOf(rec.routerId, rec.acctSessionId);
    const deviceId =
      rec.deviceId ??
      devices.byUsername.get(rec.username) ??
      (rec.mac ? devices.byMac.get(rec.mac) : undefined) ??
      null;
    const { state, delta } = applyAccounting(states.get(k), { ...rec, deviceId });
    states.set(k, state);
    touched.add(k);
    if (delta.inputBytes || delta.outputBytes || delta.seconds || delta.sessions) {
      const day = dayOf(rec.at, timeZone);
      const device = state.deviceId ?? 0;
      const uk = `${day}\u0000${device}\u0000${rec.routerId}`;
      const u = usage.get(uk);
      usage.set(uk, {
        day,
        deviceId: device,
        routerId: rec.routerId,
        bytesIn: (u?.bytesIn ?? 0) + delta.inputBytes,
        bytesOut: (u?.bytesOut ?? 0) + delta.outputBytes,
        seconds: (u?.seconds ?? 0) + delta.seconds,
        sessions: (u?.sessions ?? 0) + delta.sessions,
      });
      const institutionId = institutionOfClass(state.className);
      if (institutionId !== undefined) {
        const ik = `${day}\u0000${institutionId}\u0000${rec.routerId}`;
        const i = institutions.get(ik);
        institutions.set(ik, {
          day,
          institutionId,
          routerId: rec.routerId,
          bytesIn: (i?.bytesIn ?? 0) + delta.inputBytes,
          bytesOut: (i?.bytesOut ?? 0) + delta.outputBytes,
          seconds: (i?.seconds ?? 0) + delta.seconds,
          sessions: (i?.sessions ?? 0) + delta.sessions,
        });
      }
      const hour = hourOf(rec.at, timeZone);
      const hk = `${day}\u0000${hour}\u0000${rec.routerId}`;
      const h = hourly.get(hk);
      hourly.set(hk, {
        day,
        hour,
        routerId: rec.routerId,
        bytesIn: (h?.bytesIn ?? 0) + delta.inputBytes,
        bytesOut: (h?.bytesOut ?? 0) + delta.outputBytes,
        sessions: (h?.sessions ?? 0) + delta.sessions,
      });
    }
  }
  return {
    closeRouters,
    sessions: [...touched].map((k) => states.get(k)!),
    usage: [...usage.values()],
    hourly: [...hourly.values()],
    institutions: [...institutions.values()],
  };
}

export function createAccountingService(deps: {
  store: AccountingStore;
  timeZone: string;
  maxBatch?: number;
  /** After each transaction: whether it committed, and why not (storage health, metrics). */
  onCommit?: (ops: readonly AccountingOp[], ok: boolean, error?: unknown) => void;
}): AccountingService {
  const batcher = createBatcher<AccountingOp, void>(
    async (ops) => {
      const keys = new Map<string, SessionKey>();
      const usernames = new Set<string>();
      const macs = new Set<string>();
      for (const op of ops) {
        if (op.kind !== 'record') continue;
        const r = op.record;
        keys.set(keyOf(r.routerId, r.acctSessionId), {
          routerId: r.routerId,
          acctSessionId: r.acctSessionId,
        });
        if (r.deviceId === null) {
          usernames.add(r.username);
          const mac = r.mac ?? normalizeMac(r.username);
          if (mac) macs.add(mac);
        }
      }
      try {
        await deps.store.applyBatch(
          [...keys.values()],
          { usernames: [...usernames], macs: [...macs] },
          (existing, devices) => computeAccountingWrites(ops, existing, devices, deps.timeZone),
        );
      } catch (error) {
        deps.onCommit?.(ops, false, error);
        throw error;
      }
      deps.onCommit?.(ops, true);
      return ops.map(() => undefined);
    },
    { maxBatch: deps.maxBatch ?? 2000 },
  );
  return { submit: (op) => batcher.submit(op), drain: () => batcher.drain() };
}
