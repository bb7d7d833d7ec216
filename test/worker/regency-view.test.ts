// The regency's reads inside workerd with a local D1: the JSON API in the village report's shape, each
// official's scope enforced by the query (a kecamatan official never sees another kecamatan's village, even when
// asking for it), distinct counts exact for a day and for a whole month, the small-cell rule, the pages (sign-in
// cookie, strict CSP, nothing external), the exports, the monthly PDF, the villages not reporting, and the cron.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/worker.js';
import { ADMIN, day, enrol, fetchWorker, ingest, payload } from './regency-fixtures.js';

const KEREK_1 = '3523010001';
const KEREK_2 = '3523010002';
const TAMBAK = '3523020001';
const STOPPED = '3523020002';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function official(scope: string, area?: string): Promise<string> {
  const res = await fetchWorker('/api/v1/officials', {
    method: 'POST',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Petugas ${scope}`, scope, area }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
async function getJson(path: string, token: string) {
  const res = await fetchWorker(path, { headers: bearer(token) });
  expect(res.status, path).toBe(200);
  return res.json() as Promise<{
    rows: Array<Record<string, unknown>>;
    totals: Record<string, unknown>;
    distinct?: { rows: string; totals: string };
  }>;
}

let kab = '';
let kec = '';
let desa = '';

beforeAll(async () => {
  const t1 = await enrol(KEREK_1, 'Sidonganti', 'Kerek');
  const t2 = await enrol(KEREK_2, 'Hargoretno', 'Kerek');
  const t3 = await enrol(TAMBAK, 'Glondonggede', 'Tambakboyo');
  const t4 = await enrol(STOPPED, 'Pabeyan', 'Tambakboyo');
  // October: three days each; monthToDate grows as the node would count it.
  for (const [token, code, scale] of [
    [t1, KEREK_1, 1],
    [t2, KEREK_2, 2],
    [t3, TAMBAK, 3],
  ] as const) {
    const days = ['2026-10-01', '2026-10-02', '2026-10-03'].map((d, i) => {
      const x = day(d, { bytes: 1_000_000 * scale, devices: 10 * scale });
      x.usage.monthToDate = { devices: 10 * scale + 7 * i, residents: 8 * scale + i };
      return x;
    });
    days.push(day(today, { bytes: 5000, devices: 3 }));
    expect((await ingest(token, code, payload(code, days))).status).toBe(200);
  }
  expect((await ingest(t4, STOPPED, payload(STOPPED, [day(addDays(today, -5))]))).status).toBe(200);
  kab = await official('kabupaten');
  kec = await official('kecamatan', 'Kerek');
  desa = await official('desa', TAMBAK);
});

describe('regency JSON API', () => {
  it('answers usage by village for one day, exact, with the small-cell rule', async () => {
    const r = await getJson('/api/v1/regency/usage?from=2026-10-02&to=2026-10-02&by=village', kab);
    expect(r.distinct).toEqual({ rows: 'day', totals: 'day' });
    expect(r.rows.map((x) => [x.village, x.bytesDown, x.devices])).toEqual([
      [KEREK_2, 2_000_000, 20],
      [KEREK_1, 1_000_000, 10],
      [TAMBAK, 3_000_000, 30],
    ]);
    expect(r.totals).toMatchObject({ bytesDown: 6_000_000, devices: 60, sessions: 90 });
    const small = await getJson(`/api/v1/regency/usage?from=${today}&to=${today}&by=village`, kab);
    expect(small.rows.every((x) => x.devices === '< 5')).toBe(true);
  });

  it('makes a whole month exact through the month-to-date counts, and says when a figure is a peak day', async () => {
    const month = await getJson('/api/v1/regency/usage?from=2026-10-01&to=2026-10-31&by=kecamatan', kab);
    expect(month.distinct).toEqual({ rows: 'month', totals: 'month' });
    // Each village's month-to-date on its last day (the 3rd): 10+14, 20+14, 30+14.
    expect(month.rows.map((x) => [x.key, x.devices, x.bytesDown])).toEqual([
      ['Kerek', 24 + 34, 9_000_000],
      ['Tambakboyo', 44, 9_000_000],
    ]);
    expect(month.totals.devices).toBe(24 + 34 + 44);
    const range = await getJson('/api/v1/regency/usage?from=2026-10-02&to=2026-10-03&by=village', kab);
    expect(range.distinct).toEqual({ rows: 'peak-day', totals: 'peak-day' });
    const byDay = await getJson('/api/v1/regency/usage?from=2026-10-01&to=2026-10-03&by=day', kab);
    expect(byDay.rows.map((x) => [x.key, x.devices])).toEqual([
      ['2026-10-01', 60],
      ['2026-10-02', 60],
      ['2026-10-03', 60],
    ]);
    const byRouter = await getJson('/api/v1/regency/usage?from=2026-10-01&to=2026-10-03&by=router', kab);
    expect(byRouter.rows.map((x) => x.key)).toContain('Sidonganti · Balai Desa');
  });

  it("keeps each official inside their area, even when the query names another area's village", async () => {
    const mine = await getJson('/api/v1/regency/usage?from=2026-10-01&to=2026-10-31&by=village', kec);
    expect(mine.rows.map((x) => x.village).sort()).toEqual([KEREK_1, KEREK_2]);
    const other = await getJson(
      `/api/v1/regency/usage?from=2026-10-01&to=2026-10-31&by=village&village=${TAMBAK}`,
      kec,
    );
    expect(other.rows).toEqual([]);
    expect(other.totals.bytesDown).toBe(0);
    const viaKecamatan = await getJson(
      '/api/v1/regency/usage?from=2026-10-01&to=2026-10-31&by=village&kecamatan=Tambakboyo',
      kec,
    );
    expect(viaKecamatan.rows).toEqual([]);
    const self = await getJson('/api/v1/regency/coverage?by=village', desa);
    expect(self.rows.map((x) => x.village)).toEqual([TAMBAK]);
    const villages = (await (await fetchWorker('/api/v1/villages', { headers: bearer(kec) })).json()) as {
      villages: Array<{ code: string }>;
    };
    expect(villages.villages.map((v) => v.code).sort()).toEqual([KEREK_1, KEREK_2]);
    // Officials read; only the admin enrols.
    const enrolAttempt = await fetchWorker('/api/v1/villages', {
      method: 'POST',
      headers: { ...bearer(kab), 'content-type': 'application/json' },
      body: JSON.stringify({ code: '3523099999', name: 'X', kecamatan: 'Y' }),
    });
    expect(enrolAttempt.status).toBe(403);
    expect((await fetchWorker('/api/v1/regency/coverage?by=village')).status).toBe(401);
  });

  it('answers coverage by kecamatan from each village’s latest snapshot, masked', async () => {
    const r = await getJson('/api/v1/regency/coverage?by=kecamatan', kab);
    // Two RT rows per village: 40 + 3 residents, 20 + 2 registered.
    expect(r.rows.find((x) => x.key === 'Kerek')).toMatchObject({ residents: 86, registered: 44 });
    const dusun = await getJson(`/api/v1/regency/coverage?by=dusun&village=${KEREK_1}`, kab);
    expect(dusun.rows).toEqual([
      expect.objectContaining({ key: 'Sidonganti · Krajan', residents: 43, householdsConnected: 10 }),
    ]);
  });
});

describe('regency pages', () => {
  async function signIn(token: string): Promise<string> {
    const res = await fetchWorker('/masuk', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    return cookie.split(';')[0]!;
  }

  it('signs an official in with a cookie and shows their area only, under a strict CSP, nothing external', async () => {
    const cookie = await signIn(kec);
    const res = await fetchWorker('/desa?kind=month&at=2026-10', { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Sidonganti');
    expect(html).toContain('Hargoretno');
    expect(html).not.toContain('Glondonggede');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(Number(res.headers.get('x-d1-statements'))).toBeLessThanOrEqual(50);
    const anon = await fetchWorker('/ringkasan', { redirect: 'manual' });
    expect(anon.status).toBe(303);
    expect(await signInFails('wro_unknown')).toBe(true);
  });

  async function signInFails(token: string) {
    const res = await fetchWorker('/masuk', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });
    return res.headers.get('location') === '/masuk?gagal=1';
  }

  it('shows the overview by kecamatan, the villages not reporting with their last day, and exports', async () => {
    const cookie = await signIn(kab);
    const overview = await fetchWorker('/ringkasan?kind=month&at=2026-10', { headers: { cookie } });
    const html = await overview.text();
    expect(html).toContain('Tambakboyo');
    expect(Number(overview.headers.get('x-d1-statements'))).toBeLessThanOrEqual(50);
    const stopped = await (await fetchWorker('/tidak-melapor', { headers: { cookie } })).text();
    expect(stopped).toContain('Pabeyan');
    expect(stopped).toContain(addDays(today, -5));
    expect(stopped).not.toContain('Sidonganti');
    const csv = await fetchWorker('/ekspor/desa.csv?kind=month&at=2026-10', { headers: { cookie } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('Sidonganti');
    expect(text).toContain('3000000');
    const xlsx = await fetchWorker('/ekspor/ringkasan.xlsx?kind=month&at=2026-10', { headers: { cookie } });
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it('prints the monthly regency report and makes its PDF with pdf-lib on Workers', async () => {
    const cookie = await signIn(kab);
    const print = await fetchWorker('/bulanan?at=2026-10', { headers: { cookie } });
    const html = await print.text();
    expect(html).toContain('Laporan Wi-Fi Desa se-');
    expect(html).toContain('Oktober 2026');
    const pdf = await fetchWorker('/bulanan.pdf?at=2026-10', { headers: { cookie } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it('speaks English when asked (the toggle, remembered in a cookie, or the browser), Indonesian otherwise', async () => {
    const cookie = await signIn(kab);
    const id = await (await fetchWorker('/ringkasan?kind=month&at=2026-10', { headers: { cookie } })).text();
    expect(id).toContain('<html lang="id"');
    expect(id).toContain('Ringkasan Wi-Fi desa');
    expect(id).toContain('href="/ringkasan?kind=month&amp;at=2026-10&amp;lang=en"');
    const toggled = await fetchWorker('/ringkasan?kind=month&at=2026-10&lang=en', { headers: { cookie } });
    const en = await toggled.text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Village Wi-Fi overview');
    expect(en).toContain('Data downloaded by kecamatan');
    expect(en).not.toContain('Ringkasan Wi-Fi desa');
    const lang = (toggled.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(lang).toBe('wr_lang=en');
    const remembered = await fetchWorker('/desa?kind=month&at=2026-10', {
      headers: { cookie: `${cookie}; ${lang}` },
    });
    expect(await remembered.text()).toContain('Villages compared');
    const browser = await fetchWorker('/tidak-melapor', {
      headers: { cookie, 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(await browser.text()).toContain('Villages not reporting');
    const monthly = await (await fetchWorker('/bulanan?at=2026-10&lang=en', { headers: { cookie } })).text();
    expect(monthly).toContain('Village Wi-Fi report of');
    expect(monthly).toContain('October 2026');
  });
});

describe('regency cron', () => {
  it('marks villages that stopped reporting and prunes expired nonces', async () => {
    await env.DB.prepare(
      "INSERT INTO ingest_nonces (village, nonce, expires_at) VALUES ('x', 'old-nonce-000000', 1)",
    ).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '17 * * * *' }), env as never, ctx);
    await waitOnExecutionContext(ctx);
    const stopped = await env.DB.prepare(
      'SELECT code, stopped_since FROM villages WHERE stopped_since IS NOT NULL',
    ).all();
    expect(stopped.results).toEqual([{ code: STOPPED, stopped_since: addDays(today, -5) }]);
    const old = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM ingest_nonces WHERE nonce = 'old-nonce-000000'",
    ).first();
    expect(old?.n).toBe(0);
  });
});
