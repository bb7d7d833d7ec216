// Signed double-submit tokens for the web's forms, and small signed values (a flash message) for its cookies:
// HMACs under the server key in a purpose of their own, so any web node on the same key accepts them and nothing is
// stored. A page on another site can neither read the nonce cookie nor forge the MAC, and it works without script.
import type { IndexPurpose, Keyring } from './keyring.js';
import { fromBase64Url, toBase64Url } from './keyring.js';

/** Compares two strings in time that does not depend on where they differ. */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function createFormTokens(deps: { keyring: Keyring; purpose: IndexPurpose }) {
  const mac = (kind: string, value: string) => deps.keyring.blindIndex(deps.purpose, `${kind}:${value}`);

  return {
    mac,

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

    /** `<text>.<mac>`, for a cookie whose content only we may choose. */
    async sign(kind: string, text: string): Promise<string> {
      const body = toBase64Url(enc.encode(text));
      return `${body}.${await mac(kind, body)}`;
    },

    async unsign(kind: string, value: string | undefined): Promise<string | undefined> {
      const m = value ? /^([\w-]{0,2048})\.([\w-]{20,64})$/.exec(value) : null;
      if (!m || !sameText(await mac(kind, m[1]!), m[2]!)) return undefined;
      try {
        return dec.decode(fromBase64Url(m[1]!));
      } catch {
        return undefined;
      }
    },
  };
}

export type FormTokens = ReturnType<typeof createFormTokens>;
