// The small pure pieces under the portal: CHAP from RouterOS's octal-escaped login variables (checked against
// the reference's vectors and node:crypto), attempt limits, PIN rules, language choice, and the RouterOS page
// language the virtual hotspot renders.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatUnlock } from '../captive-portal/format.js';
import { readHotspotContext } from '../captive-portal/hotspot-context.js';
import { catalogues, fromAcceptLanguage } from '../captive-portal/i18n.js';
import { parseConfig } from '../src/config.js';
import { ADDRESS_POLICY, book, delayAfter, NIK_POLICY, refund } from '../src/domain/attempt-limit.js';
import { chapLoginPassword, decodeOctalEscapes, encodeOctalEscapes, toHex } from '../src/domain/chap.js';
import { renderHotspotTemplate } from '../src/sim/hotspot-template.js';

const CHALLENGE_TEXT = '\\357\\015\\330\\013\\021\\234\\145\\245\\303\\253\\142\\246\\133\\175\\375\\316';

describe('CHAP from the hotspot login variables', () => {
  it('decodes RouterOS octal escapes to bytes (reference example)', () => {
    expect(toHex(decodeOctalEscapes('\\371')!)).toBe('f9');
    expect(toHex(decodeOctalEscapes(CHALLENGE_TEXT)!)).toBe('ef0dd80b119c65a5c3ab62a65b7dfdce');
  });

  it('computes the password field the router expects (reference vector: password "secret")', () => {
    expect(chapLoginPassword('\\371', CHALLENGE_TEXT, 'secret')).toEqual({
      ok: true,
      password: 'e5627b636f982d6233d0cf5931d404c2',
    });
  });

  it('matches the CHAP-Password of the real capture (ident 0x34, password lkfgxifde)', () => {
    const challenge = Buffer.from('19a63ce2e283187f977609b470b01368', 'hex');
    const r = chapLoginPassword(
      encodeOctalEscapes(Uint8Array.of(0x34)),
      encodeOctalEscapes(challenge),
      'lkfgxifde',
    );
    expect(r).toEqual({ ok: true, password: 'b7226284e0fdeddd5b12a8ee74e8b25c' });
  });

  it('agrees with node:crypto MD5 for any id, secret and challenge', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        (id, secret, challenge) => {
          const expected = createHash('md5')
            .update(Buffer.from([id]))
            .update(secret, 'utf8')
            .update(challenge)
            .digest('hex');
          const got = chapLoginPassword(
            encodeOctalEscapes(Uint8Array.of(id)),
            encodeOctalEscapes(challenge),
            secret,
          );
          return got.ok && got.password === expected;
        },
      ),
    );
  });

  it('refuses variables that are not one id byte and a readable challenge', () => {
    expect(chapLoginPassword('', CHALLENGE_TEXT, 's')).toEqual({ ok: false, problem: 'chap-id' });
    expect(chapLoginPassword('\\371\\372', CHALLENGE_TEXT, 's')).toEqual({ ok: false, problem: 'chap-id' });
    expect(chapLoginPassword('\\400', CHALLENGE_TEXT, 's')).toEqual({ ok: false, problem: 'chap-id' });
    expect(chapLoginPassword('\\371', '\\35', 's')).toEqual({ ok: false, problem: 'chap-challenge' });
    expect(chapLoginPassword('\\371', 'é', 's')).toEqual({ ok: false, problem: 'chap-challenge' });
  });

  it('drops a garbled challenge from the hotspot context, so no password leaves without CHAP', () => {
    const hs = readHotspotContext(
      (n) => ({ mac: 'aa-bb-cc-dd-ee-ff', 'chap-id': '\\9', 'chap-challenge': 'x' })[n],
    );
    expect(hs).toEqual({ mac: 'AA:BB:CC:DD:EE:FF' });
  });
});

