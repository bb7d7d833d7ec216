// Step-down: a plan may give full speed for the first N bytes of a resident's day, then a lower rate. A login
// after the threshold gets the lower rate in Access-Accept (the decision); a session already running when an
// accounting update shows the day's use crossed it is changed once by CoA with the new Mikrotik-Rate-Limit,
// falling back to a Disconnect when the router refuses (the device then comes back by MAC authentication with
// the lower rate), as plan changes do. Runs after the accounting record is durable, off the reply's path.
// Institutions' devices step down the same way, on their institution's use of the day (their sessions carry
// the institution's Class, not a device's, so they are found by the MAC the router reports).

import type { AccountingRecord } from '../../domain/accounting-session.js';
import { type PlanFacts, stepDownRate } from '../../domain/authorize.js';
import type { InstitutionAccess } from '../institutions/institution-access.js';
import type { Keyring } from '../keyring.js';
import { institutionOfClass } from './accounting.js';
import type { LiveSessionControl } from './live-sessions.js';
import type { PlanSet, SubjectService } from './radius-auth.js';

/** Class suffix of a session accepted already at the stepped-down rate: nothing to change. */
export const STEPPED_CLASS_SUFFIX = ':s';

export interface StepDownOutcome {
  readonly routerId: number;
  readonly acctSessionId: string;
  readonly via: 'coa' | 'disconnect' | 'failed';
  readonly rateLimit: string;
}

export interface StepDownDeps {
  readonly subjects: Pick<SubjectService, 'lookup'>;
  /** Institutions' devices; absent where there are none to look up (then their sessions are left alone). */
  readonly institutions?: Pick<InstitutionAccess, 'lookup'> | undefined;
  readonly plans: () => Promise<PlanSet>;
  readonly routerById: (
    id: number,
  ) => Promise<{ readonly nasIp: string; readonly radiusSecretEnc: string } | undefined>;
  readonly keyring: Keyring;
  readonly control: LiveSessionControl;
  readonly now: () => number;
  readonly onResult?: ((outcome: StepDownOutcome) => void) | undefined;
  readonly onError?: ((error: unknown) => void) | undefined;
}

export interface StepDownWatcher {
  /** Looks at a stored accounting record; returns at once (the check and any CoA run in the background). */
  observe(record: AccountingRecord): void;
  /** Resolves when every check started so far has finished (tests, shutdown). */
  settled(): Promise<void>;
}

export function createStepDownWatcher(deps: StepDownDeps): StepDownWatcher {
  // Whether any plan steps down: read at most once a minute, so villages without one pay nothing per update.
  let anyPlan: { at: number; value: Promise<boolean> } | undefined;
  const anyStepDown = () => {
    const now = deps.now();
    if (!anyPlan || now - anyPlan.at > 60_000) {
      const value = deps
        .plans()
        .then((p) => [...p.byId.values()].some((plan) => stepDownRate(plan) !== undefined))
        .catch(() => false);
      anyPlan = { at: now, value };
    }
    return anyPlan.value;
  };
  // Sessions already stepped down on this node (a restart may send one more CoA with the same rate: harmless).
  const done = new Set<string>();
  const pending = new Set<Promise<void>>();

  /** The plan, the day's use it is measured by and the queue priority of the session's holder. */
  async function holderOf(
    r: AccountingRecord,
  ): Promise<{ plan: PlanFacts; usedTodayBytes: number; priority?: number | null } | undefined> {
    const institutionId = institutionOfClass(r.className);
    if (institutionId !== undefined) {
      if (!deps.institutions || !r.mac) return undefined;
      const facts = await deps.institutions.lookup(r.mac);
      if (!facts?.plan || facts.institutionId !== institutionId) return undefined;
      return { plan: facts.plan, usedTodayBytes: facts.usedTodayBytes, priority: facts.priority };
    }
    const subject = await deps.subjects.lookup(r.username);
    const plan = subject?.facts.plan;
    if (!subject || !plan || subject.facts.deviceId !== r.deviceId) return undefined;
    return { plan, usedTodayBytes: subject.facts.usedTodayBytes };
  }

  /** True when the session was stepped down (or is left for good); false: look again at its next update. */
  async function check(r: AccountingRecord): Promise<boolean> {
    if (!(await anyStepDown())) return false;
    const holder = await holderOf(r);
    if (!holder) return false;
    const { plan } = holder;
    const rate = stepDownRate(plan, holder.priority);
    if (rate === undefined || holder.usedTodayBytes < plan.step_down_bytes!) return false;
    const router = await deps.routerById(r.routerId);
    if (!router) return false;
    const target = {
      session: {
        routerId: r.routerId,
        username: r.username,
        acctSessionId: r.acctSessionId,
        ip: r.framedIp,
        mac: r.mac,
      },
      nasIp: router.nasIp,
      radiusSecret: await deps.keyring.decrypt(router.radiusSecretEnc),
    };
    const changed = await (
      deps.control.changeLimits?.(target, { rateLimit: rate, group: plan.profile_name }) ??
      Promise.resolve(false)
    ).catch(() => false);
    let via: StepDownOutcome['via'] = 'coa';
    if (!changed)
      via = (await deps.control.end(target).catch(() => ({ ok: false }))).ok ? 'disconnect' : 'failed';
    deps.onResult?.({ routerId: r.routerId, acctSessionId: r.acctSessionId, via, rateLimit: rate });
    // A router that answered neither way is tried again at the session's next update.
    return via !== 'failed';
  }

  return {
    observe(r) {
      if (r.status === 'stop') return;
      if (r.deviceId === null && institutionOfClass(r.className) === undefined) return;
      if (r.className?.endsWith(STEPPED_CLASS_SUFFIX)) return;
      // Claimed before anything is awaited: two updates of one session in flight make one check.
      const key = `${r.routerId}\u0000${r.acctSessionId}`;
      if (done.has(key)) return;
      // Bounded: far above the sessions a village (or a regency node) has live in a day.
      if (done.size > 100_000) done.clear();
      done.add(key);
      const p = check(r)
        .catch((error: unknown) => {
          deps.onError?.(error);
          return false;
        })
        .then((finished) => {
          if (!finished) done.delete(key);
        })
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
