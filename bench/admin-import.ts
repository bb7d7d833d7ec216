// `npm run bench:admin-import`: a regency-size roster (BENCH_ROWS, 300,000 by default, all 43 OpenSID columns, as
// CSV) uploaded through the admin web's roster service on SQLite: its dry run, then its apply, each timed, with
// the longest event-loop stall (what the portal and RADIUS would wait for meanwhile) and the peak RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { Keyring } from '../src/services/keyring.js';
import { makePerson, sheetRows, toCsv } from '../test/fixtures/roster.js';
import { createTestDatabase } from '../test/support/databases.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 300_000);
const KIND = (process.env.BENCH_DB ?? 'sqlite') as 'sqlite' | 'postgres';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'warganet-bench-import-'));
  let bytes: Uint8Array | undefined = toCsv(
    sheetRows(Array.from({ length: ROWS }, (_, i) => makePerson(i))),
    {
      delimiter: ';',
      bom: true,
      crlf: true,
    },
  );
  console.log(`${ROWS} rows, ${mb(bytes.length)} of CSV; RSS ${mb(process.memoryUsage().rss)}`);
  const db = await createTestDatabase(KIND);
  try {
    const services = createServices({
      stores: createStores(db.db),
      keyring: await Keyring.fromHex('11'.repeat(32)),
      now: Date.now,
      villageCode: '35.23.12.2002',
      timeZone: 'Asia/Jakarta',
    });
    const uploads = services.rosterUploads;
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const phase = async (name: string, run: () => Promise<number>) => {
      peakRss = 0;
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const t0 = performance.now();
      // Which stage each long stall happened in: a 10 ms ticker notes gaps over 100 ms, with the CPU time the
      // process spent in the gap (on a shared, loaded machine the wall time of a stall is mostly waiting for a core).
      const stalls: { ms: number; cpuMs: number; stage: string }[] = [];
      let current = 'upload';
      let tick = performance.now();
      let cpu = process.cpuUsage();
      let maxCpuGap = 0;
      const ticker = setInterval(() => {
        const t = performance.now();
        const used = process.cpuUsage(cpu);
        const cpuMs = (used.user + used.system) / 1000;
        maxCpuGap = Math.max(maxCpuGap, cpuMs);
        if (t - tick > 100)
          stalls.push({ ms: Math.round(t - tick), cpuMs: Math.round(cpuMs), stage: current });
        tick = t;
        cpu = process.cpuUsage();
      }, 10);
      const id = await run();
      const seen = new Set<string>();
      // Progress as the page would read it, a few times a second.
      while (true) {
        const u = await uploads.get(id);
        current = `${u.stage}`;
        seen.add(`${u.stage}:${Math.floor((u.done / Math.max(1, u.total)) * 10)}`);
        if (!u.running) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const elapsed = performance.now() - t0;
      loop.disable();
      clearInterval(ticker);
      const worst = stalls.sort((a, b) => b.ms - a.ms).slice(0, 5);
      if (worst.length > 0)
        console.log(
          `  longest stalls: ${worst.map((w) => `${w.ms} ms wall / ${w.cpuMs} ms CPU (${w.stage})`).join(', ')}`,
        );
      const u = await uploads.get(id);
      console.log(
        `${name.padEnd(8)} ${(elapsed / 1000).toFixed(1).padStart(6)} s  state ${u.state}  max loop delay ${(
          loop.max / 1e6
        ).toFixed(
          0,
        )} ms  p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms  longest stall in CPU time ${maxCpuGap.toFixed(0)} ms  peak RSS ${mb(peakRss)}  progress readings ${seen.size}`,
      );
      return id;
    };
    const id = await phase('dry run', async () => {
      const id = await uploads.upload({
        fileName: 'penduduk.csv',
        bytes: bytes!,
        partial: false,
        actor: 'bench',
      });
      bytes = undefined;
      return id;
    });
    await phase('apply', async () => {
      await uploads.apply(id, { actor: 'bench' });
      return id;
    });
    clearInterval(sampler);
  } finally {
    await db.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
