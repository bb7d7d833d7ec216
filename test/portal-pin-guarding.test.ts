// PIN guessing against the portal, on SQLite and PostgreSQL: a burst of parallel guesses is counted before any is
// checked, a stranger cannot keep a resident locked out, a full PIN-check gate answers 503 without counting the
// try, attempt rows are pruned and bounded, and PIN hashes are peppered with the server key (old ones upgraded).
import { describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { NIK_POLICY } from '../src/domain/attempt-limit.js';
import { type CheckGate, createCheckGate } from '../src/services/accounts/check-gate.js';
import { createPinCheck } from '../src/services/accounts/pin-check.js';
import { hashPin, verifyPin } from '../src/services/accounts/pin-hash.js';
import { Keyring } from '../src/services/keyring.js';
import { hashSecret } from '../src/services/password-hash.js';
import { createRegistrationService } from '../src/services/portal/registration.js';
import {
  CLIENT_ADDRESS_HEADER,
  hotspotFields,
  hotspotQuery,
  PortalBrowser,
  type PortalHarness,
  pageText,
  VILLAGE_CODE,
} from './fixtures/portal.js';
import { portalHarnessPerTest } from './fixtures/portal-per-test.js';
import { makeKk } from './fixtures/roster.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { databaseKinds } from './support/databases.js';

const PIN = '482915';
const WRONG = '730518';
const MAC_A = '5C:1A:2B:00:30:01';
const MAC_B = '5C:1A:2B:00:30:02';

/** A gate that counts the slow checks it lets through. */
function countingGate(inner: CheckGate) {
  const counted = { runs: 0 };
  const gate: CheckGate = {
    run: (work) =>
      inner.run(() => {
        counted.runs++;
        return work();
      }),
    load: () => inner.load(),
    full: () => inner.full(),
  };
  return { gate, counted };
}

describe.each(databaseKinds)('PIN guessing (%s)', (kind) => {
  const harness = portalHarnessPerTest(kind);

  /** A resident with an active account whose PIN hash is stored as given. */
  async function withAccount(h: PortalHarness, pinHash: string) {
    const r = await h.resident();
    await h.db.db
      .insertInto('accounts')
      .values({
        resident_id: r.id,
        status: 'active',
        plan_id: h.planId,
        pin_hash: pinHash,
        pin_failures: 0,
        created_at: h.clock.now,
        updated_at: h.clock.now,
      })
      .execute();
    return r;
  }

  async function addDevice(b: PortalBrowser, nik: string, pin: string, mac: string) {
    await b.get(`/perangkat?${hotspotQuery(mac)}`);
    return b.post('/perangkat', { ...hotspotFields(mac), nik, pin });
  }

  it('refuses at registration a PIN from the resident’s birth date, NIK or KK number, or a common one, beside the field', async () => {
    const h = await harness();
    // KK 352312 140813 4322: its last six (134322) are no weak shape of their own.
    const siti = await h.resident({ birth: '1985-04-12', sex: 2, kk: makeKk(4321) });
    expect(siti.kk.slice(-6)).toBe('134322');
    const cases: Array<[string, string]> = [
      ['120485', 'PIN tidak boleh berupa tanggal lahir Anda'],
      ['520485', 'PIN tidak boleh berupa tanggal lahir Anda'],
      [siti.nik.slice(-6), 'PIN tidak boleh diambil dari NIK Anda'],
      [siti.kk.slice(-6), 'PIN tidak boleh diambil dari nomor Kartu Keluarga'],
      ['121212', 'PIN ini berpola ulang'],
      ['159753', 'PIN ini termasuk yang paling sering dipakai'],
    ];
    const b = new PortalBrowser(h.app);
    for (const [pin, words] of cases) {
      await b.get(`/daftar?${hotspotQuery(MAC_A)}`);
      const res = await b.post('/daftar', {
        ...hotspotFields(MAC_A),
        nik: siti.nik,
        kk: siti.kk,
        pin,
        pin2: pin,
        consent: '1',
      });
      expect([pin, res.status]).toEqual([pin, 400]);
      expect(pageText(res.body)).toContain(words);
      expect(res.body).toContain('id="pin-err"');
    }
    expect(await h.db.db.selectFrom('accounts').select('id').execute()).toHaveLength(0);
  });

  it('checks at most the free tries of a NIK when 100 wrong PINs arrive at once', async () => {
    const h = await harness();
    const siti = await withAccount(h, await hashPin(h.keyring, PIN));
    const stores = createStores(h.db.db);
    const { gate, counted } = countingGate(createCheckGate({ concurrency: 100, queue: 100 }));
    const pins = createPinCheck({
      attempts: stores.attempts,
      keyring: h.keyring,
      now: () => h.clock.now,
      gate,
      busyRetryS: 5,
    });
    const registration = createRegistrationService({
      stores: { portal: stores.portal },
      keyring: h.keyring,
      now: () => h.clock.now,
      villageCode: VILLAGE_CODE,
      minAge: 17,
      unverifiedPolicy: 'refuse',
      pins,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        registration.addDevice({ nik: siti.nik, pin: String(100000 + i * 7), address: `10.5.${i}.9` }),
      ),
    );
    expect(counted.runs).toBe(NIK_POLICY.free);
    expect(outcomes.filter((o) => o.kind === 'wrong-pin')).toHaveLength(NIK_POLICY.free);
    expect(outcomes.filter((o) => o.kind === 'locked')).toHaveLength(100 - NIK_POLICY.free);
  });

  it('slows a stranger guessing one NIK, while its owner waits at most minutes', async () => {
    const h = await harness();
    const siti = await withAccount(h, await hashPin(h.keyring, PIN));
    const stranger = new PortalBrowser(h.app, { [CLIENT_ADDRESS_HEADER]: '10.5.50.66' });
    // The stranger guesses whenever allowed, ten times.
    const start = h.clock.now;
    let tries = 0;
    let lastTry = h.clock.now;
    while (tries < 10) {
      const r = await addDevice(stranger, siti.nik, WRONG, MAC_B);
      if (r.status === 401) {
        tries++;
        lastTry = h.clock.now;
      } else {
        expect(r.status).toBe(429);
        h.clock.now += Number(r.headers.get('retry-after')) * 1000;
      }
    }
    // Ten guesses cost the stranger over an hour of waiting (4 free, then 1, 2, 4, 8, 16, 32 minutes).
    expect(lastTry - start).toBeGreaterThanOrEqual(63 * 60_000);
    // The owner, from her own phone, is in at most five minutes after the stranger's last guess.
    h.clock.now = lastTry + NIK_POLICY.maxDelayMs;
    const owner = new PortalBrowser(h.app, { [CLIENT_ADDRESS_HEADER]: '10.5.50.21' });
    expect((await addDevice(owner, siti.nik, PIN, MAC_A)).body).toContain('id="login"');
    // … while the stranger's address still waits far longer than that.
    const again = await addDevice(stranger, siti.nik, WRONG, MAC_B);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(NIK_POLICY.maxDelayMs / 1000);
  });

  it('answers 503 with Retry-After when the PIN checks are saturated, and does not count that try', async () => {
    const gate = createCheckGate({ concurrency: 1, queue: 0 });
    const h = await harness({ pinGate: gate });
    const siti = await withAccount(h, await hashPin(h.keyring, PIN));
    let open: () => void = () => {};
    const held = gate.run(() => new Promise<void>((resolve) => (open = resolve)));
    const b = new PortalBrowser(h.app);
    const busy = await addDevice(b, siti.nik, WRONG, MAC_A);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(pageText(busy.body)).toContain('Server sibuk, coba lagi dalam 5 detik');
    open();
    await held;
    const wrong = await addDevice(b, siti.nik, WRONG, MAC_A);
    expect(pageText(wrong.body)).toContain('Sisa 4 kali percobaan');
  });

  it('prunes expired attempt rows and keeps the table within its bound', async () => {
    const h = await harness();
    const { attempts } = createStores(h.db.db);
    const t0 = h.clock.now;
    for (const key of ['nik:a', 'nik:b']) await attempts.bookAttempt(key, NIK_POLICY, t0);
    const later = t0 + NIK_POLICY.windowMs + 1;
    for (const key of ['nik:c', 'nik:d', 'nik:e', 'nik:f'])
      await attempts.bookAttempt(key, NIK_POLICY, later);
    expect(await attempts.pruneAttempts(later, 1000)).toBe(2);
    const keys = async () =>
      (await h.db.db.selectFrom('portal_attempts').select('key').orderBy('key').execute()).map((r) => r.key);
    expect(await keys()).toEqual(['nik:c', 'nik:d', 'nik:e', 'nik:f']);
    await attempts.bookAttempt('nik:g', NIK_POLICY, later + 1);
    expect(await attempts.pruneAttempts(later + 1, 3)).toBe(2);
    expect(await keys()).toHaveLength(3);
    expect(await keys()).toContain('nik:g');
  });

  it('peppers PIN hashes with the server key and upgrades an old hash on a right PIN', async () => {
    const h = await harness();
    const other = await Keyring.fromHex('ab'.repeat(32));
    const peppered = await hashPin(h.keyring, PIN);
    expect(await verifyPin(h.keyring, PIN, peppered)).toBe('ok');
    expect(await verifyPin(other, PIN, peppered)).toBe('wrong');

    const siti = await withAccount(h, await hashSecret(PIN));
    expect((await addDevice(new PortalBrowser(h.app), siti.nik, PIN, MAC_A)).body).toContain('id="login"');
    const account = await h.db.db
      .selectFrom('accounts')
      .select('pin_hash')
      .where('resident_id', '=', siti.id)
      .executeTakeFirstOrThrow();
    expect(account.pin_hash).toMatch(/^hmac\.[\w-]+\.pbkdf2-sha256\$/);
    expect(await verifyPin(h.keyring, PIN, account.pin_hash!)).toBe('ok');
    expect(TEST_SECRET_KEY).not.toBe('ab'.repeat(32));
  });
});
