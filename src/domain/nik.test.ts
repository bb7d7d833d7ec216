import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNik, maskNik, normalizeIdNumber, PROVINCE_CODES } from './nik.js';

const today = new Date('2026-06-15T00:00:00Z');
const villageCode = '35.23.12.2002';
const DAY_MS = 86_400_000;
const provinces = [...PROVINCE_CODES];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A birth date the two-digit-year rule resolves uniquely: within the last 100 years, up to today. */
const birthDate = fc
  .integer({ min: 0, max: 36_500 - 1 })
  .map((daysAgo) => new Date(today.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10));

const validNik = fc
  .record({
    province: fc.constantFrom(...provinces),
    area: fc.integer({ min: 0, max: 9999 }),
    birth: birthDate,
    sex: fc.constantFrom(1 as const, 2 as const),
    serial: fc.integer({ min: 1, max: 9999 }),
  })
  .map(({ province, area, birth, sex, serial }) => {
    const [y, m, d] = birth.split('-') as [string, string, string];
    const day = Number(d) + (sex === 2 ? 40 : 0);
    const nik = `${province}${pad(area, 4)}${pad(day)}${m}${y.slice(2)}${pad(serial, 4)}`;
    return { nik, birth, sex };
  });

const replaceAt = (s: string, at: number, part: string) => s.slice(0, at) + part + s.slice(at + part.length);

