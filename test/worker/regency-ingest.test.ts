// POST /api/v1/ingest inside workerd with a local D1: signed payloads are stored once per village and day, a
// later computedAt replaces a day atomically, an older one is ignored; tampered, replayed, foreign or personal
// payloads are refused before anything is stored.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, day, enrol, fetchWorker, ingest, payload } from './regency-fixtures.js';

// Storage is shared by the tests of a file: each test enrols its own village.
let next = 100;
let V = '';
beforeEach(() => {
  V = `3523082${next++}`;
});

async function storedRows(village: string) {
  const days = await env.DB.prepare(
    'SELECT day, bytes_down, computed_at FROM village_days WHERE village = ? ORDER BY day',
  )
    .bind(village)
    .all();
  const usage = await env.DB.prepare('SELECT COUNT(*) AS n FROM village_usage WHERE village = ?')
    .bind(village)
    .first();
  return { days: days.results, usageRows: Number(usage?.n) };
}

describe('regency ingest', () => {
  it('stores a signed payload, answers per day, and a resend changes nothing', async () => {
    const token = await enrol(V);
    const body = payload(V, [day('2026-12-01'), day('2026-12-02')]);
    const first = await ingest(token, V, body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      days: [
        { day: '2026-12-01', status: 'stored' },
        { day: '2026-12-02', status: 'stored' },
      ],
    });
    const before = await storedRows(V);
    expect(before.days).toHaveLength(2);
    expect(before.usageRows).toBe(8);
    const again = await ingest(token, V, body);
    expect(await again.json()).toEqual({
      days: [
        { day: '2026-12-01', status: 'unchanged' },
        { day: '2026-12-02', status: 'unchanged' },
      ],
    });
    expect(await storedRows(V)).toEqual(before);
  });

  it('replaces a day with a later computedAt, ignores an older one', async () => {
    const token = await enrol(V);
    await ingest(
      token,
      V,
      payload(V, [day('2026-12-03', { computedAt: '2026-12-03T10:00:00Z', bytes: 500 })]),
    );
    const later = await ingest(
      token,
      V,
      payload(V, [day('2026-12-03', { computedAt: '2026-12-03T17:00:00Z', bytes: 9000 })]),
    );
    expect(await later.json()).toEqual({ days: [{ day: '2026-12-03', status: 'replaced' }] });
    const older = await ingest(
      token,
      V,
      payload(V, [day('2026-12-03', { computedAt: '2026-12-03T12:00:00+07:00', bytes: 1 })]),
    );
    expect(await older.json()).toEqual({ days: [{ day: '2026-12-03', status: 'stale' }] });
    const rows = await storedRows(V);
    expect(rows.days).toEqual([
      { day: '2026-12-03', bytes_down: 9000, computed_at: Date.parse('2026-12-03T17:00:00Z') },
    ]);
    expect(rows.usageRows).toBe(4);
  });

  it('refuses a tampered body, a replayed nonce, a stale timestamp and an unknown village', async () => {
    const token = await enrol(V);
    const body = JSON.stringify(payload(V, [day('2026-12-04')]));
    const ok = await ingest(token, V, body, { nonce: 'a'.repeat(32) });
    expect(ok.status).toBe(200);
    const replay = await ingest(token, V, body, { nonce: 'a'.repeat(32) });
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('replay');

    const tampered = await fetchWorker('/api/v1/ingest', {
      method: 'POST',
      headers: (await import('./regency-fixtures.js').then((m) =>
        m.signedHeaders(token, V, body),
      )) as HeadersInit,
      body: body.replace('1000000', '9000000'),
    });
    expect(tampered.status).toBe(401);
    const old = await ingest(token, V, body, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(old.status).toBe(401);
    const stranger = await ingest(token, '3523082999', body);
    expect(stranger.status).toBe(401);
    const wrongKey = await ingest('wrv_not-the-token', V, body);
    expect(wrongKey.status).toBe(401);
    expect((await storedRows(V)).days).toHaveLength(1);
  });

  it('refuses with 422 and the path a payload that fails the schema or holds a NIK or a MAC', async () => {
    const token = await enrol(V);
    const bad = payload(V, [day('2026-12-05')]) as unknown as {
      days: Array<{ usage: { totals: { bytesDown: number } } }>;
    };
    bad.days[0]!.usage.totals.bytesDown = -1;
    const invalid = await ingest(token, V, bad);
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { error: { path: string } }).error.path).toBe(
      '$.days[0].usage.totals.bytesDown',
    );

    const nik = payload(V, [day('2026-12-05')]);
    nik.days[0]!.usage.byDusun[0]!.key = 'Krajan 3523081234560001';
    const personal = await ingest(token, V, nik);
    expect(personal.status).toBe(422);
    expect(((await personal.json()) as { error: { path: string } }).error.path).toBe(
      '$.days[0].usage.byDusun[0].key',
    );

    const mac = payload(V, [day('2026-12-05')]);
    mac.days[0]!.uptime[0]!.router = 'AP aa:bb:cc:dd:ee:ff';
    expect((await ingest(token, V, mac)).status).toBe(422);
    expect((await storedRows(V)).days).toHaveLength(0);
  });

  it('refuses a day sent twice, or a key twice within a day, with 422 and the path', async () => {
    const token = await enrol(V);
    const twice = await ingest(token, V, payload(V, [day('2026-12-09'), day('2026-12-09')]));
    expect(twice.status).toBe(422);
    expect(((await twice.json()) as { error: { path: string } }).error.path).toBe('$.days[1].day');
    const d = day('2026-12-09');
    d.usage.byRouter.push({ ...d.usage.byRouter[0]! });
    const key = await ingest(token, V, payload(V, [d]));
    expect(key.status).toBe(422);
    expect(((await key.json()) as { error: { path: string } }).error.path).toBe(
      '$.days[0].usage.byRouter[2]',
    );
    expect((await storedRows(V)).days).toHaveLength(0);
  });

  it("refuses a payload for another village than the token's", async () => {
    const token = await enrol(V);
    await enrol('3523089002');
    const res = await ingest(token, V, payload('3523089002', [day('2026-12-06')]));
    expect(res.status).toBe(403);
  });

  it('stops accepting a revoked token and accepts the rotated one', async () => {
    const token = await enrol(V);
    const rotated = await fetchWorker(`/api/v1/villages/${V}/rotate`, { method: 'POST', headers: ADMIN });
    const fresh = ((await rotated.json()) as { token: string }).token;
    expect(fresh).not.toBe(token);
    expect((await ingest(token, V, payload(V, [day('2026-12-07')]))).status).toBe(401);
    expect((await ingest(fresh, V, payload(V, [day('2026-12-07')]))).status).toBe(200);
    await fetchWorker(`/api/v1/villages/${V}/revoke`, { method: 'POST', headers: ADMIN });
    expect((await ingest(fresh, V, payload(V, [day('2026-12-08')]))).status).toBe(401);
  });

  it('counts the statements of an ingest of 31 days under the free plan limit of 50', async () => {
    const token = await enrol(V);
    const days = Array.from({ length: 31 }, (_, i) => day(`2026-01-${String(i + 1).padStart(2, '0')}`));
    const res = await ingest(token, V, payload(V, days));
    expect(res.status).toBe(200);
    const statements = Number(res.headers.get('x-d1-statements'));
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(50);
  });
});
