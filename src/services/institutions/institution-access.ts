// RADIUS for institution devices: a MAC login whose MAC is no resident's device may be an institution's. The
// facts (its institution, plan, priority, the institution's usage today and this month) are read here; the
// decision is the pure domain function.
import {
  type AuthorizeInput,
  authorizeInstitution,
  type Decision,
  type InstitutionFacts,
} from '../../domain/authorize.js';
import { dayOf, quotaMonth } from '../../domain/quota-day.js';
import type { PlanSet } from '../radius/radius-auth.js';
import type { InstitutionStore } from './institution-ports.js';

export interface InstitutionAccess {
  /** Undefined when no institution holds the MAC. */
  lookup(mac: string): Promise<InstitutionFacts | undefined>;
  decide(input: Pick<AuthorizeInput, 'credentialsOk' | 'callingMac'> & { facts: InstitutionFacts }): Decision;
}

export function createInstitutionAccess(deps: {
  store: Pick<InstitutionStore, 'deviceFacts' | 'usedBetween'>;
  plans: () => Promise<PlanSet>;
  now: () => number;
  timeZone: string;
  interimIntervalS: number;
}): InstitutionAccess {
  return {
    async lookup(mac) {
      const d = await deps.store.deviceFacts(mac);
      if (!d) return undefined;
      const now = deps.now();
      const day = dayOf(now, deps.timeZone);
      const [plans, today, month] = await Promise.all([
        deps.plans(),
        deps.store.usedBetween(d.institutionId, day, day),
        deps.store.usedBetween(d.institutionId, quotaMonth(now, deps.timeZone).firstDay, day),
      ]);
      return {
        deviceId: d.deviceId,
        institutionId: d.institutionId,
        mac: d.mac,
        disabled: d.disabled,
        plan: d.planId === null ? plans.defaultPlan : plans.byId.get(d.planId),
        priority: d.priority,
        usedTodayBytes: today,
        usedThisMonthBytes: month,
      };
    },
    decide: (input) =>
      authorizeInstitution({
        ...input,
        now: deps.now(),
        timeZone: deps.timeZone,
        interimIntervalS: deps.interimIntervalS,
      }),
  };
}
