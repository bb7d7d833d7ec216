// What the web kit is built from, and the request context the admin pages, reports and the JSON API share.
import type { Context } from 'hono';
import type { AdminSessions, Operator } from '../services/admins/admin-sessions.js';
import type { FormTokens } from '../services/form-tokens.js';
import type { Lang } from './lang.js';

export interface WebDeps {
  readonly sessions: AdminSessions;
  /** CSRF tokens and signed cookies (the 'admin' purpose). */
  readonly tokens: FormTokens;
  readonly villageName: string;
  readonly timeZone: string;
  readonly now?: (() => number) | undefined;
  /** The public address; https there makes the cookies Secure. */
  readonly publicUrl?: string | undefined;
  /** Behind a TLS-terminating proxy: believe its X-Forwarded-Proto (for the cookies' Secure flag). */
  readonly trustProxy?: boolean | undefined;
  /** The request's source address as the runtime saw it (never a header a browser chooses). */
  readonly clientAddress?: ((c: Context) => string | undefined) | undefined;
  /** Scripts' bearer tokens (`warganet admin token`): the operator a token stands for. */
  readonly apiTokens?: { authenticate(token: string): Promise<Operator | undefined> } | undefined;
  /** Until the first admin exists, only the setup page answers (see the setup route). */
  readonly setup?: { needed(): Promise<boolean> } | undefined;
  /** A fault of ours, with the request id the error page showed. */
  readonly onError?: ((error: unknown, requestId: string) => void) | undefined;
}

/** Who made this request: a browser's session (cookie) or a script's bearer token. */
export interface SignedIn {
  readonly operator: Operator;
  readonly via: 'cookie' | 'bearer';
  /** The session's key, for signing out (cookie sessions only). */
  readonly tokenHash?: string | undefined;
}

export type WebEnv = {
  Variables: {
    nonce: string;
    lang: Lang;
    requestId: string;
    signedIn: SignedIn | undefined;
  };
};
export type WebContext = Context<WebEnv>;
