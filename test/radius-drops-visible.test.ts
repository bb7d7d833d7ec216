// Dropped RADIUS packets are visible to operators: radclient (a real peer) sends from an address no router has,
// then under the wrong secret, then without Message-Authenticator. Each kind appears in `warganet auth-log` with
// the router (when known), the source address and the fix, and in the log once per router/address and reason.
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, openAppContext } from '../src/app-context.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { type RunningServer, startServer } from '../src/server.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedRouter, testKeyring } from './support/radius-fixtures.js';

/**
 * radclient sending `tries` copies (it resends after each short timeout, as a router does): a dropped packet gets
 * no answer, so waiting longer proves nothing.
 */
function radclient(port: number, command: string, secret: string, input: string, tries = 1) {
  return new Promise<string>((resolve) => {
    const args = ['-x', '-r', String(tries), '-t', '0.3', `127.0.0.1:${port}`, command, secret];
    const child = spawn('radclient', args);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', () => resolve(out));
    child.stdin.end(input);
  });
}

const login = 'User-Name = "wn-0000abcd"\nUser-Password = "x"\nCalling-Station-Id = "BC:24:11:EB:56:4D"\n';
const withMa = `${login}Message-Authenticator = 0x00\n`;
const acctStart =
  'Acct-Status-Type = Start\nAcct-Session-Id = "81000001"\nUser-Name = "wn-0000abcd"\nNAS-IP-Address = 127.0.0.1\n';

describe.each(databaseKinds)('dropped RADIUS packets are visible (%s)', (kind) => {
  let tdb: TestDatabase;
  let app: AppContext;
  let server: RunningServer;
  let routerId: number;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    // The only router is at 127.0.0.2: radclient's packets come from 127.0.0.1, an address no router has.
    routerId = await seedRouter(tdb.db, await testKeyring(), {
      name: 'balai-desa',
      nasIp: '127.0.0.2',
      secret: 'testing123',
    });
    const parsed = parseConfig({
      WARGANET_DATA_DIR: tdb.dir,
      WARGANET_DATABASE_URL: tdb.url ?? '',
      WARGANET_SECRET_KEY: TEST_SECRET_KEY,
      WARGANET_ROLES: 'radius',
      WARGANET_RADIUS_HOST: '127.0.0.1',
      WARGANET_RADIUS_AUTH_PORT: '0',
      WARGANET_RADIUS_ACCT_PORT: '0',
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const logStream = new PassThrough();
    let buffered = '';
    logStream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const l of lines) if (l) logLines.push(JSON.parse(l) as Record<string, unknown>);
    });
    app = await openAppContext(parsed.config, createLogger('warn', logStream));
    server = await startServer(app);
    const { auth, acct } = server.radiusPorts!;

    // 1. Unknown address, three packets.
    expect(await radclient(auth, 'auth', 'testing123', withMa, 3)).not.toContain('Received Access-');
    // 2. The router is now at 127.0.0.1 (as an operator fixing --nas-ip would do).
    await tdb.db.updateTable('routers').set({ nas_ip: '127.0.0.1' }).where('id', '=', routerId).execute();
    app.services.radius.nas.invalidate();
    //    Wrong secret: Message-Authenticator (auth) and Request Authenticator (accounting) do not verify.
    expect(await radclient(auth, 'auth', 'wrong-secret', withMa, 2)).not.toContain('Received Access-');
    expect(await radclient(acct, 'acct', 'wrong-secret', acctStart)).not.toContain('Received Accounting');
    //    No Message-Authenticator, as RouterOS below 7.15 sends, while the router requires it.
    expect(await radclient(auth, 'auth', 'testing123', login)).not.toContain('Received Access-');
    // Stopping flushes the batched auth log.
    await server.stop();
  }, 60_000);
  afterAll(async () => {
    await tdb?.close();
  });

  it('auth-log shows each drop with router, source address, reason and count', async () => {
    const r = await cli({ dataDir: tdb.dir, databaseUrl: tdb.url }, ['auth-log', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      router: string | null;
      source: string;
      decision: string;
      reason: string;
      count: number;
      hint: string;
    }[];
    const by = (reason: string) => rows.filter((x) => x.reason === reason);
    expect(by('unknown_nas')).toEqual([
      expect.objectContaining({ router: null, source: '127.0.0.1', decision: 'drop', count: 3 }),
    ]);
    expect(by('unknown_nas')[0]!.hint).toContain('router ini belum ditambahkan');
    expect(by('bad_message_authenticator')).toEqual([
      expect.objectContaining({ router: 'balai-desa', source: '127.0.0.1', count: 2 }),
    ]);
    expect(by('bad_authenticator')).toEqual([expect.objectContaining({ router: 'balai-desa', count: 1 })]);
    expect(by('bad_authenticator')[0]!.hint).toContain('secret RADIUS tidak sama');
    expect(by('missing_message_authenticator')).toEqual([
      expect.objectContaining({ router: 'balai-desa', count: 1 }),
    ]);
    expect(by('missing_message_authenticator')[0]!.hint).toContain(
      'RouterOS di bawah 7.15 tidak mengirim Message-Authenticator',
    );
    expect(by('missing_message_authenticator')[0]!.hint).toContain(
      'warganet router set balai-desa --no-require-message-auth',
    );

    const table = await cli({ dataDir: tdb.dir, databaseUrl: tdb.url }, ['auth-log']);
    expect(table.stdout).toContain('? (127.0.0.1)');
    expect(table.stdout).toContain('dibuang: router tidak dikenal');
    expect(table.stdout).toContain('Paket yang dibuang dan cara membereskannya:');
  });

  it('logs one line per router/address and reason, however many packets, with the fix', () => {
    const drops = logLines.filter((l) => typeof l.reason === 'string');
    expect(drops.map((l) => l.reason).sort()).toEqual([
      'bad_authenticator',
      'bad_message_authenticator',
      'missing_message_authenticator',
      'unknown_nas',
    ]);
    const unknown = drops.find((l) => l.reason === 'unknown_nas')!;
    expect(unknown).toMatchObject({ source: '127.0.0.1', router: null });
    expect(unknown.msg).toContain('router ini belum ditambahkan');
  });
});
