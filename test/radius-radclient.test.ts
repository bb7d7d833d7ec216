// FreeRADIUS's radclient as the real peer (it checks our Response Authenticator and Message-Authenticator):
// PAP, CHAP and MAC logins, rejects with their Reply-Message, a wrong secret that gets no answer, and
// accounting with 64-bit totals as `warganet sessions --json` shows them, and a monthly quota used up.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, openAppContext } from '../src/app-context.js';
import { parseConfig } from '../src/config.js';
import { dayOf, quotaMonth } from '../src/domain/quota-day.js';
import { createLogger } from '../src/logger.js';
import { type RunningServer, startServer } from '../src/server.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedAccount, seedPlan, seedRouter, seedSubscriber, testKeyring } from './support/radius-fixtures.js';

interface RadclientRun {
  readonly code: number | null;
  readonly out: string;
}

/** Waits up to 5 s (a loaded CI machine), or 0.5 s when no answer is expected. */
function radclient(
  port: number,
  command: string,
  secret: string,
  input: string,
  extra: string[] = [],
  expectSilence = false,
) {
  return new Promise<RadclientRun>((resolve) => {
    const timing = expectSilence ? ['-r', '1', '-t', '0.5'] : ['-r', '2', '-t', '2.5'];
    const child = spawn('radclient', ['-x', ...timing, ...extra, `127.0.0.1:${port}`, command, secret]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

const attrs = (o: Record<string, string | number>) =>
  `${Object.entries(o)
    .map(([k, v]) => `${k} = ${typeof v === 'number' || v.startsWith('0x') ? v : `"${v}"`}`)
    .join('\n')}\n`;

describe.each(databaseKinds)('RADIUS server with radclient on %s', (kind) => {
  let tdb: TestDatabase;
  let app: AppContext;
  let server: RunningServer;
  let auth: number;
  let acct: number;
  let routerId: number;
  let monthlyDeviceId: number;
  let wargaAccountId: number;
  const target = () => ({ dataDir: tdb.dir, databaseUrl: tdb.url });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    routerId = await seedRouter(tdb.db, keyring, { nasIp: '127.0.0.1', secret: 'testing123' });
    await seedPlan(tdb.db, { is_default: 1 });
    const monthly = await seedPlan(tdb.db, {
      name: 'Bulanan',
      profile_name: 'bulanan',
      daily_quota_bytes: null,
      monthly_quota_bytes: 5_000_000_000,
    });
    await seedSubscriber(
      tdb.db,
      keyring,
      { mac: '02:AA:BB:CC:DD:01', username: 'wn-0000b01a', secret: 'bulanan' },
      { planId: monthly },
    );
    ({ deviceId: monthlyDeviceId } = await seedSubscriber(
      tdb.db,
      keyring,
      { mac: '02:AA:BB:CC:DD:02', username: 'wn-0000b01b', secret: 'bulanan' },
      { planId: monthly },
    ));
    await seedSubscriber(tdb.db, keyring, {
      mac: 'BC:24:11:EB:56:4D',
      username: 'wn-0000abcd',
      secret: 'lkfgxifde',
    });
    // A resident with no device yet: the one a login ticket is for.
    wargaAccountId = await seedAccount(tdb.db);
    await seedSubscriber(
      tdb.db,
      keyring,
      { mac: '02:11:22:33:44:55', username: 'wn-00001234', secret: 'x' },
      { accountStatus: 'pending' },
    );
    const parsed = parseConfig({
      WARGANET_DATA_DIR: tdb.dir,
      WARGANET_DATABASE_URL: tdb.url ?? '',
      WARGANET_SECRET_KEY: TEST_SECRET_KEY,
      WARGANET_ROLES: 'radius,http',
      WARGANET_HTTP_HOST: '127.0.0.1',
      WARGANET_HTTP_PORT: '18080',
      WARGANET_RADIUS_HOST: '127.0.0.1',
      WARGANET_RADIUS_AUTH_PORT: '0',
      WARGANET_RADIUS_ACCT_PORT: '0',
      WARGANET_MAC_AUTH_PASSWORD: 'macauth',
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    app = await openAppContext(
      { ...parsed.config, httpPort: 0 },
      createLogger(process.env.DBG_LOG ?? 'silent'),
    );
    server = await startServer(app);
    auth = server.radiusPorts!.auth;
    acct = server.radiusPorts!.acct;
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.close();
  });

  const device = {
    'Calling-Station-Id': 'BC:24:11:EB:56:4D',
    'NAS-Port-Type': 'Wireless-802.11',
    'Message-Authenticator': '0x00',
  };

  it('accepts CHAP with the plan limits, and radclient verifies the signed answer', async () => {
    const run = await radclient(
      auth,
      'auth',
      'testing123',
      attrs({ 'User-Name': 'wn-0000abcd', 'CHAP-Password': 'lkfgxifde', ...device }),
    );
    expect(run.out).toContain('Received Access-Accept');
    expect(run.out).toContain('Mikrotik-Rate-Limit = "2M/5M"');
    expect(run.out).toContain('Mikrotik-Group = "warga"');
    expect(run.out).toMatch(/Message-Authenticator = 0x[0-9a-f]{32}/);
    expect(run.code).toBe(0);
  });

  it('accepts PAP and MAC logins in both RouterOS modes', async () => {
    const logins: Array<Record<string, string>> = [
      { 'User-Name': 'wn-0000abcd', 'User-Password': 'lkfgxifde' },
      { 'User-Name': 'BC:24:11:EB:56:4D', 'User-Password': 'macauth' },
      { 'User-Name': 'bc2411eb564d', 'User-Password': 'bc2411eb564d' },
      { 'User-Name': 'BC-24-11-EB-56-4D', 'CHAP-Password': 'BC-24-11-EB-56-4D' },
    ];
    for (const login of logins) {
      const run = await radclient(auth, 'auth', 'testing123', attrs({ ...login, ...device }));
      expect(run.out, JSON.stringify(login)).toContain('Received Access-Accept');
    }
  });

  it('rejects with the reason in Reply-Message', async () => {
    const unknown = await radclient(
      auth,
      'auth',
      'testing123',
      attrs({
        'User-Name': '02:00:00:00:00:01',
        'User-Password': 'macauth',
        'Calling-Station-Id': '02:00:00:00:00:01',
        'Message-Authenticator': '0x00',
      }),
    );
    expect(unknown.out).toContain('Received Access-Reject');
    expect(unknown.out).toContain(
      'Reply-Message = "Perangkat belum terdaftar. Silakan daftar di portal Wi-Fi desa."',
    );
    const pending = await radclient(
      auth,
      'auth',
      'testing123',
      attrs({
        'User-Name': 'wn-00001234',
        'User-Password': 'x',
        'Calling-Station-Id': '02:11:22:33:44:55',
        'Message-Authenticator': '0x00',
      }),
    );
    expect(pending.out).toContain('menunggu persetujuan');
    // The log is written in batches off the hot path: read it until the last decision is in.
    const readLog = async () =>
      (JSON.parse((await cli(target(), ['auth-log', '--json'])).stdout) as Array<{ reason: string }>).map(
        (r) => r.reason,
      );
    let reasons = await readLog();
    for (let i = 0; i < 50 && !reasons.includes('account_pending'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      reasons = await readLog();
    }
    expect(reasons).toEqual(expect.arrayContaining(['account_pending', 'unknown_device', 'ok']));
  });

  it('rejects a plan whose monthly quota earlier days used up, saying it resets on the 1st', async () => {
    // The server's clock is the real one, so the usage is booked on the 1st of this month in its zone
    // (Asia/Jakarta by default): an earlier day, except on the 1st itself. The plan has no daily quota, so only
    // the month can refuse either way.
    const now = Date.now();
    const month = quotaMonth(now, 'Asia/Jakarta');
    const [year, mm] = dayOf(month.end, 'Asia/Jakarta').split('-');
    const login = (n: 1 | 2) =>
      radclient(
        auth,
        'auth',
        'testing123',
        attrs({
          'User-Name': `wn-0000b01${n === 1 ? 'a' : 'b'}`,
          'User-Password': 'bulanan',
          'Calling-Station-Id': `02:AA:BB:CC:DD:0${n}`,
          'Message-Authenticator': '0x00',
        }),
      );
    // Unused, the month's 5 GB is granted: 5,000,000,000 = 1 gigaword + 705,032,704.
    const fresh = await login(1);
    expect(fresh.out).toContain('Received Access-Accept');
    expect(fresh.out).toContain('Mikrotik-Total-Limit = 705032704');
    expect(fresh.out).toContain('Mikrotik-Total-Limit-Gigawords = 1');
    try {
      await tdb.db
        .insertInto('usage_daily')
        .values({
          day: month.firstDay,
          device_id: monthlyDeviceId,
          router_id: routerId,
          bytes_in: 3_000_000_000,
          bytes_out: 2_000_000_000,
        })
        .execute();
      // Another account on the plan, which used it all on the 1st. (Earlier days are read once a day per
      // account: they no longer change.)
      const run = await login(2);
      expect(run.out).toContain('Received Access-Reject');
      expect(run.out).toMatch(
        new RegExp(
          `Reply-Message = "Kuota bulanan Anda sudah habis\\. Kuota baru tersedia mulai pukul 00\\.00 WIB \\(\\w+, 01-${mm}-${year}\\)\\."`,
        ),
      );
    } finally {
      await tdb.db.deleteFrom('usage_daily').where('device_id', '=', monthlyDeviceId).execute();
    }
  });

  it('never answers a request signed with the wrong secret, nor one without Message-Authenticator', async () => {
    const wrong = await radclient(
      auth,
      'auth',
      'bukan-rahasia',
      attrs({ 'User-Name': 'wn-0000abcd', 'User-Password': 'lkfgxifde', ...device }),
      [],
      true,
    );
    expect(wrong.out).toContain('No reply from server');
    expect(wrong.code).not.toBe(0);
    const noMa = await radclient(
      auth,
      'auth',
      'testing123',
      attrs({
        'User-Name': 'wn-0000abcd',
        'User-Password': 'lkfgxifde',
        'Calling-Station-Id': 'BC:24:11:EB:56:4D',
      }),
      [],
      true,
    );
    expect(noMa.out).toContain('No reply from server');
    const acctWrong = await radclient(
      acct,
      'acct',
      'bukan-rahasia',
      attrs({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': '81000001', 'User-Name': 'wn-0000abcd' }),
      [],
      true,
    );
    expect(acctWrong.out).toContain('No reply from server');
  });

  it('answers Status-Server', async () => {
    const run = await radclient(auth, 'status', 'testing123', attrs({ 'Message-Authenticator': '0x00' }));
    expect(run.out).toContain('Received Access-Accept');
  });

  it('keeps exact 64-bit totals in `warganet sessions` however often accounting repeats', async () => {
    const session = {
      'Acct-Session-Id': '80100014',
      'User-Name': 'wn-0000abcd',
      'Calling-Station-Id': 'BC:24:11:EB:56:4D',
      'Framed-IP-Address': '10.5.88.2',
      'NAS-Port': 2148532244,
    };
    const counters = (inG: number, inO: number, outG: number, outO: number, t: number) => ({
      'Acct-Input-Gigawords': inG,
      'Acct-Input-Octets': inO,
      'Acct-Output-Gigawords': outG,
      'Acct-Output-Octets': outO,
      'Acct-Session-Time': t,
    });
    const send = (o: Record<string, string | number>, extra: string[] = []) =>
      radclient(acct, 'acct', 'testing123', attrs(o), extra);
    expect((await send({ 'Acct-Status-Type': 'Start', ...session }, ['-c', '3'])).out).toContain(
      'Received Accounting-Response',
    );
    expect(
      (
        await send({ 'Acct-Status-Type': 'Interim-Update', ...session, ...counters(2, 5, 7, 9, 300) }, [
          '-c',
          '3',
        ])
      ).out,
    ).toContain('Accounting-Response');
    // Counters over 4 GiB on the Stop, sent three times; then a late Interim with older counters.
    await send(
      {
        'Acct-Status-Type': 'Stop',
        'Acct-Terminate-Cause': 'User-Request',
        ...session,
        ...counters(3, 123, 8, 456, 600),
      },
      ['-c', '3'],
    );
    await send({ 'Acct-Status-Type': 'Interim-Update', ...session, ...counters(2, 5, 7, 9, 300) });
    const run = await cli(target(), ['sessions', '--json']);
    expect(run.code).toBe(0);
    const sessions = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      user: 'wn-0000abcd',
      mac: 'BC:24:11:EB:56:4D',
      ip: '10.5.88.2',
      router: 'balai-desa',
      bytesIn: 3 * 2 ** 32 + 123,
      bytesOut: 8 * 2 ** 32 + 456,
      state: 'stopped',
      terminateCause: 'User-Request',
    });
    const usage = await tdb.db.selectFrom('usage_daily').selectAll().execute();
    expect(usage.map((u) => [Number(u.bytes_in), Number(u.bytes_out), u.sessions])).toEqual([
      [3 * 2 ** 32 + 123, 8 * 2 ** 32 + 456, 1],
    ]);
    const active = await cli(target(), ['sessions', '--active']);
    expect(active.stdout).toContain('Tidak ada sesi aktif.');
  });

  it('prints sessions and the auth log as tables for operators', async () => {
    const sessions = await cli(target(), ['sessions']);
    expect(sessions.stdout).toMatch(
      /^ID\s+WARGA\s+PERANGKAT\s+PENGGUNA\s+MAC\s+IP\s+ROUTER\s+MULAI\s+TERAKHIR\s+UNGGAH\s+UNDUH\s+STATUS/,
    );
    expect(sessions.stdout).toMatch(/wn-0000abcd\s+BC:24:11:EB:56:4D\s+10\.5\.88\.2\s+balai-desa/);
    expect(sessions.stdout).toContain('12.9 GB');
    expect(sessions.stdout).toContain('berhenti');
    const log = await cli(target(), ['auth-log', '--last', '3']);
    expect(log.stdout.split('\n')[0]).toMatch(
      /^WAKTU\s+ROUTER\s+WARGA\s+PERANGKAT\s+MAC\s+PENGGUNA\s+KEPUTUSAN\s+ALASAN\s+KALI/,
    );
    expect(log.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(4);
    const bad = await cli(target(), ['auth-log', '--last', 'nol']);
    expect([bad.code, bad.stderr]).toEqual([1, 'warganet: --last: harus bilangan bulat 1–100000\n']);
  });

  it('exposes Prometheus metrics on /metrics', async () => {
    const res = await fetch(`http://127.0.0.1:${server.httpPort}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/warganet_radius_accepts_total\{reason="ok"\} \d+/);
    expect(text).toMatch(/warganet_radius_drops_total\{reason="bad_message_authenticator"\} \d+/);
    expect(text).toContain('warganet_radius_request_duration_seconds_bucket{kind="access",le="0.005"}');
    expect(text).toMatch(/warganet_radius_accounting_writes_total\{status="stop"\} \d+/);
  });

  it('takes a login ticket once, by CHAP only, binding the Calling-Station-Id and answering as for that device', async () => {
    // The portal's ticket service: the same one the radius role redeems tickets with.
    const tickets = app.services.portal.tickets;
    const offer = await tickets.offer(wargaAccountId, { label: 'HP kedua' });
    if (offer.kind !== 'ticket') throw new Error(`no ticket: ${offer.kind}`);
    const phone = { ...device, 'Calling-Station-Id': '02:AA:00:00:77:01' };
    // The secret in clear (PAP) is refused, and the ticket is not spent by it.
    const pap = await radclient(
      auth,
      'auth',
      'testing123',
      attrs({ 'User-Name': offer.username, 'User-Password': offer.secret, ...phone }),
    );
    expect(pap.out).toContain('Received Access-Reject');
    const chap = attrs({ 'User-Name': offer.username, 'CHAP-Password': offer.secret, ...phone });
    const first = await radclient(auth, 'auth', 'testing123', chap);
    expect(first.out).toContain('Received Access-Accept');
    expect(first.out).toContain('Mikrotik-Group = "warga"');
    const bound = await tdb.db
      .selectFrom('devices')
      .select(['id', 'account_id', 'label'])
      .where('mac', '=', '02:AA:00:00:77:01')
      .executeTakeFirstOrThrow();
    expect(bound).toMatchObject({ account_id: wargaAccountId, label: 'HP kedua' });
    expect(first.out).toContain(`Class = 0x${Buffer.from(`warganet:d=${bound.id}`).toString('hex')}`);
    const again = await radclient(auth, 'auth', 'testing123', chap);
    expect(again.out).toContain('Received Access-Reject');
    expect(again.out).toContain('sudah dipakai');
    // The phone now comes back by MAC authentication, as every known phone does.
    const mac = await radclient(
      auth,
      'auth',
      'testing123',
      attrs({ 'User-Name': '02:AA:00:00:77:01', 'User-Password': 'macauth', ...phone }),
    );
    expect(mac.out).toContain('Received Access-Accept');
  });
});
