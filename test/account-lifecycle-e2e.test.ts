// Taking access away ends live sessions, and a NIK taken over is given back, end to end on SQLite and
// PostgreSQL. Under WARGANET_UNVERIFIED_POLICY=pending a stranger registers a real resident's NIK with a wrong KK; `account list` flags it; an operator approves it
// anyway and the stranger's phone gets online through the virtual MikroTik hotspot (a login ticket, then
// accounting);
// then the resident comes to the office, and `account reclaim` revokes the device, ends its session on the
// hotspot by RADIUS Disconnect, drops the stranger's PIN and prints a new one that works on the portal.
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_NOTICE_VERSION } from '../captive-portal/app.js';
import type { VirtualHotspot } from '../src/sim/hotspot-server.js';
import {
  createPortalHarness,
  hotspotFields,
  hotspotQuery,
  PortalBrowser,
  type PortalHarness,
  pageText,
  VILLAGE_CODE,
} from './fixtures/portal.js';
import { makeKk } from './fixtures/roster.js';
import { cli } from './support/cli.js';
import { databaseKinds } from './support/databases.js';
import {
  type HotspotVillage,
  hiddenFields,
  phoneBrowser,
  startHotspotVillage,
} from './support/virtual-hotspot.js';

/** The harness's router (127.0.0.1, hotspot address 10.5.50.1) has this RADIUS secret. */
const SECRET = 'testing123';
const STRANGER_PHONE = '5C:1A:2B:00:30:01';
const RESIDENT_PHONE = '5C:1A:2B:00:30:02';
const STRANGER_PIN = '739154';

