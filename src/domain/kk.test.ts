import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKk, maskKk } from './kk.js';
import { PROVINCE_CODES } from './nik.js';

const today = new Date('2026-06-15T00:00:00Z');
const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const replaceAt = (s: string, at: number, part: string) => s.slice(0, at) + part + s.slice(at + part.length);

const validKk = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    area: fc.integer({ min: 0, max: 9999 }),
    daysAgo: fc.integer({ min: 0, max: 36_499 }),
    serial: fc.integer({ min: 0, max: 9999 }),
  })
  .map(({ province, area, daysAgo, serial }) => {
    const [y, m, d] = new Date(today.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10).split('-') as [
      string,
      string,
      string,
    ];
    return `${province}${pad(area, 4)}${d}${m}${y.slice(2)}${pad(serial, 4)}`;
  });

describe('checkKk', () => {
  it('accepts every KK number with a known province and a real recording date', () => {
    fc.assert(
      fc.property(validKk, (kk) => {
        expect(checkKk(kk, { today })).toEqual({ ok: true, kk });
      }),
    );
  });

  it('normalises separators like the NIK', () => {
    expect(checkKk('3523.1201.0110.0003', { today })).toEqual({ ok: true, kk: '3523120101100003' });
  });

  it('does not add 40 to the day: a woman-style day is invalid', () => {
    expect(checkKk('3523124501100003', { today })).toEqual({
      ok: false,
      reason: 'tanggal pencatatan pada nomor KK tidak valid (harus 01–31)',
    });
  });

  const mutations: Record<string, fc.Arbitrary<(kk: string) => string>> = {
    'an unknown province': fc
      .constantFrom('00', '10', '20', '22', '37', '50', '60', '77', '90', '97')
      .map((p) => (kk: string) => replaceAt(kk, 0, p)),
    'day 00 or 32+': fc.constantFrom('00', '32', '45', '99').map((d) => (kk: string) => replaceAt(kk, 6, d)),
    'month 00 or 13+': fc.constantFrom('00', '13', '99').map((m) => (kk: string) => replaceAt(kk, 8, m)),
    'a wrong length': fc
      .constantFrom(-1, 2)
      .map((n) => (kk: string) => (n < 0 ? kk.slice(0, 16 + n) : `${kk}00`)),
  };

  for (const [name, mutation] of Object.entries(mutations)) {
    it(`rejects a KK number with ${name}, with a reason that does not repeat it`, () => {
      fc.assert(
        fc.property(validKk, mutation, (kk, mutate) => {
          const bad = mutate(kk);
          const check = checkKk(bad, { today });
          expect(check.ok).toBe(false);
          if (!check.ok) {
            expect(check.reason).not.toContain(bad);
            expect(check.reason).not.toContain(kk);
          }
        }),
      );
    });
  }

  it('rejects a date that does not exist', () => {
    expect(checkKk('3523122902010003', { today })).toEqual({
      ok: false,
      reason: 'tanggal pencatatan pada nomor KK tidak ada di kalender',
    });
  });
});

describe('maskKk', () => {
  it('shows only the first four and last two digits', () => {
    expect(maskKk('3523120101100003')).toBe('3523**********03');
  });
});
