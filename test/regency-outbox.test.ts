// The village node's regency link against a fake Worker that verifies like the real one: days closed after local
// midnight go into the outbox and arrive exactly once, with the village's own report totals, across an uplink cut
// of days (backoff with jitter, capped), a lost answer (resend, idempotent) and a push asked for by hand; nothing
// personal ever leaves (every roster name, NIK mask and MAC is searched for in every body sent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import type { RegencyDay } from '../src/domain/regency-payload.js';
import { addDays } from '../src/domain/report-period.js';
import { backoffMs } from '../src/services/regency/regency-link.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { type FakeWorker, startFakeWorker } from './support/fake-regency-worker.js';
import { testKeyring } from './support/radius-fixtures.js';
import { EXPECTED_USAGE, ROSTER, recordKnownVillage, TZ, wib } from './support/report-village.js';

const VILLAGE = '3523122002';
const TOKEN = 'village-token-0123456789abcdef';
const HOUR = 3_600_000;

describe('backoff', () => {
  it('doubles from the base, is capped, and is jittered between half and the whole', () => {
    const mid = () => 0.5;
    expect(backoffMs(1, 60_000, HOUR, () => 0)).toBe(30_000);
    expect(backoffMs(1, 60_000, HOUR, () => 0.999999)).toBe(60_000);
    expect(backoffMs(2, 60_000, HOUR, mid)).toBe(90_000);
    expect(backoffMs(7, 60_000, HOUR, mid)).toBe(0.75 * HOUR);
    expect(backoffMs(10_000, 60_000, HOUR, mid)).toBe(0.75 * HOUR);
    expect(backoffMs(10_000, 60_000, HOUR, () => 0.999999)).toBeLessThanOrEqual(HOUR);
  });
});

