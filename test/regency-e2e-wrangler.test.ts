// End to end, offline: a village node (SQLite) whose accounting went through its own RADIUS server pushes to the
// real regency Worker under `wrangler dev --local`. The regency's usage equals the village's own report exactly;
// the Worker is stopped for days (an uplink cut) and started again, and every day arrives once; a tampered and a
// replayed request are refused; what the Worker stored holds no roster name, NIK mask or MAC.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { dayOf } from '../src/domain/quota-day.js';
import { addDays } from '../src/domain/report-period.js';
import { maskSmallCells } from '../src/domain/small-cell.js';
import type { RegencyHttp } from '../src/services/regency/regency-link-ports.js';
import { fetchHttp } from '../src/services/regency/regency-link-ports.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { testKeyring } from './support/radius-fixtures.js';
import { ROSTER, seedVillage, startVillageRadius, TZ, wib } from './support/report-village.js';
import { applyD1Migrations, startWranglerDev, type WranglerDev } from './support/wrangler-dev.js';

const VILLAGE = '3523122002';
const ADMIN = 'e2e-regency-admin-token-0123456789abcdef';
const SECRETS = {
  WARGANET_REGENCY_ADMIN_TOKEN: ADMIN,
  WARGANET_REGENCY_TOKEN_SECRET: 'e2e-regency-token-secret-0123456789abcdef',
};

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  answer: string;
}