describe('checkNik', () => {
  it('accepts every well-formed NIK and reads back its birth date and sex', () => {
    fc.assert(
      fc.property(validNik, ({ nik, birth, sex }) => {
        const check = checkNik(nik, { today });
        expect(check).toMatchObject({ ok: true, nik, birthDate: birth, sex });
      }),
    );
  });

  it('ignores spaces, dots, dashes and invisible characters inside the number', () => {
    const noise = fc.constantFrom(' ', '.', '-', '\u00a0', '\u200b', '\ufeff', '\u2013', '\t');
    fc.assert(
      fc.property(
        validNik,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 16 }), noise)),
        ({ nik }, inserts) => {
          let text = nik;
          for (const [at, ch] of inserts) text = text.slice(0, at) + ch + text.slice(at);
          expect(normalizeIdNumber(text)).toBe(nik);
          expect(checkNik(text, { today })).toMatchObject({ ok: true, nik });
        },
      ),
    );
  });

  const mutations: Record<string, fc.Arbitrary<(nik: string) => string>> = {
    'an unknown province': fc
      .integer({ min: 0, max: 99 })
      .filter((p) => !PROVINCE_CODES.has(pad(p)) && p >= 10)
      .map((p) => (nik: string) => replaceAt(nik, 0, pad(p))),
    'day 00, 32–40 or 72–99': fc
      .constantFrom(0, 32, 35, 40, 72, 80, 99)
      .map((d) => (nik: string) => replaceAt(nik, 6, pad(d))),
    'month 00 or 13–99': fc
      .constantFrom(0, 13, 20, 99)
      .map((m) => (nik: string) => replaceAt(nik, 8, pad(m))),
    'serial 0000': fc.constant((nik: string) => replaceAt(nik, 12, '0000')),
    'a missing or extra digit': fc
      .constantFrom(-1, 1, -5, 3)
      .map((n) => (nik: string) => (n < 0 ? nik.slice(0, 16 + n) : nik + '7'.repeat(n))),
    'a letter': fc.integer({ min: 0, max: 15 }).map((at) => (nik: string) => replaceAt(nik, at, 'O')),
  };

  for (const [name, mutation] of Object.entries(mutations)) {
    it(`rejects a NIK with ${name}, with a reason that does not repeat it`, () => {
      fc.assert(
        fc.property(validNik, mutation, ({ nik }, mutate) => {
          const bad = mutate(nik);
          const check = checkNik(bad, { today, villageCode });
          expect(check.ok).toBe(false);
          if (check.ok) return;
          expect(check.reason.length).toBeGreaterThan(0);
          expect(check.reason).not.toContain(bad);
          expect(check.reason).not.toContain(nik);
          expect(check.reason).not.toContain('\n');
        }),
      );
    });
  }

  it('never repeats the input in a reason, whatever the input', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{10,20}$/), (text) => {
        const check = checkNik(text, { today, villageCode });
        if (!check.ok) expect(check.reason).not.toContain(normalizeIdNumber(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a woman’s day as day + 40', () => {
    expect(checkNik('3523124501900001', { today })).toMatchObject({
      ok: true,
      birthDate: '1990-01-05',
      sex: 2,
    });
    expect(checkNik('3523120501900001', { today })).toMatchObject({
      ok: true,
      birthDate: '1990-01-05',
      sex: 1,
    });
  });

  it('takes 20yy unless that is after today, and checks leap days in that century', () => {
    expect(checkNik('3523122902000001', { today })).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(checkNik('3523121506260001', { today })).toMatchObject({ ok: true, birthDate: '2026-06-15' });
    expect(checkNik('3523121606260001', { today })).toMatchObject({ ok: true, birthDate: '1926-06-16' });
    expect(checkNik('3523122902010001', { today })).toEqual({
      ok: false,
      reason: 'tanggal lahir pada NIK tidak ada di kalender',
    });
    expect(checkNik('3523123104900001', { today }).ok).toBe(false);
  });

  it('accepts the 2022 Papua provinces and rejects codes that are not provinces', () => {
    expect(checkNik('9601010101900001', { today }).ok).toBe(true);
    expect(checkNik('2001010101900001', { today })).toEqual({
      ok: false,
      reason: 'kode provinsi NIK tidak dikenal',
    });
  });

  it('warns, but accepts, a NIK first registered outside the village’s kecamatan', () => {
    expect(checkNik('3523120101900001', { today, villageCode })).toMatchObject({ ok: true, warnings: [] });
    expect(checkNik('3523130101900001', { today, villageCode })).toMatchObject({
      ok: true,
      warnings: ['outside-kecamatan'],
    });
    // Without a village code there is nothing to compare against.
    expect(checkNik('3301010101900001', { today })).toMatchObject({ ok: true, warnings: [] });
  });

  it('accepts OpenSID temporary NIKs flagged, without a birth date or sex', () => {
    expect(checkNik('03523122002' + '00012', { today, villageCode })).toEqual({
      ok: true,
      nik: '0352312200200012',
      birthDate: null,
      sex: null,
      warnings: ['temporary-nik'],
      temporary: true,
    });
    expect(checkNik('03301012001' + '00001', { today, villageCode })).toMatchObject({
      ok: true,
      warnings: ['temporary-nik', 'outside-kecamatan'],
    });
    expect(checkNik('0990000000000001', { today }).ok).toBe(false);
  });

  it('warns when the resident is a child (younger than 18) today', () => {
    expect(checkNik('3523121506080001', { today, villageCode })).toMatchObject({ warnings: [] });
    expect(checkNik('3523121606080001', { today, villageCode })).toMatchObject({ warnings: ['under-age'] });
  });

  it('explains empty, non-numeric and short input', () => {
    expect(checkNik('  ', { today })).toEqual({ ok: false, reason: 'NIK kosong' });
    expect(checkNik('35231245019O0001', { today })).toEqual({
      ok: false,
      reason: 'NIK hanya boleh berisi angka',
    });
    expect(checkNik('352312450190001', { today })).toEqual({
      ok: false,
      reason: 'NIK harus 16 digit (terbaca 15 digit)',
    });
  });
});

describe('maskNik', () => {
  it('keeps the first four and last two digits only', () => {
    expect(maskNik('3523124501900001')).toBe('3523**********01');
    expect(maskNik('3523 1245 0190 0001')).toBe('3523**********01');
    fc.assert(
      fc.property(validNik, ({ nik }) => {
        const masked = maskNik(nik);
        expect(masked).toHaveLength(16);
        expect(masked.slice(4, 14)).toBe('**********');
      }),
    );
  });
});
