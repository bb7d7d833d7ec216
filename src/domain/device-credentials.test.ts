import { describe, expect, it } from 'vitest';
import {
  newDevicePassword,
  newDeviceUsername,
  PASSWORD_ALPHABET,
  randomString,
  USERNAME_ALPHABET,
} from './device-credentials.js';

describe('device credentials', () => {
  it('user names are wn- and 8 characters that cannot be misread', () => {
    for (let i = 0; i < 200; i++) expect(newDeviceUsername()).toMatch(/^wn-[a-hjkmnp-z2-9]{8}$/);
  });

  it('passwords are 12 characters without l, 1, o, 0 (nor I, O)', () => {
    for (let i = 0; i < 200; i++) expect(newDevicePassword()).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{12}$/);
    expect(PASSWORD_ALPHABET).not.toMatch(/[l1o0IO]/);
    expect(USERNAME_ALPHABET).not.toMatch(/[l1o0i]/);
  });

  it('draws every character uniformly: bytes past the last whole alphabet round are skipped', () => {
    // 31 characters: bytes 248..255 would favour the first eight, so they must be dropped.
    const bytes = [248, 255, 0, 30, 31, 247];
    const random = (buf: Uint8Array) => {
      buf.fill(0);
      buf.set(bytes.slice(0, buf.length));
      return buf;
    };
    expect(randomString(USERNAME_ALPHABET, 4, random)).toBe(
      [0, 30, 31 % 31, 247 % 31].map((i) => USERNAME_ALPHABET[i]).join(''),
    );
  });
});
