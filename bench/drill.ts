// `npm run drill`: the five reliability drills of issue 15 at full size, with their figures. The CI-sized versions
// are test/drill-*.test.ts; both run the same code (test/support/drill/). DRILL_ONLY=kill,storm,disk,readonly,cut,fuzz picks
// some; DRILL_PG=0 skips the PostgreSQL parts (a throwaway cluster from /usr/lib/postgresql/15/bin).
// Exits 1 when a drill's promise is broken.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBackupCutDrill } from '../test/support/drill/backup-cut.js';
import { canMountTmpfs, runFullDiskDrill } from '../test/support/drill/full-disk.js';
import { runFuzzDrill } from '../test/support/drill/fuzz-drill.js';
import { type KillDrillResult, runKillDrill } from '../test/support/drill/kill-drill.js';
import { pgClusterAvailable, startPgCluster } from '../test/support/drill/pg-cluster.js';
import { runPowerCutDrill } from '../test/support/drill/power-cut.js';
import {
  canForceReadOnlyExt4,
  type ReadOnlyResult,
  runReadOnlyDrill,
} from '../test/support/drill/read-only.js';
import { runRebootStorm } from '../test/support/drill/reboot-storm.js';
import type { StorageFaultResult } from '../test/support/drill/storage-fault.js';

const only = process.env.DRILL_ONLY?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const withPg = process.env.DRILL_PG !== '0' && pgClusterAvailable();
let failures = 0;
const check = (ok: boolean, what: string) => {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};
const rmemMax = () => {
  try {
    return readFileSync('/proc/sys/net/core/rmem_max', 'utf8').trim();
  } catch {
    return 'n/a';
  }
};
const temp = () => mkdtempSync(join(tmpdir(), 'warganet-drill-'));

function killFigures(r: KillDrillResult) {
  const e = r.nas.expected;
  console.log(
    `  ${r.kills} SIGKILLs, ${r.databaseRestarts} database restarts; ${r.nas.requests} requests (${e.sessions} sessions) in ${r.nas.seconds.toFixed(1)} s, ${r.nas.retransmissions} resends`,
  );
  check(r.crashes === 0, `no crash (${r.crashes})`);
  check(r.nas.answered === r.nas.requests, `every request answered (${r.nas.answered}/${r.nas.requests})`);
  check(
    r.stored.wrongSessions.length === 0 && r.stored.sessions === e.sessions,
    `every session stored once, final counters (${r.stored.sessions}/${e.sessions}, wrong ${r.stored.wrongSessions.length})`,
  );
  check(
    r.stored.usageBytesIn === e.inputBytes &&
      r.stored.usageBytesOut === e.outputBytes &&
      r.stored.usageSessions === e.sessions,
    `day totals equal what the NAS sent (in ${r.stored.usageBytesIn}/${e.inputBytes}, out ${r.stored.usageBytesOut}/${e.outputBytes})`,
  );
}

/** The figures and promises both storage drills share (full disk, read-only database). */
function reportStorageFault(
  r: StorageFaultResult,
  fault: { during: string; storage: string; says: string; recovered?: string },
) {
  console.log(
    `  while ${fault.during}: /healthz ${r.healthDuring.status} ${JSON.stringify(r.healthDuring.body.message)}; ${r.authDuring.accepted}/${r.authDuring.sent} logins accepted; ${r.answeredDuring}/${r.requestsDuring} accounting answered`,
  );
  console.log(
    `  recovered ${r.secondsToRecover.toFixed(1)} s after ${fault.recovered ?? 'the space came back'}; ${r.nas.retransmissions} resends in all`,
  );
  check(
    r.healthDuring.status === 503 && r.healthDuring.body.storage === fault.storage,
    `/healthz says ${fault.says}`,
  );
  check(
    (r.dashboardDuring.storage as { problem?: string })?.problem === fault.storage,
    `the dashboard says ${fault.says}`,
  );
  check(r.authDuring.accepted === r.authDuring.sent, 'known devices keep signing in');
  check(r.answeredDuring === 0, 'no accounting acknowledged while it could not be stored');
  check(
    r.stored.wrongSessions.length === 0 && r.stored.usageBytesIn === r.nas.expected.inputBytes,
    'nothing lost: totals equal what the NAS sent',
  );
}

