// The report views and exports from the same queries: the usage totals sent through the RADIUS server appear
// exactly in the CSV and in the XLSX (read back with read-excel-file); the pages, exports and the monthly PDF
// of an official hold no roster name or NIK and show "< 5" for small cells.

import { decodePDFRawStream, PDFArray, PDFDocument, type PDFRawStream } from 'pdf-lib';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { parsePeriod } from '../src/domain/report-period.js';
import { BarChart } from '../src/reports/charts/bar-chart.js';
import { toCsv } from '../src/reports/export/csv.js';
import { monthlyPdf } from '../src/reports/export/monthly-pdf.js';
import { toXlsx } from '../src/reports/export/xlsx.js';
import { id as m } from '../src/reports/messages/id.js';
import { loadMonthlyReport } from '../src/reports/monthly-report.js';
import { coverageTables, loadCoverage, loadUsage, usageTables } from '../src/reports/report-data.js';
import { usageTable } from '../src/reports/tables.js';
import { MonthlyPrint } from '../src/reports/views/monthly-print.js';
import { ReportDocument } from '../src/reports/views/report-document.js';
import { CoverageContent, UsageContent } from '../src/reports/views/report-pages.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { testKeyring } from './support/radius-fixtures.js';
import {
  EXPECTED_TOTALS,
  EXPECTED_USAGE,
  leaks,
  recordKnownVillage,
  TZ,
  wib,
} from './support/report-village.js';

function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
}

/** Every string the pages draw (pdf-lib writes them as hex strings in Flate-compressed content streams). */
function pdfTexts(doc: PDFDocument): string[] {
  return doc.getPages().flatMap((page) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    return streams.flatMap((stream) => {
      const decoded = new TextDecoder('latin1').decode(decodePDFRawStream(stream as PDFRawStream).decode());
      return [...decoded.matchAll(/<([0-9A-Fa-f]+)> Tj/g)].map((match) =>
        Buffer.from(match[1] ?? '', 'hex').toString('latin1'),
      );
    });
  });
}

