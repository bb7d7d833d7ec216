// The authorization decision, exhaustively: every combination of the facts it reads, against a reference of
// which reason wins and what an Accept grants, plus the limits an Accept carries and the quota day and month in
// the village's time zone.
import { describe, expect, it } from 'vitest';
import { rejectMessagesEn, rejectMessagesId } from '../src/domain/auth-messages.js';
import {
  type AuthorizeInput,
  authorize,
  type PlanFacts,
  type SubjectFacts,
} from '../src/domain/authorize.js';
import {
  dayOf,
  quotaDay,
  quotaMonth,
  secondsUntilDayEnds,
  secondsUntilMonthEnds,
} from '../src/domain/quota-day.js';

const TZ = 'Asia/Jakarta';
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0); // 10:00 WIB
const UNTIL_DAY_ENDS = 14 * 3600;
/** From NOW to 00.00 WIB on Tuesday 1 December 2026. */
const UNTIL_MONTH_ENDS = 2 * 86_400 + 14 * 3600;
const MAC = 'AA:BB:CC:DD:EE:FF';

const plan = (p: Partial<PlanFacts> = {}): PlanFacts => ({
  id: 1,
  profile_name: 'warga',
  down_rate: 5_000_000,
  up_rate: 2_000_000,
  daily_quota_bytes: 1000,
  monthly_quota_bytes: null,
  devices_allowed: 2,
  session_timeout_s: null,
  idle_timeout_s: 600,
  at_quota: 'cut',
  throttle_down_rate: 512_000,
  throttle_up_rate: 256_000,
  ...p,
});

const subject = (s: Partial<SubjectFacts> = {}): SubjectFacts => ({
  deviceId: 7,
  accountId: 3,
  mac: MAC,
  revoked: false,
  accountStatus: 'active',
  residentActive: true,
  plan: plan(),
  otherActiveDevices: 0,
  usedTodayBytes: 0,
  usedThisMonthBytes: 0,
  ...s,
});

const input = (i: Partial<AuthorizeInput> = {}): AuthorizeInput => ({
  subject: subject(),
  credentialsOk: true,
  callingMac: MAC,
  now: NOW,
  timeZone: TZ,
  interimIntervalS: 300,
  ...i,
});

