// RADIUS wire format (RFC 2865 §3, §5): decoding into a header and a flat attribute list without copying, and
// encoding from one. Malformed input is returned as an error value, never thrown: the server drops it.
import { Attr } from './dictionary.js';

export const MAX_PACKET = 4096;
export const HEADER = 20;

export interface Attribute {
  readonly type: number;
  /** A view into the received packet (not a copy). */
  readonly value: Buffer;
}

export interface Packet {
  readonly code: number;
  readonly identifier: number;
  /** The 16-byte authenticator (a view). */
  readonly authenticator: Buffer;
  /** The packet's bytes up to its Length field. */
  readonly raw: Buffer;
  /** Offset of the Message-Authenticator value in `raw`, or -1. */
  readonly maOffset: number;
  /**
   * Attribute types and the offsets of their values in `raw`, in wire order. Views are made only for the
   * attributes someone reads: a Buffer per attribute per packet is most of the garbage a busy server makes.
   */
  readonly types: readonly number[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** Every attribute as a view, in wire order (made on each access). */
  readonly attributes: readonly Attribute[];
}

class DecodedPacket implements Packet {
  constructor(
    readonly code: number,
    readonly identifier: number,
    readonly authenticator: Buffer,
    readonly raw: Buffer,
    readonly maOffset: number,
    readonly types: number[],
    readonly starts: number[],
    readonly ends: number[],
  ) {}

  get attributes(): Attribute[] {
    return attributes(this);
  }
}

export type DecodeResult = { ok: true; packet: Packet } | { ok: false; error: string };

export function decodePacket(buf: Buffer): DecodeResult {
  if (buf.length < HEADER) return { ok: false, error: 'shorter than a header' };
  const length = buf.readUInt16BE(2);
  // Octets beyond Length are padding and ignored (RFC 2865 §3); fewer than Length is a broken packet.
  if (length < HEADER || length > MAX_PACKET || length > buf.length)
    return { ok: false, error: 'bad length' };
  const raw = buf.length === length ? buf : buf.subarray(0, length);
  const types: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let maOffset = -1;
  let i = HEADER;
  while (i < length) {
    if (i + 2 > length) return { ok: false, error: 'truncated attribute' };
    const type = raw[i]!;
    const len = raw[i + 1]!;
    if (len < 2 || i + len > length) return { ok: false, error: 'bad attribute length' };
    if (type === Attr.MessageAuthenticator) {
      if (len !== 18 || maOffset !== -1) return { ok: false, error: 'bad Message-Authenticator' };
      maOffset = i + 2;
    }
    types.push(type);
    starts.push(i + 2);
    ends.push(i + len);
    i += len;
  }
  return {
    ok: true,
    packet: new DecodedPacket(raw[0]!, raw[1]!, raw.subarray(4, 20), raw, maOffset, types, starts, ends),
  };
}

export function attr(p: Packet, type: number): Buffer | undefined {
  const i = p.types.indexOf(type);
  return i < 0 ? undefined : p.raw.subarray(p.starts[i], p.ends[i]);
}

/** Every attribute as a view, in wire order. */
export function attributes(p: Omit<Packet, 'attributes'>): Attribute[] {
  return p.types.map((type, i) => ({ type, value: p.raw.subarray(p.starts[i], p.ends[i]) }));
}

export function attrString(p: Packet, type: number): string | undefined {
  return attr(p, type)?.toString('utf8');
}

/** A 4-byte integer attribute; undefined when absent or not 4 bytes. */
export function attrInt(p: Packet, type: number): number | undefined {
  const v = attr(p, type);
  return v && v.length === 4 ? v.readUInt32BE(0) : undefined;
}

export function attrIp(p: Packet, type: number): string | undefined {
  const v = attr(p, type);
  return v && v.length === 4 ? `${v[0]}.${v[1]}.${v[2]}.${v[3]}` : undefined;
}

/** A vendor-specific sub-attribute (RFC 2865 §5.26 layout, one-byte type and length). */
export function vendorAttr(p: Packet, vendor: number, type: number): Buffer | undefined {
  for (const a of attributes(p)) {
    if (a.type !== Attr.VendorSpecific || a.value.length < 6 || a.value.readUInt32BE(0) !== vendor) continue;
    let i = 4;
    while (i + 2 <= a.value.length) {
      const t = a.value[i]!;
      const len = a.value[i + 1]!;
      if (len < 2 || i + len > a.value.length) break;
      if (t === type) return a.value.subarray(i + 2, i + len);
      i += len;
    }
  }
  return undefined;
}

// --- encoding -------------------------------------------------------------------------------------------

export type OutAttribute = readonly [type: number, value: Buffer];

export const str = (type: number, value: string): OutAttribute => [type, Buffer.from(value, 'utf8')];

export function int(type: number, value: number): OutAttribute {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(value >>> 0, 0);
  return [type, b];
}

export function ip(type: number, address: string): OutAttribute {
  return [type, Buffer.from(address.split('.').map(Number))];
}

export function vsa(vendor: number, type: number, value: Buffer): OutAttribute {
  const b = Buffer.allocUnsafe(6 + value.length);
  b.writeUInt32BE(vendor, 0);
  b[4] = type;
  b[5] = value.length + 2;
  value.copy(b, 6);
  return [Attr.VendorSpecific, b];
}

export const vsaString = (vendor: number, type: number, value: string) =>
  vsa(vendor, type, Buffer.from(value, 'utf8'));

export function vsaInt(vendor: number, type: number, value: number): OutAttribute {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(value >>> 0, 0);
  return vsa(vendor, type, b);
}

export class EncodeError extends Error {
  override name = 'EncodeError';
}

/**
 * Lays out a packet with a zero authenticator. Values longer than 253 bytes are cut (a Reply-Message is text
 * for people; nothing we send is binary and that long). Returns the buffer and the offset of the
 * Message-Authenticator value when one was asked for (zeroed, to be signed by the caller).
 */
export function layoutPacket(
  code: number,
  identifier: number,
  attributes: readonly OutAttribute[],
  messageAuthenticator: 'first' | 'last' | 'none',
): { buf: Buffer; maOffset: number } {
  let length = HEADER + (messageAuthenticator === 'none' ? 0 : 18);
  for (const [, v] of attributes) length += 2 + Math.min(v.length, 253);
  if (length > MAX_PACKET) throw new EncodeError('packet too long');
  // From the shared pool (small packets): every byte is written below, the authenticator and the
  // Message-Authenticator are zeroed here for the signer.
  const buf = Buffer.allocUnsafe(length);
  buf.fill(0, 4, 20);
  buf[0] = code;
  buf[1] = identifier;
  buf.writeUInt16BE(length, 2);
  let i = HEADER;
  let maOffset = -1;
  const writeMa = () => {
    buf[i] = Attr.MessageAuthenticator;
    buf[i + 1] = 18;
    buf.fill(0, i + 2, i + 18);
    maOffset = i + 2;
    i += 18;
  };
  if (messageAuthenticator === 'first') writeMa();
  for (const [t, v] of attributes) {
    const n = Math.min(v.length, 253);
    buf[i] = t;
    buf[i + 1] = n + 2;
    v.copy(buf, i + 2, 0, n);
    i += n + 2;
  }
  if (messageAuthenticator === 'last') writeMa();
  return { buf, maOffset };
}