async function main() {
  console.log(`npm run drill — ${new Date().toISOString()}; timings on a shared, loaded machine are noisy`);
  if (wanted('kill')) {
    console.log('\n1. kill -9 under accounting load (SQLite)');
    const dir = temp();
    try {
      killFigures(
        await runKillDrill({
          dataDir: dir,
          sessions: 3000,
          interims: 3,
          window: 64,
          kills: 12,
          retransmitMs: 1100,
          upMs: [1000, 4000],
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (withPg) {
      console.log('\n1b. kill -9 under accounting load (PostgreSQL, restarted once under the load)');
      const cluster = await startPgCluster();
      const d = temp();
      try {
        killFigures(
          await runKillDrill({
            dataDir: d,
            databaseUrl: cluster.url,
            sessions: 1000,
            interims: 3,
            window: 64,
            kills: 10,
            retransmitMs: 1100,
            upMs: [1000, 4000],
            restartDatabase: () => cluster.restart(),
          }),
        );
      } finally {
        await cluster.stop();
        rmSync(d, { recursive: true, force: true });
      }
    }
  }
  if (wanted('storm')) {
    console.log('\n2. reboot storm: Accounting-On from 10 routers, then 10,000 MAC logins within 10 s');
    const dir = temp();
    try {
      const r = await runRebootStorm({
        dataDir: dir,
        routers: 10,
        devices: 10_000,
        withinMs: 10_000,
        retransmitMs: 1100,
        tries: 5,
      });
      console.log(
        `  ${r.answered}/${r.requests} answered in ${r.seconds.toFixed(1)} s; p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(0)} ms; ${r.retransmissions} resends; kernel UDP drops (machine-wide) ${r.kernelDrops ?? 'n/a'}`,
      );
      console.log(
        `  RADIUS socket receive buffer ${r.recvBufferBytes ?? '?'} bytes as the kernel reports it (net.core.rmem_max ${rmemMax()})`,
      );
      check(r.accountingOnAnswered === 10, `Accounting-On answered (${r.accountingOnAnswered}/10)`);
      check(
        r.unanswered === 0 && r.accepted === r.requests,
        `every login answered with Access-Accept (${r.accepted})`,
      );
      check(r.serverDrops === 0, `none dropped by the server (${r.serverDrops})`);
      check(r.crashes === 0, 'no crash');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (wanted('disk')) {
    console.log('\n3. full disk (a 32 MB tmpfs filled to the last byte)');
    if (!canMountTmpfs()) console.log('  skipped: mounting a tmpfs needs root');
    else {
      const r = await runFullDiskDrill({ sizeMb: 32, sessions: 300, devices: 200 });
      reportStorageFault(r, { during: 'full', storage: 'disk_full', says: 'the disk is full' });
      check(r.healthAfter.status === 200, '/healthz recovers by itself');
    }
  }
  if (wanted('readonly')) {
    const report = (r: ReadOnlyResult) => {
      reportStorageFault(r, {
        during: 'read-only',
        storage: 'read_only',
        says: 'read-only',
        recovered: r.recoveredLive
          ? 'writing was allowed again (server left running)'
          : 'the remount (server restarted)',
      });
      check(r.healthAfter.status === 200, '/healthz recovers');
      check(r.crashes === 0, 'no crash');
    };
    console.log('\n3b. read-only database: SQLite on ext4 turned read-only as an SD card after an error');
    if (!canForceReadOnlyExt4()) console.log('  skipped: needs root and ext4');
    else report(await runReadOnlyDrill({ kind: 'sqlite', sizeMb: 64, sessions: 300, devices: 200 }));
    if (withPg) {
      console.log('\n3c. read-only database: PostgreSQL default_transaction_read_only turned on, then off');
      const cluster = await startPgCluster();
      const d = temp();
      try {
        report(
          await runReadOnlyDrill({
            kind: 'postgres',
            url: cluster.url,
            dataDir: d,
            sessions: 300,
            devices: 200,
          }),
        );
      } finally {
        await cluster.stop();
        rmSync(d, { recursive: true, force: true });
      }
    }
  }
  if (wanted('cut')) {
    console.log('\n4a. power cut during a roster import (5,000 residents, 8 cuts), SQLite');
    const dir = temp();
    try {
      const r = await runPowerCutDrill({ dataDir: dir, residents: 5000, cuts: 8 });
      console.log(
        `  import takes ${r.importSeconds.toFixed(1)} s whole; ${r.cutsDuringImport} of 8 cuts landed before it ended`,
      );
      const states = [r.before, r.after].map((s) => JSON.stringify(s));
      check(
        r.cuts.every((s) => s.integrity === 'ok'),
        'integrity_check ok after every cut',
      );
      check(
        r.cuts.every((s) => states.includes(JSON.stringify(s))),
        'the roster is the old one or the new one, never a mix',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(
      '\n4b. power cut during `warganet backup` (20,000 devices, 8 cuts) while the server stores accounting',
    );
    const bdir = temp();
    try {
      const r = await runBackupCutDrill({ dataDir: bdir, devices: 20_000, sessions: 1500, cuts: 8 });
      const early = r.cuts.filter((c) => c.cut && !c.finalFileExists).length;
      console.log(
        `  a whole backup takes ${r.backupSeconds.toFixed(1)} s; ${early} of 8 cuts landed before it was whole; ${r.nas.requests} accounting requests, ${r.nas.retransmissions} resends`,
      );
      check(
        r.cuts.every((c) => !c.finalFileExists || c.finalRestoreCode === 0),
        'a file at the backup name is always a whole backup',
      );
      check(
        r.cuts.every((c) => c.restoreOfLeftovers.every((l) => l.code !== 0)),
        `restore refuses every leftover partial file (${r.cuts.flatMap((c) => c.leftovers).length} of them)`,
      );
      check(r.integrity === 'ok', `live database integrity_check ${r.integrity}`);
      check(
        r.nas.answered === r.nas.requests &&
          r.stored.wrongSessions.length === 0 &&
          r.stored.usageBytesIn === r.nas.expected.inputBytes,
        'nothing lost: every answered request stored, totals equal what the NAS sent',
      );
      check(
        r.nextBackup.code === 0 &&
          r.nextBackup.restoreCode === 0 &&
          r.nextBackup.restoredDevices === r.devices,
        'the next backup works and restores whole',
      );
      check(r.crashes === 0, 'no crash');
    } finally {
      rmSync(bdir, { recursive: true, force: true });
    }
  }
  if (wanted('fuzz')) {
    console.log('\n5. fuzzing: 50,000 mutated golden RADIUS packets, 100 hostile posts per form');
    const dir = temp();
    try {
      const r = await runFuzzDrill({ dataDir: dir, radiusRuns: 50_000, httpRunsPerForm: 100 });
      const statuses = [...r.http.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`);
      console.log(
        `  RADIUS: ${r.radius.sent} sent, ${r.radius.answered} answered, ${r.radius.drops} counted as drops`,
      );
      console.log(`  HTTP: ${r.http.posts} posts to ${r.http.forms} forms; statuses ${statuses.join(' ')}`);
      for (const [action, byStatus] of r.http.byForm)
        console.log(`    ${action.padEnd(24)} ${[...byStatus].map(([s, n]) => `${s}×${n}`).join(' ')}`);
      check(r.radius.answered === 0, 'no mutated packet answered');
      check(r.radius.drops === r.radius.sent, 'every mutated packet counted as a drop');
      check(r.goldenAnswers === 2, 'the untouched golden vectors still answered');
      check(r.http.serverErrors.length === 0, `no 5xx (${r.http.serverErrors.slice(0, 3).join(' | ')})`);
      check(r.crashes === 0, 'no crash');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(failures === 0 ? '\nall drills passed' : `\n${failures} check(s) failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}

await main();
