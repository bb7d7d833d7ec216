// One day as the regency receives it, from a fake report store: keys that come out the same on the wire (a name
// trimmed or cut to 80 characters) become one row, since a key is a row's identity at the regency; the report's
// `dusun / RW / RT` key is split back even when a dusun holds a slash; a personal-looking label is refused.
import { describe, expect, it } from 'vitest';
import { buildRegencyDay, splitCoverageKey } from '../src/services/regency/regency-day.js';
import type { RegencyDaySource } from '../src/services/regency/regency-link-ports.js';
import type { ReportStore } from '../src/services/reports/report-ports.js';

const zero = { bytesDown: 0, bytesUp: 0, sessions: 0, devices: 0, residents: 0 };
const cov = { residents: 3, registered: 1, households: 2, householdsConnected: 1 };

function source(routerNames: string[]): RegencyDaySource {
  const usage = (by: string) => ({
    rows:
      by === 'router'
        ? routerNames.map((key, i) => ({ key, ...zero, bytesDown: 10 * (i + 1), sessions: 1, devices: 1 }))
        : [],
    totals: { ...zero, bytesDown: 30, sessions: 2, devices: 2 },
  });
  const reports = {
    usage: async (_f: string, _t: string, by: string) => usage(by),
    usageTotals: async () => ({ ...zero, devices: 2 }),
    coverage: async () => ({
      rows: [
        { key: 'Krajan / RW 001 / RT 001', ...cov },
        { key: 'Krajan  / RW 001 / RT 001', ...cov },
        { key: 'Kali / Barat / RW 002 / RT 003', ...cov },
      ],
      totals: cov,
    }),
    heatMap: async () => [{ weekday: 2, hour: 9, bytes: 30, sessions: 2 }],
    accessPoints: async () =>
      routerNames.map((name, i) => ({
        routerId: i + 1,
        name,
        dusun: null,
        health: 'up',
        upMs: 1000,
        downMs: 0,
        peakSessions: i + 1,
        liveSessions: 0,
        bytesDown: 0,
        bytesUp: 0,
        sessions: 0,
        uptime: 1,
        busiestHours: [],
      })),
  } as unknown as ReportStore;
  return {
    reports,
    vouchers: async () => ({ created: 5, used: 2, expired: 1, revenueRp: 10_000 }),
  };
}

const opts = { timeZone: 'Asia/Jakarta', minAge: 17, now: Date.parse('2026-12-03T01:00:00Z'), final: true };

describe('a regency day from the report store', () => {
  it('makes one row of keys that are the same on the wire, adding counts and keeping the highest peak', async () => {
    const day = await buildRegencyDay(source(['balai', 'balai ', 'x'.repeat(90)]), '2026-12-02', opts);
    expect(day.usage.byRouter.map((r) => [r.key.length, r.bytesDown])).toEqual([
      [5, 30],
      [80, 30],
    ]);
    expect(day.uptime).toEqual([
      { router: 'balai', upMs: 2000, downMs: 0, peakSessions: 2 },
      { router: 'x'.repeat(80), upMs: 1000, downMs: 0, peakSessions: 3 },
    ]);
    expect(day.coverage).toEqual([
      {
        dusun: 'Krajan',
        rw: '001',
        rt: '001',
        residents: 6,
        registered: 2,
        households: 4,
        householdsConnected: 2,
      },
      { dusun: 'Kali / Barat', rw: '002', rt: '003', ...cov },
    ]);
    expect(day.hourly).toEqual([{ hour: 9, bytes: 30, sessions: 2 }]);
    expect(day.vouchers).toEqual({ created: 5, used: 2, expired: 1, revenueRp: 10_000 });
    expect(day.usage.monthToDate).toEqual({ devices: 2, residents: 0 });
  });

  it('splits the report key from its last RW and RT markers', () => {
    expect(splitCoverageKey('A / RW 1 / RT 2 / RW 3 / RT 4')).toEqual({
      dusun: 'A / RW 1 / RT 2',
      rw: '3',
      rt: '4',
    });
  });

  it('refuses a day whose labels look personal, naming the field', async () => {
    await expect(buildRegencyDay(source(['3523010101010001']), '2026-12-02', opts)).rejects.toThrow(
      /\$\.usage\.byRouter\[0\]\.key/,
    );
  });
});
