// Authenticators and Message-Authenticator (RFC 2865 §3, RFC 2866 §3, RFC 3579 §3.2, RFC 5176 §2.3/§3.4),
// done by hand because npm `radius` orders the two wrongly on CoA/Disconnect/Accounting requests.
import { timingSafeEqual } from 'node:crypto';
import { md5Parts, md5State } from './md5.js';
import { HEADER, layoutPacket, type OutAttribute, type Packet } from './packet.js';

const ZERO16 = Buffer.alloc(16);

// MD5 of the parts laid end to end, without a native call or a Hash object per use (see md5.ts).
const md5 = (...parts: Uint8Array[]): Buffer => md5Parts(parts);

// HMAC-MD5 (RFC 2104): MD5((K ⊕ opad) ‖ MD5((K ⊕ ipad) ‖ m)). The padded keys are one block each, so the state
// after each is computed once per secret (a router's secret lives as long as its cached record) and every HMAC
// starts from there.
const paddedKeys = new WeakMap<Uint8Array, { inner: Int32Array; outer: Int32Array }>();

export function hmacMd5(secret: Uint8Array, ...parts: Uint8Array[]): Buffer {
  let keys = paddedKeys.get(secret);
  if (!keys) {
    const key = Buffer.alloc(64);
    key.set(secret.length > 64 ? md5(secret) : secret);
    const inner = Buffer.alloc(64);
    const outer = Buffer.alloc(64);
    for (let i = 0; i < 64; i++) {
      inner[i] = key[i]! ^ 0x36;
      outer[i] = key[i]! ^ 0x5c;
    }
    keys = { inner: md5State(inner), outer: md5State(outer) };
    paddedKeys.set(secret, keys);
  }
  return md5Parts([md5Parts(parts, keys.inner, 64)], keys.outer, 64);
}

/** HMAC-MD5 of a packet with its Message-Authenticator (and, if asked, its authenticator) zeroed. */
function hmacWithZeroedFields(raw: Buffer, authenticator: Buffer, maOffset: number, secret: Uint8Array) {
  return hmacMd5(
    secret,
    raw.subarray(0, 4),
    authenticator,
    raw.subarray(HEADER, maOffset),
    ZERO16,
    raw.subarray(maOffset + 16),
  );
}

const equal16 = (a: Buffer, b: Buffer) => a.length === 16 && b.length === 16 && timingSafeEqual(a, b);

/**
 * Accounting, CoA and Disconnect requests: MD5(Code‖Id‖Length‖16 zero octets‖Attributes‖Secret). A
 * Message-Authenticator, when present, is covered as it stands (it was inserted before this was computed).
 */
export function verifyRequestAuthenticator(p: Packet, secret: Uint8Array): boolean {
  const expected = md5(p.raw.subarray(0, 4), ZERO16, p.raw.subarray(HEADER), secret);
  return equal16(expected, p.authenticator);
}

/**
 * Message-Authenticator of a request. Access-Request and Status-Server sign over their random authenticator;
 * Accounting/CoA/Disconnect requests over a zeroed one (RFC 5176 §3.4).
 */
export function verifyRequestMessageAuthenticator(
  p: Packet,
  secret: Uint8Array,
  zeroAuthenticator: boolean,
): boolean {
  if (p.maOffset < 0) return false;
  const authenticator = zeroAuthenticator ? ZERO16 : p.raw.subarray(4, HEADER);
  const expected = hmacWithZeroedFields(p.raw, authenticator, p.maOffset, secret);
  return equal16(expected, p.raw.subarray(p.maOffset, p.maOffset + 16));
}

/**
 * Builds a signed response: Message-Authenticator over the packet with the *request* authenticator in place
 * (RFC 3579 §3.2), then the Response Authenticator MD5(Code‖Id‖Length‖RequestAuth‖Attributes‖Secret), which
 * covers the Message-Authenticator bytes.
 */
export function encodeResponse(opts: {
  code: number;
  identifier: number;
  requestAuthenticator: Buffer;
  attributes: readonly OutAttribute[];
  secret: Uint8Array;
  messageAuthenticator: 'first' | 'last' | 'none';
}): Buffer {
  const buf = laidOutWithMessageAuthenticator(opts, opts.messageAuthenticator, opts.requestAuthenticator);
  md5(buf, opts.secret).copy(buf, 4);
  return buf;
}

