// What the portal is built from, and the request context its routes share.
import type { Context } from 'hono';
import type { PortalServices } from '../src/services/portal/portal-services.js';
import type { Lang } from './i18n.js';

/** The built-in privacy notice; bump when its text changes. The language is appended (`…-id`, `…-en`). */
export const BUILTIN_NOTICE_VERSION = 'portal-2026-11-29';

export interface PortalDeps {
  readonly services: PortalServices;
  readonly villageName: string;
  /** Who residents ask about their data (the notice names them). */
  readonly contact: string;
  readonly timeZone: string;
  readonly minAge: number;
  /** How long usage records are kept, for the notice. */
  readonly sessionRetentionDays: number;
  /**
   * The portal's public address (WARGANET_PUBLIC_URL, or one the composition root derives from its settings).
   * The hotspot page templates name it; without it they are refused, never built from the Host header.
   */
  readonly publicUrl?: string | undefined;
  /**
   * The address the request came from, as the transport saw it (the Node root reads the socket), never a header
   * or a form field a browser could choose. The status page and the RFC 8908 API answer for the phone the router
   * gave that address to, and the attempt limits slow it down. Undefined where the runtime has none.
   */
  readonly clientAddress?: ((c: PortalContext) => string | undefined) | undefined;
  /** Behind a TLS-terminating proxy: believe its X-Forwarded-Proto (for the cookies' Secure flag). */
  readonly trustProxy?: boolean | undefined;
  readonly logo?: { readonly contentType: string; readonly bytes: Uint8Array } | undefined;
  /** The village's own privacy notice, replacing the built-in one. */
  readonly terms?: { readonly text: string; readonly version: string } | undefined;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

export type PortalEnv = { Variables: { nonce: string; lang: Lang } };
export type PortalContext = Context<PortalEnv>;
