// The authorization decision for one Access-Request: given what the stores know about the device, its account,
// the resident and the plan, and whether the credentials checked out, accept with the plan's limits or reject
// with a reason and the text the resident sees. Pure: no I/O, no clock (the instant is an input).
import { type MessageParams, type RejectReason, rejectMessagesId } from './auth-messages.js';
import { quotaDay, quotaMonth, secondsUntilDayEnds, secondsUntilMonthEnds, zoneLabel } from './quota-day.js';
import { type PlanRates, rateLimitString } from './rate-limit.js';
import { localTimeText, secondsUntil, storedWindow, windowState, windowText } from './time-window.js';

export interface PlanFacts extends PlanRates {
  readonly id: number;
  readonly profile_name: string;
  readonly daily_quota_bytes: number | null;
  /** Bytes per local calendar month; null: no monthly quota. */
  readonly monthly_quota_bytes: number | null;
  readonly devices_allowed: number;
  readonly session_timeout_s: number | null;
  readonly idle_timeout_s: number | null;
  /** 'cut' | 'throttle' */
  readonly at_quota: string;
  readonly throttle_down_rate: number | null;
  readonly throttle_up_rate: number | null;
  /** When the plan's devices may be online (canonical text, see time-window.ts); null or absent: any time. */
  readonly time_window?: string | null;
  /** Full speed for this many bytes of the day, then the step-down rates; null or absent: no step-down. */
  readonly step_down_bytes?: number | null;
  readonly step_down_down_rate?: number | null;
  readonly step_down_up_rate?: number | null;
}

export interface SubjectFacts {
  readonly deviceId: number;
  readonly accountId: number;
  /** Canonical AA:BB:CC:DD:EE:FF. */
  readonly mac: string;
  readonly revoked: boolean;
  /** 'pending' | 'active' | 'suspended' */
  readonly accountStatus: string;
  readonly residentActive: boolean;
  /** The account's plan, or the default plan; undefined when neither exists. */
  readonly plan: PlanFacts | undefined;
  /** Distinct other devices of the account with a live session. */
  readonly otherActiveDevices: number;
  /** Bytes (in + out) the account used in the current quota day. */
  readonly usedTodayBytes: number;
  /** Bytes (in + out) the account used in the current quota month, today included. */
  readonly usedThisMonthBytes: number;
}

export interface AuthorizeInput {
  /** Undefined when no device matches the user name or MAC. */
  readonly subject: SubjectFacts | undefined;
  readonly credentialsOk: boolean;
  /** Canonical MAC from Calling-Station-Id, undefined when absent or unreadable. */
  readonly callingMac: string | undefined;
  readonly now: number;
  readonly timeZone: string;
  readonly interimIntervalS: number;
}

export interface Grant {
  readonly deviceId: number;
  readonly accountId: number;
  readonly rateLimit: string;
  readonly group: string;
  readonly sessionTimeoutS: number | undefined;
  readonly idleTimeoutS: number | undefined;
  /** Bytes left (in + out): the smaller of the day's and the month's; undefined without quotas or throttled. */
  readonly totalLimitBytes: number | undefined;
  readonly interimIntervalS: number;
}

export type AcceptReason = 'ok' | 'throttled' | 'stepped_down';

export type Decision =
  | { readonly decision: 'accept'; readonly reason: AcceptReason; readonly grant: Grant }
  | { readonly decision: 'reject'; readonly reason: RejectReason; readonly message: string };

function reject(reason: RejectReason, params: Parameters<(typeof rejectMessagesId)[RejectReason]>[0] = {}) {
  return { decision: 'reject', reason, message: rejectMessagesId[reason](params) } as const;
}

/** A rejection decided before there is a device to decide on (a login ticket that cannot be used). */
export function rejectDecision(reason: RejectReason, params: MessageParams = {}): Decision {
  return reject(reason, params);
}

