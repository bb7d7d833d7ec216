// The portal's forms through the HTTP app's front door (app.request), on SQLite and PostgreSQL: registration
// with consent, adding and removing devices, attempt limits, CSRF, and what must never be revealed or echoed.
// A login page carries a one-time ticket; the device is bound only when the router's Access-Request uses it
// (h.routerLogin sends it through our RADIUS pipeline with the router's Calling-Station-Id).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUILTIN_NOTICE_VERSION } from '../captive-portal/app.js';
import { PLACEHOLDER_NAME } from '../db/stores/portal-store.js';
import { decodeOctalEscapes } from '../src/domain/chap.js';
import {
  CLIENT_ADDRESS_HEADER,
  hotspotFields,
  hotspotQuery,
  PortalBrowser,
  type PortalHarness,
  pageText,
} from './fixtures/portal.js';
import { portalHarnessPerTest } from './fixtures/portal-per-test.js';
import { makeKk } from './fixtures/roster.js';
import { databaseKinds } from './support/databases.js';

const MAC_A = '5C:1A:2B:00:10:01';
const MAC_B = '5C:1A:2B:00:10:02';
const MAC_C = '5C:1A:2B:00:10:03';
const PIN = '482915';

describe.each(databaseKinds)('captive portal forms (%s)', (kind) => {
  const harness = portalHarnessPerTest(kind);

  async function register(b: PortalBrowser, r: { nik: string; kk: string }, mac = MAC_A, extra = {}) {
    await b.get(`/daftar?${hotspotQuery(mac)}`);
    return b.post('/daftar', {
      ...hotspotFields(mac),
      nik: r.nik,
      kk: r.kk,
      pin: PIN,
      pin2: PIN,
      consent: '1',
      label: 'HP Siti',
      notice: `${BUILTIN_NOTICE_VERSION}-id`,
      ...extra,
    });
  }

  async function addDevice(b: PortalBrowser, nik: string, pin: string, mac: string) {
    await b.get(`/perangkat?${hotspotQuery(mac)}`);
    return b.post('/perangkat', { ...hotspotFields(mac), nik, pin });
  }

  /** The router posts the login page's form: RADIUS must accept it for this phone. */
  async function connect(h: PortalHarness, page: { body: string }, mac: string) {
    expect(page.body).toContain('id="login"');
    const answer = await h.routerLogin(page.body, mac);
    expect(answer).toMatchObject({ accepted: true });
    return answer!;
  }

  const accounts = (h: PortalHarness) => h.db.db.selectFrom('accounts').selectAll().execute();
  const liveDevices = (h: PortalHarness) =>
    h.db.db.selectFrom('devices').selectAll().where('revoked_at', 'is', null).orderBy('id').execute();

  it('registers an active resident with NIK + KK, records the consent, answers with a one-time ticket login form, and binds only the MAC the router reports', async () => {
    const h = await harness();
    const siti = await h.resident();
    const b = new PortalBrowser(h.app);
    const res = await register(b, siti);
    expect(res.status).toBe(200);

    const [account] = await accounts(h);
    expect(account).toMatchObject({
      status: 'active',
      plan_id: null,
      consent_channel: 'portal',
      consent_notice_version: `${BUILTIN_NOTICE_VERSION}-id`,
      approved_by: null,
    });
    expect(Number(account!.consent_at)).toBe(h.clock.now);
    // Peppered: HMAC under the server key, then PBKDF2.
    expect(account!.pin_hash).toMatch(/^hmac\.[\w-]+\.pbkdf2-sha256\$/);
    // Nothing is bound from the browser's word.
    expect(await liveDevices(h)).toHaveLength(0);
    const [ticket] = await h.db.db.selectFrom('login_tickets').selectAll().execute();
    expect(ticket).toMatchObject({ account_id: account!.id, label: 'HP Siti', used_at: null });
    expect(Number(ticket!.expires_at) - h.clock.now).toBe(5 * 60_000);

    // The tiny page posts username + CHAP(chap-id ‖ secret ‖ challenge) to link-login-only, dst = link-orig.
    expect(res.body).toContain('<form id="login" method="post" action="http://10.5.50.1/login">');
    const secret = await h.keyring.decrypt(ticket!.secret_enc);
    const q = new URLSearchParams(hotspotQuery(MAC_A));
    const expected = createHash('md5')
      .update(decodeOctalEscapes(q.get('chap-id')!)!)
      .update(secret)
      .update(decodeOctalEscapes(q.get('chap-challenge')!)!)
      .digest('hex');
    expect(ticket!.username).toMatch(/^wt-[a-z2-9]{16}$/);
    expect(res.body).toContain(`name="username" value="${ticket!.username}"`);
    expect(res.body).toContain(`name="password" value="${expected}"`);
    expect(res.body).toContain('name="dst" value="http://example.com/berita"');
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self' http://10.5.50.1");
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    expect(res.body).not.toContain(siti.nik);
    expect(res.body).not.toContain(secret);

    // The router's Access-Request uses the ticket: the Calling-Station-Id is bound, and accepted as that device.
    const answer = await connect(h, res, MAC_A);
    const [device] = await liveDevices(h);
    expect(device).toMatchObject({ account_id: account!.id, mac: MAC_A, label: 'HP Siti' });
    expect(device!.username).toMatch(/^wn-/);
    expect(answer.className).toBe(`warganet:d=${device!.id}`);
    const used = await h.db.db.selectFrom('login_tickets').selectAll().executeTakeFirstOrThrow();
    expect(used).toMatchObject({ used_mac: MAC_A });
    expect(Number(used.used_at)).toBe(h.clock.now);

    const audit = await h.db.db.selectFrom('audit_log').select(['actor', 'action']).orderBy('id').execute();
    expect(audit).toEqual([
      { actor: 'portal', action: 'account.register' },
      { actor: 'portal', action: 'device.add' },
    ]);
  });

  it('gives a crafted link with a registered MAC and no session only the welcome page: no user name, no password, no form to another site', async () => {
    const h = await harness();
    await connect(h, await register(new PortalBrowser(h.app), await h.resident()), MAC_A);
    const [device] = await liveDevices(h);
    const secret = await h.keyring.decrypt(device!.secret_enc);
    const b = new PortalBrowser(h.app);
    // Finding 1: no chap-id/chap-challenge, link-login-only on an attacker's site.
    const crafted = `/?mac=${encodeURIComponent(MAC_A)}&link-login-only=${encodeURIComponent('http://evil.example/x')}`;
    for (const path of [crafted, `/?${hotspotQuery(MAC_A)}`]) {
      const res = await b.get(path);
      expect(res.status).toBe(200);
      expect(res.body).not.toContain('id="login"');
      expect(res.body).not.toContain(device!.username);
      expect(res.body).not.toContain(secret);
      expect(res.body).not.toContain('name="password"');
      expect(res.body).not.toContain('action="http://evil.example');
      expect(res.headers.get('content-security-policy')).not.toContain('evil.example');
      expect(pageText(res.body)).toContain('Daftar (pertama kali)');
    }
    const refused = await b.get(`/?${hotspotQuery(MAC_A, { error: 'Kuota harian Anda sudah habis.' })}`);
    expect(pageText(refused.body)).toContain('Pesan dari router Wi-Fi: Kuota harian Anda sudah habis.');
  });

  it('answers NIK + PIN with a login form only for a router hotspot address and a CHAP challenge: a crafted link to another site is refused', async () => {
    const h = await harness();
    const siti = await h.resident();
    await connect(h, await register(new PortalBrowser(h.app), siti), MAC_A);
    // Finding 2: the attacker's MAC and site in a link the victim follows.
    const evil = { 'link-login-only': 'http://evil.example/', 'chap-id': '', 'chap-challenge': '' };
    const b = new PortalBrowser(h.app);
    await b.get(`/perangkat?${hotspotQuery(MAC_B, evil)}`);
    const res = await b.post('/perangkat', { ...hotspotFields(MAC_B), ...evil, nik: siti.nik, pin: PIN });
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('id="login"');
    expect(res.body).not.toContain('action="http://evil.example');
    expect(res.headers.get('content-security-policy')).not.toContain('evil.example');
    expect(pageText(res.body)).toContain('bukan milik router Wi-Fi desa');
    // A look-alike host, and a router address on another port, are not the router either.
    for (const link of ['http://10.5.50.1.evil.example/login', 'http://10.5.50.1:8080/login']) {
      const other = new PortalBrowser(h.app);
      await other.get('/perangkat');
      const r = await other.post('/perangkat', {
        ...hotspotFields(MAC_B),
        'link-login-only': link,
        nik: siti.nik,
        pin: PIN,
      });
      expect(r.body, link).not.toContain('id="login"');
    }
    expect(await h.db.db.selectFrom('login_tickets').select('username').execute()).toHaveLength(1);
    expect((await liveDevices(h)).map((d) => d.mac)).toEqual([MAC_A]);

    // The router's own page without a challenge (PAP only): no secret goes out in clear.
    const pap = new PortalBrowser(h.app);
    await pap.get('/perangkat');
    const noChap = await pap.post('/perangkat', {
      ...hotspotFields(MAC_B),
      'chap-id': '',
      'chap-challenge': '',
      nik: siti.nik,
      pin: PIN,
    });
    expect(noChap.status).toBe(400);
    expect(noChap.body).not.toContain('name="password"');
    expect(pageText(noChap.body)).toContain('Hotspot harus memakai login CHAP');
  });

  it('binds the Calling-Station-Id of the router, never the MAC the form names, and uses a ticket once', async () => {
    const h = await harness();
    const victim = await h.resident();
    const attacker = await h.resident();
    await connect(h, await register(new PortalBrowser(h.app), victim), MAC_A);
    // The attacker proves their own NIK + PIN on their own phone (MAC_C), naming the victim's MAC.
    const res = await register(new PortalBrowser(h.app), attacker, MAC_A);
    expect(res.body).toContain('id="login"');
    // Sent from an address that is no router's: dropped, and the ticket is still unused.
    expect(await h.routerLogin(res.body, MAC_C, '10.9.9.9')).toBeUndefined();
    const answer = await h.routerLogin(res.body, MAC_C);
    expect(answer?.accepted).toBe(true);
    const devices = await liveDevices(h);
    const victimAccount = devices.find((d) => d.mac === MAC_A)!.account_id;
    expect(devices.map((d) => [d.mac, d.account_id === victimAccount])).toEqual([
      [MAC_A, true],
      [MAC_C, false],
    ]);

    // The same form again (a copy, a replay): the ticket is spent.
    const replay = await h.routerLogin(res.body, MAC_B);
    expect(replay).toMatchObject({ accepted: false, message: expect.stringContaining('sudah dipakai') });
    expect((await liveDevices(h)).map((d) => d.mac)).toEqual([MAC_A, MAC_C]);
    const log = await h.db.db
      .selectFrom('auth_log')
      .select(['decision', 'reason', 'mac'])
      .orderBy('id')
      .execute();
    expect(log.at(-1)).toEqual({ decision: 'reject', reason: 'ticket_used', mac: MAC_B });
  });

  it("refuses a resident an institution's device: the forms say so, no ticket is given, and RADIUS will not bind it", async () => {
    const h = await harness();
    const at = h.clock.now;
    const school = await h.db.db
      .insertInto('institutions')
      .values({
        name: 'SDN 1',
        kind: 'sekolah',
        dusun: null,
        plan_id: null,
        priority: null,
        note: null,
        disabled_at: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.db
      .insertInto('institution_devices')
      .values({ institution_id: school.id, mac: MAC_C, label: 'PC lab', created_at: at })
      .execute();
    const siti = await h.resident();
    const b = new PortalBrowser(h.app);
    // Opened from the institution's PC, both forms explain before anyone types a NIK.
    for (const path of ['/daftar', '/perangkat']) {
      const form = await b.get(`${path}?${hotspotQuery(MAC_C)}`);
      expect(pageText(form.body)).toContain('tidak bisa didaftarkan ke akun warga');
    }
    const registered = await register(b, siti, MAC_C);
    expect(registered.status).toBe(409);
    expect(registered.body).not.toContain('id="login"');
    expect(pageText(registered.body)).toContain('Perangkat milik lembaga desa');
    // A ticket asked for from another MAC, but the router reports the institution's PC: refused, not bound.
    const page = await addDevice(b, siti.nik, PIN, MAC_A);
    expect(await h.routerLogin(page.body, MAC_C)).toMatchObject({
      accepted: false,
      message: expect.stringContaining('milik lembaga desa'),
    });
    const reasons = await h.db.db.selectFrom('auth_log').select('reason').orderBy('id').execute();
    expect(reasons.map((r) => r.reason)).toEqual(['mac_institution']);
    expect(await liveDevices(h)).toEqual([]);
  });

  it('lets only one of two Access-Requests racing for one ticket through', async () => {
    const h = await harness();
    const page = await register(new PortalBrowser(h.app), await h.resident(), MAC_A);
    const answers = await Promise.all([h.routerLogin(page.body, MAC_B), h.routerLogin(page.body, MAC_C)]);
    expect(answers.map((a) => a?.accepted).sort()).toEqual([false, true]);
    expect(await liveDevices(h)).toHaveLength(1);
    const reasons = await h.db.db.selectFrom('auth_log').select('reason').execute();
    expect(reasons.map((r) => r.reason).sort()).toEqual(['ok', 'ticket_used']);
  });

  it('refuses an expired ticket, one whose phone is on another account, and one without a device address, each with its reason', async () => {
    const h = await harness();
    const siti = await h.resident();
    const budi = await h.resident();
    await connect(h, await register(new PortalBrowser(h.app), siti), MAC_A);
    const b = new PortalBrowser(h.app);
    const late = await register(b, budi, MAC_B);
    h.clock.now += 5 * 60_000 + 1;
    expect(await h.routerLogin(late.body, MAC_B)).toMatchObject({
      accepted: false,
      message: expect.stringContaining('kedaluwarsa'),
    });
    // Siti's phone, through a ticket of Budi's: the MAC stays Siti's.
    const elsewhere = await addDevice(b, budi.nik, PIN, MAC_B);
    expect(await h.routerLogin(elsewhere.body, MAC_A)).toMatchObject({
      accepted: false,
      message: expect.stringContaining('akun warga lain'),
    });
    // No Calling-Station-Id, or a broadcast one: nothing to bind.
    for (const calling of [undefined, 'FF:FF:FF:FF:FF:FF']) {
      const page = await addDevice(b, budi.nik, PIN, MAC_B);
      expect(await h.routerLogin(page.body, calling)).toMatchObject({ accepted: false });
    }
    const reasons = await h.db.db.selectFrom('auth_log').select('reason').orderBy('id').execute();
    expect(reasons.map((r) => r.reason).slice(1)).toEqual([
      'ticket_expired',
      'mac_elsewhere',
      'ticket_no_mac',
      'ticket_no_mac',
    ]);
    expect((await liveDevices(h)).map((d) => d.mac)).toEqual([MAC_A]);
    const siti1 = (await liveDevices(h))[0]!;
    expect((await accounts(h)).find((a) => a.id === siti1.account_id)?.resident_id).toBe(siti.id);
  });

  it('shows each problem beside its field, never writes NIK, KK or PIN back into the page, and says so', async () => {
    const h = await harness();
    const siti = await h.resident();
    const b = new PortalBrowser(h.app);
    await b.get(`/daftar?${hotspotQuery(MAC_A)}`);
    const res = await b.post('/daftar', {
      ...hotspotFields(MAC_A),
      nik: '35231254850001',
      kk: siti.kk,
      pin: '654321',
      pin2: '654321',
      label: 'HP Siti',
    });
    expect(res.status).toBe(400);
    const text = pageText(res.body);
    expect(text).toContain('NIK tidak valid: NIK harus 16 digit (terbaca 14 digit)');
    expect(text).toContain('PIN ini angka berurutan');
    expect(text).toContain('Centang tanda setuju untuk melanjutkan.');
    // The emptied fields are explained, above the form.
    expect(text).toContain(
      'NIK, nomor KK dan PIN yang Anda ketik tidak ditampilkan lagi: isi ketiganya sekali lagi.',
    );
    expect(res.body).toMatch(/id="nik-err"[^>]*>⚠ NIK tidak valid/);
    expect(res.body).toMatch(/<input[^>]*id="nik"[^>]*aria-invalid="true"/);
    expect(res.body).toMatch(/<input[^>]*aria-describedby="nik-hint nik-err"/);
    expect(res.body).not.toContain('35231254850001');
    expect(res.body).not.toContain(siti.kk);
    expect(res.body).not.toContain('654321');
    expect(res.body).toContain('value="HP Siti"');

    const mismatch = await b.post('/daftar', {
      ...hotspotFields(MAC_A),
      nik: siti.nik,
      kk: siti.kk,
      pin: PIN,
      pin2: '482916',
      consent: '1',
    });
    expect(pageText(mismatch.body)).toContain('Kedua PIN tidak sama');
    expect(await accounts(h)).toHaveLength(0);
  });

  it('answers an unknown NIK and a wrong KK number with the very same page', async () => {
    const h = await harness();
    const siti = await h.resident();
    const stranger = await h.resident();
    await h.db.db.deleteFrom('residents').where('id', '=', stranger.id).execute();
    const b = new PortalBrowser(h.app);
    const wrongKk = await register(b, { nik: siti.nik, kk: makeKk(4242) });
    const unknown = await register(b, { nik: stranger.nik, kk: stranger.kk });
    const normalize = (html: string) =>
      html.replace(/nonce(="|-)[^"']+/g, 'nonce').replace(/name="csrf" value="[^"]+"/g, 'csrf');
    expect(wrongKk.status).toBe(400);
    expect(normalize(unknown.body)).toBe(normalize(wrongKk.body));
    expect(pageText(wrongKk.body)).toContain('NIK dan nomor KK tidak cocok dengan data penduduk desa');
    expect(await accounts(h)).toHaveLength(0);
  });

  it('refuses a resident whom the roster no longer lists as active, and writes nothing', async () => {
    const h = await harness();
    const gone = await h.resident({ active: false });
    const res = await register(new PortalBrowser(h.app), gone);
    expect(res.status).toBe(403);
    expect(pageText(res.body)).toContain('tidak lagi tercatat aktif sebagai warga');
    expect(await accounts(h)).toHaveLength(0);
    expect(await liveDevices(h)).toHaveLength(0);
  });

  it('keeps a registration the roster cannot confirm waiting for an operator, when the village chose "pending"', async () => {
    const h = await harness({ unverifiedPolicy: 'pending' });
    const siti = await h.resident();
    const newcomer = { nik: '3523124306990007', kk: makeKk(777) };
    const res = await register(new PortalBrowser(h.app), newcomer, MAC_B);
    expect(res.status).toBe(202);
    expect(pageText(res.body)).toContain('menunggu pemeriksaan operator');
    const [pending] = await accounts(h);
    expect(pending).toMatchObject({ status: 'pending', consent_channel: 'portal', approved_by: null });
    const placeholder = await h.db.db
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', pending!.resident_id)
      .executeTakeFirstOrThrow();
    expect(placeholder).toMatchObject({ name: PLACEHOLDER_NAME, active: 0, nik_masked: '3523**********07' });
    expect(await liveDevices(h)).toHaveLength(0);

    // The real owner of a NIK someone tried with a wrong KK still registers, and is active at once.
    const attempt = await register(new PortalBrowser(h.app), { nik: siti.nik, kk: makeKk(999) }, MAC_C);
    expect(attempt.status).toBe(202);
    const owner = await register(new PortalBrowser(h.app), siti, MAC_A);
    expect(owner.body).toContain('id="login"');
    const mine = (await accounts(h)).find((a) => a.resident_id === siti.id);
    expect(mine?.status).toBe('active');
  });

  it('applies the minimum age, and holds a minor with a guardian’s consent for the operator', async () => {
    const h = await harness({ minAge: 15 });
    const child = await h.resident({ birth: '2013-01-05' });
    const teen = await h.resident({ birth: '2010-02-01' });
    const tooYoung = await register(new PortalBrowser(h.app), child);
    expect(tooYoung.status).toBe(403);
    expect(pageText(tooYoung.body)).toContain('hanya untuk warga berumur 15 tahun ke atas');

    const b = new PortalBrowser(h.app);
    const noGuardian = await register(b, teen);
    expect(noGuardian.status).toBe(400);
    expect(pageText(noGuardian.body)).toContain('orang tua atau wali harus setuju');
    const withGuardian = await register(b, teen, MAC_A, { guardian: '1' });
    expect(withGuardian.status).toBe(202);
    expect(pageText(withGuardian.body)).toContain('di bawah 18 tahun');
    const [account] = await accounts(h);
    expect(account).toMatchObject({ status: 'pending', consent_channel: 'portal-guardian' });
  });

  it('makes a NIK wait after five wrong KK numbers, saying how long, and lets its owner in after the wait', async () => {
    const h = await harness();
    const siti = await h.resident();
    const b = new PortalBrowser(h.app);
    for (let i = 0; i < 5; i++)
      expect((await register(b, { nik: siti.nik, kk: makeKk(900 + i) })).status).toBe(400);
    const locked = await register(b, { nik: siti.nik, kk: makeKk(950) });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('30');
    expect(pageText(locked.body)).toContain('tunggu 30 detik lalu coba lagi (setelah pukul 10.00 WIB)');
    expect((await register(b, siti)).status).toBe(429);
    const rows = await h.db.db.selectFrom('portal_attempts').select('key').orderBy('key').execute();
    expect(rows.map((r) => r.key.replace(/^nik:[\w-]{43}$/, 'nik:<hash>'))).toEqual(['all', 'nik:<hash>']);
    h.clock.now += 31_000;
    expect((await register(b, siti)).body).toContain('id="login"');
  });

  it('rejects a form without this browser’s token, and changes nothing', async () => {
    const h = await harness();
    const siti = await h.resident();
    const b = new PortalBrowser(h.app);
    await b.get(`/daftar?${hotspotQuery(MAC_A)}`);
    const fields = { ...hotspotFields(MAC_A), nik: siti.nik, kk: siti.kk, pin: PIN, pin2: PIN, consent: '1' };
    const noToken = await b.post('/daftar', fields, { csrf: false });
    expect(noToken.status).toBe(403);
    expect(pageText(noToken.body)).toContain('Halaman sudah kedaluwarsa');
    const other = new PortalBrowser(h.app);
    await other.get('/daftar');
    const foreign = await b.post('/daftar', fields, { csrf: other.csrf });
    expect(foreign.status).toBe(403);
    expect(await accounts(h)).toHaveLength(0);
  });

  it('adds a second phone with NIK + PIN, refuses a third with the device list, and takes it after a removal', async () => {
    const h = await harness();
    const siti = await h.resident();
    await connect(h, await register(new PortalBrowser(h.app), siti, MAC_A), MAC_A);
    const second = await addDevice(new PortalBrowser(h.app), siti.nik, PIN, MAC_B);
    await connect(h, second, MAC_B);
    expect((await liveDevices(h)).map((d) => d.mac)).toEqual([MAC_A, MAC_B]);
    // A phone already on the account gets its login page though the plan is full.
    await connect(h, await addDevice(new PortalBrowser(h.app), siti.nik, PIN, MAC_B), MAC_B);

    const b = new PortalBrowser(h.app);
    const third = await addDevice(b, siti.nik, PIN, MAC_C);
    expect(third.status).toBe(409);
    const text = pageText(third.body);
    expect(text).toContain('Paket Warga boleh dipakai di 2 perangkat');
    expect(text).toContain('HP Siti');
    expect(text).toContain('Terakhir dipakai: 29 Nov 2026, 10.00 WIB');
    const ids = [...third.body.matchAll(/name="device" value="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);

    const removed = await b.post('/perangkat/hapus', { ...hotspotFields(MAC_C), device: ids[1]! });
    expect((await liveDevices(h)).map((d) => d.mac)).toEqual([MAC_A]);
    await connect(h, removed, MAC_C);
    expect((await liveDevices(h)).map((d) => d.mac)).toEqual([MAC_A, MAC_C]);
    expect(h.disconnected).toEqual([Number(ids[1])]);

    // Removing needs the NIK + PIN proof of a moment ago.
    const stranger = new PortalBrowser(h.app);
    await stranger.get('/perangkat');
    const refused = await stranger.post('/perangkat/hapus', { ...hotspotFields(MAC_B), device: ids[0]! });
    expect(refused.status).toBe(401);
    expect((await liveDevices(h)).map((d) => d.mac)).toEqual([MAC_A, MAC_C]);
  });

  it('says "NIK or PIN wrong" alike for a wrong PIN and a NIK without an account, then makes the NIK wait', async () => {
    const h = await harness();
    const siti = await h.resident();
    const nobody = await h.resident();
    await register(new PortalBrowser(h.app), siti, MAC_A);
    const b = new PortalBrowser(h.app);
    const wrong = await addDevice(b, siti.nik, '111222', MAC_B);
    const unknown = await addDevice(new PortalBrowser(h.app), nobody.nik, '111222', MAC_C);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(pageText(wrong.body)).toContain('NIK atau PIN salah. Sisa 4 kali percobaan.');
    expect(pageText(unknown.body)).toContain('NIK atau PIN salah. Sisa 4 kali percobaan.');

    for (let i = 0; i < 4; i++) expect((await addDevice(b, siti.nik, '111222', MAC_B)).status).toBe(401);
    const locked = await addDevice(b, siti.nik, '111222', MAC_B);
    expect(locked.status).toBe(429);
    expect(pageText(locked.body)).toContain('tunggu 30 detik lalu coba lagi');
    expect(pageText(locked.body)).toContain('Tunggu 30 detik sebelum memasukkan PIN lagi.');
    // While the NIK waits even the right PIN is not compared.
    expect((await addDevice(b, siti.nik, PIN, MAC_B)).status).toBe(429);

    h.clock.now += 31_000;
    expect((await addDevice(b, siti.nik, PIN, MAC_B)).body).toContain('id="login"');
    // The right PIN cleared the NIK's count: the owner starts with every try again.
    const rows = await h.db.db.selectFrom('portal_attempts').select('key').execute();
    expect(rows.map((r) => r.key)).not.toContain(`nik:${await h.keyring.blindIndex('nik', siti.nik)}`);
  });

  it('tells a resident who proves NIK + PIN outside the village Wi-Fi that this phone is not connected yet (not that they registered), and hints the tries a phone really has', async () => {
    const h = await harness();
    const siti = await h.resident();
    const outside = new PortalBrowser(h.app, { [CLIENT_ADDRESS_HEADER]: '192.168.1.20' });
    // Registering outside: registered, and how to get online.
    await outside.get('/daftar');
    const registered = await outside.post('/daftar', {
      nik: siti.nik,
      kk: siti.kk,
      pin: PIN,
      pin2: PIN,
      consent: '1',
      notice: `${BUILTIN_NOTICE_VERSION}-id`,
    });
    expect(pageText(registered.body)).toContain('Pendaftaran berhasil');
    // Connecting outside: the NIK and PIN are right, but nothing was registered and nothing is connected.
    const phone = new PortalBrowser(h.app, { [CLIENT_ADDRESS_HEADER]: '192.168.1.21' });
    const form = await phone.get('/perangkat');
    // The hint says what the limits give one phone (its address's 4 free tries, before the NIK's 5) ...
    expect(pageText(form.body)).toContain('Setelah 4 kali salah');
    const wrong = await phone.post('/perangkat', { nik: siti.nik, pin: '111222' });
    // ... so the first wrong PIN leaves 3, as the hint foretold.
    expect(pageText(wrong.body)).toContain('Sisa 3 kali percobaan');
    const right = await phone.post('/perangkat', { nik: siti.nik, pin: PIN });
    expect(right.status).toBe(200);
    const text = pageText(right.body);
    expect(text).toContain('NIK dan PIN benar');
    expect(text).toContain('HP ini belum tersambung');
    expect(text).not.toContain('Pendaftaran berhasil');
    expect(right.body).not.toContain('id="login"');
  });

  it('slows one client address that tries many NIKs, whatever MAC it claims, and no other address', async () => {
    const h = await harness();
    const people = await Promise.all(Array.from({ length: 6 }, () => h.resident()));
    const attacker = new PortalBrowser(h.app, { [CLIENT_ADDRESS_HEADER]: '10.5.50.66' });
    const macs = people.map((_, i) => `5C:1A:2B:00:20:${String(10 + i)}`);
    for (let i = 0; i < 4; i++)
      expect((await addDevice(attacker, people[i]!.nik, '111222', macs[i]!)).status).toBe(401);
    const slowed = await addDevice(attacker, people[4]!.nik, '111222', macs[4]!);
    expect(slowed.status).toBe(429);
    expect(pageText(slowed.body)).toContain('tunggu 1 menit');
    // No MAC at all changes nothing: the address is the transport's, not a form field.
    await attacker.get('/perangkat');
    expect((await attacker.post('/perangkat', { nik: people[5]!.nik, pin: '111222' })).status).toBe(429);
    const neighbour = new PortalBrowser(h.app, { [CLIENT_ADDRESS_HEADER]: '10.5.50.67' });
    expect((await addDevice(neighbour, people[4]!.nik, '111222', MAC_C)).status).toBe(401);
  });

  it('shows plan, speed, quota used and left, reset time and devices; the list of names only after NIK + PIN', async () => {
    const h = await harness();
    const siti = await h.resident();
    const owner = new PortalBrowser(h.app);
    await connect(h, await register(owner, siti, MAC_A), MAC_A);
    const [device] = await liveDevices(h);
    await h.db.db
      .insertInto('usage_daily')
      .values({
        day: '2026-11-29',
        device_id: device!.id,
        router_id: 1,
        bytes_in: 100_000_000,
        bytes_out: 400_000_000,
      })
      .execute();
    const mine = pageText((await owner.get(`/status?${hotspotQuery(MAC_A)}`)).body);
    expect(mine).toContain('Paket Warga');
    expect(mine).toContain('5 Mbps unduh · 2 Mbps unggah');
    expect(mine).toContain('500 MB dari 2 GB terpakai');
    expect(mine).toContain('Sisa 1,5 GB');
    expect(mine).toContain('Kuota baru mulai pukul 00.00 WIB');
    expect(mine).toContain('1 dari 2 perangkat terdaftar');
    expect(mine).toContain('HP Siti (HP ini)');

    // A stranger naming Siti's MAC learns nothing (not even from her phone's own address: it has no session yet).
    const byMacOnly = pageText((await new PortalBrowser(h.app).get(`/status?${hotspotQuery(MAC_A)}`)).body);
    expect(byMacOnly).toContain('HP ini belum terdaftar di Wi-Fi desa.');
    expect(byMacOnly).not.toContain('perangkat terdaftar');
    expect(byMacOnly).not.toContain('500 MB');
    // Her phone, at the address the router gave it while its session is live: the status, without the names.
    await goOnline(h, MAC_A);
    const byAddress = pageText((await new PortalBrowser(h.app, PHONE_IP).get('/status')).body);
    expect(byAddress).toContain('1 dari 2 perangkat terdaftar');
    expect(byAddress).not.toContain('HP Siti');
    const fromElsewhere = pageText(
      (
        await new PortalBrowser(h.app, { [CLIENT_ADDRESS_HEADER]: '10.5.50.99' }).get(
          `/status?${hotspotQuery(MAC_A)}`,
        )
      ).body,
    );
    expect(fromElsewhere).not.toContain('perangkat terdaftar');
    const english = pageText(
      (
        await new PortalBrowser(h.app, { 'accept-language': 'en-US,en;q=0.9', ...PHONE_IP }).get(
          `/status?${hotspotQuery(MAC_A)}`,
        )
      ).body,
    );
    expect(english).toContain('500 MB of 2 GB used');
    expect(english).toContain('1.5 GB left');
  });

  /** The phone's own address, as the router reported it in accounting (goOnline). */
  const PHONE_IP = { [CLIENT_ADDRESS_HEADER]: '10.5.50.7' };

  /** Asks the RFC 8908 API from a phone at `ip` (none: from nowhere known), optionally naming a MAC. */
  const askCaptive = async (h: PortalHarness, ip?: string, mac?: string) => {
    const res = await h.app.request(
      `http://portal.desa.test/api/captive${mac ? `?mac=${encodeURIComponent(mac)}` : ''}`,
      { headers: ip ? { [CLIENT_ADDRESS_HEADER]: ip } : {} },
    );
    expect(res.headers.get('content-type')).toBe('application/captive+json');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    return res.json();
  };

  /** The device's router reports a live session (an accounting update just now). */
  async function goOnline(h: PortalHarness, mac: string) {
    const device = await h.db.db
      .selectFrom('devices')
      .selectAll()
      .where('mac', '=', mac)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    await h.db.db
      .insertInto('sessions')
      .values({
        router_id: h.routerId,
        framed_ip: PHONE_IP[CLIENT_ADDRESS_HEADER],
        acct_session_id: '80100001',
        device_id: device.id,
        username: device.username,
        mac,
        started_at: h.clock.now,
        updated_at: h.clock.now,
        state: 'active',
      })
      .execute();
  }

  it('answers the RFC 8908 Captive Portal API: captive until the device is online, then what is left', async () => {
    const h = await harness();
    await connect(h, await register(new PortalBrowser(h.app), await h.resident(), MAC_A), MAC_A);
    expect(await askCaptive(h)).toEqual({ captive: true, 'user-portal-url': 'http://portal.desa.test/' });
    expect(await askCaptive(h, '10.5.50.7')).toMatchObject({ captive: true });

    await goOnline(h, MAC_A);
    // Naming the online phone's MAC from elsewhere tells nothing about it.
    expect(await askCaptive(h, undefined, MAC_A)).toEqual({
      captive: true,
      'user-portal-url': `http://portal.desa.test/?mac=${encodeURIComponent(MAC_A)}`,
    });
    expect(await askCaptive(h, '10.5.50.99', MAC_A)).toMatchObject({ captive: true });
    expect(await askCaptive(h, '10.5.50.7')).toEqual({
      captive: false,
      'user-portal-url': 'http://portal.desa.test/',
      // Until local midnight (00.00 WIB = 17.00 UTC), 14 hours after 10.00 WIB.
      'seconds-remaining': 14 * 3600,
      'bytes-remaining': 2_000_000_000,
      'can-extend-session': false,
    });
  });

  /** The default plan's quotas; usage booked per device and local day (bytes in + out). */
  async function setQuotas(h: PortalHarness, daily: number | null, monthly: number | null) {
    await h.db.db
      .updateTable('plans')
      .set({ daily_quota_bytes: daily, monthly_quota_bytes: monthly })
      .where('id', '=', h.planId)
      .execute();
  }
  async function bookUsage(h: PortalHarness, mac: string, days: Record<string, number>) {
    const device = await h.db.db
      .selectFrom('devices')
      .select('id')
      .where('mac', '=', mac)
      .executeTakeFirstOrThrow();
    await h.db.db
      .insertInto('usage_daily')
      .values(
        Object.entries(days).map(([day, bytes]) => ({
          day,
          device_id: device.id,
          router_id: 1,
          bytes_in: bytes / 4,
          bytes_out: (bytes * 3) / 4,
        })),
      )
      .execute();
  }
  const statusText = async (h: PortalHarness, headers: Record<string, string> = {}) =>
    pageText(
      (await new PortalBrowser(h.app, { ...PHONE_IP, ...headers }).get(`/status?${hotspotQuery(MAC_A)}`))
        .body,
    );
  const ENGLISH = { 'accept-language': 'en-US,en;q=0.9' };

  it('shows a monthly-only plan: the month used and left (both phones, only this month) and the reset on the 1st', async () => {
    const h = await harness();
    const siti = await h.resident();
    const b = new PortalBrowser(h.app);
    await connect(h, await register(b, siti, MAC_A), MAC_A);
    await connect(h, await addDevice(b, siti.nik, PIN, MAC_B), MAC_B);
    await goOnline(h, MAC_A);
    await setQuotas(h, null, 30_000_000_000);
    // Today 29 Nov: 1 GB on one phone; earlier this month 4 GB and 2 GB on the other; October is not counted.
    await bookUsage(h, MAC_A, { '2026-11-29': 1_000_000_000, '2026-10-31': 8_000_000_000 });
    await bookUsage(h, MAC_B, { '2026-11-01': 4_000_000_000, '2026-11-15': 2_000_000_000 });

    const text = await statusText(h);
    expect(text).toContain('Kuota hari ini Tanpa batas harian; yang berlaku kuota bulanan');
    expect(text).toContain('1 GB terpakai hari ini');
    expect(text).not.toContain('Tanpa batas kuota harian');
    expect(text).toContain('Kuota bulan ini 7 GB dari 30 GB terpakai Sisa 23 GB');
    expect(text).toContain('Direset pukul 00.00 WIB tanggal 1 Des 2026');
    expect(text).not.toContain('habis');
    const english = await statusText(h, ENGLISH);
    expect(english).toContain("This month's quota 7 GB of 30 GB used 23 GB left");
    expect(english).toContain('Resets at 00:00 WIB on 1 Dec 2026');
    expect(english).toContain('No daily limit; the monthly quota applies');

    expect(await askCaptive(h, '10.5.50.7')).toMatchObject({
      captive: false,
      // A month-only plan's session runs to the month's end (as RADIUS times it): 14 h today, then 30 Nov.
      'seconds-remaining': (14 + 24) * 3600,
      'bytes-remaining': 23_000_000_000,
    });
  });

  it('shows both quotas when both apply, names the month as what limits, and answers the smaller remainder', async () => {
    const h = await harness();
    await connect(h, await register(new PortalBrowser(h.app), await h.resident(), MAC_A), MAC_A);
    await goOnline(h, MAC_A);
    await setQuotas(h, 2_000_000_000, 10_000_000_000);
    await bookUsage(h, MAC_A, { '2026-11-29': 500_000_000, '2026-11-10': 9_200_000_000 });

    const text = await statusText(h);
    expect(text).toContain('Kuota hari ini 500 MB dari 2 GB terpakai Sisa 1,5 GB');
    expect(text).toContain('Bisa dipakai sekarang: 300 MB, mengikuti sisa kuota bulanan');
    expect(text).toContain('Kuota baru mulai pukul 00.00 WIB');
    expect(text).toContain('Kuota bulan ini 9,7 GB dari 10 GB terpakai Sisa 300 MB');
    expect(text).toContain('Direset pukul 00.00 WIB tanggal 1 Des 2026');
    expect(text).not.toContain('habis');
    expect(await statusText(h, ENGLISH)).toContain(
      'Usable now: 300 MB, as less is left of the monthly quota',
    );

    expect(await askCaptive(h, '10.5.50.7')).toMatchObject({
      captive: false,
      'seconds-remaining': 14 * 3600,
      'bytes-remaining': 300_000_000,
    });

    // A month with more left than the day: the day limits, and nothing is said about the month limiting.
    await setQuotas(h, 2_000_000_000, 100_000_000_000);
    const roomy = await statusText(h);
    expect(roomy).toContain('Sisa 1,5 GB');
    expect(roomy).toContain('Kuota bulan ini 9,7 GB dari 100 GB terpakai Sisa 90,3 GB');
    expect(roomy).not.toContain('mengikuti sisa kuota bulanan');
    expect(await askCaptive(h, '10.5.50.7')).toMatchObject({ 'bytes-remaining': 1_500_000_000 });
  });

  it('says plainly which quota is used up, with when it comes back', async () => {
    const h = await harness();
    await connect(h, await register(new PortalBrowser(h.app), await h.resident(), MAC_A), MAC_A);
    await goOnline(h, MAC_A);
    await setQuotas(h, 2_000_000_000, 10_000_000_000);
    await bookUsage(h, MAC_A, { '2026-11-29': 300_000_000, '2026-11-02': 9_900_000_000 });

    const monthGone = await statusText(h);
    expect(monthGone).toContain('Kuota bulanan habis. Kuota baru mulai pukul 00.00 WIB tanggal 1 Des 2026.');
    expect(monthGone).toContain('Kuota bulan ini 10,2 GB dari 10 GB terpakai Sisa 0 B');
    expect(monthGone).not.toContain('Kuota hari ini habis');
    expect(await statusText(h, ENGLISH)).toContain(
      'The monthly quota is used up. New quota from 00:00 WIB on 1 Dec 2026.',
    );
    expect(await askCaptive(h, '10.5.50.7')).toMatchObject({ captive: false, 'bytes-remaining': 0 });

    // The day used up, the month not: the day's reset is what brings access back.
    await setQuotas(h, 250_000_000, 100_000_000_000);
    const dayGone = await statusText(h);
    expect(dayGone).toContain('Kuota hari ini habis. Kuota baru mulai pukul 00.00 WIB.');
    expect(dayGone).not.toContain('Kuota bulanan habis');
    expect(await askCaptive(h, '10.5.50.7')).toMatchObject({ 'bytes-remaining': 0 });
  });

  it('shows a plan without any quota as before: no daily quota, today used, no month', async () => {
    const h = await harness();
    await connect(h, await register(new PortalBrowser(h.app), await h.resident(), MAC_A), MAC_A);
    await goOnline(h, MAC_A);
    await setQuotas(h, null, null);
    await bookUsage(h, MAC_A, { '2026-11-29': 700_000_000, '2026-11-02': 9_900_000_000 });
    const text = await statusText(h);
    expect(text).toContain('Kuota hari ini Tanpa batas kuota harian 700 MB terpakai hari ini');
    expect(text).not.toContain('Kuota bulan ini');
    expect(text).not.toContain('habis');
    const answer = await askCaptive(h, '10.5.50.7');
    expect(answer).toMatchObject({ captive: false, 'seconds-remaining': 14 * 3600 });
    expect(answer).not.toHaveProperty('bytes-remaining');
  });
});
