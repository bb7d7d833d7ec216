// The PIN rules of src/domain/pin.ts: what is printed on a KTP or a Kartu Keluarga, shapes, and the numbers
// people pick first are refused, each with its own reason; the office's generator only makes PINs that pass.
import { describe, expect, it } from 'vitest';
import { newAcceptablePin, pinProblem } from '../src/domain/pin.js';

// A woman born 12 Apr 1985 (day 12 + 40 = 52 in the NIK), kecamatan 35.23.12, serial 0007.
const NIK = '3523125204850007';
const KK = '3523121503100042';

describe('PIN rules', () => {
  it('wants exactly six digits', () => {
    for (const bad of ['48291', '48291a', '4829157', '']) expect(pinProblem(bad)).toBe('pin-format');
  });

  it('refuses the birth date in the NIK in every common order, the +40 form included', () => {
    const ctx = { nik: NIK };
    for (const pin of ['120485', '520485', '041285', '850412', '851204', '041985', '198504', '121985']) {
      expect([pin, pinProblem(pin, ctx)]).toEqual([pin, 'pin-birth']);
    }
  });

  it('refuses the roster birth date when it is all that is known', () => {
    expect(pinProblem('030790', { birthDate: '1990-07-03' })).toBe('pin-birth');
    expect(pinProblem('900703', { birthDate: '1990-07-03' })).toBe('pin-birth');
    expect(pinProblem('071990', { birthDate: '1990-07-03' })).toBe('pin-birth');
  });

  it('refuses the first and last six digits of the NIK and of the KK number', () => {
    expect(pinProblem('352312', { nik: NIK })).toBe('pin-nik');
    expect(pinProblem('850007', { nik: NIK })).toBe('pin-nik');
    expect(pinProblem('352312', { kk: KK })).toBe('pin-kk');
    expect(pinProblem('100042', { kk: KK })).toBe('pin-kk');
  });

  it('refuses runs up and down, wrapping past 9 and 0', () => {
    for (const pin of ['123456', '234567', '890123', '901234', '654321', '210987', '098765']) {
      expect([pin, pinProblem(pin)]).toEqual([pin, 'pin-sequence']);
    }
  });

  it('refuses repeated shapes: 111111, 121212, 123123, 112233, 111222, 123321', () => {
    for (const pin of [
      '111111',
      '000000',
      '121212',
      '505050',
      '123123',
      '739739',
      '112233',
      '884411',
      '111222',
      '123321',
    ]) {
      expect([pin, pinProblem(pin)]).toEqual([pin, 'pin-repeat']);
    }
  });

  it('refuses the most common 6-digit PINs of the leaked-password lists', () => {
    for (const pin of ['159753', '741852', '147258', '170845', '102030', '789456']) {
      expect([pin, pinProblem(pin)]).toEqual([pin, 'pin-common']);
    }
  });

  it('accepts a PIN that is none of these', () => {
    for (const pin of ['482915', '730518', '264097']) {
      expect(pinProblem(pin, { nik: NIK, kk: KK, birthDate: '1985-04-12' })).toBeUndefined();
    }
  });

  it('generates only acceptable PINs for the office, and draws again past a refused one', () => {
    const ctx = { nik: NIK, kk: KK, birthDate: '1985-04-12' };
    for (let i = 0; i < 200; i++) expect(pinProblem(newAcceptablePin(ctx), ctx)).toBeUndefined();
    // A source that first yields 123456 (a run) then 482915.
    const queue = [
      [1, 2, 3, 4, 5, 6],
      [4, 8, 2, 9, 1, 5],
    ];
    const random = (buf: Uint8Array) => {
      const next = queue.shift() ?? [7, 3, 0, 5, 1, 8];
      buf.fill(0);
      buf.set(next);
      return buf;
    };
    expect(newAcceptablePin({}, random)).toBe('482915');
  });
});
