// The captive portal's two small tokens, both HMACs under the server key (Keyring 'portal' purpose), so any web
// node on the same key accepts them and nothing is stored:
// - CSRF: a random nonce in a cookie, and in every form the MAC of that nonce (signed double submit: a page on
//   another site can neither read the cookie nor forge the MAC, and it works without JavaScript);
// - session: after a resident proves NIK + PIN (or registers), which account this browser may manage, until when.
import type { Keyring } from '../keyring.js';
import { toBase64Url } from '../keyring.js';

/** How long a proven NIK + PIN lets this browser manage its devices. */
export const PORTAL_SESSION_MS = 30 * 60 * 1000;

export interface PortalSession {
  readonly accountId: number;
  readonly expiresAt: number;
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function createPortalTokens(deps: { keyring: Keyring; now: () => number }) {
  const mac = (kind: string, value: string) => deps.keyring.blindIndex('portal', `${kind}:${value}`);

  return {
    /** A fresh nonce for the CSRF cookie: 128 random bits. */
    newNonce(): string {
      return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    },

    /** The value every form carries for the browser holding `nonce`. */
    csrfToken(nonce: string): Promise<string> {
      return mac('csrf', nonce);
    },

    async csrfValid(nonce: string | undefined, token: string | undefined): Promise<boolean> {
      if (!nonce || !token || nonce.length > 64 || token.length > 64) return false;
      return sameText(await mac('csrf', nonce), token);
    },

    /** `<account>.<expires>.<mac>`: what the session cookie holds. */
    async issueSession(accountId: number): Promise<string> {
      const body = `${accountId}.${deps.now() + PORTAL_SESSION_MS}`;
      return `${body}.${await mac('session', body)}`;
    },

    async readSession(cookie: string | undefined): Promise<PortalSession | undefined> {
      const m = cookie ? /^(\d{1,12})\.(\d{1,15})\.([\w-]{20,64})$/.exec(cookie) : null;
      if (!m) return undefined;
      const body = `${m[1]}.${m[2]}`;
      if (!sameText(await mac('session', body), m[3]!)) return undefined;
      const expiresAt = Number(m[2]);
      if (expiresAt <= deps.now()) return undefined;
      return { accountId: Number(m[1]), expiresAt };
    },
  };
}

export type PortalTokens = ReturnType<typeof createPortalTokens>;
