import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('durations', () => {
  it.each([
    ['30s', 30],
    ['15m', 900],
    ['4h', 14_400],
    ['1d', 86_400],
    ['1h30m', 5_400],
    ['8', 8],
    [' 2H ', 7_200],
  ])('%j is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '0', '0s', '4x', 'h', '1.5h', '-5m', '4 jam'])('%j is unreadable', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats in the shortest compound form, which parses back', () => {
    for (const s of [1, 59, 60, 900, 5_400, 14_400, 86_400, 90_061]) {
      expect(parseDuration(formatDuration(s))).toBe(s);
    }
    expect(formatDuration(5_400)).toBe('1h30m');
  });
});
