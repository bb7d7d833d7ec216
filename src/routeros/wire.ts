// The RouterOS API wire format: a sentence is a run of length-prefixed words ended by an empty word. Used by our
// client to read replies (node-routeros's own reader mis-splits sentences, see connection.ts) and by the virtual
// router to read commands and write replies. Text is Windows-1252 both ways, as node-routeros writes it.

/** Largest word we accept; a router sending more is broken or hostile, and buffering it would exhaust memory. */
export const MAX_WORD_BYTES = 16 * 1024 * 1024;

export class WireError extends Error {
  override name = 'WireError';
}

/** The length prefix of a word: 1 to 5 bytes, the top bits of the first byte saying how many. */
export function encodeLength(length: number): Buffer {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffffff)
    throw new RangeError(`bad length ${length}`);
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x4000) return Buffer.from([(length >> 8) | 0x80, length & 0xff]);
  if (length < 0x200000) return Buffer.from([(length >> 16) | 0xc0, (length >> 8) & 0xff, length & 0xff]);
  if (length < 0x10000000) {
    return Buffer.from([(length >>> 24) | 0xe0, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]);
  }
  return Buffer.from([0xf0, length >>> 24, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]);
}

/**
 * Reads a length prefix at `offset`: its value and how many bytes it took, or undefined when `buf` ends inside
 * it. A first byte of 0xF8 or more is a control byte the protocol reserves; nobody can continue after one.
 */
export function decodeLength(buf: Uint8Array, offset = 0): { length: number; size: number } | undefined {
  if (offset >= buf.length) return undefined;
  const b = buf[offset]!;
  const need = b < 0x80 ? 1 : b < 0xc0 ? 2 : b < 0xe0 ? 3 : b < 0xf0 ? 4 : b < 0xf8 ? 5 : 0;
  if (need === 0) throw new WireError(`reserved control byte 0x${b.toString(16)}`);
  if (offset + need > buf.length) return undefined;
  const at = (i: number) => buf[offset + i]!;
  switch (need) {
    case 1:
      return { length: b, size: 1 };
    case 2:
      return { length: ((b & 0x3f) << 8) | at(1), size: 2 };
    case 3:
      return { length: ((b & 0x1f) << 16) | (at(1) << 8) | at(2), size: 3 };
    case 4:
      return { length: (b & 0x0f) * 0x1000000 + ((at(1) << 16) | (at(2) << 8) | at(3)), size: 4 };
    default:
      return { length: at(1) * 0x1000000 + ((at(2) << 16) | (at(3) << 8) | at(4)), size: 5 };
  }
}

export function encodeWord(word: string): Buffer {
  const bytes = win1252Encode(word);
  return Buffer.concat([encodeLength(bytes.length), bytes]);
}

export function encodeSentence(words: readonly string[]): Buffer {
  return Buffer.concat([...words.map(encodeWord), Buffer.from([0])]);
}

/**
 * Turns a byte stream, cut anywhere, into whole sentences. Throws WireError on a reserved control byte or an
 * oversized word; the stream cannot be trusted after that, so the caller drops the connection.
 */
export class SentenceReader {
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** Bytes the next step needs before it is worth looking again (saves re-joining a big word's chunks). */
  #need = 1;
  #words: string[] = [];
  readonly #maxWordBytes: number;

  constructor(maxWordBytes = MAX_WORD_BYTES) {
    this.#maxWordBytes = maxWordBytes;
  }

  push(chunk: Uint8Array): string[][] {
    this.#chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.#buffered += chunk.byteLength;
    if (this.#buffered < this.#need) return [];
    let buf = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    const sentences: string[][] = [];
    let pos = 0;
    for (;;) {
      const head = decodeLength(buf, pos);
      if (!head) {
        this.#need = buf.length - pos + 1;
        break;
      }
      if (head.length > this.#maxWordBytes) throw new WireError(`word of ${head.length} bytes is too long`);
      if (pos + head.size + head.length > buf.length) {
        this.#need = head.size + head.length;
        break;
      }
      const start = pos + head.size;
      pos = start + head.length;
      if (head.length === 0) {
        sentences.push(this.#words);
        this.#words = [];
      } else {
        this.#words.push(win1252Decode(buf.subarray(start, pos)));
      }
    }
    buf = buf.subarray(pos);
    this.#chunks = buf.length > 0 ? [buf] : [];
    this.#buffered = buf.length;
    return sentences;
  }
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F; the five unassigned bytes pass through unchanged.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];
const CP1252_REVERSE = new Map(CP1252_HIGH.map((code, i) => [code, 0x80 + i]));

export function win1252Decode(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b);
  return out;
}

/** Characters Windows-1252 lacks become `?`, as node-routeros's encoder does. */
export function win1252Encode(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out[n++] =
      code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (CP1252_REVERSE.get(code) ?? 0x3f) /* '?' */;
  }
  return out.subarray(0, n);
}
