// The facts an Access-Request is decided on: the device named by User-Name (a device user name, or a MAC for
// MAC authentication), its account, resident and plan, the account's live devices and its usage today and this
// month. Lookups of concurrent requests are batched into a few queries; device secrets are decrypted once and
// remembered.
import {
  type AuthorizeInput,
  authorize,
  type Decision,
  type PlanFacts,
  type SubjectFacts,
} from '../../domain/authorize.js';
import { normalizeMac } from '../../domain/mac.js';
import { dayOf, quotaMonth } from '../../domain/quota-day.js';
import type { Keyring } from '../keyring.js';
import { createBatcher } from './radius-batch.js';

export interface DeviceRecord {
  readonly deviceId: number;
  readonly accountId: number;
  readonly username: string;
  readonly mac: string;
  readonly secretEnc: string;
  readonly revokedAt: number | null;
  readonly accountStatus: string;
  readonly residentActive: boolean;
  /** The account's own plan; null when it has none (the default plan applies). */
  readonly planId: number | null;
}

export interface PlanSet {
  readonly byId: ReadonlyMap<number, PlanFacts>;
  readonly defaultPlan: PlanFacts | undefined;
}

export interface AccountUsage {
  readonly activeDeviceIds: readonly number[];
  readonly usedTodayBytes: number;
}

/** The port this service needs from storage. */
export interface SubjectStore {
  findDevices(usernames: readonly string[], macs: readonly string[]): Promise<DeviceRecord[]>;
  /** Every plan (a village has a handful), and which is the default. */
  findPlans(): Promise<PlanSet>;
  accountUsage(
    accountIds: readonly number[],
    day: string,
    activeSince: number,
  ): Promise<Map<number, AccountUsage>>;
  /** Bytes (in + out) per account over the days `fromDay` ≤ day < `beforeDay` (`YYYY-MM-DD`). */
  usageBetween(
    accountIds: readonly number[],
    fromDay: string,
    beforeDay: string,
  ): Promise<Map<number, number>>;
}

export interface Subject {
  readonly facts: SubjectFacts;
  /** The device's secret in clear (CHAP needs it). */
  readonly secret: string;
  /** How the User-Name matched: the device user name, or its MAC (MAC authentication). */
  readonly matchedBy: 'username' | 'mac';
}

export interface SubjectService {
  /** Undefined when no device matches. */
  lookup(userName: string): Promise<Subject | undefined>;
  decide(input: Omit<AuthorizeInput, 'now' | 'timeZone' | 'interimIntervalS'>): Decision;
}

export function createSubjectService(deps: {
  store: SubjectStore;
  keyring: Keyring;
  now: () => number;
  timeZone: string;
  interimIntervalS: number;
  maxBatch?: number;
  concurrency?: number;
}): SubjectService {
  const secrets = new Map<string, Promise<string>>();
  const decrypt = (sealed: string) => {
    let p = secrets.get(sealed);
    if (!p) {
      // Bounded: a village has thousands of devices; a regency node is still far below this.
      if (secrets.size > 100_000) secrets.clear();
      p = deps.keyring.decrypt(sealed);
      secrets.set(sealed, p);
      p.catch(() => secrets.delete(sealed));
    }
    return p;
  };
  // A session not updated for three interim intervals (and two minutes of slack) is taken as gone.
  const staleAfterMs = (deps.interimIntervalS * 3 + 120) * 1000;

  // The month's earlier days do not change any more (accounting books each delta on the day it arrives), so
  // each account's sum of them is read once a day, not on every login: near the month's end that read covers
  // ~30 rows per device, and it would otherwise dominate the lookup.
  let earlierDay = '';
  let earlier = new Map<number, number>();
  const earlierThisMonth = async (accountIds: readonly number[], day: string, firstDay: string) => {
    // Bounded like the secrets: far above a regency's accounts.
    if (day !== earlierDay || earlier.size > 200_000) {
      earlierDay = day;
      earlier = new Map();
    }
    // This batch's map, even if a new day begins while it reads.
    const known = earlier;
    if (day === firstDay) return known;
    const missing = accountIds.filter((id) => !known.has(id));
    if (missing.length > 0) {
      const read = await deps.store.usageBetween(missing, firstDay, day);
      for (const id of missing) known.set(id, read.get(id) ?? 0);
    }
    return known;
  };

  const batcher = createBatcher<string, Subject | undefined>(
    async (names) => {
      const now = deps.now();
      const macs = new Map(names.map((n) => [n, normalizeMac(n)] as const));
      const [devices, plans] = await Promise.all([
        deps.store.findDevices(
          [...new Set(names)],
          [...new Set([...macs.values()].filter((m): m is string => m !== undefined))],
        ),
        deps.store.findPlans(),
      ]);
      const byUsername = new Map(devices.map((d) => [d.username, d] as const));
      const byMac = new Map<string, DeviceRecord>();
      for (const d of devices) {
        const seen = byMac.get(d.mac);
        // A MAC's live device wins over its revoked history.
        if (!seen || (seen.revokedAt !== null && d.revokedAt === null)) byMac.set(d.mac, d);
      }
      const matched = names.map((n) => {
        const d = byUsername.get(n);
        if (d) return { d, by: 'username' as const };
        const mac = macs.get(n);
        const m = mac ? byMac.get(mac) : undefined;
        return m ? { d: m, by: 'mac' as const } : undefined;
      });
      const accountIds = [...new Set(matched.flatMap((m) => (m ? [m.d.accountId] : [])))];
      const day = dayOf(now, deps.timeZone);
      const [usage, before] =
        accountIds.length > 0
          ? await Promise.all([
              deps.store.accountUsage(accountIds, day, now - staleAfterMs),
              earlierThisMonth(accountIds, day, quotaMonth(now, deps.timeZone).firstDay),
            ])
          : [new Map<number, AccountUsage>(), earlier];
      return Promise.all(
        matched.map(async (m) => {
          if (!m) return undefined;
          const u = usage.get(m.d.accountId);
          const others = new Set((u?.activeDeviceIds ?? []).filter((id) => id !== m.d.deviceId));
          return {
            facts: {
              deviceId: m.d.deviceId,
              accountId: m.d.accountId,
              mac: m.d.mac,
              revoked: m.d.revokedAt !== null,
              accountStatus: m.d.accountStatus,
              residentActive: m.d.residentActive,
              plan: m.d.planId === null ? plans.defaultPlan : plans.byId.get(m.d.planId),
              otherActiveDevices: others.size,
              usedTodayBytes: u?.usedTodayBytes ?? 0,
              usedThisMonthBytes: (before.get(m.d.accountId) ?? 0) + (u?.usedTodayBytes ?? 0),
            },
            secret: await decrypt(m.d.secretEnc),
            matchedBy: m.by,
          };
        }),
      );
    },
    { maxBatch: deps.maxBatch ?? 500, concurrency: deps.concurrency ?? 1 },
  );

  return {
    lookup: (userName) => batcher.submit(userName),
    decide: (input) =>
      authorize({
        subject: input.subject,
        credentialsOk: input.credentialsOk,
        callingMac: input.callingMac,
        now: deps.now(),
        timeZone: deps.timeZone,
        interimIntervalS: deps.interimIntervalS,
      }),
  };
}