export function authorize(input: AuthorizeInput): Decision {
  const s = input.subject;
  if (!s) return reject('unknown_device');
  // Credentials come before anything that would tell a stranger about the account.
  if (!input.credentialsOk) return reject('bad_credentials');
  if (s.revoked) return reject('device_revoked');
  if (!s.residentActive) return reject('not_in_roster');
  if (s.accountStatus === 'pending') return reject('account_pending');
  if (s.accountStatus !== 'active') return reject('account_suspended');
  if (input.callingMac !== s.mac) return reject('mac_mismatch');
  const plan = s.plan;
  if (!plan) return reject('no_plan');
  if (s.otherActiveDevices >= plan.devices_allowed) {
    return reject('too_many_devices', { devicesAllowed: plan.devices_allowed });
  }

  return planDecision(plan, s, input, { deviceId: s.deviceId, accountId: s.accountId });
}

/** What a plan's holder has used, as the plan's limits count it. */
export interface PlanUsage {
  readonly usedTodayBytes: number;
  readonly usedThisMonthBytes: number;
}

/** The step-down rate string of a plan, or undefined when it has none. */
export function stepDownRate(plan: PlanFacts, priority?: number | null): string | undefined {
  if (!plan.step_down_bytes || !plan.step_down_down_rate || !plan.step_down_up_rate) return undefined;
  return rateLimitString({
    down_rate: plan.step_down_down_rate,
    up_rate: plan.step_down_up_rate,
    priority: priority ?? plan.priority ?? null,
  });
}

/**
 * The plan's part of the decision, once the holder is known to be allowed on (a resident's device, or an
 * institution's): the time window, the quotas (cut or throttle), the daily step-down, and the session's end at
 * the first of the plan's session timeout, the quota period's end and the window's end. `priority` overrides
 * the plan's queue priority (an institution's own).
 */
export function planDecision(
  plan: PlanFacts,
  usage: PlanUsage,
  input: Pick<AuthorizeInput, 'now' | 'timeZone' | 'interimIntervalS'>,
  holder: { readonly deviceId: number; readonly accountId: number; readonly priority?: number | null },
): Decision {
  const window = plan.time_window ? storedWindow(plan.time_window) : null;
  const open = window ? windowState(window, input.now, input.timeZone) : undefined;
  if (window && open && !open.open) {
    return reject('outside_window', {
      window: `${windowText(window)} ${zoneLabel(input.timeZone)}`,
      opensAt: openingText(open.opensAt, input.timeZone),
    });
  }
  const daily = plan.daily_quota_bytes;
  const monthly = plan.monthly_quota_bytes;
  const dailyLeft = daily === null ? undefined : Math.max(0, daily - usage.usedTodayBytes);
  const monthlyLeft = monthly === null ? undefined : Math.max(0, monthly - usage.usedThisMonthBytes);
  const left =
    dailyLeft === undefined
      ? monthlyLeft
      : monthlyLeft === undefined
        ? dailyLeft
        : Math.min(dailyLeft, monthlyLeft);
  const stepped = stepDownRate(plan, holder.priority);
  // A session ends when a quota period it is counted against ends, so that the next login starts afresh
  // (a full day's remainder, or the full rate back after a throttle or a step-down); the day ends first when
  // both apply. Inside a time window it ends when the window closes, whichever comes first.
  let sessionTimeoutS =
    plan.session_timeout_s && plan.session_timeout_s > 0 ? plan.session_timeout_s : undefined;
  const periodEnd =
    daily !== null || stepped !== undefined
      ? secondsUntilDayEnds(input.now, input.timeZone)
      : monthly !== null
        ? secondsUntilMonthEnds(input.now, input.timeZone)
        : undefined;
  const windowEnd =
    open?.open && open.endsAt !== undefined ? secondsUntil(input.now, open.endsAt) : undefined;
  for (const end of [periodEnd, windowEnd]) {
    if (end !== undefined && (sessionTimeoutS === undefined || end < sessionTimeoutS)) sessionTimeoutS = end;
  }
  const base = {
    deviceId: holder.deviceId,
    accountId: holder.accountId,
    group: plan.profile_name,
    sessionTimeoutS,
    idleTimeoutS: plan.idle_timeout_s && plan.idle_timeout_s > 0 ? plan.idle_timeout_s : undefined,
    interimIntervalS: input.interimIntervalS,
  };

  if (left === 0) {
    const throttle = plan.at_quota === 'throttle' && plan.throttle_down_rate && plan.throttle_up_rate;
    if (!throttle) {
      // The month's reset is the one that brings access back when both are used up.
      return monthlyLeft === 0
        ? reject('monthly_quota_exhausted', {
            resetsAt: resetText(quotaMonth(input.now, input.timeZone).end, input.timeZone),
          })
        : reject('quota_exhausted', {
            resetsAt: resetText(quotaDay(input.now, input.timeZone).end, input.timeZone),
          });
    }
    return {
      decision: 'accept',
      reason: 'throttled',
      grant: {
        ...base,
        rateLimit: rateLimitString({ down_rate: plan.throttle_down_rate!, up_rate: plan.throttle_up_rate! }),
        totalLimitBytes: undefined,
      },
    };
  }
  if (stepped !== undefined && usage.usedTodayBytes >= plan.step_down_bytes!) {
    return {
      decision: 'accept',
      reason: 'stepped_down',
      grant: { ...base, rateLimit: stepped, totalLimitBytes: left },
    };
  }
  const rates =
    holder.priority === undefined || holder.priority === null ? plan : { ...plan, priority: holder.priority };
  return {
    decision: 'accept',
    reason: 'ok',
    grant: { ...base, rateLimit: rateLimitString(rates), totalLimitBytes: left },
  };
}

