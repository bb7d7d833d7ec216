// The server side of `npm run bench:radius`, in its own process: the radius role on the benchmark's database,
// as `warganet start` would run it. bench/radius.ts compiles this file to JavaScript first, so the RSS it
// reports is the server's, not a TypeScript loader's.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../db/open-database.js';
import { createStores } from '../db/stores/index.js';
import { createRadiusMetrics } from '../radius/metrics.js';
import { radiusObserver, startRadius } from '../radius/start-radius.js';
import { createServices } from '../src/compose.js';
import { createLogger } from '../src/logger.js';
import { Keyring } from '../src/services/keyring.js';

const [file, databaseUrl, keyHex] = process.argv.slice(2);
const database = openDatabase({ url: databaseUrl || undefined, sqliteFile: file! });
const logger = createLogger('silent');
const metrics = createRadiusMetrics();
const services = createServices(
  {
    stores: createStores(database.db),
    keyring: await Keyring.fromHex(keyHex!),
    now: Date.now,
    villageCode: '3523',
    timeZone: 'Asia/Jakarta',
  },
  {
    radius: {
      interimIntervalS: 300,
      authLogRetentionDays: 90,
      lookupConcurrency: database.kind === 'postgres' ? 4 : 1,
      observer: radiusObserver(metrics, logger),
    },
  },
);
const role = await startRadius({
  services: services.radius,
  logger,
  metrics,
  settings: { host: '127.0.0.1', authPort: 0, acctPort: 0, macAuthPassword: '', sessionRetentionDays: 365 },
});
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
process.send!({ ports: { auth: role.authPort, acct: role.acctPort } });
let profiler: Session | undefined;
process.on('message', async (m: { cmd: string }) => {
  if (m.cmd === 'rss') process.send!({ rss: process.memoryUsage().rss });
  if (m.cmd === 'mem') process.send!({ mem: { ...process.memoryUsage(), cpu: process.cpuUsage() } });
  // Event-loop stalls since the last ask (GC pauses, synchronous SQLite commits), for diagnosing tails.
  if (m.cmd === 'loop') {
    process.send!({
      loop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    });
    loop.reset();
  }
  // CPU profile of one phase (BENCH_PROF=dir): started and stopped around it, so idle time and the other
  // phases do not dilute it. Open the file in Chrome DevTools.
  if (m.cmd.startsWith('prof-start:')) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    process.send!({ profiling: true });
  }
  if (m.cmd.startsWith('prof-stop:') && profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    const file = join(process.env.BENCH_PROF!, `${m.cmd.slice('prof-stop:'.length)}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    profiler.disconnect();
    process.send!({ profiled: file });
  }
  if (m.cmd === 'stop') {
    await role.stop();
    await database.close();
    process.send!({ stopped: true });
    process.exit(0);
  }
});
