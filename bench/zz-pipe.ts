import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { createRadiusMetrics } from '../radius/metrics.js';
import { createRadiusPipeline } from '../radius/start-radius.js';
import { Keyring } from '../src/services/keyring.js';
import { accessRequest, accountingRequest, macFor, seedManyDevices, seedPlan, seedRouter, secretFor, usernameFor } from '../test/support/radius-fixtures.js';
const dir = mkdtempSync(join(tmpdir(), 'q-'));
const d = openDatabase({ sqliteFile: join(dir, 'x.db') });
await migrateToLatest(d.db);
const k = await Keyring.fromHex('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');
await seedRouter(d.db, k);
const plan = await seedPlan(d.db, { is_default: 1, daily_quota_bytes: 1e15, devices_allowed: 3 });
await seedManyDevices(d.db, k, 10000, plan);
const { pipeline, authLog } = createRadiusPipeline({ db: d.db, keyring: k, now: Date.now, metrics: createRadiusMetrics(), settings: { macAuthPassword: '', interimIntervalS: 300, timeZone: 'Asia/Jakarta', authLogRetentionDays: 90, lookupConcurrency: 1 } });
const mode = process.argv[2] ?? 'auth';
const N = 60000;
const pk = Array.from({ length: N }, (_, j) => mode === 'auth'
  ? accessRequest({ id: j & 255, userName: usernameFor(j % 10000), chap: secretFor(j % 10000), callingStationId: macFor(j % 10000) })
  : accountingRequest({ id: j & 255, status: 'interim', sessionId: `s${j}`, userName: usernameFor(j % 10000), callingStationId: macFor(j % 10000), inputBytes: j, outputBytes: j }));
console.log('before', process.memoryUsage().rss / 2 ** 20);
let next = 0, done = 0, ok = 0;
const t = performance.now();
const cpu0 = process.cpuUsage();
await new Promise<void>((res) => {
  const go = () => {
    if (next >= N) return;
    const p = pk[next++]!;
    pipeline.handle(p, { address: '127.0.0.1', port: 1000 + (next % 256) }, mode === 'auth' ? 'auth' : 'acct').then((r) => { if (r) ok++; if (++done === N) res(); else go(); });
  };
  for (let i = 0; i < 256; i++) go();
});
const s = (performance.now() - t) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(mode, Math.round(N / s), '/s ok', ok, 'cpu µs/req', ((cpu.user + cpu.system) / N).toFixed(1), 'rss MB', (process.memoryUsage().rss / 2 ** 20).toFixed(0));
await authLog.flush(); console.log(process.memoryUsage()); (globalThis as any).gc?.(); console.log(process.memoryUsage());
