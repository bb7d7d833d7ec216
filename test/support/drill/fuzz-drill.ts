// Drill 5: the server in a child process (every role, SQLite), a router with the golden vectors' secret and an
// admin; then the RADIUS mutations and the hostile form posts. Shared by the test (CI budget) and `npm run drill`.
import { cli } from '../cli.js';
import { prepareDrillDatabase } from './accounting-check.js';
import { fuzzForms, type HttpFuzzResult } from './http-fuzz.js';
import { fuzzRadius, GOLDEN, goldenAnswered } from './radius-fuzz.js';
import { startServerProcess } from './server-process.js';

export interface FuzzDrillResult {
  readonly radius: { sent: number; answered: number; answeredSamples: readonly string[]; drops: number };
  readonly goldenAnswers: number;
  readonly http: HttpFuzzResult;
  readonly crashes: number;
  readonly crashLogs: readonly string[];
}

async function drops(httpPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  let n = 0;
  for (const line of text.split('\n'))
    if (line.startsWith('warganet_radius_drops_total')) n += Number(line.split(' ').pop());
  return n;
}

export async function runFuzzDrill(o: {
  dataDir: string;
  radiusRuns: number;
  httpRunsPerForm: number;
  seed?: number;
}): Promise<FuzzDrillResult> {
  await prepareDrillDatabase(o, [{ address: '127.0.0.1', secret: GOLDEN.secret }]);
  const password = 'Sandi-Kades-2026';
  const added = await cli(
    { dataDir: o.dataDir },
    ['admin', 'add', 'kades', '--role', 'admin'],
    `${password}\n`,
  );
  if (added.code !== 0) throw new Error(added.stderr);
  const server = await startServerProcess({ dataDir: o.dataDir });
  try {
    const ports = { authPort: server.authPort, acctPort: server.acctPort };
    const before = await drops(server.httpPort);
    const r = await fuzzRadius({ ...ports, runs: o.radiusRuns, seed: o.seed });
    const radius = { ...r, drops: (await drops(server.httpPort)) - before };
    const goldenAnswers = await goldenAnswered(ports);
    const http = await fuzzForms({
      base: `http://127.0.0.1:${server.httpPort}`,
      admin: { username: 'kades', password },
      portalPages: ['/', '/daftar', '/perangkat', '/voucher', '/status'],
      adminPages: [
        '/admin',
        '/admin/paket/baru',
        '/admin/router/baru',
        '/admin/warga',
        '/admin/warga/daftar',
        '/admin/roster',
        '/admin/pengguna',
        '/admin/akun',
        '/admin/sesi',
        '/admin/log',
      ],
      runsPerForm: o.httpRunsPerForm,
      seed: o.seed,
    });
    // Still alive and answering after all of it.
    const after = await goldenAnswered(ports);
    return {
      radius,
      goldenAnswers: Math.min(goldenAnswers, after),
      http,
      crashes: server.crashes,
      crashLogs: server.crashLogs,
    };
  } finally {
    await server.stop();
  }
}