describe('authorize', () => {
  it('decides every combination of facts by the documented order of reasons, granting the smaller remainder', () => {
    // The month, kept to three states so the product stays small: no monthly quota; 500 bytes left whatever
    // was used today (smaller than the day's remainder at used=0, larger at used=999); used up.
    const monthStates = {
      none: (_used: number) => ({ quota: null, usedThisMonth: 0, left: undefined }),
      left: (used: number) => ({ quota: 20_000 + used + 500, usedThisMonth: 20_000 + used, left: 500 }),
      usedUp: (used: number) => ({ quota: 20_000, usedThisMonth: 20_000 + used, left: 0 }),
    } as const;
    // Failures are reported through expect, but expect runs only on a mismatch: 110,592 cases stay fast.
    let cases = 0;
    for (const found of [true, false])
      for (const credentialsOk of [true, false])
        for (const revoked of [false, true])
          for (const residentActive of [true, false])
            for (const accountStatus of ['active', 'pending', 'suspended'])
              for (const callingMac of [MAC, '11:22:33:44:55:66', undefined])
                for (const hasPlan of [true, false])
                  for (const otherActiveDevices of [0, 1, 2, 3])
                    for (const used of [0, 999, 1000, 5000])
                      for (const atQuota of ['cut', 'throttle'])
                        for (const quota of [1000, null])
                          for (const month of ['none', 'left', 'usedUp'] as const) {
                            cases++;
                            const m = monthStates[month](used);
                            const p = hasPlan
                              ? plan({
                                  at_quota: atQuota,
                                  daily_quota_bytes: quota,
                                  monthly_quota_bytes: m.quota,
                                })
                              : undefined;
                            const d = authorize(
                              input({
                                subject: found
                                  ? subject({
                                      revoked,
                                      residentActive,
                                      accountStatus,
                                      plan: p,
                                      otherActiveDevices,
                                      usedTodayBytes: used,
                                      usedThisMonthBytes: m.usedThisMonth,
                                    })
                                  : undefined,
                                credentialsOk,
                                callingMac,
                              }),
                            );
                            const dailyLeft = quota === null ? undefined : Math.max(0, quota - used);
                            const expected = !found
                              ? 'unknown_device'
                              : !credentialsOk
                                ? 'bad_credentials'
                                : revoked
                                  ? 'device_revoked'
                                  : !residentActive
                                    ? 'not_in_roster'
                                    : accountStatus === 'pending'
                                      ? 'account_pending'
                                      : accountStatus !== 'active'
                                        ? 'account_suspended'
                                        : callingMac !== MAC
                                          ? 'mac_mismatch'
                                          : !p
                                            ? 'no_plan'
                                            : otherActiveDevices >= 2
                                              ? 'too_many_devices'
                                              : m.left === 0 || dailyLeft === 0
                                                ? atQuota === 'throttle'
                                                  ? 'throttled'
                                                  : m.left === 0
                                                    ? 'monthly_quota_exhausted'
                                                    : 'quota_exhausted'
                                                : 'ok';
                            const where = () => JSON.stringify({ used, atQuota, quota, month });
                            if (d.reason !== expected) expect(d.reason, where()).toBe(expected);
                            const accepts = expected === 'ok' || expected === 'throttled';
                            if (d.decision !== (accepts ? 'accept' : 'reject')) {
                              expect(d.decision, where()).toBe(accepts ? 'accept' : 'reject');
                            }
                            if (d.decision === 'reject') {
                              const message = rejectMessagesId[d.reason](
                                d.reason === 'too_many_devices'
                                  ? { devicesAllowed: 2 }
                                  : d.reason === 'quota_exhausted'
                                    ? { resetsAt: '00.00 WIB (Minggu, 29-11-2026)' }
                                    : d.reason === 'monthly_quota_exhausted'
                                      ? { resetsAt: '00.00 WIB (Selasa, 01-12-2026)' }
                                      : {},
                              );
                              if (d.message !== message) expect(d.message, where()).toBe(message);
                              continue;
                            }
                            const remainders = [dailyLeft, m.left].filter((v) => v !== undefined);
                            const grant = {
                              rateLimit: expected === 'throttled' ? '256k/512k' : '2M/5M',
                              totalLimitBytes:
                                expected === 'ok' && remainders.length > 0
                                  ? Math.min(...remainders)
                                  : undefined,
                              // The day ends first; a month-only plan lasts to the month's end.
                              sessionTimeoutS:
                                quota !== null
                                  ? UNTIL_DAY_ENDS
                                  : m.quota !== null
                                    ? UNTIL_MONTH_ENDS
                                    : undefined,
                            };
                            const { rateLimit, totalLimitBytes, sessionTimeoutS } = d.grant;
                            if (
                              rateLimit !== grant.rateLimit ||
                              totalLimitBytes !== grant.totalLimitBytes ||
                              sessionTimeoutS !== grant.sessionTimeoutS
                            )
                              expect(d.grant, where()).toMatchObject(grant);
                          }
    expect(cases).toBe(2 * 2 * 2 * 2 * 3 * 3 * 2 * 4 * 4 * 2 * 2 * 3);
  });

  it('grants the plan rate in RouterOS order, its profile, the quota left and a timeout until the day ends', () => {
    const d = authorize(input({ subject: subject({ usedTodayBytes: 400 }) }));
    expect(d).toEqual({
      decision: 'accept',
      reason: 'ok',
      grant: {
        deviceId: 7,
        accountId: 3,
        rateLimit: '2M/5M',
        group: 'warga',
        sessionTimeoutS: 14 * 3600,
        idleTimeoutS: 600,
        totalLimitBytes: 600,
        interimIntervalS: 300,
      },
    });
  });

  it('takes the shorter of the plan session timeout and the rest of the day; none without either', () => {
    const short = authorize(input({ subject: subject({ plan: plan({ session_timeout_s: 1800 }) }) }));
    expect(short.decision === 'accept' && short.grant.sessionTimeoutS).toBe(1800);
    const unlimited = authorize(input({ subject: subject({ plan: plan({ daily_quota_bytes: null }) }) }));
    expect(unlimited.decision === 'accept' && unlimited.grant).toMatchObject({
      sessionTimeoutS: undefined,
      totalLimitBytes: undefined,
    });
  });

  it('throttles to the plan throttle rates until the day ends when the quota is used up', () => {
    const d = authorize(
      input({ subject: subject({ usedTodayBytes: 2000, plan: plan({ at_quota: 'throttle' }) }) }),
    );
    expect(d.decision === 'accept' && d.grant).toMatchObject({
      rateLimit: '256k/512k',
      totalLimitBytes: undefined,
      sessionTimeoutS: 14 * 3600,
    });
  });

  it('says when the quota resets, in Indonesian', () => {
    const d = authorize(input({ subject: subject({ usedTodayBytes: 1000 }) }));
    expect(d.decision === 'reject' && d.message).toBe(
      'Kuota harian Anda sudah habis. Kuota baru tersedia mulai pukul 00.00 WIB (Minggu, 29-11-2026).',
    );
    const wita = authorize(input({ timeZone: 'Asia/Makassar', subject: subject({ usedTodayBytes: 1000 }) }));
    expect(wita.decision === 'reject' && wita.message).toContain('00.00 WITA');
  });

  it('rejects a used-up monthly quota, naming 00.00 on the 1st of next month', () => {
    const monthly = plan({ daily_quota_bytes: null, monthly_quota_bytes: 30_000 });
    const d = authorize(input({ subject: subject({ plan: monthly, usedThisMonthBytes: 30_000 }) }));
    expect(d).toEqual({
      decision: 'reject',
      reason: 'monthly_quota_exhausted',
      message:
        'Kuota bulanan Anda sudah habis. Kuota baru tersedia mulai pukul 00.00 WIB (Selasa, 01-12-2026).',
    });
    // December rolls over into January of the next year.
    const december = authorize(
      input({
        now: Date.UTC(2026, 11, 15, 5),
        subject: subject({ plan: monthly, usedThisMonthBytes: 31_000 }),
      }),
    );
    expect(december.decision === 'reject' && december.message).toContain('00.00 WIB (Jumat, 01-01-2027)');
  });

  it('names the month reset, not the day reset, when both quotas are used up', () => {
    const both = plan({ daily_quota_bytes: 1000, monthly_quota_bytes: 30_000 });
    const d = authorize(
      input({ subject: subject({ plan: both, usedTodayBytes: 1000, usedThisMonthBytes: 30_000 }) }),
    );
    expect(d.reason).toBe('monthly_quota_exhausted');
    expect(d.decision === 'reject' && d.message).toContain('(Selasa, 01-12-2026)');
  });

  it('grants the smaller of the day and month remainders, whichever it is', () => {
    const both = plan({ daily_quota_bytes: 1000, monthly_quota_bytes: 30_000 });
    const monthSmaller = authorize(
      input({ subject: subject({ plan: both, usedTodayBytes: 400, usedThisMonthBytes: 29_800 }) }),
    );
    expect(monthSmaller.decision === 'accept' && monthSmaller.grant).toMatchObject({
      totalLimitBytes: 200,
      sessionTimeoutS: UNTIL_DAY_ENDS,
    });
    const daySmaller = authorize(
      input({ subject: subject({ plan: both, usedTodayBytes: 400, usedThisMonthBytes: 1_000 }) }),
    );
    expect(daySmaller.decision === 'accept' && daySmaller.grant).toMatchObject({
      totalLimitBytes: 600,
      sessionTimeoutS: UNTIL_DAY_ENDS,
    });
  });

  it('with only a monthly quota, grants the month remainder until the month ends (or the plan timeout)', () => {
    const monthly = plan({ daily_quota_bytes: null, monthly_quota_bytes: 6_000_000_000 });
    const d = authorize(input({ subject: subject({ plan: monthly, usedThisMonthBytes: 1_000_000_000 }) }));
    expect(d.decision === 'accept' && d.grant).toMatchObject({
      totalLimitBytes: 5_000_000_000,
      sessionTimeoutS: UNTIL_MONTH_ENDS,
    });
    const short = authorize(
      input({ subject: subject({ plan: { ...monthly, session_timeout_s: 3600 }, usedThisMonthBytes: 0 }) }),
    );
    expect(short.decision === 'accept' && short.grant.sessionTimeoutS).toBe(3600);
  });

  it('throttles on a used-up monthly quota until the day ends, or the month ends without a daily quota', () => {
    const withDaily = plan({ at_quota: 'throttle', daily_quota_bytes: 1000, monthly_quota_bytes: 30_000 });
    const d = authorize(
      input({ subject: subject({ plan: withDaily, usedTodayBytes: 10, usedThisMonthBytes: 30_000 }) }),
    );
    expect(d).toMatchObject({
      decision: 'accept',
      reason: 'throttled',
      grant: { rateLimit: '256k/512k', totalLimitBytes: undefined, sessionTimeoutS: UNTIL_DAY_ENDS },
    });
    const monthOnly = plan({ at_quota: 'throttle', daily_quota_bytes: null, monthly_quota_bytes: 30_000 });
    const m = authorize(input({ subject: subject({ plan: monthOnly, usedThisMonthBytes: 40_000 }) }));
    expect(m).toMatchObject({
      decision: 'accept',
      reason: 'throttled',
      grant: { rateLimit: '256k/512k', totalLimitBytes: undefined, sessionTimeoutS: UNTIL_MONTH_ENDS },
    });
  });

  it('has an English text for every reason and keeps every Indonesian one within a RADIUS attribute', () => {
    for (const [reason, text] of Object.entries(rejectMessagesId)) {
      const params = { devicesAllowed: 3, resetsAt: '00.00 WITA (Selasa, 01-12-2026)' };
      expect(Buffer.byteLength(text(params)), reason).toBeLessThanOrEqual(253);
      expect(rejectMessagesEn[reason as keyof typeof rejectMessagesEn](params).length).toBeGreaterThan(0);
    }
    expect(Object.keys(rejectMessagesEn).sort()).toEqual(Object.keys(rejectMessagesId).sort());
  });
});

