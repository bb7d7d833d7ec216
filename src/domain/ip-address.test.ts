import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeIp } from './ip-address.js';

describe('normalizeIp', () => {
  it.each([
    ['192.168.88.1', '192.168.88.1', 4],
    [' 10.0.0.2 ', '10.0.0.2', 4],
    ['FE80:0:0::1', 'fe80::1', 6],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', 6],
    ['::', '::', 6],
    ['::ffff:192.0.2.1', '192.0.2.1', 4],
  ] as const)('%s is %s (IPv%i)', (text, address, version) => {
    expect(normalizeIp(text)).toEqual({ address, version });
  });

  it.each([
    '010.1.1.1',
    '256.1.1.1',
    '1.2.3',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    'fe80::1%eth0',
    '12345::',
    'abc',
    '',
  ])('rejects %j', (text) => {
    expect(normalizeIp(text)).toBeUndefined();
  });

  it('writes IPv6 as RFC 5952 does (as the WHATWG URL parser does) and accepts what Node accepts', () => {
    const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const full = groups.map((g) => g.toString(16).toUpperCase()).join(':');
        const expected = new URL(`http://[${full}]/`).hostname.slice(1, -1);
        const got = normalizeIp(full);
        expect(isIP(full)).toBe(6);
        if (got?.version === 4) expect(expected.startsWith('::ffff:')).toBe(true);
        else expect(got).toEqual({ address: expected, version: 6 });
        // The canonical form reads back as itself.
        if (got) expect(normalizeIp(got.address)?.address).toBe(got.address);
      }),
    );
  });
});
