// Response headers for every page of the web (portal, admin, reports): a Content-Security-Policy that allows
// nothing from outside the server (inline style and script only with this response's nonce, or files of our own;
// forms only to ourselves, and on the portal's login page to the router), no framing, no referrer (portal URLs
// carry the device's MAC), and no caching of pages that hold form tokens.

export interface CspOptions {
  readonly nonce: string;
  readonly script: boolean;
  /** Origins a form on the page may post to besides the portal (the router's login page). */
  readonly formOrigins?: readonly string[];
  /** Stylesheets and scripts may also be files served by this server (the admin web's, cached by browsers). */
  readonly ownFiles?: boolean;
}

export function contentSecurityPolicy(o: CspOptions): string {
  const formAction = ["'self'", ...(o.formOrigins ?? [])].join(' ');
  return [
    "default-src 'none'",
    `style-src ${o.ownFiles ? "'self' " : ''}'nonce-${o.nonce}'`,
    o.script ? `script-src ${o.ownFiles ? "'self' " : ''}'nonce-${o.nonce}'` : "script-src 'none'",
    "img-src 'self' data:",
    // The admin web's script fetches its own page again to refresh it in place (dashboard, a running job).
    ...(o.ownFiles ? ["connect-src 'self'"] : []),
    `form-action ${formAction}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const BASE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
];

const NONCE_BYTES = 12;
// Random bytes drawn for many nonces at once: one call to the system's generator per request was a visible
// share of a page view. Each byte is handed out once, so every response still gets its own 96 random bits.
const noncePool = new Uint8Array(NONCE_BYTES * 256);
let noncePoolAt = noncePool.length;

/** A fresh nonce for one response: 96 random bits. */
export function newCspNonce(): string {
  if (noncePoolAt === noncePool.length) {
    crypto.getRandomValues(noncePool);
    noncePoolAt = 0;
  }
  let s = '';
  for (let i = 0; i < NONCE_BYTES; i++) s += String.fromCharCode(noncePool[noncePoolAt + i]!);
  noncePoolAt += NONCE_BYTES;
  return btoa(s);
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an HTML attribute value, escaped as the JSX renderer escapes it. */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ATTRIBUTE_ESCAPES[ch]!);
}
