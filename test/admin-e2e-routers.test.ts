// The routers, sessions and login-log pages in Chromium, as a village operator uses them on a phone: add the
// router, look at the provisioning difference and apply it, disconnect a session, find why a phone cannot connect.
// The real server (Node wiring, so router work goes through the RouterOS gateway) against the virtual MikroTik.
// Screenshots of every page at 360×640 and 1280×800 in test-artifacts/admin/routers/.
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RouterModel } from '../src/sim/routeros-model.js';
import { startVirtualRouterOs, type VirtualRouterOs } from '../src/sim/routeros-server.js';
import { type AdminBrowserRig, startAdminBrowserRig } from './support/admin-chromium.js';
import { seedAccount } from './support/radius-fixtures.js';

const SHOTS = join(process.cwd(), 'test-artifacts', 'admin', 'routers');

describe('admin routers, sessions and login log in Chromium', () => {
  let rig: AdminBrowserRig;
  let r: VirtualRouterOs;
  let portal: Server;
  let silent: Socket;

  beforeAll(async () => {
    const model = new RouterModel('7.18.2');
    model.add('/ip/hotspot/profile', { name: 'hsprof1' });
    model.add('/ip/hotspot', { name: 'hotspot1', interface: 'bridge', profile: 'hsprof1' });
    r = await startVirtualRouterOs({ model, users: [{ name: 'wn', password: 'sandi-api-123' }] });
    portal = createServer((_req, res) => res.end('<html></html>'));
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    // The router's /radius incoming is off: Disconnect-Requests go unanswered and the API ends the session.
    silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    rig = await startAdminBrowserRig('sqlite', {
      WARGANET_PUBLIC_URL: `http://127.0.0.1:${(portal.address() as { port: number }).port}`,
      WARGANET_RADIUS_COA_PORT: String(silent.address().port),
    });
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
    await r?.stop();
    await new Promise<void>((resolve) => portal.close(() => resolve()));
    silent.close();
  });

  it('an operator on a phone adds a router, sees the difference, applies it, and the router is set up', async () => {
    const p = await rig.page('operator', 'phone');
    p.on('dialog', (d) => void d.accept());
    await p.goto(`${rig.baseUrl}/admin/router`);
    await p.screenshot({ path: join(SHOTS, 'list-empty-phone.png'), fullPage: true });
    await p.getByRole('link', { name: 'Tambah router' }).click();
    await p.getByLabel('Nama router').fill('balai');
    await p.getByLabel('Alamat IP router (NAS)').fill('bukan-ip');
    await p.getByLabel('Rahasia RADIUS').fill('rahasia-radius-123');
    await p.getByLabel('Alamat API RouterOS').fill('127.0.0.1');
    await p.getByLabel('Port API').fill(String(r.port));
    await p.getByLabel('Pengguna API').fill('wn');
    await p.getByLabel('Sandi API').fill('sandi-api-123');
    await p.getByLabel('Dusun').fill('Krajan');
    await p.getByRole('button', { name: 'Simpan' }).click();
    // The mistake is shown beside its field; the other values stay (never the secrets).
    await p.getByText('alamat NAS bukan alamat IPv4/IPv6 yang sah').waitFor();
    expect(await p.getByLabel('Alamat IP router (NAS)').getAttribute('aria-invalid')).toBe('true');
    expect(await p.getByLabel('Dusun').inputValue()).toBe('Krajan');
    await p.screenshot({ path: join(SHOTS, 'add-error-phone.png'), fullPage: true });
    await p.getByLabel('Alamat IP router (NAS)').fill('127.0.0.1');
    await p.getByLabel('Rahasia RADIUS').fill('rahasia-radius-123');
    await p.getByLabel('Sandi API').fill('sandi-api-123');
    await p.getByRole('button', { name: 'Simpan' }).click();
    await p.getByText('Router balai ditambahkan').waitFor();
    expect(await p.content()).not.toContain('rahasia-radius-123');

    await p.getByRole('link', { name: 'Lihat perbedaan (uji coba)' }).click();
    await p.getByText('Uji coba: router belum diubah').waitFor();
    expect(r.stats.writes).toBe(0);
    await p.screenshot({ path: join(SHOTS, 'provision-dry-run-phone.png'), fullPage: true });
    await p.getByRole('button', { name: 'Terapkan ke router' }).click();
    await p.getByText(/perubahan diterapkan ke router balai/).waitFor();
    expect(r.stats.writes).toBeGreaterThan(0);
    await p.screenshot({ path: join(SHOTS, 'provision-applied-phone.png'), fullPage: true });

    await p.getByRole('link', { name: 'Kembali ke router' }).click();
    await p.getByRole('button', { name: 'Periksa sekarang' }).click();
    await p.getByText('Hidup selama').waitFor();
    expect(await p.content()).toContain('CPU');
    await p.screenshot({ path: join(SHOTS, 'check-phone.png'), fullPage: true });
  }, 60_000);

  it('an operator disconnects a live session after confirming, and finds why a phone was refused', async () => {
    const db = rig.db.db;
    const router = await db
      .selectFrom('routers')
      .selectAll()
      .where('name', '=', 'balai')
      .executeTakeFirstOrThrow();
    const accountId = await seedAccount(db, { name: 'Siti Aminah' });
    const mac = '02:00:00:00:00:2A';
    const device = await db
      .insertInto('devices')
      .values({
        account_id: accountId,
        mac,
        username: 'wn-siti1',
        label: 'HP Siti',
        secret_enc: 'v1.x',
        created_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = Date.now();
    await db
      .insertInto('sessions')
      .values({
        ...{
          router_id: router.id,
          acct_session_id: '80100020',
          device_id: device.id,
          username: 'wn-siti1',
          mac,
        },
        ...{ framed_ip: '10.5.50.42', started_at: now - 3_600_000, updated_at: now, state: 'active' },
        ...{ input_bytes: 52_000_000, output_bytes: 410_000_000 },
      })
      .execute();
    r.model.insert('/ip/hotspot/active', { user: 'wn-siti1', address: '10.5.50.42', 'mac-address': mac });
    await db
      .insertInto('auth_log')
      .values([
        {
          at: now - 9000,
          last_at: now - 5000,
          count: 3,
          router_id: router.id,
          mac,
          username: 'wn-siti1',
          decision: 'reject',
          reason: 'quota_exhausted',
          source: null,
        },
        {
          at: now - 4000,
          last_at: now - 4000,
          count: 7,
          router_id: null,
          mac: null,
          username: null,
          decision: 'drop',
          reason: 'unknown_nas',
          source: '10.0.0.77',
        },
        {
          at: now - 3000,
          last_at: now - 3000,
          count: 1,
          router_id: router.id,
          mac,
          username: 'wn-siti1',
          decision: 'accept',
          reason: 'ok',
          source: null,
        },
      ])
      .execute();

    await rig.screenshots('operator', '/admin/router', 'routers/list');
    await rig.screenshots('operator', '/admin/router/balai', 'routers/detail');
    await rig.screenshots('operator', '/admin/router/baru', 'routers/add');
    await rig.screenshots('operator', '/admin/router/balai/ubah', 'routers/edit-operator');
    await rig.screenshots('admin', '/admin/router/balai/ubah', 'routers/edit-admin');
    await rig.screenshots('operator', '/admin/router/balai/siapkan', 'routers/provision-nothing-to-do');
    await rig.screenshots('operator', '/admin/sesi', 'routers/sessions');
    await rig.screenshots('operator', '/admin/log-masuk', 'routers/auth-log');
    await rig.screenshots('operator', '/admin/log-masuk?q=siti', 'routers/auth-log-search');

    const p = await rig.page('operator', 'phone');
    await p.goto(`${rig.baseUrl}/admin/log-masuk`);
    await p.getByLabel('Cari MAC, nama warga, atau NIK').fill('3523**********01');
    await p.getByRole('button', { name: 'Cari' }).click();
    await p.getByText('kuota harian habis').waitFor();
    expect(await p.content()).not.toContain('10.0.0.77');

    let asked = '';
    p.on('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await p.goto(`${rig.baseUrl}/admin/sesi`);
    await p.getByRole('button', { name: 'Putuskan' }).click();
    await p.getByText(/Sesi \d+ diputus \(routeros-api/).waitFor();
    expect(asked).toContain('Putuskan Siti Aminah dari router balai?');
    expect(r.model.print('/ip/hotspot/active')).toEqual([]);
    await p.screenshot({ path: join(SHOTS, 'sessions-kicked-phone.png'), fullPage: true });
  }, 240_000);

  it('the official sees none of these pages in the menu and is refused them', async () => {
    const p = await rig.page('official', 'phone');
    expect(await p.getByRole('link', { name: 'Router' }).count()).toBe(0);
    const res = await p.goto(`${rig.baseUrl}/admin/router`);
    expect(res?.status()).toBe(403);
    await p.screenshot({ path: join(SHOTS, 'official-refused-phone.png'), fullPage: true });
  });
});
