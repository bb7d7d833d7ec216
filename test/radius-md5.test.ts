// The RADIUS signatures' MD5 and HMAC-MD5 (radius/md5.ts, radius/signing.ts) are node's, byte for byte: every
// length across the padding boundaries of several blocks, parts split anywhere, and secrets shorter and longer
// than a block (a long one is hashed first, RFC 2104).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Parts } from '../radius/md5.js';
import { hmacMd5 } from '../radius/signing.js';

describe('RADIUS MD5', () => {
  it('matches node for every length from 0 to 300 bytes, whole or in parts', () => {
    for (let n = 0; n <= 300; n++) {
      const data = randomBytes(n);
      const expected = createHash('md5').update(data).digest('hex');
      expect(md5Parts([data]).toString('hex'), `length ${n}`).toBe(expected);
      const cut = Math.floor(n / 3);
      const parts = [data.subarray(0, cut), data.subarray(cut, 2 * cut), data.subarray(2 * cut)];
      expect(md5Parts(parts).toString('hex'), `length ${n} in parts`).toBe(expected);
    }
  });

  it('matches the RFC 1321 test suite', () => {
    const cases: Array<[string, string]> = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      [
        '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
        '57edf4a22be3c955ac49da2e2107b67a',
      ],
    ];
    for (const [text, hex] of cases) expect(md5Parts([Buffer.from(text)]).toString('hex')).toBe(hex);
  });

  it('gives node’s HMAC-MD5 for secrets of 1 to 100 bytes and messages across block boundaries', () => {
    for (const secretLength of [1, 16, 63, 64, 65, 100]) {
      const secret = new Uint8Array(randomBytes(secretLength));
      for (const n of [0, 1, 20, 55, 56, 63, 64, 65, 119, 120, 150, 4096]) {
        const data = randomBytes(n);
        const expected = createHmac('md5', secret).update(data).digest('hex');
        // Twice: the second starts from the padded keys' remembered states.
        for (let round = 0; round < 2; round++)
          expect(hmacMd5(secret, data.subarray(0, 7), data.subarray(7)).toString('hex')).toBe(expected);
      }
    }
  });
});
