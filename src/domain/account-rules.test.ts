import { describe, expect, it } from 'vitest';
import { ADULT_AGE, ageOn, isMinor, LABEL_MAX, labelAcceptable } from './account-rules.js';
import { macKind } from './mac.js';

const ON = Date.UTC(2026, 5, 15, 12);

describe('account rules', () => {
  it('counts whole years to the day, and a child is younger than 18', () => {
    expect(ADULT_AGE).toBe(18);
    expect(ageOn('2008-06-15', ON)).toBe(18);
    expect(ageOn('2008-06-16', ON)).toBe(17);
    expect(isMinor('2008-06-15', ON)).toBe(false);
    expect(isMinor('2008-06-16', ON)).toBe(true);
    expect(ageOn('15-06-2008', ON)).toBeUndefined();
    expect(isMinor('tidak tahu', ON)).toBe(false);
  });

  it('takes a label of up to 40 characters with no control characters', () => {
    expect(LABEL_MAX).toBe(40);
    expect(labelAcceptable('x'.repeat(40))).toBe(true);
    expect(labelAcceptable('x'.repeat(41))).toBe(false);
    expect(labelAcceptable('HP \u001b[31m')).toBe(false);
    expect(labelAcceptable('HP\u0085')).toBe(false);
    expect(labelAcceptable('HP 👩‍🌾 Ibu')).toBe(true);
  });
});

describe('MAC kinds', () => {
  it('tells MACs no phone has from a device’s and a randomised one', () => {
    expect(macKind('00:00:00:00:00:00')).toBe('zero');
    expect(macKind('FF:FF:FF:FF:FF:FF')).toBe('broadcast');
    expect(macKind('01:00:5E:00:00:FB')).toBe('multicast');
    expect(macKind('33:33:00:00:00:01')).toBe('multicast');
    expect(macKind('DA:A1:19:00:00:01')).toBe('randomised');
    expect(macKind('5C:1A:2B:00:10:01')).toBe('device');
  });
});
