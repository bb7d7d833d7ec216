// `npm run bench:regency`: the village node's side of the regency link over a year of a large village
// (bench/reports-village.ts: 5,000 residents, 15,000 devices, 30 routers) on SQLite: how long closing a year of
// days takes (a node joining with a year of history, or back from a long outage), the size of a day and of a
// request, and the time to build "today so far". The Worker is a stand-in that answers 200 (no network).
// BENCH_REGENCY_DAYS (31) days are closed, from 1 January: the whole year (365) takes minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { Keyring } from '../src/services/keyring.js';
import type { RegencyHttp } from '../src/services/regency/regency-link-ports.js';
import { SIZE, seedLargeVillage } from './reports-village.js';

const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const dir = mkdtempSync(join(tmpdir(), 'warganet-bench-regency-'));
const opened = openDatabase({ sqliteFile: join(dir, 'warganet.db') });
try {
  const migrated = await migrateToLatest(opened.db);
  if (migrated.error) throw new Error(migrated.error);
  let t = performance.now();
  const { usageRows } = await seedLargeVillage(opened.db, false);
  console.log(
    `seeded ${SIZE.residents} residents, ${SIZE.devices} devices, ${usageRows} usage rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const requests: number[] = [];
  const daysPer: number[] = [];
  const http: RegencyHttp = async (_url, init) => {
    requests.push(init.body.length);
    daysPer.push((JSON.parse(init.body) as { days: unknown[] }).days.length);
    return { status: 200, body: '{"days":[]}' };
  };
  const days = Math.min(365, Number(process.env.BENCH_REGENCY_DAYS ?? 31));
  const now = { at: Date.parse('2026-01-01T08:00:00+07:00') + days * 86_400_000 };
  const services = createServices(
    {
      stores: createStores(opened.db),
      keyring: await Keyring.fromHex(KEY),
      now: () => now.at,
      villageCode: '35.23.12.2002',
      timeZone: 'Asia/Jakarta',
    },
    { regency: { http } },
  );
  await services.regency.join({
    url: 'http://regency.invalid',
    token: 'bench-token-0123456789abcdef',
    check: false,
  });

  t = performance.now();
  const closed = await services.regency.closeDays();
  const closeMs = performance.now() - t;
  console.log(
    `closed ${closed.length} days in ${(closeMs / 1000).toFixed(1)} s (${(closeMs / closed.length).toFixed(0)} ms a day)`,
  );

  t = performance.now();
  const pushed = await services.regency.push();
  const pushMs = performance.now() - t;
  const total = requests.reduce((a, b) => a + b, 0);
  console.log(
    `pushed ${pushed.sent.length} days + today in ${requests.length} requests, ${(pushMs / 1000).toFixed(1)} s; ` +
      `request body max ${(Math.max(...requests) / 1024).toFixed(0)} KiB (${Math.max(...daysPer)} days), ` +
      `${(total / (pushed.sent.length + 1) / 1024).toFixed(1)} KiB a day on average`,
  );

  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    now.at += 3_600_000;
    requests.length = 0;
    const s = performance.now();
    await services.regency.push();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `today so far (build + send): median ${samples[2]!.toFixed(0)} ms, max ${samples[4]!.toFixed(0)} ms`,
  );
} finally {
  await opened.close();
  rmSync(dir, { recursive: true, force: true });
}
