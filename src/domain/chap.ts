// Logging a device in to a MikroTik hotspot without a typed password: the hotspot's login page hands the portal
// `chap-id` and `chap-challenge` as octal-escaped text (`\371`, `\357\015…`), and the router expects
// hex(MD5(chap-id ‖ password ‖ chap-challenge)) back in the `password` field (RFC 1994 CHAP, as RouterOS's
// md5.js computes it in the stock page). MD5 comes from @noble/hashes so this runs on Workers, where Web Crypto
// has none.
import { md5 } from '@noble/hashes/legacy';

const ESCAPED = /\\([0-7]{3})/y;

/**
 * Bytes from RouterOS's rendering of `$(chap-id)` / `$(chap-challenge)`: each byte as a backslash and three
 * octal digits. A character outside an escape stands for itself when it is printable ASCII (older pages and some
 * proxies unescape a few). Undefined when the text is empty, an escape exceeds 0o377, or a character is not
 * ASCII.
 */
export function decodeOctalEscapes(text: string): Uint8Array | undefined {
  if (text.length === 0) return undefined;
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    ESCAPED.lastIndex = i;
    const m = ESCAPED.exec(text);
    if (m) {
      const value = Number.parseInt(m[1]!, 8);
      if (value > 0xff) return undefined;
      out.push(value);
      i += 4;
      continue;
    }
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || code === 0x5c) return undefined;
    out.push(code);
    i += 1;
  }
  return Uint8Array.from(out);
}

/** The inverse, as RouterOS renders bytes: every byte as `\ooo`. */
export function encodeOctalEscapes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += `\\${b.toString(8).padStart(3, '0')}`;
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** MD5(id ‖ password ‖ challenge); `id` is the single CHAP identifier byte. */
export function chapDigest(id: number, password: string, challenge: Uint8Array): Uint8Array {
  const secret = new TextEncoder().encode(password);
  const input = new Uint8Array(1 + secret.length + challenge.length);
  input[0] = id & 0xff;
  input.set(secret, 1);
  input.set(challenge, 1 + secret.length);
  return md5(input);
}

export type ChapLoginValue =
  | { readonly ok: true; readonly password: string }
  | { readonly ok: false; readonly problem: 'chap-id' | 'chap-challenge' };

/**
 * The `password` field for the router's login form, from the octal-escaped texts the login page gave us:
 * 32 lower-case hex digits. `chap-id` must decode to exactly one byte; the challenge to at least one.
 */
export function chapLoginPassword(
  chapIdText: string,
  chapChallengeText: string,
  password: string,
): ChapLoginValue {
  const id = decodeOctalEscapes(chapIdText);
  if (id?.length !== 1) return { ok: false, problem: 'chap-id' };
  const challenge = decodeOctalEscapes(chapChallengeText);
  if (!challenge || challenge.length === 0 || challenge.length > 64)
    return { ok: false, problem: 'chap-challenge' };
  return { ok: true, password: toHex(chapDigest(id[0]!, password, challenge)) };
}
