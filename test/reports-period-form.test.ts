// The period form without a browser: each kind has its own field, filled from the period shown, so an official who
// changes only the kind (month → day, → year, → range) gets a readable period, never the 400 page; the short
// `?kind=…&at=…` form that links and exports use still reads; the "to" field belongs to the range only.
import { describe, expect, it } from 'vitest';
import { type Period, parsePeriod } from '../src/domain/report-period.js';
import { id as m } from '../src/reports/messages/id.js';
import { periodFromQuery, periodQuery } from '../src/reports/report-query.js';
import { PERIOD_KINDS, PeriodForm } from '../src/reports/views/period-form.js';
import { REPORT_CSS } from '../src/reports/views/report-css.js';

const TODAY = '2026-12-15';

/** The query the browser sends for the form as rendered, with the kind select changed to `kind`. */
async function submitted(period: Period, kind: string): Promise<URLSearchParams> {
  const html = String(PeriodForm({ action: '/reports/usage', period, m }));
  const q = new URLSearchParams();
  q.set('kind', kind);
  for (const [, name, value] of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    q.set(name!, value!);
  }
  return q;
}

describe('period form', () => {
  const shown: Period[] = [
    parsePeriod('day', '2026-11-30')!,
    parsePeriod('month', '2026-12')!,
    parsePeriod('year', '2025')!,
    parsePeriod('custom', '2026-10-05', '2026-11-20')!,
  ];

  for (const from of shown) {
    for (const kind of PERIOD_KINDS) {
      it(`reads a ${kind} after changing only the kind on a ${from.kind} page`, async () => {
        const q = await submitted(from, kind);
        const p = periodFromQuery((n) => q.get(n) ?? undefined, TODAY);
        expect(p?.kind).toBe(kind);
        // The new period starts where the shown one did (a year: that year; a month: that month).
        const start =
          kind === 'year'
            ? `${from.from.slice(0, 4)}-01-01`
            : kind === 'month'
              ? `${from.from.slice(0, 7)}-01`
              : from.from;
        expect(p?.from).toBe(start);
        if (kind === 'custom') expect(p?.to).toBe(from.to);
      });
    }
  }

  it('reads the chosen kind’s field and ignores the others', () => {
    const q = new URLSearchParams(
      'kind=year&day=2026-12-01&month=2026-12&year=2024&from=2026-01-01&to=2026-02-01',
    );
    expect(periodFromQuery((n) => q.get(n) ?? undefined, TODAY)).toEqual({
      kind: 'year',
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });

  it('still reads the short form that links and exports carry', () => {
    for (const p of shown) {
      const q = new URLSearchParams(periodQuery(p, 'day'));
      expect(periodFromQuery((n) => q.get(n) ?? undefined, TODAY)).toEqual(p);
    }
  });

  it('gives each kind its own labelled field, "to" only for the range, and hides the others by CSS', async () => {
    const html = String(PeriodForm({ action: '/x', period: shown[1]!, m }));
    expect(html).toMatch(/<label class="pk pk-custom">Sampai<input type="date" name="to"/);
    expect(html).toMatch(/<label class="pk pk-month">Bulan<input type="month" name="month" value="2026-12"/);
    // No constraint on any field: a hidden field failing one would block the form without a word.
    expect(html).not.toMatch(/required|pattern=|min=|max=/);
    expect(REPORT_CSS).toContain('form.period:has(select[name=kind]) .pk{display:none}');
    expect(REPORT_CSS).toContain('option[value=custom]:checked) .pk-custom{display:flex}');
  });
});
