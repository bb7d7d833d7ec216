// `warganet router provision|sync|status` and the extra `router list` columns, run in-process against a real
// database and the virtual router: what an operator types and reads.

import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RouterModel } from '../src/sim/routeros-model.js';
import { startVirtualRouterOs, type VirtualRouterOs } from '../src/sim/routeros-server.js';
import { type CliEnv, cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

describe.each(databaseKinds)('router operations CLI (%s)', (kind) => {
  let t: TestDatabase;
  let dataDir: string;
  let r: VirtualRouterOs;
  let portal: Server;
  let env: CliEnv;

  beforeEach(async () => {
    t = await createTestDatabase(kind);
    dataDir = mkdtempSync(join(tmpdir(), 'warganet-cli-'));
    const model = new RouterModel('7.18.2');
    model.add('/ip/hotspot/profile', { name: 'hsprof1' });
    model.add('/ip/hotspot', { name: 'hotspot1', interface: 'bridge', profile: 'hsprof1' });
    model.add('/system/script', { name: 'mikhmon-expire', source: ':log info x', comment: 'mikhmon' });
    r = await startVirtualRouterOs({ model, users: [{ name: 'wn', password: 'api-rahasia' }] });
    portal = createServer((_req, res) => res.end('<html></html>'));
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const portalPort = (portal.address() as { port: number }).port;
    env = {
      dataDir: kind === 'sqlite' ? t.dir : dataDir,
      databaseUrl: t.url,
      env: { WARGANET_PUBLIC_URL: `http://127.0.0.1:${portalPort}`, API_PW: 'api-rahasia' },
    };
    // The test database is already migrated; the CLI opens the same one (a file in t.dir, or PostgreSQL).
    const add = await cli(
      env,
      ['router', 'add', 'balai', '--nas-ip', '10.0.0.2', '--secret', '-', '--api-host', '127.0.0.1'].concat([
        '--api-port',
        String(r.port),
        '--api-user',
        'wn',
        '--api-password-env',
        'API_PW',
      ]),
      'radius-rahasia\n',
    );
    expect(add.stderr).toBe('');
    expect(
      (await cli(env, ['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M', '--devices', '2'])).code,
    ).toBe(0);
  });
  afterEach(async () => {
    await r.stop();
    await new Promise<void>((resolve) => portal.close(() => resolve()));
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('provision --dry-run lists the differences and changes nothing; provision applies; again, nothing to do', async () => {
    const dry = await cli(env, ['router', 'provision', 'balai', '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /^Router balai \(RouterOS 7\.18\.2 \(stable\)\): \d+ perbedaan — uji coba, router tidak diubah\./,
    );
    expect(dry.stdout).toContain('  + Tambah klien RADIUS hotspot (server 127.0.0.1)');
    expect(dry.stdout).toContain('  ~ Ubah profil hotspot hsprof1: pakai RADIUS tidak → ya');
    expect(dry.stdout).toContain(
      '  + Tambah profil pengguna wn-dasar: batas kecepatan (unggah/unduh) 2M/5M, perangkat bersamaan 2',
    );
    expect(dry.stdout).not.toContain('radius-rahasia');
    expect(r.stats.writes).toBe(0);

    const applied = await cli(env, ['router', 'provision', 'balai']);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toMatch(/\d+ perubahan diterapkan\.\n$/);
    expect(r.model.print('/system/script')).toMatchObject([{ name: 'mikhmon-expire', comment: 'mikhmon' }]);

    const writes = r.stats.writes;
    const again = await cli(env, ['router', 'provision', 'balai', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      router: 'balai',
      dryRun: false,
      changes: [],
      applied: 0,
      error: null,
    });
    expect(r.stats.writes).toBe(writes);
  });

  it('a plan change waits for a router that is down, shows in status and list, and is delivered by sync', async () => {
    await cli(env, ['router', 'provision', 'balai']);
    await r.goDown();
    expect((await cli(env, ['plan', 'set', 'Dasar', '--down', '10M', '--up', '4M'])).code).toBe(0);

    const down = await cli(env, ['router', 'sync', 'balai']);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(
      /^… #\d+ plan-push belum terkirim: router 127\.0\.0\.1:\d+ tidak terjangkau \(ECONNREFUSED\)/,
    );
    expect(down.stderr).toBe('warganet: 1 pekerjaan belum terkirim ke router balai\n');

    const status = await cli(env, ['router', 'status', 'balai']);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/Keadaan {10}: mati sejak/);
    expect(status.stdout).toMatch(
      /Pekerjaan tertunda: 1\n {4}#\d+ plan-push — percobaan 1, berikutnya .*ECONNREFUSED/,
    );
    const list = await cli(env, ['router', 'list']);
    expect(list.stdout.split('\n')[0]).toMatch(/KESEHATAN +KONTAK TERAKHIR +ROUTEROS +TERTUNDA +GAGAL$/);
    expect(list.stdout.split('\n')[1]).toMatch(/mati .* 7\.18\.2 \(stable\) +1 +0$/);

    await r.comeBack();
    const sync = await cli(env, ['router', 'sync', 'balai']);
    expect(sync.stderr).toBe('');
    expect(sync.stdout).toMatch(/^✓ #\d+ plan-push: profil wn-dasar diperbarui; tidak ada sesi aktif\n$/);
    expect(r.model.print('/ip/hotspot/user/profile', { queries: ['?name=wn-dasar'] })[0]).toMatchObject({
      'rate-limit': '4M/10M',
    });
    const up = await cli(env, ['router', 'status', 'balai', '--json']);
    expect(up.code).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({
      router: 'balai',
      health: 'up',
      rosVersion: '7.18.2 (stable)',
      board: 'hAP ac lite',
      pending: [],
      reading: { cpuLoad: 3 },
    });
    const listed = JSON.parse((await cli(env, ['router', 'list', '--json'])).stdout);
    expect(listed).toMatchObject([{ name: 'balai', rosVersion: '7.18.2 (stable)', pendingJobs: 0 }]);
  });

  it('naming a router that does not exist is one line and exit 3 (not found)', async () => {
    for (const command of ['provision', 'sync', 'status']) {
      const run = await cli(env, ['router', command, 'gudang']);
      expect(run.code).toBe(3);
      expect(run.stderr).toBe('warganet: router gudang tidak ada\n');
    }
  });
  it('session kick falls back to the RouterOS API when the router does not answer the Disconnect-Request', async () => {
    // A UDP port that swallows the Disconnect-Request: the router's /radius incoming is off or unreachable.
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    try {
      const router = await t.db.selectFrom('routers').select('id').executeTakeFirstOrThrow();
      await t.db
        .insertInto('sessions')
        .values({
          router_id: router.id,
          acct_session_id: '80100020',
          username: 'wn-tvruang1',
          mac: '02:00:00:00:00:2A',
          framed_ip: '10.5.50.42',
          started_at: 1,
          updated_at: 2,
          state: 'active',
        })
        .execute();
      r.model.insert('/ip/hotspot/active', {
        user: 'wn-tvruang1',
        address: '10.5.50.42',
        'mac-address': '02:00:00:00:00:2A',
      });
      const id = (await t.db.selectFrom('sessions').select('id').executeTakeFirstOrThrow()).id;
      const kick = await cli(
        { ...env, env: { ...env.env, WARGANET_RADIUS_COA_PORT: String(silent.address().port) } },
        ['session', 'kick', String(id)],
      );
      expect(kick.stderr).toBe('');
      expect(kick.stdout).toMatch(
        new RegExp(`^Sesi ${id} diputus \\(routeros-api: dikeluarkan dari /ip/hotspot/active`),
      );
      expect(r.model.print('/ip/hotspot/active')).toEqual([]);
    } finally {
      silent.close();
    }
  });
});