/** The next opening of a window, as residents read it: `07.00 WIB (Senin, 07-12-2026)`. */
function openingText(at: number, timeZone: string): string {
  const t = localTimeText(at, timeZone);
  const cut = t.indexOf(' ');
  return `${t.slice(0, cut)} ${zoneLabel(timeZone)}${t.slice(cut)}`;
}

const resetFormatters = new Map<string, Intl.DateTimeFormat>();

/** A quota period's end, as residents read it: `00.00 WIB (Sabtu, 29-11-2026)`. */
function resetText(end: number, timeZone: string): string {
  let f = resetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('id-ID', {
      timeZone,
      weekday: 'long',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    });
    resetFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(end);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `00.00 ${zoneLabel(timeZone)} (${get('weekday')}, ${get('day')}-${get('month')}-${get('year')})`;
}

/** What an institution device's MAC login is decided on. */
export interface InstitutionFacts {
  readonly deviceId: number;
  readonly institutionId: number;
  /** Canonical AA:BB:CC:DD:EE:FF. */
  readonly mac: string;
  readonly disabled: boolean;
  /** The institution's plan, or the default plan; undefined when neither exists. */
  readonly plan: PlanFacts | undefined;
  /** The institution's own queue priority over the plan's. */
  readonly priority: number | null;
  /** Bytes (in + out) all the institution's devices used in the quota day and month. */
  readonly usedTodayBytes: number;
  readonly usedThisMonthBytes: number;
}

/**
 * An institution's device (the school's laptop, the puskesmas PC): no resident or account behind it, so the
 * roster and the device count do not apply; the rest is the plan's, with the institution's usage and priority.
 */
export function authorizeInstitution(
  input: Omit<AuthorizeInput, 'subject'> & { readonly facts: InstitutionFacts },
): Decision {
  const f = input.facts;
  if (!input.credentialsOk) return reject('bad_credentials');
  if (f.disabled) return reject('account_suspended');
  if (input.callingMac !== undefined && input.callingMac !== f.mac) return reject('mac_mismatch');
  if (!f.plan) return reject('no_plan');
  return planDecision(f.plan, f, input, {
    deviceId: f.deviceId,
    accountId: f.institutionId,
    priority: f.priority,
  });
}
