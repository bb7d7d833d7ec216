// A usage page grouped by router (or dusun, or plan) at regency size would list 9,000 rows: the page shows the 50
// with most download and the rest summed as one "Lainnya" row, with a note that the full list is in the exports;
// the CSV keeps every row.
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/domain/report-period.js';
import { toCsv } from '../src/reports/export/csv.js';
import { id as m } from '../src/reports/messages/id.js';
import { type UsageData, usageTables } from '../src/reports/report-data.js';
import { PAGE_TOP_ROWS, topRows } from '../src/reports/top-rows.js';
import { UsageContent } from '../src/reports/views/report-pages.js';

function usageData(by: UsageData['by'], count: number): UsageData {
  // Router i downloads i MB: the top 50 are the last 50 routers.
  const rows = Array.from({ length: count }, (_, i) => ({
    key: `ap-${String(i + 1).padStart(4, '0')}`,
    bytesDown: (i + 1) * 1_000_000,
    bytesUp: i + 1,
    sessions: 1,
    devices: 10,
    residents: 7,
  }));
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const period = parsePeriod('month', '2026-06')!;
  return {
    by,
    period,
    viewer: 'official',
    usage: {
      rows,
      totals: {
        bytesDown: sum((r) => r.bytesDown),
        bytesUp: sum((r) => r.bytesUp),
        sessions: count,
        devices: 99,
        residents: 70,
      },
    },
    previous: parsePeriod('month', '2026-05')!,
    before: { bytesDown: 0, bytesUp: 0, sessions: 0, devices: 0, residents: 0 },
    heat: [],
    quota: [],
    rejects: [],
  };
}

describe('usage page by router at regency size', () => {
  it('keeps the 50 groups with most download and sums the rest exactly', () => {
    const data = usageData('router', 9000);
    const { top, rest } = topRows(data.usage.rows);
    expect(top.map((r) => r.key)).toEqual(
      Array.from({ length: PAGE_TOP_ROWS }, (_, i) => `ap-${String(9000 - i).padStart(4, '0')}`),
    );
    expect(rest).toEqual({
      groups: 8950,
      bytesDown: ((8950 * 8951) / 2) * 1_000_000,
      bytesUp: (8950 * 8951) / 2,
      sessions: 8950,
    });
  });

  it('shows the top rows, a "Lainnya" row and the note on the page; the CSV has every row', () => {
    const data = usageData('router', 9000);
    const html = String(UsageContent({ data, m, base: '/r', query: '' }));
    expect(html).toContain('ap-9000');
    expect(html).toContain('ap-8951');
    expect(html).not.toContain('ap-8950');
    expect(html).toContain(m.col.otherRows('8.950'));
    expect(html).toContain('daftar lengkap ada di CSV dan XLSX');
    // The export links of the usage table, built from the rows shown, are those of the whole table.
    expect(html).toContain(`/r/${usageTables(data, m)[0]!.id}.csv`);
    const csv = toCsv(usageTables(data, m)[0]!);
    expect(csv).toContain('ap-0001');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + 9000 + 1);
  });

  it('lists every group when they fit, and never cuts a time series', () => {
    const fits = String(UsageContent({ data: usageData('dusun', PAGE_TOP_ROWS), m, base: '/r', query: '' }));
    expect(fits).toContain('ap-0001');
    expect(fits).not.toContain('daftar lengkap');
    const days = String(UsageContent({ data: usageData('day', 60), m, base: '/r', query: '' }));
    expect(days).toContain('ap-0001');
    expect(days).not.toContain('daftar lengkap');
  });
});
