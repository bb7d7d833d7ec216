// The wire format against golden packets built from a real RouterOS 7.15 exchange (secret `testing123`):
// they decode, verify and re-encode byte for byte; npm `radius` agrees where it is right; and the vendor
// dictionaries shipped for FreeRADIUS tools match the ones the code uses.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Attr,
  Code,
  Mikrotik,
  STANDARD_ATTRIBUTES,
  VENDOR_ATTRIBUTES,
  VENDOR_MIKROTIK,
  VENDOR_WISPR,
} from '../radius/dictionary.js';
import {
  attr,
  attrInt,
  attrIp,
  attributes,
  attrString,
  decodePacket,
  type OutAttribute,
  type Packet,
  vendorAttr,
  vsaString,
} from '../radius/packet.js';
import {
  decryptPapPassword,
  encodeAccessRequest,
  encodeResponse,
  encodeSignedRequest,
  encryptPapPassword,
  hmacMd5,
  verifyChap,
  verifyRequestAuthenticator,
  verifyRequestMessageAuthenticator,
  verifyResponse,
} from '../radius/signing.js';

// Golden vectors (RFC 2865/2866/3579 checked independently), copied from the protocol reference.
const ACCESS_REQUEST =
  '012c00f2000102030405060708090a0b0c0d0e0f3d06000000131f1342433a32343a31313a45423a35363a34441e1468732d766c616e3838382d686f7473706f745711766c616e3838382d686f7473706f74010b74686570756d7065720506801000142c0a383031303030313408060a0558021a0c00003a8c0a060a0558023c1219a63ce2e283187f977609b470b01368031334b7226284e0fdeddd5b12a8ee74e8b25c0606000000011a1f0000372a0319687474703a2f2f31302e352e38382e312f6c6f676f757420114b6877616e726963686169486f6d6504060a00000150126c2b8098a96d20a4d65bab89373d5f50';
const ACCESS_ACCEPT =
  '022c00351492ccc1b3e6fcb6991ca082039eaf651a0f00003a8c080932304d2f32304d5012eca10c228ec093faffb59e278f053987';
const ACCOUNTING_STOP =
  '042e00d8c52af275935ee5fb76751f4f2f05b7c22806000000023106000000013d06000000131f1342433a32343a31313a45423a35363a34441e1468732d766c616e3838382d686f7473706f745711766c616e3838382d686f7473706f74010b74686570756d7065720506801000142c0a383031303030313408060a0558021a0c00003a8c0a060a05580237066a42ac532a06000000382b06000000383406000000003506000000002f06000000013006000000012e060000000520114b6877616e726963686169486f6d6529060000000004060a000001';

const SECRET = Buffer.from('testing123');
const hex = (h: string) => Buffer.from(h, 'hex');
const decode = (b: Buffer): Packet => {
  const d = decodePacket(b);
  if (!d.ok) throw new Error(d.error);
  return d.packet;
};
const reencodeAttrs = (p: Packet): OutAttribute[] =>
  attributes(p)
    .filter((a) => a.type !== Attr.MessageAuthenticator)
    .map((a) => [a.type, Buffer.from(a.value)] as const);

const require = createRequire(import.meta.url);
const npmRadius = require('radius') as {
  decode(a: { packet: Buffer; secret: string }): {
    code: string;
    identifier: number;
    attributes: Record<string, unknown>;
  };
  verify_response(a: { request: Buffer; response: Buffer; secret: string }): boolean;
};

