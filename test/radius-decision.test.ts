// The authorization decision, exhaustively: every combination of the facts it reads, against a reference of
// which reason wins, plus the limits an Accept carries and the quota day in the village's time zone.
import { describe, expect, it } from 'vitest';
import { rejectMessagesEn, rejectMessagesId } from '../src/domain/auth-messages.js';
import {
  type AuthorizeInput,
  authorize,
  type PlanFacts,
  type SubjectFacts,
} from '../src/domain/authorize.js';
import { dayOf, quotaDay, secondsUntilDayEnds } from '../src/domain/quota-day.js';

const TZ = 'Asia/Jakarta';
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0); // 10:00 WIB
const MAC = 'AA:BB:CC:DD:EE:FF';

const plan = (p: Partial<PlanFacts> = {}): PlanFacts => ({
  id: 1,
  profile_name: 'warga',
  down_rate: 5_000_000,
  up_rate: 2_000_000,
  daily_quota_bytes: 1000,
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
  it('decides every combination of facts by the documented order of reasons', () => {
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
                        for (const quota of [1000, null]) {
                          cases++;
                          const p = hasPlan
                            ? plan({ at_quota: atQuota, daily_quota_bytes: quota })
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
                                  })
                                : undefined,
                              credentialsOk,
                              callingMac,
                            }),
                          );
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
                                            : quota !== null && used >= quota
                                              ? atQuota === 'throttle'
                                                ? 'throttled'
                                                : 'quota_exhausted'
                                              : 'ok';
                          expect(d.reason).toBe(expected);
                          expect(d.decision).toBe(
                            expected === 'ok' || expected === 'throttled' ? 'accept' : 'reject',
                          );
                          if (d.decision === 'reject')
                            expect(d.message).toBe(
                              rejectMessagesId[d.reason](
                                d.reason === 'too_many_devices'
                                  ? { devicesAllowed: 2 }
                                  : d.reason === 'quota_exhausted'
                                    ? { resetsAt: '00.00 WIB (Minggu, 29-11-2026)' }
                                    : {},
                              ),
                            );
                        }
    expect(cases).toBe(2 * 2 * 2 * 2 * 3 * 3 * 2 * 4 * 4 * 2 * 2);
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

  it('has an English text for every reason and keeps every Indonesian one within a RADIUS attribute', () => {
    for (const [reason, text] of Object.entries(rejectMessagesId)) {
      const params = { devicesAllowed: 3, resetsAt: '00.00 WIB (Minggu, 29-11-2026)' };
      expect(Buffer.byteLength(text(params)), reason).toBeLessThanOrEqual(253);
      expect(rejectMessagesEn[reason as keyof typeof rejectMessagesEn](params).length).toBeGreaterThan(0);
    }
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