/** Checks a response against the request it answers (authenticator, and Message-Authenticator when present). */
export function verifyResponse(response: Packet, requestAuthenticator: Buffer, secret: Uint8Array): boolean {
  const raw = response.raw;
  const expected = md5(raw.subarray(0, 4), requestAuthenticator, raw.subarray(HEADER), secret);
  if (!equal16(expected, response.authenticator)) return false;
  if (response.maOffset < 0) return true;
  const expected16 = hmacWithZeroedFields(raw, requestAuthenticator, response.maOffset, secret);
  return equal16(expected16, raw.subarray(response.maOffset, response.maOffset + 16));
}

/**
 * CoA-Request / Disconnect-Request (and Accounting-Request) as a client sends them, per RFC 5176 §3.4: both
 * fields zero, HMAC-MD5 into Message-Authenticator, *then* the Request Authenticator over the result.
 */
export function encodeSignedRequest(opts: {
  code: number;
  identifier: number;
  attributes: readonly OutAttribute[];
  secret: Uint8Array;
  messageAuthenticator: boolean;
}): Buffer {
  const buf = laidOutWithMessageAuthenticator(opts, opts.messageAuthenticator ? 'first' : 'none');
  md5(buf, opts.secret).copy(buf, 4);
  return buf;
}

/** Access-Request / Status-Server as a client sends them: random authenticator, optional Message-Authenticator. */
export function encodeAccessRequest(opts: {
  code: number;
  identifier: number;
  authenticator: Buffer;
  attributes: readonly OutAttribute[];
  secret: Uint8Array;
  messageAuthenticator: 'first' | 'last' | 'none';
}): Buffer {
  return laidOutWithMessageAuthenticator(opts, opts.messageAuthenticator, opts.authenticator);
}

/** RFC 2865 §5.2 User-Password hiding, reversed. Undefined when the length is not a multiple of 16 in 16..128. */
export function decryptPapPassword(
  hidden: Buffer,
  secret: Uint8Array,
  requestAuthenticator: Buffer,
): Buffer | undefined {
  if (hidden.length < 16 || hidden.length > 128 || hidden.length % 16 !== 0) return undefined;
  const out = Buffer.allocUnsafe(hidden.length);
  let prev = requestAuthenticator;
  for (let i = 0; i < hidden.length; i += 16) {
    const b = md5(secret, prev);
    for (let j = 0; j < 16; j++) out[i + j] = hidden[i + j]! ^ b[j]!;
    prev = hidden.subarray(i, i + 16);
  }
  let end = out.length;
  while (end > 0 && out[end - 1] === 0) end--;
  return out.subarray(0, end);
}

/** The same hiding, forwards: for tests and the benchmark's client. */
export function encryptPapPassword(
  password: Buffer,
  secret: Uint8Array,
  requestAuthenticator: Buffer,
): Buffer {
  const padded = Buffer.alloc(Math.max(16, Math.ceil(password.length / 16) * 16));
  password.copy(padded);
  const out = Buffer.allocUnsafe(padded.length);
  let prev = requestAuthenticator;
  for (let i = 0; i < padded.length; i += 16) {
    const b = md5(secret, prev);
    for (let j = 0; j < 16; j++) out[i + j] = padded[i + j]! ^ b[j]!;
    prev = out.subarray(i, i + 16);
  }
  return out;
}

/** CHAP (RFC 1994 / RFC 2865 §5.3): MD5(ident ‖ secret ‖ challenge) against the 16 octets after the ident. */
export function verifyChap(chapPassword: Buffer, challenge: Buffer, cleartext: Buffer): boolean {
  if (chapPassword.length !== 17) return false;
  const expected = md5(chapPassword.subarray(0, 1), cleartext, challenge);
  return timingSafeEqual(expected, chapPassword.subarray(1));
}

export function chapResponse(ident: number, cleartext: Buffer, challenge: Buffer): Buffer {
  return Buffer.concat([Buffer.from([ident]), md5(Buffer.from([ident]), cleartext, challenge)]);
}

/**
 * The packet laid out with `authenticator` in its place (zeros without one), then the HMAC-MD5 of the whole of it
 * (Message-Authenticator still zero) into the Message-Authenticator, if there is one: what every packet we send
 * starts from. A response or a signed request then puts its MD5 authenticator over the result.
 */
function laidOutWithMessageAuthenticator(
  opts: { code: number; identifier: number; attributes: readonly OutAttribute[]; secret: Uint8Array },
  messageAuthenticator: 'first' | 'last' | 'none',
  authenticator?: Buffer,
): Buffer {
  const { buf, maOffset } = layoutPacket(opts.code, opts.identifier, opts.attributes, messageAuthenticator);
  authenticator?.copy(buf, 4);
  if (maOffset >= 0) hmacMd5(opts.secret, buf).copy(buf, maOffset);
  return buf;
}
