// The captive portal's Node-side wiring: the village's logo and privacy-notice files read once at start, the
// portal's use cases as createServices built them (with RADIUS Disconnect for a removed device); the request's source
// address from the socket (or a trusted proxy), and the portal's address when WARGANET_PUBLIC_URL is unset.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { PortalDeps } from '../captive-portal/app.js';
import type { AppContext } from './app-context.js';
import { StartupError } from './app-context.js';
import type { Config } from './config.js';
import { normalizeIp } from './domain/ip-address.js';

const LOGO_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};
const LOGO_MAX = 64 * 1024;
const TERMS_MAX = 32 * 1024;

function readLogo(path: string): { contentType: string; bytes: Uint8Array } {
  const contentType = LOGO_TYPES[extname(path).toLowerCase()];
  if (!contentType)
    throw new StartupError(`WARGANET_PORTAL_LOGO: harus berkas .png, .jpg, .svg atau .webp (${path})`);
  const size = statOrFail('WARGANET_PORTAL_LOGO', path);
  if (size > LOGO_MAX)
    throw new StartupError(
      `WARGANET_PORTAL_LOGO: paling besar 64 KB (berkas ini ${Math.ceil(size / 1024)} KB)`,
    );
  return { contentType, bytes: new Uint8Array(readFileSync(path)) };
}

function readTerms(path: string): { text: string; version: string } {
  const size = statOrFail('WARGANET_PORTAL_TERMS', path);
  if (size > TERMS_MAX) throw new StartupError('WARGANET_PORTAL_TERMS: paling besar 32 KB');
  const text = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (!text) throw new StartupError(`WARGANET_PORTAL_TERMS: berkas kosong (${path})`);
  // The version follows the text, so a recorded consent names exactly the words the resident saw.
  return { text, version: `custom-${createHash('sha256').update(text).digest('hex').slice(0, 12)}` };
}

function statOrFail(setting: string, path: string): number {
  try {
    return statSync(path).size;
  } catch {
    throw new StartupError(`${setting}: berkas tidak bisa dibaca (${path})`);
  }
}

/**
 * Where routers and phones reach the portal when WARGANET_PUBLIC_URL is unset: the HTTP listen address when it
 * is one routers can reach (not a wildcard, not loopback), else the address routers send RADIUS to. Undefined
 * when neither says; the hotspot pages are then refused rather than built from a request's Host header.
 */
export function derivePortalUrl(
  config: Pick<Config, 'publicUrl' | 'httpHost' | 'httpPort' | 'radiusAddress'>,
): string | undefined {
  if (config.publicUrl) return config.publicUrl;
  if (!(config.httpPort > 0)) return undefined;
  const listen = normalizeIp(config.httpHost);
  const usable = (a: { address: string } | undefined) =>
    a && !['0.0.0.0', '::'].includes(a.address) && !/^(127\.|::1$|::ffff:127\.)/.test(a.address)
      ? a.address
      : undefined;
  const host = usable(listen) ?? usable(config.radiusAddress ? normalizeIp(config.radiusAddress) : undefined);
  if (!host) return undefined;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.httpPort}`;
}

/** The peer of the request's socket; behind a trusted proxy, the last X-Forwarded-For hop (the proxy's peer). */
export function nodeClientAddress(trustProxy: boolean) {
  return (c: Context): string | undefined => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded) return normalizeIp(forwarded)?.address;
    }
    let address: string | undefined;
    try {
      address = getConnInfo(c).remote.address;
    } catch {
      // Not a Node socket (a request made in-process): no address to vouch for.
      return undefined;
    }
    // normalizeIp reads an IPv4-mapped address (a dual-stack socket's) as plain IPv4, as sessions store it.
    return address ? normalizeIp(address)?.address : undefined;
  };
}

export function createNodePortalDeps(ctx: AppContext): PortalDeps {
  const { config, logger, services } = ctx;
  return {
    services: services.portal,
    villageName: config.villageName,
    contact: config.portalContact,
    timeZone: config.timeZone,
    minAge: config.minAge,
    sessionRetentionDays: config.sessionRetentionDays,
    publicUrl: derivePortalUrl(config),
    clientAddress: nodeClientAddress(config.trustProxy),
    trustProxy: config.trustProxy,
    logo: config.portalLogoFile ? readLogo(config.portalLogoFile) : undefined,
    terms: config.portalTermsFile ? readTerms(config.portalTermsFile) : undefined,
    onError: (error) => logger.error({ err: error }, 'portal request failed'),
  };
}