describe.each(databaseKinds)('report views and exports on %s', (kind) => {
  let tdb: TestDatabase;
  const clock = { now: wib('2026-12-05T12:00:00') };
  let reports: ReturnType<typeof createServices>['reports'];
  const december = parsePeriod('month', '2026-12')!;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    await recordKnownVillage(tdb.db, clock);
    clock.now = wib('2026-12-05T12:00:00');
    reports = createServices({
      stores: createStores(tdb.db),
      keyring: await testKeyring(),
      now: () => clock.now,
      villageCode: '3523',
      timeZone: TZ,
    }).reports;
  });
  afterAll(async () => {
    await tdb?.close();
  });

  it('exports the exact usage totals as CSV', async () => {
    const table = usageTable(await reports.usage({ ...december, by: 'day' }, 'admin'), 'day', m);
    const rows = parseCsv(toCsv(table));
    expect(rows[0]).toEqual(['Tanggal', 'Unduh (byte)', 'Unggah (byte)', 'Sesi', 'Perangkat', 'Warga']);
    const want = Object.entries(EXPECTED_USAGE).map(([day, u]) =>
      [day, u.bytesDown, u.bytesUp, u.sessions, u.devices, u.residents].map(String),
    );
    expect(rows.slice(1, 3)).toEqual(want);
    const t = EXPECTED_TOTALS;
    expect(rows[3]).toEqual([
      'Jumlah',
      ...[t.bytesDown, t.bytesUp, t.sessions, t.devices, t.residents].map(String),
    ]);
  });

  it('exports the exact usage totals as XLSX, numbers as numbers', async () => {
    const table = usageTable(await reports.usage({ ...december, by: 'day' }, 'admin'), 'day', m);
    const [sheet] = await readXlsxFile(Buffer.from(await toXlsx(table)));
    const data = sheet!.data;
    expect(data[1]).toEqual(['2026-12-01', 5_000_000_000, 1000, 1, 1, 1]);
    expect(data[2]).toEqual(['2026-12-02', 10_500, 1250, 2, 2, 2]);
    expect(data[3]).toEqual(['Jumlah', EXPECTED_TOTALS.bytesDown, 2250, 3, 2, 2]);
  });

  it('defuses spreadsheet formulas in CSV cells', () => {
    const csv = toCsv({
      id: 'x',
      title: 'x',
      columns: [{ id: 'k', label: 'k', kind: 'text' }],
      rows: [['=HYPERLINK("x")'], ['< 5'], ['@SUM(A1)']],
    });
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('\r\n< 5\r\n');
    expect(csv).toContain(`'@SUM(A1)`);
  });

  it('leaves the longest bar room for its value text inside the chart (not cut off at 360 px)', () => {
    const svg = String(
      BarChart({
        title: 't',
        labelHead: 'l',
        valueHead: 'v',
        noData: '-',
        points: [
          { label: 'KRAJAN', value: 179, display: '179 / 583 (30,7%)' },
          { label: 'SOCO', value: 90, display: '90 / 534 (16,9%)' },
        ],
      }),
    );
    const width = Number(/viewBox="0 0 (\d+) /.exec(svg)![1]);
    const valueX = Number(/<text x="([\d.]+)"[^>]*class="val">179 \/ 583/.exec(svg)![1]);
    // The 12 px text is at most 7 units a character.
    expect(valueX + '179 / 583 (30,7%)'.length * 7).toBeLessThanOrEqual(width);
  });

  it('writes shares in CSV to four places and keeps counts and bytes whole', () => {
    const csv = toCsv({
      id: 'x',
      title: 'x',
      columns: [
        { id: 'k', label: 'k', kind: 'text' },
        { id: 'up', label: 'up', kind: 'ratio' },
        { id: 'b', label: 'b', kind: 'bytes' },
      ],
      rows: [['ap-1', 0.9822699264202301, 2353408320524]],
    });
    expect(csv.split('\r\n')[1]).toBe('ap-1,0.9823,2353408320524');
  });

  it('names the rows keyed "-" for what they hold: guests and institutions, or a removed access point', () => {
    const row = { bytesDown: 10, bytesUp: 1, sessions: 1, devices: 0, residents: 0 };
    const report = {
      rows: [
        { key: '-', ...row },
        { key: 'Krajan', ...row },
      ],
      totals: row,
    };
    const keys = (by: 'dusun' | 'plan' | 'router' | 'day') => usageTable(report, by, m).rows.map((r) => r[0]);
    expect(keys('dusun')).toEqual(['Tanpa dusun (tamu voucher, lembaga)', 'Krajan']);
    expect(keys('plan')).toEqual(['Tanpa paket warga (tamu voucher, lembaga)', 'Krajan']);
    expect(keys('router')).toEqual(['Titik akses yang sudah dihapus', 'Krajan']);
    expect(keys('day')).toEqual(['-', 'Krajan']);
    expect(toCsv(usageTable(report, 'dusun', m)).split('\r\n')[1]).toBe(
      '"Tanpa dusun (tamu voucher, lembaga)",10,1,1,0,0',
    );
  });

  it('gives an official pages and exports with no name, NIK or MAC, and "< 5" for small cells', async () => {
    const coverage = await loadCoverage(reports, { by: 'rt', period: december }, 'official');
    const usage = await loadUsage(reports, { by: 'dusun', period: december }, 'official');
    const html = [
      String(CoverageContent({ data: coverage, m, base: '/reports/coverage', query: '' })),
      String(UsageContent({ data: usage, m, base: '/reports/usage', query: '' })),
    ].join('\n');
    expect(html).toContain('&lt; 5');
    expect(html).toContain('<svg');
    const exports: string[] = [];
    for (const t of [...coverageTables(coverage, m), ...usageTables(usage, m)]) {
      exports.push(toCsv(t));
      const sheets = await readXlsxFile(Buffer.from(await toXlsx(t)));
      exports.push(JSON.stringify(sheets));
    }
    expect(leaks(html)).toEqual([]);
    expect(leaks(exports.join('\n'))).toEqual([]);
    expect(exports.join('\n')).toContain('< 5');
  });

  it('labels a daily chart over several months with day and month, and within one month with the day only', async () => {
    const tick = (html: string) =>
      [...html.matchAll(/class="tick" text-anchor="middle">([^<]*)</g)].map((x) => x[1]);
    const month = await loadUsage(reports, { by: 'day', period: december }, 'admin');
    const inMonth = tick(String(UsageContent({ data: month, m, base: '/reports/usage', query: '' })));
    expect(inMonth.length).toBeGreaterThan(0);
    for (const label of inMonth) expect(label).toMatch(/^\d{2}$/);
    const span = parsePeriod('custom', '2026-11-30', '2026-12-05')!;
    const across = await loadUsage(reports, { by: 'day', period: span }, 'admin');
    const rows = [{ ...across.usage.totals, key: '2026-11-30' }, ...across.usage.rows];
    const labels = tick(
      String(UsageContent({ data: { ...across, usage: { ...across.usage, rows } }, m, base: '', query: '' })),
    );
    expect(labels[0]).toBe('30 Nov');
    expect(labels).toContain('1 Des');
  });

  it('makes the monthly report as a print page and an A4 PDF, with no names', async () => {
    const report = (await loadMonthlyReport(
      reports,
      { month: '2026-12', village: 'Sukamaju' },
      'official',
      m,
    ))!;
    expect(report.sentences.join(' ')).toContain('5 GB');
    const page = String(
      ReportDocument({
        lang: 'id',
        title: report.title,
        children: MonthlyPrint({ report, m, today: '2026-12-31' }),
      }),
    );
    expect(page).toContain('Kepala Desa');
    expect(page).toContain('@page{size:A4');
    expect(leaks(page)).toEqual([]);
    const pdf = await monthlyPdf(report, m, { today: '2026-12-31', generatedAt: '31 Desember 2026' });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    const [w, h] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe('Laporan Wi-Fi Desa bulan Desember 2026');
    // Narrow columns wrap their heading at its words instead of cutting it ("KK tersamb…").
    const text = pdfTexts(doc).join('\n');
    expect(text).not.toContain('…');
    for (const heading of ['tersambung', 'terbanyak', 'menyala', 'Jam tersibuk'])
      expect(text).toContain(heading);
  });
});
