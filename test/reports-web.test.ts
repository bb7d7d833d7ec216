// The reports through the front door: /reports pages for officials and up, every table's CSV and XLSX link, the
// monthly print page and PDF, and /api/v1/reports/usage and /coverage, with the totals sent through the RADIUS
// server exact in each, and no roster name, NIK or MAC in anything an official can open.
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, createAdminHarness, type WebBrowser } from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';
import { EXPECTED_TOTALS, leaks, recordKnownVillage, wib } from './support/report-village.js';

const DECEMBER = 'kind=month&at=2026-12';

describe.each(databaseKinds)('reports web and API (%s)', (kind) => {
  let h: AdminHarness;
  let official: WebBrowser;
  let operator: WebBrowser;

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    await recordKnownVillage(h.db.db, h.clock);
    h.clock.now = wib('2026-12-05T12:00:00');
    official = await h.signedIn('official');
    operator = await h.signedIn('operator');
  });
  afterAll(() => h.close());

  it('sends a visitor without a session to sign in', async () => {
    const res = await h.browser().get('/reports/usage');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin/masuk?next=%2Freports%2Fusage');
  });

  it('shows an official the month with its chart, table and "< 5" cells', async () => {
    const res = await official.get(`/reports/usage?${DECEMBER}&by=day`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<svg');
    expect(res.text).toContain('5 GB');
    expect(res.text).toContain('&lt; 5');
    expect(res.text).toContain('/reports/usage/pemakaian-day.csv?kind=month&amp;at=2026-12&amp;by=day');
  });

  it('exports the exact totals as CSV and XLSX from the page links', async () => {
    const csv = await operator.get(`/reports/usage/pemakaian-day.csv?${DECEMBER}&by=day`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const t = EXPECTED_TOTALS;
    expect(csv.text.trimEnd().split('\r\n').at(-1)).toBe(
      ['Jumlah', t.bytesDown, t.bytesUp, t.sessions, t.devices, t.residents].join(','),
    );
    const res = await h.app.request(
      `http://admin.desa.test/reports/usage/pemakaian-dusun.xlsx?${DECEMBER}&by=dusun`,
      {
        headers: { cookie: [...operator.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      },
    );
    expect(res.status).toBe(200);
    const [sheet] = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    expect(sheet!.data.at(-1)).toEqual([
      'Jumlah',
      t.bytesDown,
      t.bytesUp,
      t.sessions,
      t.devices,
      t.residents,
    ]);
  });

  it('answers the JSON API in the shape the issue gives, masked for officials', async () => {
    const usage = await operator.api('GET', '/api/v1/reports/usage?from=2026-12-01&to=2026-12-31&by=day');
    expect(usage.status).toBe(200);
    const body = JSON.parse(usage.text);
    expect(body.totals).toEqual(EXPECTED_TOTALS);
    expect(body.rows.map((r: { key: string }) => r.key)).toEqual(['2026-12-01', '2026-12-02']);
    const masked = JSON.parse(
      (await official.api('GET', '/api/v1/reports/usage?from=2026-12-01&to=2026-12-31&by=router')).text,
    );
    expect(masked.rows).toEqual([
      { key: 'balai-desa', ...EXPECTED_TOTALS, devices: '< 5', residents: '< 5' },
    ]);
    const coverage = JSON.parse((await official.api('GET', '/api/v1/reports/coverage?by=dusun')).text);
    expect(coverage.totals).toEqual({
      residents: 7,
      registered: '< 5',
      households: 5,
      householdsConnected: '< 5',
    });
    const bad = await official.api('GET', '/api/v1/reports/usage?from=2026-12-31&to=2026-12-01');
    expect(bad.status).toBe(400);
    const doc = JSON.parse((await h.browser().get('/api/v1/openapi.json')).text);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/reports/usage', '/api/v1/reports/coverage']),
    );
  });

  it('gives an official no name, NIK or MAC on any report page or export', async () => {
    const pages = [
      ...['dusun', 'rw', 'rt'].map((by) => `/reports/coverage?${DECEMBER}&by=${by}`),
      ...['day', 'week', 'month', 'year', 'router', 'dusun', 'plan'].map(
        (by) => `/reports/usage?${DECEMBER}&by=${by}`,
      ),
      `/reports/access-points?${DECEMBER}`,
      '/reports/monthly?month=2026-12',
      '/api/v1/reports/coverage?by=rt',
      '/api/v1/reports/usage?from=2026-12-01&to=2026-12-31&by=dusun',
    ];
    let exports = 0;
    for (const path of pages) {
      const res = await official.get(path);
      expect(res.status, path).toBe(200);
      expect(leaks(res.text), path).toEqual([]);
      for (const [, href] of res.text.matchAll(/href="(\/reports\/[^"]+\.(?:csv|xlsx)[^"]*)"/g)) {
        const url = href!.replaceAll('&amp;', '&');
        const file = await h.app.request(`http://admin.desa.test${url}`, {
          headers: { cookie: [...official.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        expect(file.status, url).toBe(200);
        const bytes = Buffer.from(await file.arrayBuffer());
        const text = url.includes('.xlsx')
          ? JSON.stringify(await readXlsxFile(bytes))
          : bytes.toString('utf8');
        expect(leaks(text), url).toEqual([]);
        exports++;
      }
    }
    expect(exports).toBeGreaterThanOrEqual(30);
  });

  it('serves the monthly report as an A4 PDF', async () => {
    const res = await h.app.request('http://admin.desa.test/reports/monthly.pdf?month=2026-12', {
      headers: { cookie: [...official.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('explains a period it cannot read', async () => {
    const res = await official.get('/reports/usage?kind=month&at=2026-13');
    expect(res.status).toBe(400);
  });
});