describe.each(databaseKinds)('regency outbox on %s', (kind) => {
  let tdb: TestDatabase;
  let worker: FakeWorker;
  const clock = { now: wib('2026-12-05T12:00:00') };
  let services: ReturnType<typeof createServices>;
  const day = (d: string): RegencyDay => {
    const got = worker.days.get(`${VILLAGE}/${d}`);
    if (!got) throw new Error(`no ${d} at the Worker`);
    return got;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    await recordKnownVillage(tdb.db, clock);
    clock.now = wib('2026-12-05T12:00:00');
    worker = await startFakeWorker({ tokens: { [VILLAGE]: TOKEN }, now: () => clock.now });
    services = createServices(
      {
        stores: createStores(tdb.db),
        keyring: await testKeyring(),
        now: () => clock.now,
        villageCode: '35.23.12.2002',
        timeZone: TZ,
      },
      { regency: { random: () => 0.5, timeoutMs: 5000 } },
    );
  });
  afterAll(async () => {
    await worker?.stop();
    await tdb?.close();
  });

  it('refuses to join when the URL does not answer, and saves nothing', async () => {
    await expect(services.regency.join({ url: 'http://127.0.0.1:9', token: TOKEN })).rejects.toThrow(
      /tidak menerima kiriman/,
    );
    await expect(services.regency.join({ url: worker.url, token: 'wrong-token-0123456789' })).rejects.toThrow(
      /HTTP 401/,
    );
    expect((await services.regency.status()).joined).toBe(false);
  });

  it('joins (the token kept encrypted) and sends every closed day since the first usage, and today so far', async () => {
    const joined = await services.regency.join({ url: `${worker.url}/`, token: TOKEN });
    expect(joined).toEqual({ url: worker.url, village: VILLAGE });
    const row = await tdb.db.selectFrom('regency_link').selectAll().executeTakeFirstOrThrow();
    expect(row.token_enc).not.toContain(TOKEN);
    expect(row.token_enc.startsWith('v1.')).toBe(true);

    const result = await services.regency.push();
    expect(result).toEqual({
      sent: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
      today: true,
      waiting: 0,
    });
    expect(day('2026-12-05').final).toBe(false);
    expect(day('2026-12-04').final).toBe(true);
    const status = await services.regency.status();
    expect(status).toMatchObject({ joined: true, waitingDays: 0, lastSuccessAt: clock.now, lastError: null });
  });

  it("carries the village's own report totals for each day, exactly", async () => {
    for (const [d, expected] of Object.entries(EXPECTED_USAGE)) {
      expect(day(d).usage.totals, d).toEqual(expected);
      const report = await services.reports.usage({ from: d, to: d, by: 'router' }, 'admin');
      expect(day(d).usage.byRouter).toEqual(report.rows.map((r) => ({ ...r })));
    }
    expect(day('2026-12-03').usage.totals).toEqual({
      bytesDown: 0,
      bytesUp: 0,
      sessions: 0,
      devices: 0,
      residents: 0,
    });
    // Month to date: distinct over 1–2 December, not a sum of the days.
    expect(day('2026-12-02').usage.monthToDate).toEqual({ devices: 2, residents: 2 });
    expect(day('2026-12-02').usage.byDusun).toEqual([{ key: 'Krajan', ...EXPECTED_USAGE['2026-12-02'] }]);
    expect(day('2026-12-02').usage.byPlan.map((r) => r.key)).toEqual(['Warga']);
    expect(day('2026-12-01').hourly).toEqual([{ hour: 23, bytes: 5_000_001_000, sessions: 1 }]);
    expect(day('2026-12-04').coverage).toContainEqual({
      dusun: 'Krajan',
      rw: '001',
      rt: '001',
      residents: 2,
      registered: 1,
      households: 1,
      householdsConnected: 1,
    });
    expect(
      day('2026-12-04')
        .uptime.map((u) => u.router)
        .sort(),
    ).toEqual(['balai-desa', 'masjid']);
  });

  it('keeps every day exactly once across an uplink cut of a week, backing off, capped, then catching up', async () => {
    await worker.stop();
    const storedBefore = worker.answers.filter((a) => a.status === 'stored').length;
    const waits: number[] = [];
    // The agent ticks every 30 minutes for a week while the Worker is unreachable.
    const end = wib('2026-12-12T09:00:00');
    let requests = 0;
    while (clock.now < end) {
      clock.now += 30 * 60_000;
      const r = await services.regency.tick();
      if (r) {
        requests++;
        expect(r.error).toMatch(/tidak terhubung/);
        const s = await services.regency.status();
        waits.push((s.nextTry ?? 0) - clock.now);
      }
    }
    // Backoff: waits grow and stop at the cap (1 h, jittered to ¾ with random 0.5); far fewer tries than ticks.
    expect(Math.max(...waits)).toBeLessThanOrEqual(HOUR);
    expect(waits.at(-1)).toBe(0.75 * HOUR);
    expect(waits.slice(0, 3)).toEqual([45_000, 90_000, 180_000]);
    expect(requests).toBeLessThan(7 * 24 * 2);
    const during = await services.regency.status();
    expect(during.waitingDays).toBe(7); // 5 … 11 December closed while cut off
    expect(during.oldestWaiting).toBe('2026-12-05');
    expect(during.lastError).toMatch(/tidak terhubung/);

    await worker.start();
    // The next tick past the backoff sends everything.
    clock.now = (during.nextTry ?? clock.now) + 1;
    const r = await services.regency.tick();
    expect(r?.sent).toEqual([
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
    ]);
    const stored = worker.answers.filter((a) => a.status === 'stored').slice(storedBefore);
    expect(stored.map((a) => a.day)).toEqual([
      '2026-12-06',
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
    ]);
    // 5 December (sent as "today so far" before the cut) was replaced by its final day.
    expect(day('2026-12-05').final).toBe(true);
    for (let d = '2026-12-01'; d <= '2026-12-11'; d = addDays(d, 1)) {
      expect(
        worker.answers.filter((a) => a.day === d && a.status === 'stored'),
        d,
      ).toHaveLength(1);
      expect(day(d).final, d).toBe(true);
    }
    expect((await services.regency.status()).waitingDays).toBe(0);
  });

  it('resends after a lost answer without doubling a day, and marks sent only after a 2xx', async () => {
    clock.now = wib('2026-12-13T08:00:00');
    worker.loseAnswers = 1;
    const first = await services.regency.push();
    expect(first.error).toMatch(/HTTP 500/);
    expect(first.waiting).toBe(1);
    const second = await services.regency.push();
    expect(second).toMatchObject({ sent: ['2026-12-12'], today: true, waiting: 0 });
    const twelfth = worker.answers.filter((a) => a.day === '2026-12-12');
    // "today so far" on the 12th before, then the final day stored once; its resend was a replacement of itself
    // at worst, never a second day.
    expect(worker.days.get(`${VILLAGE}/2026-12-12`)?.final).toBe(true);
    expect(twelfth.map((a) => a.status)).toEqual(['stored', 'replaced', 'unchanged']);
    // A push with nothing waiting sends only today so far.
    const third = await services.regency.push();
    expect(third).toEqual({ sent: [], today: true, waiting: 0 });
  });

  it('never sends a roster name, NIK or MAC', () => {
    const everything = worker.bodies.join('\n');
    expect(worker.bodies.length).toBeGreaterThan(5);
    for (const [name] of ROSTER) expect(everything).not.toContain(name);
    for (let i = 1; i <= ROSTER.length; i++) {
      expect(everything).not.toContain(`nik-${i}`);
      expect(everything).not.toContain(`3523**********${String(i).padStart(2, '0')}`);
    }
    expect(everything).not.toMatch(/02:00:00:00:00:0[AB]/i);
    expect(everything).not.toMatch(/\d{16}/);
    expect(worker.refusals.filter((r) => r.status === 422)).toEqual([]);
  });

  it('does not close a day whose data looks personal (a router named like a MAC), says why, and sends the rest', async () => {
    await tdb.db
      .updateTable('routers')
      .set({ name: '02:00:00:00:00:0c' })
      .where('name', '=', 'masjid')
      .execute();
    clock.now = wib('2026-12-15T08:00:00');
    const result = await services.regency.push();
    // The 13th cannot be closed as it is (the days after it wait behind it, in order), nor can today.
    expect(result.sent).toEqual([]);
    expect(result.today).toBe(false);
    expect(result.error).toMatch(/data pribadi/);
    expect(result.error).toContain('$.uptime');
    const days = await tdb.db
      .selectFrom('regency_outbox')
      .select('day')
      .where('day', '>=', '2026-12-13')
      .execute();
    expect(days).toEqual([]);
    const status = await services.regency.status();
    expect(status.lastError).toMatch(/data pribadi/);
    expect(status.nextTry).toBe(0); // not the uplink's fault: no backoff
    await tdb.db
      .updateTable('routers')
      .set({ name: 'masjid' })
      .where('name', '=', '02:00:00:00:00:0c')
      .execute();
    expect(await services.regency.push()).toEqual({
      sent: ['2026-12-13', '2026-12-14'],
      today: true,
      waiting: 0,
    });
  });

  it('leaves: the link and the outbox are gone, and nothing is sent any more', async () => {
    expect(await services.regency.leave()).toBe(true);
    expect(await services.regency.status()).toEqual({ joined: false, waitingDays: 0 });
    expect(await services.regency.tick()).toBeUndefined();
    await expect(services.regency.push()).rejects.toThrow(/belum tergabung/);
  });
});
