// Failed router jobs an operator can see and retry (`router list`, `router status`, `router jobs`, `router
// retry`), and plan pushes only for provisioned routers; and provisioning that says so when a router below
// RouterOS 7.15 would have every login dropped. In-process CLI, real database, the virtual MikroTik.
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RouterModel } from '../src/sim/routeros-model.js';
import { startVirtualRouterOs, type VirtualRouterOs } from '../src/sim/routeros-server.js';
import { type CliEnv, cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

describe.each(databaseKinds)('router jobs CLI (%s)', (kind) => {
  let t: TestDatabase;
  let r: VirtualRouterOs;
  let portal: Server;
  let env: CliEnv;
  const run = (...args: string[]) => cli(env, args);
  const jobs = () => t.db.selectFrom('router_jobs').selectAll().orderBy('id').execute();

  const start = async (version: string) => {
    const model = new RouterModel(version);
    model.add('/ip/hotspot/profile', { name: 'hsprof1' });
    model.add('/ip/hotspot', { name: 'hotspot1', interface: 'bridge', profile: 'hsprof1' });
    r = await startVirtualRouterOs({ model, users: [{ name: 'wn', password: 'api-rahasia' }] });
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
  };

  beforeEach(async () => {
    t = await createTestDatabase(kind);
    portal = createServer((_req, res) => res.end('<html></html>'));
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const portalPort = (portal.address() as { port: number }).port;
    env = {
      dataDir: t.dir,
      databaseUrl: t.url,
      env: { WARGANET_PUBLIC_URL: `http://127.0.0.1:${portalPort}`, API_PW: 'api-rahasia' },
    };
  });
  afterEach(async () => {
    await r?.stop();
    await new Promise<void>((resolve) => portal.close(() => resolve()));
    await t.close();
  });

  it('queues no plan push for a router not provisioned yet; provisioning brings every plan', async () => {
    await start('7.18.2');
    expect((await run('plan', 'add', 'Dasar', '--down', '5M', '--up', '2M')).code).toBe(0);
    expect(await jobs()).toEqual([]);
    const none = await run('router', 'jobs', 'balai');
    expect(none.stdout).toBe('Tidak ada pekerjaan tertunda atau gagal untuk router balai.\n');
    expect((await run('router', 'provision', 'balai')).code).toBe(0);
    expect(r.model.print('/ip/hotspot/user/profile', { queries: ['?name=wn-dasar'] })).toHaveLength(1);
    // From now on a plan change is queued for it.
    expect((await run('plan', 'set', 'Dasar', '--down', '10M', '--up', '4M')).code).toBe(0);
    expect(await jobs()).toMatchObject([{ state: 'pending', kind: 'plan-push' }]);
  });

  it('a job left for an unprovisioned router fails with what to run, not a refusal from the router', async () => {
    await start('7.18.2');
    const [router] = await t.db.selectFrom('routers').select('id').execute();
    await t.db
      .insertInto('router_jobs')
      .values({
        router_id: router!.id,
        kind: 'plan-push',
        payload: '{"planId":1}',
        state: 'pending',
        next_try_at: 0,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    const sync = await run('router', 'sync', 'balai');
    expect(sync.code).toBe(1);
    expect(sync.stdout).toContain('gagal: router belum disiapkan: jalankan warganet router provision balai');
    expect(r.stats.writes).toBe(0);
  });

  it('a failed push shows in list, status and jobs with its error, and retry delivers it once fixed', async () => {
    await start('7.18.2');
    expect((await run('router', 'provision', 'balai')).code).toBe(0);
    // The operator already has a profile of that name (Mikhmon's): the router refuses to let us take it over.
    r.model.add('/ip/hotspot/user/profile', { name: 'wn-murah', 'rate-limit': '1M/1M' });
    expect((await run('plan', 'add', 'Murah', '--down', '2M', '--up', '1M')).code).toBe(0);
    const sync = await run('router', 'sync', 'balai');
    expect(sync.code).toBe(1);
    expect(sync.stdout).toMatch(/✗ #\d+ plan-push gagal: .*wn-murah.*bukan buatan Warganet/);

    const list = await run('router', 'list');
    expect(list.stdout.split('\n')[0]).toMatch(/TERTUNDA +GAGAL$/);
    expect(list.stdout.split('\n')[1]).toMatch(/ 0 +1 \(warganet router jobs balai\)$/);
    expect(JSON.parse((await run('router', 'list', '--json')).stdout)).toMatchObject([
      { name: 'balai', pendingJobs: 0, failedJobs: 1 },
    ]);
    const status = await run('router', 'status', 'balai');
    expect(status.stdout).toMatch(
      /Pekerjaan gagal {2}: 1\n {4}#(\d+) plan-push GAGAL — percobaan 1, .*galat: .*wn-murah/,
    );
    expect(status.stdout).toContain('Coba lagi: warganet router retry balai');
    const listed = await run('router', 'jobs', 'balai');
    expect(listed.stdout).toMatch(/#\d+ plan-push GAGAL — percobaan 1, .*; galat: .*bukan buatan Warganet/);
    const [failed] = (
      JSON.parse((await run('router', 'jobs', 'balai', '--json')).stdout) as {
        jobs: { id: number; state: string }[];
      }
    ).jobs;
    expect(failed).toMatchObject({ state: 'failed' });

    // Not fixed yet: retrying fails again, with the same reason.
    const again = await run('router', 'retry', 'balai');
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/✗ #\d+ plan-push gagal: .*bukan buatan Warganet/);
    const wrongId = await run('router', 'jobs', 'balai', '--retry', '99999');
    expect(wrongId.code).toBe(3);
    expect(wrongId.stderr).toContain('router balai tidak punya pekerjaan gagal #99999');

    // The operator removes their profile on the router; retrying that one job delivers it.
    r.model.remove(
      '/ip/hotspot/user/profile',
      r.model.print('/ip/hotspot/user/profile', { queries: ['?name=wn-murah'] })[0]!['.id'],
    );
    const retried = await run('router', 'jobs', 'balai', '--retry', String(failed!.id));
    expect(retried.stderr).toBe('');
    expect(retried.stdout).toMatch(/✓ #\d+ plan-push: profil wn-murah diperbarui/);
    expect(r.model.print('/ip/hotspot/user/profile', { queries: ['?name=wn-murah'] })[0]).toMatchObject({
      'rate-limit': '1M/2M',
    });
    expect((await run('router', 'jobs', 'balai')).stdout).toContain(
      'Tidak ada pekerjaan tertunda atau gagal',
    );
    expect((await run('router', 'jobs', 'balai', '--all')).stdout).toMatch(/plan-push selesai/);
    expect(JSON.parse((await run('router', 'list', '--json')).stdout)).toMatchObject([{ failedJobs: 0 }]);
  });

  it('provisioning RouterOS 7.14 with Message-Authenticator required says every login would be dropped, and what to run', async () => {
    await start('7.14.3');
    const p = await run('router', 'provision', 'balai');
    expect(p.code).toBe(1);
    expect(p.stdout).toMatch(
      /RouterOS 7\.14\.3 \(stable\) di bawah 7\.15 tidak mengirim Message-Authenticator/,
    );
    expect(p.stdout).toContain('warganet router set balai --no-require-message-auth');
    expect(p.stderr).toContain('router belum siap sepenuhnya');
    const status = await run('router', 'status', 'balai');
    expect(status.stdout).toMatch(
      /Perhatian {8}: RouterOS 7\.14\.3 \(stable\) di bawah 7\.15 .*--no-require-message-auth/,
    );
  });
});
