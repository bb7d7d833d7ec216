// Text written straight into byte buffers of a fixed size, handed out as they fill: the XLSX sheet of a regency's
// 9,000 access points is 3.7 MB of XML. Built as strings (a template per cell, joined per row, encoded per piece)
// it took about 45 ms and much of the garbage collector's time; written as bytes, about a third of it, which leaves
// the compressor (zip.ts, working beside it) the only thing to wait for.

const encoder = new TextEncoder();
/** 1, 10, … 10^15: how many digits a number has, without dividing it. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

export class BytePieces {
  private buf: Uint8Array<ArrayBuffer>;
  private at = 0;
  private readonly full: Uint8Array<ArrayBuffer>[] = [];

  constructor(private readonly size: number) {
    this.buf = new Uint8Array(size);
  }

  /** Room for `n` more bytes: the current piece is put aside when it has not that much left. */
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    if (this.at > 0) this.full.push(this.buf.subarray(0, this.at));
    this.buf = new Uint8Array(Math.max(this.size, n));
    this.at = 0;
  }

  /** Characters below U+0080 only (tags, cell references, numbers as text). */
  ascii(s: string): void {
    this.room(s.length);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /** One byte (a separator). */
  byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  /** Bytes made once (a tag, a cell reference's column): copied, cheaper than reading a string's characters. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < b.length; i++) buf[at++] = b[i]!;
    this.at = at;
  }

  /** A whole number from 0 to 2^53 in decimal, without making its string. */
  digits(n: number): void {
    this.room(16);
    let count = 1;
    while (count < 16 && n >= POWERS_OF_TEN[count]!) count++;
    const buf = this.buf;
    let at = this.at + count;
    this.at = at;
    let rest = n;
    do {
      const next = Math.floor(rest / 10);
      buf[--at] = 48 + (rest - next * 10);
      rest = next;
    } while (rest > 0);
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.at += encoder.encodeInto(s, this.buf.subarray(this.at)).written;
  }

  /** Everything written, as one array (a whole file kept in memory, such as a CSV). */
  joined(): Uint8Array<ArrayBuffer> {
    const pieces = this.take(true);
    if (pieces.length === 1) return pieces[0]!;
    const all = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of pieces) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  }

  /** Whether a piece is full (take() hands it out). */
  get filled(): boolean {
    return this.full.length > 0;
  }

  /** The full pieces, and with `all` the last one too, handed out once. */
  take(all = false): Uint8Array<ArrayBuffer>[] {
    const out = this.full.splice(0);
    if (all && this.at > 0) {
      out.push(this.buf.subarray(0, this.at));
      this.buf = new Uint8Array(this.size);
      this.at = 0;
    }
    return out;
  }
}
