// The RouterOS API framing: the five length encodings (vectors from the protocol reference), sentences cut at
// any byte, and agreement with node-routeros's own encoder and length reader, an independent implementation.
import { Receiver, Transmitter } from 'node-routeros';
import { describe, expect, it } from 'vitest';
import {
  decodeLength,
  encodeLength,
  encodeSentence,
  SentenceReader,
  WireError,
  win1252Decode,
  win1252Encode,
} from '../src/routeros/wire.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// Length → its encoding, one or more per width: 1, 2, 3, 4 and 5 bytes.
const VECTORS: ReadonlyArray<readonly [number, string]> = [
  [0x00, '00'],
  [0x01, '01'],
  [0x7f, '7f'],
  [0x80, '8080'],
  [0x87, '8087'],
  [200, '80c8'],
  [0x3fff, 'bfff'],
  [0x4000, 'c04000'],
  [0x4321, 'c04321'],
  [0x1fffff, 'dfffff'],
  [0x200000, 'e0200000'],
  [0x2acdef, 'e02acdef'],
  [0xfffffff, 'efffffff'],
  [0x10000000, 'f010000000'],
  [0x10000080, 'f010000080'],
  [0xffffffff, 'f0ffffffff'],
];

// node-routeros's encoder and length reader, reached past their typings (both are internal helpers).
const theirEncode = (word: string): Buffer =>
  (new Transmitter({} as never) as unknown as { encodeString(s: string): Buffer }).encodeString(word);
const theirDecodeLength = (b: Buffer): [number, number] =>
  (new Receiver({} as never) as unknown as { decodeLength(b: Buffer): [number, number] }).decodeLength(b);

describe('RouterOS API word lengths', () => {
  it.each(VECTORS)('length %i encodes as %s and decodes back', (length, encoded) => {
    expect(hex(encodeLength(length))).toBe(encoded);
    expect(decodeLength(Buffer.from(encoded, 'hex'))).toEqual({ length, size: encoded.length / 2 });
  });

  // node-routeros shifts into the sign bit from 2^31 on; below that the two readers must agree.
  it.each(VECTORS.filter(([n]) => n < 0x80000000))(
    'node-routeros reads the length prefix of %i the same way',
    (length, encoded) => {
      expect(theirDecodeLength(Buffer.from(encoded, 'hex'))).toEqual([encoded.length / 2, length]);
    },
  );

  it.each([0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000])(
    'a word of %i bytes is framed exactly as node-routeros frames it',
    (length) => {
      const word = 'x'.repeat(length);
      expect(Buffer.compare(encodeSentence([word]).subarray(0, -1), theirEncode(word))).toBe(0);
    },
  );

  it('an incomplete prefix asks for more bytes instead of guessing', () => {
    expect(decodeLength(Buffer.from('c043', 'hex'))).toBeUndefined();
    expect(decodeLength(Buffer.from('f0100000', 'hex'))).toBeUndefined();
  });

  it('a reserved control byte (0xF8 and above) is refused', () => {
    expect(() => decodeLength(Buffer.from([0xf8]))).toThrow(WireError);
    expect(() => new SentenceReader().push(Buffer.from([0xff, 0x00]))).toThrow(WireError);
  });
});

describe('RouterOS API sentences', () => {
  const LOGIN_HEX =
    '062f6c6f67696e0b3d6e616d653d61646d696e103d70617373776f72643d736563726574062e7461673d3100';
  const LOGIN_WORDS = ['/login', '=name=admin', '=password=secret', '.tag=1'];

  it('encodes the reference /login sentence byte for byte', () => {
    expect(hex(encodeSentence(LOGIN_WORDS))).toBe(LOGIN_HEX);
  });

  it('reads a sentence cut at every possible byte', () => {
    const bytes = Buffer.from(LOGIN_HEX + LOGIN_HEX, 'hex');
    for (let cut = 1; cut < bytes.length; cut++) {
      const reader = new SentenceReader();
      const got = [...reader.push(bytes.subarray(0, cut)), ...reader.push(bytes.subarray(cut))];
      expect(got).toEqual([LOGIN_WORDS, LOGIN_WORDS]);
    }
  });

  it('reads a 2 MiB word (4-byte prefix) delivered in 64 KiB pieces', () => {
    const word = `=contents=${'a'.repeat(0x200000)}`;
    const bytes = encodeSentence(['!re', word, '.tag=7']);
    const reader = new SentenceReader();
    const got: string[][] = [];
    for (let i = 0; i < bytes.length; i += 65536) got.push(...reader.push(bytes.subarray(i, i + 65536)));
    expect(got).toHaveLength(1);
    expect(got[0]![1]).toHaveLength(word.length);
  });

  it('refuses a word longer than the limit instead of buffering it', () => {
    const reader = new SentenceReader(1024);
    expect(() => reader.push(encodeLength(0x10000000))).toThrow(/too long/);
  });

  it('keeps empty attribute values and values containing "="', () => {
    const words = ['!re', '=comment=', '=on-login=:put a=b', '.tag=x'];
    expect(new SentenceReader().push(encodeSentence(words))).toEqual([words]);
  });

  it('text is Windows-1252, as node-routeros writes it', () => {
    const text = 'Café €5 — ok';
    expect(win1252Decode(win1252Encode(text))).toBe(text);
    expect(hex(win1252Encode('€'))).toBe('80');
    expect(Buffer.compare(encodeSentence([text]).subarray(0, -1), theirEncode(text))).toBe(0);
    expect(win1252Encode('日本')).toEqual(Buffer.from('??'));
  });
});
