// Time windows with a fixed clock across their edges, in Asia/Jakarta (WIB, UTC+7, no daylight saving) and
// Asia/Jayapura (WIT, UTC+9). Monday 30 November 2026 is the reference week.
import { describe, expect, it } from 'vitest';
import {
  formatTimeWindow,
  localTimeText,
  parseTimeWindow,
  type TimeWindow,
  windowState,
  windowText,
} from './time-window.js';

const TZ = 'Asia/Jakarta';
/** A local WIB wall time in the week of Monday 2026-11-30, as an instant. */
const wib = (day: number, h: number, m = 0, s = 0) => Date.UTC(2026, 10, 30 + day, h - 7, m, s);

function parse(text: string): TimeWindow {
  const r = parseTimeWindow(text);
  if (!r.ok) throw new Error(r.error);
  return r.window;
}

describe('parsing a time window', () => {
  it('reads day ranges and times as operators type them, and stores one canonical text', () => {
    expect(formatTimeWindow(parse('Sen-Jum 07:00-14:00'))).toBe('Sen-Jum 07:00-14:00');
    expect(formatTimeWindow(parse('senin-jumat 7.00-14.00'))).toBe('Sen-Jum 07:00-14:00');
    expect(formatTimeWindow(parse('Mon-Fri 07:00-14:00'))).toBe('Sen-Jum 07:00-14:00');
    expect(formatTimeWindow(parse('22:00-05:00'))).toBe('22:00-05:00');
    expect(formatTimeWindow(parse('Sab,Min 08:00-24:00'))).toBe('Sab-Min 08:00-24:00');
    expect(formatTimeWindow(parse('Jum-Sen 18:00-21:00'))).toBe('Sen,Jum-Min 18:00-21:00');
    expect(formatTimeWindow(parse('Sen-Jum 07:00-14:00; Sab 07:00-11:00'))).toBe(
      'Sen-Jum 07:00-14:00; Sab 07:00-11:00',
    );
    expect(windowText(parse('Sen-Jum 07:00-14:00'))).toBe('Sen-Jum 07.00-14.00');
  });

  it('refuses what it cannot read, saying what is wrong', () => {
    const error = (t: string) => {
      const r = parseTimeWindow(t);
      return r.ok ? undefined : r.error;
    };
    expect(error('')).toMatch(/kosong/);
    expect(error('Sen-Jum')).toMatch(/tidak terbaca/);
    expect(error('Xyz 07:00-14:00')).toMatch(/hari tidak dikenal: "Xyz"/);
    expect(error('Sen 25:00-26:00')).toMatch(/jam tidak terbaca: "25:00"/);
    expect(error('Sen 07:60-08:00')).toMatch(/jam tidak terbaca/);
    expect(error('07:00-07:00')).toMatch(/sama/);
    expect(error('24:00-05:00')).toMatch(/jam tidak terbaca: "24:00"/);
  });
});

describe('school window, weekdays 07:00–14:00 WIB', () => {
  const w = parse('Sen-Jum 07:00-14:00');

  it('is closed one second before 07:00 and names 07:00 that day as the next opening', () => {
    expect(windowState(w, wib(0, 6, 59, 59), TZ)).toEqual({ open: false, opensAt: wib(0, 7) });
  });

  it('is open at 07:00 sharp and closes at 14:00', () => {
    expect(windowState(w, wib(0, 7), TZ)).toEqual({ open: true, endsAt: wib(0, 14) });
    expect(windowState(w, wib(2, 13, 59, 59), TZ)).toEqual({ open: true, endsAt: wib(2, 14) });
  });

  it('is closed at 14:00 sharp; the next opening is the next morning', () => {
    expect(windowState(w, wib(0, 14), TZ)).toEqual({ open: false, opensAt: wib(1, 7) });
  });

  it('on Friday afternoon and over the weekend, the next opening is Monday 07:00', () => {
    expect(windowState(w, wib(4, 14), TZ)).toEqual({ open: false, opensAt: wib(7, 7) });
    expect(windowState(w, wib(6, 12), TZ)).toEqual({ open: false, opensAt: wib(7, 7) });
  });

  it('reads the zone: 07:00 WIT is 05:00 WIB', () => {
    const jayapura = Date.UTC(2026, 10, 29, 22, 0, 0); // Monday 07:00 WIT
    expect(windowState(w, jayapura, 'Asia/Jayapura')).toEqual({
      open: true,
      endsAt: jayapura + 7 * 3600_000,
    });
    expect(windowState(w, jayapura, TZ).open).toBe(false);
  });
});

describe('night window crossing midnight, 22:00–05:00 every day', () => {
  const w = parse('22:00-05:00');

  it('opens at 22:00 and ends at 05:00 the next morning', () => {
    expect(windowState(w, wib(0, 21, 59, 59), TZ)).toEqual({ open: false, opensAt: wib(0, 22) });
    expect(windowState(w, wib(0, 22), TZ)).toEqual({ open: true, endsAt: wib(1, 5) });
    expect(windowState(w, wib(1, 0), TZ)).toEqual({ open: true, endsAt: wib(1, 5) });
    expect(windowState(w, wib(1, 4, 59, 59), TZ)).toEqual({ open: true, endsAt: wib(1, 5) });
    expect(windowState(w, wib(1, 5), TZ)).toEqual({ open: false, opensAt: wib(1, 22) });
  });

  it('runs over from Sunday night into Monday morning', () => {
    expect(windowState(w, wib(7, 3), TZ)).toEqual({ open: true, endsAt: wib(7, 5) });
  });

  it('a weekday-only night plan is open Saturday until 05:00 (Friday night) and not Saturday night', () => {
    const weekdays = parse('Sen-Jum 22:00-05:00');
    expect(windowState(weekdays, wib(5, 4), TZ)).toEqual({ open: true, endsAt: wib(5, 5) });
    expect(windowState(weekdays, wib(5, 23), TZ)).toEqual({ open: false, opensAt: wib(7, 22) });
    expect(windowState(weekdays, wib(7, 3), TZ)).toEqual({ open: false, opensAt: wib(7, 22) });
  });
});

describe('whole days and joined parts', () => {
  it('every day all day never closes', () => {
    expect(windowState(parse('00:00-24:00'), wib(3, 12), TZ)).toEqual({ open: true, endsAt: undefined });
  });

  it('back-to-back parts are one span: 22:00-24:00 and 00:00-05:00 close at 05:00', () => {
    const w = parse('Sen 22:00-24:00; Sel 00:00-05:00');
    expect(windowState(w, wib(0, 23), TZ)).toEqual({ open: true, endsAt: wib(1, 5) });
  });

  it('Saturday and Sunday all day runs from Saturday 00:00 to Monday 00:00', () => {
    const w = parse('Sab-Min 00:00-24:00');
    expect(windowState(w, wib(5, 9), TZ)).toEqual({ open: true, endsAt: wib(7, 0) });
    expect(windowState(w, wib(4, 23), TZ)).toEqual({ open: false, opensAt: wib(5, 0) });
  });
});

describe('the opening time as residents read it', () => {
  it('names the weekday, the date and the dotted time in the zone', () => {
    expect(localTimeText(wib(7, 7), TZ)).toBe('07.00 (Senin, 07-12-2026)');
  });
});