describe('RADIUS codec and signatures', () => {
  it('decodes the golden RouterOS CHAP Access-Request and verifies its Message-Authenticator', () => {
    const p = decode(hex(ACCESS_REQUEST));
    expect([p.code, p.identifier, p.raw.length]).toEqual([Code.AccessRequest, 44, 242]);
    expect(attrString(p, Attr.UserName)).toBe('thepumper');
    expect(attrString(p, Attr.CallingStationId)).toBe('BC:24:11:EB:56:4D');
    expect(attrString(p, Attr.AcctSessionId)).toBe('80100014');
    expect(attrInt(p, Attr.NasPort)).toBe(0x80100014);
    expect(attrIp(p, Attr.FramedIpAddress)).toBe('10.5.88.2');
    expect(vendorAttr(p, VENDOR_MIKROTIK, Mikrotik.HostIp)?.toString('hex')).toBe('0a055802');
    expect(vendorAttr(p, VENDOR_WISPR, 3)?.toString()).toBe('http://10.5.88.1/logout');
    // RouterOS puts Message-Authenticator last.
    expect(p.maOffset).toBe(242 - 16);
    expect(verifyRequestMessageAuthenticator(p, SECRET, false)).toBe(true);
    expect(verifyRequestMessageAuthenticator(p, Buffer.from('testing124'), false)).toBe(false);
    expect(
      verifyChap(attr(p, Attr.ChapPassword)!, attr(p, Attr.ChapChallenge)!, Buffer.from('lkfgxifde')),
    ).toBe(true);
    expect(
      verifyChap(attr(p, Attr.ChapPassword)!, attr(p, Attr.ChapChallenge)!, Buffer.from('lkfgxifdf')),
    ).toBe(false);
  });

  it('re-encodes the golden request byte for byte', () => {
    const p = decode(hex(ACCESS_REQUEST));
    const again = encodeAccessRequest({
      code: p.code,
      identifier: p.identifier,
      authenticator: p.authenticator,
      attributes: reencodeAttrs(p),
      secret: SECRET,
      messageAuthenticator: 'last',
    });
    expect(again.toString('hex')).toBe(ACCESS_REQUEST);
  });

  it('verifies the golden Access-Accept and produces it byte for byte', () => {
    const request = decode(hex(ACCESS_REQUEST));
    const accept = decode(hex(ACCESS_ACCEPT));
    expect(verifyResponse(accept, request.authenticator, SECRET)).toBe(true);
    expect(verifyResponse(accept, request.authenticator, Buffer.from('x'))).toBe(false);
    expect(vendorAttr(accept, VENDOR_MIKROTIK, Mikrotik.RateLimit)?.toString()).toBe('20M/20M');
    const ours = encodeResponse({
      code: Code.AccessAccept,
      identifier: 44,
      requestAuthenticator: request.authenticator,
      attributes: [vsaString(VENDOR_MIKROTIK, Mikrotik.RateLimit, '20M/20M')],
      secret: SECRET,
      messageAuthenticator: 'last',
    });
    expect(ours.toString('hex')).toBe(ACCESS_ACCEPT);
  });

  it('signs answers with Message-Authenticator first that npm radius and our verifier both accept', () => {
    const request = hex(ACCESS_REQUEST);
    const reply = encodeResponse({
      code: Code.AccessReject,
      identifier: 44,
      requestAuthenticator: request.subarray(4, 20),
      attributes: [[Attr.ReplyMessage, Buffer.from('Perangkat belum terdaftar.')]],
      secret: SECRET,
      messageAuthenticator: 'first',
    });
    expect(reply[20]).toBe(Attr.MessageAuthenticator);
    expect(verifyResponse(decode(reply), request.subarray(4, 20), SECRET)).toBe(true);
    expect(npmRadius.verify_response({ request, response: reply, secret: 'testing123' })).toBe(true);
  });

  it('verifies the golden Accounting Stop and re-encodes it byte for byte', () => {
    const p = decode(hex(ACCOUNTING_STOP));
    expect([p.code, p.identifier, p.raw.length]).toEqual([Code.AccountingRequest, 46, 216]);
    expect(verifyRequestAuthenticator(p, SECRET)).toBe(true);
    expect(verifyRequestAuthenticator(p, Buffer.from('testing12'))).toBe(false);
    expect(attrInt(p, Attr.AcctStatusType)).toBe(2);
    expect(attrInt(p, Attr.AcctTerminateCause)).toBe(1);
    expect([
      attrInt(p, Attr.AcctInputOctets),
      attrInt(p, Attr.AcctOutputOctets),
      attrInt(p, Attr.AcctSessionTime),
    ]).toEqual([56, 56, 5]);
    const again = encodeSignedRequest({
      code: p.code,
      identifier: p.identifier,
      attributes: reencodeAttrs(p),
      secret: SECRET,
      messageAuthenticator: false,
    });
    expect(again.toString('hex')).toBe(ACCOUNTING_STOP);
  });

  it('agrees with npm radius on the decoded golden request', () => {
    const theirs = npmRadius.decode({ packet: hex(ACCESS_REQUEST), secret: 'testing123' });
    expect(theirs.code).toBe('Access-Request');
    expect(theirs.attributes['User-Name']).toBe('thepumper');
    expect(theirs.attributes['Calling-Station-Id']).toBe('BC:24:11:EB:56:4D');
    expect(theirs.attributes['NAS-Port']).toBe(0x80100014);
  });

  it('computes HMAC-MD5 (RFC 2104) as node:crypto does, for secrets shorter and longer than a block', () => {
    // RFC 2202 test case 6: an 80-byte key, hashed first.
    expect(
      hmacMd5(
        Buffer.alloc(80, 0xaa),
        Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First'),
      ).toString('hex'),
    ).toBe('6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd');
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 5 }),
        (secret, parts) => {
          const h = createHmac('md5', secret);
          for (const p of parts) h.update(p);
          return hmacMd5(secret, ...parts).equals(h.digest());
        },
      ),
    );
  });

  it('hides and recovers PAP passwords of every length class (RFC 2865 §5.2)', () => {
    const auth = hex('000102030405060708090a0b0c0d0e0f');
    for (const pw of ['', 'a', 'exactly16bytes!!', 'x'.repeat(17), 'y'.repeat(128)]) {
      const hidden = encryptPapPassword(Buffer.from(pw), SECRET, auth);
      expect(hidden.length % 16).toBe(0);
      expect(decryptPapPassword(hidden, SECRET, auth)?.toString()).toBe(pw);
    }
    expect(decryptPapPassword(Buffer.alloc(15), SECRET, auth)).toBeUndefined();
    expect(decryptPapPassword(Buffer.alloc(144), SECRET, auth)).toBeUndefined();
  });

  it('rejects malformed packets as values, not exceptions', () => {
    const good = hex(ACCESS_REQUEST);
    expect(decodePacket(good.subarray(0, 19)).ok).toBe(false);
    expect(decodePacket(good.subarray(0, 241)).ok).toBe(false);
    const zeroLen = Buffer.from(good);
    zeroLen[21] = 0;
    expect(decodePacket(zeroLen).ok).toBe(false);
    const twoMa = Buffer.concat([good, hex(`5012${'00'.repeat(16)}`)]);
    twoMa.writeUInt16BE(twoMa.length, 2);
    expect(decodePacket(twoMa).ok).toBe(false);
    // Bytes beyond Length are padding (RFC 2865 §3) and ignored.
    const padded = decodePacket(Buffer.concat([good, Buffer.alloc(7)]));
    expect(padded.ok && padded.packet.raw.length).toBe(242);
  });

  it('ships FreeRADIUS dictionaries that match the attributes the code uses', () => {
    const parse = (file: string) =>
      readFileSync(new URL(`../radius/dictionaries/${file}`, import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('ATTRIBUTE'))
        .map((l) => {
          const [, name, code, type] = l.split(/\s+/);
          return { name, code: Number(code), type };
        });
    const fromFiles = [
      ...parse('dictionary.mikrotik').map((a) => ({ ...a, vendor: VENDOR_MIKROTIK })),
      ...parse('dictionary.wispr').map((a) => ({ ...a, vendor: VENDOR_WISPR })),
    ];
    expect(fromFiles).toEqual(
      VENDOR_ATTRIBUTES.map((a) => ({ name: a.name, code: a.code, type: a.type, vendor: a.vendor })),
    );
    expect(STANDARD_ATTRIBUTES.find((a) => a.code === Attr.MessageAuthenticator)?.name).toBe(
      'Message-Authenticator',
    );
  });
});
