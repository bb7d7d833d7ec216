// A village's ingest token is derived, not stored: HMAC-SHA-256 of the village code and a random per-enrolment
// salt under the Worker secret WARGANET_REGENCY_TOKEN_SECRET. The Worker needs the token itself to check a
// signature (HMAC is symmetric), so it must be recoverable; deriving it keeps nothing secret in D1 (a copy of the
// database alone forges nothing), and rotating or revoking is a new salt or none.
const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function newSalt(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function villageToken(secret: string, code: string, salt: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`village-token:${code}:${salt}`));
  return `wrv_${base64url(mac)}`;
}

/** SHA-256 (hex) of a bearer token or a session id: what is stored instead of it. */
export async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A random bearer token or session id (256 bits). */
export function randomToken(prefix: string): string {
  return `${prefix}${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** Constant-time comparison of two strings (the admin bearer token against the secret). */
export function sameText(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