describe('attempt back-off', () => {
  it('books the free tries, then doubles the wait after each further try up to the cap', () => {
    let c = book(undefined, 0, NIK_POLICY).counter;
    for (let i = 2; i <= NIK_POLICY.free - 1; i++) c = book(c, i, NIK_POLICY).counter;
    expect(c).toMatchObject({ failures: NIK_POLICY.free - 1, lockedUntil: null });
    const last = book(c, 10, NIK_POLICY);
    expect(last).toMatchObject({ admitted: true, counter: { lockedUntil: 10 + NIK_POLICY.baseDelayMs } });
    // While the wait runs, a try is refused and changes nothing.
    expect(book(last.counter, 11, NIK_POLICY)).toEqual({
      admitted: false,
      counter: last.counter,
      lockedUntil: 10 + NIK_POLICY.baseDelayMs,
    });
    const waits = [NIK_POLICY.free, 6, 7, 8, 9, 10].map((n) => delayAfter(n, NIK_POLICY));
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
  });

  it('lets the address limit bite before the NIK limit, and keeps the NIK’s longest wait short', () => {
    expect(ADDRESS_POLICY.free).toBeLessThan(NIK_POLICY.free);
    expect(NIK_POLICY.maxDelayMs).toBeLessThanOrEqual(5 * 60_000);
    expect(ADDRESS_POLICY.maxDelayMs).toBeGreaterThan(NIK_POLICY.maxDelayMs);
  });

  it('starts afresh after the window, and a refund lifts the wait once under the free count', () => {
    const old = book(book(undefined, 0, NIK_POLICY).counter, 1, NIK_POLICY).counter;
    expect(book(old, NIK_POLICY.windowMs + 1, NIK_POLICY).counter).toMatchObject({
      failures: 1,
      lockedUntil: null,
    });
    const locked = { failures: NIK_POLICY.free, windowStartedAt: 0, lockedUntil: 99_999 };
    expect(refund(locked, NIK_POLICY)).toEqual({
      failures: NIK_POLICY.free - 1,
      windowStartedAt: 0,
      lockedUntil: null,
    });
  });
});

describe('language', () => {
  it('speaks Indonesian unless the browser prefers English', () => {
    expect(fromAcceptLanguage(undefined)).toBe('id');
    expect(fromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(fromAcceptLanguage('id-ID,id;q=0.9,en-US;q=0.8')).toBe('id');
    expect(fromAcceptLanguage('jv,en;q=0.5')).toBe('en');
    expect(fromAcceptLanguage('fr-FR,de')).toBe('id');
  });
});

describe('RouterOS hotspot page language (virtual hotspot)', () => {
  it('fills variables as they are, -esc forms URL-escaped, and follows if/elif/else', () => {
    const page = renderHotspotTemplate(
      '<a href="x?mac=$(mac-esc)&id=$(chap-id-esc)">$(mac)</a>$(if chap-id)C$(elif trial == yes)T$(else)N$(endif)$(if error)E$(endif)',
      { mac: 'AA:BB', 'chap-id': '\\371', error: '' },
    );
    expect(page.body).toBe('<a href="x?mac=AA%3ABB&id=%5C371">AA:BB</a>C');
  });

  it('turns http-status and http-header blocks into the reply status and headers', () => {
    const page = renderHotspotTemplate(
      '$(if http-status == 302)Hotspot login required$(endif)\n$(if http-header == "Location")$(link-redirect)$(endif)\n<p>body</p>',
      { 'link-redirect': 'http://10.5.50.1/login?dst=x' },
    );
    expect(page).toEqual({
      status: 302,
      headers: { Location: 'http://10.5.50.1/login?dst=x' },
      body: '<p>body</p>',
    });
  });
});

describe('what residents read', () => {
  it('says when a lock ends, with the date only when it is not today', () => {
    const m = catalogues.id;
    // 29 Nov 2026 10.00 WIB + 15 minutes; and 23.50 WIB + 30 minutes, past midnight.
    expect(formatUnlock(Date.UTC(2026, 10, 29, 3, 15), Date.UTC(2026, 10, 29, 3, 0), 'Asia/Jakarta', m)).toBe(
      '10.15 WIB',
    );
    expect(
      formatUnlock(Date.UTC(2026, 10, 29, 17, 20), Date.UTC(2026, 10, 29, 16, 50), 'Asia/Jakarta', m),
    ).toBe('00.20 WIB, 30 Nov 2026');
    expect(formatBytes(1_500_000_000, m)).toBe('1,5 GB');
    expect(formatBytes(1_500_000_000, catalogues.en)).toBe('1.5 GB');
  });
});

describe('portal settings', () => {
  it('defaults to minimum age 17 and refusing what the roster does not confirm', () => {
    const r = parseConfig({});
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config).toMatchObject({
      minAge: 17,
      unverifiedPolicy: 'refuse',
      portalContact: 'Kantor Desa Socorejo',
    });
  });

  it('reports a bad minimum age or policy, one line each', () => {
    const r = parseConfig({ WARGANET_MIN_AGE: '5', WARGANET_UNVERIFIED_POLICY: 'maybe' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'WARGANET_MIN_AGE: minimal 10 tahun',
      'WARGANET_UNVERIFIED_POLICY: pilih refuse atau pending',
    ]);
  });
});
