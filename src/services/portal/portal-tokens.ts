// The captive portal's two small tokens, both HMACs under the server key (Keyring 'portal' purpose), so any web
// node on the same key accepts them and nothing is stored:
// - CSRF: a random nonce in a cookie, and in every form the MAC of that nonce (signed double submit: a page on
//   another site can neither read the cookie nor forge the MAC, and it works without JavaScript);
// - session: after a resident proves NIK + PIN (or registers), which account this browser may manage, until when.
import { createFormTokens, sameText } from '../form-tokens.js';
import type { Keyring } from '../keyring.js';

/** How long a proven NIK + PIN lets this browser manage its devices. */
export const PORTAL_SESSION_MS = 30 * 60 * 1000;

export interface PortalSession {
  readonly accountId: number;
  readonly expiresAt: number;
}

export function createPortalTokens(deps: { keyring: Keyring; now: () => number }) {
  const form = createFormTokens({ keyring: deps.keyring, purpose: 'portal' });
  const { mac } = form;

  return {
    newNonce: form.newNonce,
    csrfToken: form.csrfToken,
    csrfValid: form.csrfValid,

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
