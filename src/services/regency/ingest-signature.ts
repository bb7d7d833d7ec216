// HMAC-SHA-256 of an ingest payload through Web Crypto, present on Node 20 and on Workers alike, so the
// village node that signs and the Worker that verifies run this same code.
import { signingInput } from '../../domain/regency-payload.js';

const encoder = new TextEncoder();

async function hmacKey(token: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function signIngest(
  token: string,
  timestampS: number,
  nonce: string,
  body: string,
): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(token),
    encoder.encode(signingInput(timestampS, nonce, body)),
  );
  return hex(mac);
}

/** Constant-time through `verify`; a malformed hex signature is simply false. */
export async function verifyIngest(
  token: string,
  timestampS: number,
  nonce: string,
  body: string,
  signatureHex: string,
): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(signatureHex)) return false;
  const sig = new Uint8Array(signatureHex.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
  return crypto.subtle.verify(
    'HMAC',
    await hmacKey(token),
    sig,
    encoder.encode(signingInput(timestampS, nonce, body)),
  );
}

export function newNonce(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)).buffer);
}