describe('village node to the regency Worker under wrangler dev --local', () => {
  const today = dayOf(Date.now(), TZ);
  const d = (k: number) => addDays(today, -k);
  const clock = { now: 0 };
  const sent: Sent[] = [];
  let persist: string;
  let worker: WranglerDev;
  let tdb: TestDatabase;
  let services: ReturnType<typeof createServices>;

  const recording: RegencyHttp = async (url, init) => {
    const answer = await fetchHttp(url, init);
    sent.push({ url, headers: init.headers, body: init.body, status: answer.status, answer: answer.body });
    return answer;
  };
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${worker.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /** Every day's answer from the Worker, in order. */
  const answers = () =>
    sent
      .filter((s) => s.status >= 200 && s.status < 300)
      .flatMap((s) => (JSON.parse(s.answer) as { days: Array<{ day: string; status: string }> }).days);

  beforeAll(async () => {
    persist = mkdtempSync(join(tmpdir(), 'warganet-regency-d1-'));
    await applyD1Migrations(persist);
    worker = await startWranglerDev({ persistTo: persist, secrets: SECRETS });

    tdb = await createTestDatabase('sqlite');
    await seedVillage(tdb.db);
    const radius = await startVillageRadius(tdb.db, clock);
    const a = { userName: 'wn-dev-a', callingStationId: '02:00:00:00:00:0A' };
    const b = { userName: 'wn-dev-b', callingStationId: '02:00:00:00:00:0B' };
    await radius.send(`${d(6)}T09:00:00`, { ...a, sessionId: 'A1', status: 'start' });
    const interim = await radius.send(`${d(6)}T09:30:00`, {
      ...a,
      sessionId: 'A1',
      status: 'interim',
      inputBytes: 1000,
      outputBytes: 2_000_000,
      sessionTime: 1800,
    });
    await radius.sendRaw(interim); // retransmitted: counted once
    await radius.send(`${d(6)}T10:00:00`, {
      ...a,
      sessionId: 'A1',
      status: 'stop',
      inputBytes: 5000,
      outputBytes: 3_000_000,
      sessionTime: 3600,
    });
    // Across local midnight, past 4 GiB (gigawords).
    await radius.send(`${d(5)}T23:40:00`, { ...b, sessionId: 'B1', status: 'start' });
    await radius.send(`${d(5)}T23:55:00`, {
      ...b,
      sessionId: 'B1',
      status: 'interim',
      inputBytes: 100,
      outputBytes: 5_000_000_000,
      sessionTime: 900,
    });
    await radius.send(`${d(4)}T00:30:00`, {
      ...b,
      sessionId: 'B1',
      status: 'stop',
      inputBytes: 300,
      outputBytes: 5_000_400_000,
      sessionTime: 3000,
    });
    await radius.send(`${d(4)}T20:00:00`, { ...a, sessionId: 'A2', status: 'start' });
    await radius.send(`${d(4)}T21:00:00`, {
      ...a,
      sessionId: 'A2',
      status: 'stop',
      inputBytes: 70,
      outputBytes: 900,
      sessionTime: 3600,
    });
    await radius.stop();

    clock.now = wib(`${d(3)}T12:00:00`);
    services = createServices(
      {
        stores: createStores(tdb.db),
        keyring: await testKeyring(),
        now: () => clock.now,
        villageCode: '35.23.12.2002',
        timeZone: TZ,
      },
      // The village moves through days; the signature's timestamp is the Worker's real time.
      { regency: { http: recording, wallNow: Date.now, random: () => 0.5, timeoutMs: 10_000 } },
    );
  }, 400_000);

  afterAll(async () => {
    await worker?.stop();
    await tdb?.close();
    if (persist) rmSync(persist, { recursive: true, force: true });
  }, 60_000);

  async function expectRegencyEqualsVillage(from: string, to: string) {
    const village = await services.reports.usage({ from, to, by: 'day' }, 'admin');
    const regency = await api(`/api/v1/regency/usage?from=${from}&to=${to}&by=day&village=${VILLAGE}`);
    expect(regency.status).toBe(200);
    const rows = regency.body.rows as Array<Record<string, unknown>>;
    for (const r of village.rows) {
      const there = rows.filter((x) => x.key === r.key);
      expect(there, r.key).toHaveLength(1);
      expect(there[0], r.key).toMatchObject({
        bytesDown: r.bytesDown,
        bytesUp: r.bytesUp,
        sessions: r.sessions,
      });
      // A day's distinct devices and residents, under the small-cell rule both sides apply.
      expect(there[0], r.key).toMatchObject(maskSmallCells(r, ['devices', 'residents'] as const));
    }
    const totals = regency.body.totals as Record<string, unknown>;
    expect(totals).toMatchObject({
      bytesDown: village.totals.bytesDown,
      bytesUp: village.totals.bytesUp,
      sessions: village.totals.sessions,
    });
    return { village, regency: regency.body };
  }

  it('enrols the village, joins with its token, and the regency totals equal the village report', async () => {
    const enrolled = await api('/api/v1/villages', {
      method: 'POST',
      body: JSON.stringify({ code: VILLAGE, name: 'Socorejo', kecamatan: 'Jenu' }),
    });
    expect(enrolled.status).toBe(201);
    const token = String(enrolled.body.token);
    expect(token.length).toBeGreaterThanOrEqual(16);

    await services.regency.join({ url: worker.url, token });
    const pushed = await services.regency.push();
    expect(pushed).toEqual({ sent: [d(6), d(5), d(4)], today: true, waiting: 0 });

    const { village } = await expectRegencyEqualsVillage(d(6), d(3));
    // The known bytes, booked on their local days (the session across midnight split at midnight).
    expect(village.totals.bytesDown).toBe(3_000_000 + 5_000_400_000 + 900);
    expect(village.totals.bytesUp).toBe(5000 + 300 + 70);
  }, 120_000);

  it('keeps every day once across an uplink cut: the Worker stopped for days, then started again', async () => {
    const port = Number(new URL(worker.url).port);
    await worker.stop();
    // The agent ticks every hour from day -3 noon to now while the Worker is down.
    const end = Date.now() - 60_000;
    let failures = 0;
    while (clock.now + 3_600_000 < end) {
      clock.now += 3_600_000;
      const r = await services.regency.tick();
      if (r?.error) failures++;
    }
    clock.now = end;
    expect(failures).toBeGreaterThan(0);
    const down = await services.regency.status();
    expect(down.waitingDays).toBe(3);
    expect(down.oldestWaiting).toBe(d(3));
    expect(down.lastError).toMatch(/tidak terhubung/);

    worker = await startWranglerDev({ persistTo: persist, secrets: SECRETS, port });
    clock.now = Math.max(clock.now, down.nextTry ?? 0);
    const r = await services.regency.push();
    expect(r).toEqual({ sent: [d(3), d(2), d(1)], today: true, waiting: 0 });

    // Every closed day was stored once (day -3 first as "today so far", then replaced by its final form).
    for (let k = 6; k >= 1; k--) {
      expect(
        answers().filter((a) => a.day === d(k) && a.status === 'stored'),
        d(k),
      ).toHaveLength(1);
    }
    expect(
      answers()
        .filter((a) => a.day === d(3))
        .map((a) => a.status),
    ).toContain('replaced');
    await expectRegencyEqualsVillage(d(6), today);
    // A push again resends nothing closed, and the Worker's totals do not move.
    expect(await services.regency.push()).toEqual({ sent: [], today: true, waiting: 0 });
    await expectRegencyEqualsVillage(d(6), today);
  }, 300_000);

  it('refuses a tampered and a replayed request', async () => {
    const last = sent.filter((s) => s.status === 200).at(-1);
    if (!last) throw new Error('nothing was sent');
    const replay = await fetch(last.url, { method: 'POST', headers: last.headers, body: last.body });
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(replay.status).toBeLessThan(500);
    const tamperedBody = last.body.replace(
      /"bytesDown":(\d+)/,
      (_m, n: string) => `"bytesDown":${Number(n) + 1}`,
    );
    expect(tamperedBody).not.toBe(last.body);
    const tampered = await fetch(last.url, {
      method: 'POST',
      headers: {
        ...last.headers,
        'x-warganet-nonce': `${last.headers['x-warganet-nonce']?.slice(0, -4)}beef`,
      },
      body: tamperedBody,
    });
    expect(tampered.status).toBe(401);
    await expectRegencyEqualsVillage(d(6), today);
  }, 60_000);

  it('stored nothing personal: no roster name, NIK mask or MAC anywhere in the Worker database', async () => {
    await worker.stop();
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(join(persist, 'v3'));
    const dbFiles = files.filter((f) => /\.sqlite(-wal)?$/.test(f));
    expect(dbFiles.length).toBeGreaterThan(0);
    const stored = dbFiles.map((f) => readFileSync(f).toString('latin1')).join('\n');
    expect(stored).toContain('balai-desa'); // the aggregates are there…
    for (const [name] of ROSTER) expect(stored).not.toContain(name); // …and no person
    expect(stored).not.toContain('3523**');
    expect(stored).not.toMatch(/02:00:00:00:00:0[AB]/i);
    for (const s of sent) {
      for (const [name] of ROSTER) expect(s.body).not.toContain(name);
      expect(s.body).not.toMatch(/02:00:00:00:00:0[AB]/i);
    }
  }, 60_000);
});