describe('quota day', () => {
  it('ends at local midnight in the village time zone', () => {
    expect(dayOf(NOW, TZ)).toBe('2026-11-28');
    expect(dayOf(Date.UTC(2026, 10, 28, 17, 0, 0), TZ)).toBe('2026-11-29'); // 00:00 WIB
    expect(dayOf(Date.UTC(2026, 10, 28, 16, 59, 59), TZ)).toBe('2026-11-28');
    expect(secondsUntilDayEnds(NOW, TZ)).toBe(14 * 3600);
    expect(quotaDay(NOW, TZ)).toEqual({
      day: '2026-11-28',
      start: Date.UTC(2026, 10, 27, 17),
      end: Date.UTC(2026, 10, 28, 17),
    });
  });

  it('handles days of 23 and 25 hours where clocks change', () => {
    const spring = quotaDay(Date.UTC(2026, 2, 8, 12), 'America/New_York');
    expect([spring.day, (spring.end - spring.start) / 3_600_000]).toEqual(['2026-03-08', 23]);
    const autumn = quotaDay(Date.UTC(2026, 10, 1, 12), 'America/New_York');
    expect([autumn.day, (autumn.end - autumn.start) / 3_600_000]).toEqual(['2026-11-01', 25]);
  });
});

describe('quota month', () => {
  it('is the calendar month in the village time zone, from 00.00 on the 1st to 00.00 on the next 1st', () => {
    expect(quotaMonth(NOW, TZ)).toEqual({
      firstDay: '2026-11-01',
      start: Date.UTC(2026, 9, 31, 17),
      end: Date.UTC(2026, 10, 30, 17),
    });
    expect(secondsUntilMonthEnds(NOW, TZ)).toBe(UNTIL_MONTH_ENDS);
    // The last second of 30 November WIB is still November; 00.00 WIB on 1 December is December.
    expect(quotaMonth(Date.UTC(2026, 10, 30, 16, 59, 59), TZ).firstDay).toBe('2026-11-01');
    expect(quotaMonth(Date.UTC(2026, 10, 30, 17), TZ).firstDay).toBe('2026-12-01');
    expect(quotaMonth(Date.UTC(2026, 11, 31, 17), TZ)).toEqual({
      firstDay: '2027-01-01',
      start: Date.UTC(2026, 11, 31, 17),
      end: Date.UTC(2027, 0, 31, 17),
    });
    // The same instant is a different month further east.
    expect(quotaMonth(Date.UTC(2026, 10, 30, 16), 'Asia/Jayapura').firstDay).toBe('2026-12-01');
    expect(quotaMonth(Date.UTC(2026, 10, 30, 16), TZ).firstDay).toBe('2026-11-01');
  });

  it('handles months an hour short or long where clocks change', () => {
    const march = quotaMonth(Date.UTC(2026, 2, 20), 'America/New_York');
    expect([march.firstDay, (march.end - march.start) / 3_600_000]).toEqual(['2026-03-01', 31 * 24 - 1]);
    const november = quotaMonth(Date.UTC(2026, 10, 20), 'America/New_York');
    expect([november.firstDay, (november.end - november.start) / 3_600_000]).toEqual([
      '2026-11-01',
      30 * 24 + 1,
    ]);
    expect(november.start).toBe(Date.UTC(2026, 10, 1, 4)); // 00.00 EDT, before the clocks went back
  });
});
