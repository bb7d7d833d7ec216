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
import { afterFailure, lockedUntil, NIK_POLICY, PIN_POLICY } from '../src/domain/attempt-limit.js';
import { chapLoginPassword, decodeOctalEscapes, encodeOctalEscapes, toHex } from '../src/domain/chap.js';
import { pinProblem } from '../src/services/registration.js';
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

describe('attempt limits', () => {
  it('locks on the fifth wrong PIN and starts afresh after', () => {
    let c = afterFailure(undefined, 0, PIN_POLICY);
    for (let i = 2; i <= 4; i++) c = afterFailure(c, i, PIN_POLICY);
    expect(c).toMatchObject({ failures: 4, lockedUntil: null });
    c = afterFailure(c, 5, PIN_POLICY);
    expect(c).toEqual({ failures: 0, windowStartedAt: 5, lockedUntil: 5 + PIN_POLICY.lockMs });
    expect(lockedUntil(c, 6)).toBe(5 + PIN_POLICY.lockMs);
    expect(lockedUntil(c, 5 + PIN_POLICY.lockMs)).toBeUndefined();
  });

  it('forgets NIK misses older than the window', () => {
    const old = afterFailure(afterFailure(undefined, 0, NIK_POLICY), 1, NIK_POLICY);
    expect(afterFailure(old, NIK_POLICY.windowMs + 1, NIK_POLICY)).toMatchObject({
      failures: 1,
      lockedUntil: null,
    });
  });
});

describe('PIN rules', () => {
  it('wants six digits that are not all alike nor a straight run', () => {
    expect(pinProblem('48291')).toEqual({ code: 'pin-format' });
    expect(pinProblem('48291a')).toEqual({ code: 'pin-format' });
    for (const weak of ['000000', '777777', '123456', '234567', '987654', '543210']) {
      expect(pinProblem(weak)).toEqual({ code: 'pin-weak' });
    }
    for (const fine of ['482915', '135790', '112233', '246810']) expect(pinProblem(fine)).toBeUndefined();
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
