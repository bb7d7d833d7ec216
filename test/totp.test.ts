// TOTP as RFC 6238 defines it: its published test vectors (SHA-1, 8 digits), RFC 4226's HOTP vectors, Base32
// both ways, one step of drift either side accepted, and a code used once.
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  otpauthUri,
  totp,
  totpStep,
} from '../src/domain/totp.js';

const RFC_KEY = new TextEncoder().encode('12345678901234567890');

describe('TOTP (RFC 6238)', () => {
  it('gives the RFC 6238 appendix B values for SHA-1 (8 digits)', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(totp(RFC_KEY, seconds * 1000, 8)).toBe(code);
  });

  it('gives the RFC 4226 appendix D HOTP values (6 digits)', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it('encodes and decodes Base32 as authenticator apps expect (RFC 4648 vectors), ignoring spaces and case', () => {
    expect(base32Encode(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(RFC_KEY)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(RFC_KEY);
    expect(base32Decode('not base32!')).toBeUndefined();
  });

  it('accepts the code of now and one step either side, not two', () => {
    const at = 1_234_567_890_000;
    const step = totpStep(at);
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step), at)).toBe(step);
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step - 1), at)).toBe(step - 1);
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step + 1), at)).toBe(step + 1);
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step - 2), at)).toBeUndefined();
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step + 2), at)).toBeUndefined();
    expect(matchTotp(RFC_KEY, 'abcdef', at)).toBeUndefined();
  });

  it('refuses a code whose step was already used (a code works once)', () => {
    const at = 1_234_567_890_000;
    const step = totpStep(at);
    const code = hotp(RFC_KEY, step);
    expect(matchTotp(RFC_KEY, code, at, step)).toBeUndefined();
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step + 1), at, step)).toBe(step + 1);
  });

  it('writes the otpauth URI with the issuer and account escaped', () => {
    const uri = otpauthUri({ issuer: 'Warganet Socorejo', account: 'budi', secret: 'MZXW6YTBOI' });
    expect(uri).toBe(
      'otpauth://totp/Warganet%20Socorejo:budi?secret=MZXW6YTBOI&issuer=Warganet%20Socorejo&algorithm=SHA1&digits=6&period=30',
    );
  });
});