describe.each(databaseKinds)('account reclaim after a NIK takeover (%s)', (kind) => {
  let h: PortalHarness | undefined;
  let hotspot: VirtualHotspot | undefined;
  let servers: HotspotVillage | undefined;
  afterEach(async () => {
    await servers?.stop();
    await h?.close();
  });

  /** Portal, RADIUS server and virtual hotspot on one database; `operator` runs the CLI against it. */
  async function village() {
    h = await createPortalHarness(kind, { unverifiedPolicy: 'pending' });
    // The portal's tickets and the RADIUS server that redeems them share one clock: the real one.
    h.clock.now = Date.now();
    // The router's login pages are the portal's templates: they hand the phone to the portal with its variables.
    servers = await startHotspotVillage(h.db, { secret: SECRET, roles: 'radius', loginPages: 'render' });
    ({ hotspot } = servers);
    const env = { WARGANET_VILLAGE_CODE: VILLAGE_CODE, WARGANET_RADIUS_COA_PORT: String(hotspot.coaPort) };
    const operator = (args: string[], stdin?: string) =>
      cli({ dataDir: h!.db.dir, databaseUrl: h!.db.url, env }, args, stdin);
    return { h, hotspot, operator };
  }

  /**
   * A phone behind the hotspot proves NIK + PIN on the portal (with the variables the router's login page gave
   * it), and posts the ticket the portal answers to the router: the router's Access-Request binds its MAC.
   */
  async function join(b: PortalBrowser, mac: string, ip: string, form: Record<string, string>) {
    const phone = phoneBrowser((await hotspot!.addClient({ mac, ip })).proxyUrl);
    const hs = hiddenFields((await phone('http://10.5.50.1/login?dst=http%3A%2F%2Fexample.com%2F')).body);
    await b.get(`/perangkat?${new URLSearchParams(hs)}`);
    const joined = await b.post('/perangkat', { ...hs, ...form });
    expect(joined.body).toContain('id="login"');
    const ticket = hiddenFields(joined.body);
    await phone('http://10.5.50.1/login', {
      username: ticket.username!,
      password: ticket.password!,
      dst: ticket.dst ?? '',
    });
    return hotspot!.activeFor(mac);
  }

  /** Joins a phone to the resident's account on the portal (NIK + PIN), then online through the hotspot. */
  async function online(nik: string, pin: string, mac: string, ip: string) {
    const session = await join(new PortalBrowser(h!.app), mac, ip, { nik, pin, label: `HP ${ip.slice(-2)}` });
    expect(session).toBeDefined();
    return session!;
  }

  it('flags the stranger’s registration, then gives the resident the NIK back: device revoked, session ended, new PIN works', async () => {
    const { h, hotspot, operator } = await village();
    const siti = await h.resident();
    // The stranger types Siti's NIK with a KK number that is not hers.
    const stranger = new PortalBrowser(h.app);
    await stranger.get(`/daftar?${hotspotQuery(STRANGER_PHONE)}`);
    const registered = await stranger.post('/daftar', {
      ...hotspotFields(STRANGER_PHONE),
      nik: siti.nik,
      kk: makeKk(9999),
      pin: STRANGER_PIN,
      pin2: STRANGER_PIN,
      consent: '1',
      notice: `${BUILTIN_NOTICE_VERSION}-id`,
    });
    expect(registered.status).toBe(202);

    const flagged = await operator(['account', 'list', '--unverified']);
    expect(flagged.code).toBe(0);
    expect(flagged.stdout).toMatch(
      /WARGA \d+\s.*menunggu persetujuan.*BELUM DICOCOKKAN: nomor KK tidak cocok/,
    );
    expect((await operator(['account', 'list', '--status', 'active', '--unverified'])).stdout).toContain(
      'Tidak ada akun yang cocok.',
    );
    const card = await operator(['account', 'show', siti.nik]);
    expect(card.stdout).toContain('BELUM DICOCOKKAN: nomor KK tidak cocok; periksa KTP dan KK');

    // Approved by mistake; the stranger's phone joins with the stranger's PIN and gets online.
    const unsure = await operator(['account', 'approve', siti.nik], '\n');
    expect(unsure.stderr).toContain(
      'BELUM DICOCOKKAN (nomor KK tidak cocok); PIN-nya dipilih oleh yang mendaftar',
    );
    expect(unsure.code).toBe(8);
    expect((await operator(['account', 'approve', siti.nik], 'ya\n')).code).toBe(0);
    const session = await join(stranger, STRANGER_PHONE, '10.5.50.31', { nik: siti.nik, pin: STRANGER_PIN });
    expect(session).toBeDefined();
    const live = await h.db.db
      .selectFrom('sessions')
      .select('state')
      .where('acct_session_id', '=', session!.acctSessionId)
      .executeTakeFirstOrThrow();
    expect(live.state).toBe('active');

    // At the office, without --yes and without a "ya": nothing changes.
    const declined = await operator(['account', 'reclaim', siti.nik], 'tidak\n');
    expect(declined.code).toBe(8);
    expect(hotspot.activeFor(STRANGER_PHONE)).toBeDefined();

    const reclaimed = await operator(['account', 'reclaim', siti.nik, '--yes']);
    expect(reclaimed.stderr).toBe('');
    expect(reclaimed.code).toBe(0);
    expect(reclaimed.stdout).toContain('Perangkat dicabut: 1.');
    expect(reclaimed.stdout).toContain('Sesi aktif diputus: 1.');
    const newPin = /PIN baru: (\d{6})/.exec(reclaimed.stdout)?.[1];
    expect(newPin).toBeDefined();
    expect(reclaimed.stdout).not.toContain(siti.nik);

    // The hotspot ended the session and said so by accounting Stop.
    expect(hotspot.activeFor(STRANGER_PHONE)).toBeUndefined();
    expect(hotspot.accounting.at(-1)).toMatchObject({ kind: 'stop', acctSessionId: session!.acctSessionId });
    const devices = await h.db.db.selectFrom('devices').select(['mac', 'revoked_at']).execute();
    expect(devices).toEqual([{ mac: STRANGER_PHONE, revoked_at: expect.any(Number) }]);
    const [account] = await h.db.db.selectFrom('accounts').selectAll().execute();
    expect(account).toMatchObject({ status: 'active', unverified_reason: null, consent_channel: 'operator' });
    const audit = await h.db.db.selectFrom('audit_log').select(['action', 'detail']).orderBy('id').execute();
    expect(audit.at(-1)?.action).toBe('account.reclaim');
    expect(audit.at(-1)?.detail).not.toContain(newPin!);

    // The stranger's PIN no longer opens the account; the resident's new one does, on the portal.
    const again = new PortalBrowser(h.app);
    await again.get(`/perangkat?${hotspotQuery(RESIDENT_PHONE)}`);
    const old = await again.post('/perangkat', {
      ...hotspotFields(RESIDENT_PHONE),
      nik: siti.nik,
      pin: STRANGER_PIN,
    });
    expect(pageText(old.body)).toContain('PIN salah');
    const mine = await join(new PortalBrowser(h.app), RESIDENT_PHONE, '10.5.50.32', {
      nik: siti.nik,
      pin: newPin!,
    });
    expect(mine).toBeDefined();
    const live2 = await h.db.db.selectFrom('devices').select('mac').where('revoked_at', 'is', null).execute();
    expect(live2).toEqual([{ mac: RESIDENT_PHONE }]);
  });

  it('suspending, removing a device and erasing an account each end the live sessions on the hotspot', async () => {
    const { h, hotspot, operator } = await village();
    const budi = await h.resident();
    const added = await operator(['account', 'add', budi.nik]);
    const pin = /PIN: (\d{6})/.exec(added.stdout)![1]!;
    const first = await online(budi.nik, pin, '5C:1A:2B:00:40:01', '10.5.50.41');

    const suspended = await operator(['account', 'suspend', budi.nik, '--reason', 'tunggakan iuran']);
    expect(suspended.stdout).toContain('ditangguhkan. Status: ditangguhkan.');
    expect(suspended.stdout).toContain('Sesi aktif diputus: 1.');
    expect(hotspot.activeFor('5C:1A:2B:00:40:01')).toBeUndefined();
    expect(hotspot.accounting.at(-1)).toMatchObject({ kind: 'stop', acctSessionId: first.acctSessionId });
    // Coming back is refused while suspended: the hotspot's MAC login is rejected.
    const back = await hotspot.addClient({ mac: '5C:1A:2B:00:40:01', ip: '10.5.50.41' });
    // The phone opens a web page: the hotspot tries MAC authentication first.
    await phoneBrowser(back.proxyUrl)('http://example.com/');
    expect(hotspot.activeFor('5C:1A:2B:00:40:01')).toBeUndefined();
    expect((await operator(['account', 'show', budi.nik])).stdout).toContain(
      'ditangguhkan (alasan: tunggakan iuran)',
    );

    expect((await operator(['account', 'resume', budi.nik])).stdout).toContain('Status: aktif.');
    const second = await online(budi.nik, pin, '5C:1A:2B:00:40:02', '10.5.50.42');
    const removed = await operator(['device', 'remove', budi.nik, 'hp 42']);
    expect(removed.stdout).toContain('Perangkat 5C:1A:2B:00:40:02 (HP 42) dicabut');
    expect(removed.stdout).toContain('Sesi aktif diputus: 1.');
    expect(hotspot.activeFor('5C:1A:2B:00:40:02')).toBeUndefined();
    expect(hotspot.accounting.at(-1)).toMatchObject({ kind: 'stop', acctSessionId: second.acctSessionId });

    const third = await online(budi.nik, pin, '5C:1A:2B:00:40:03', '10.5.50.43');
    const erased = await operator(['account', 'remove', budi.nik, '--yes']);
    expect(erased.stdout).toContain('dihapus, dengan 3 perangkat.');
    expect(erased.stdout).toContain('Sesi aktif diputus: 1.');
    expect(hotspot.activeFor('5C:1A:2B:00:40:03')).toBeUndefined();
    expect(hotspot.accounting.at(-1)).toMatchObject({ kind: 'stop', acctSessionId: third.acctSessionId });
    expect(await h.db.db.selectFrom('accounts').selectAll().execute()).toEqual([]);
    expect(await h.db.db.selectFrom('devices').selectAll().execute()).toEqual([]);
    // The sessions keep their totals for the reports, but no longer point at a device or a MAC.
    const sessions = await h.db.db.selectFrom('sessions').select(['device_id', 'mac']).execute();
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    expect(sessions.every((r) => r.device_id === null && r.mac === null)).toBe(true);
    expect((await operator(['account', 'show', budi.nik])).code).toBe(3);
  });
});
