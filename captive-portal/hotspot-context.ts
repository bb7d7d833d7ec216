// What the router's login page tells the portal about the browser in front of it (MikroTik external login
// variables): the device's MAC and IP, where to post the login, where the resident was going, the CHAP
// challenge, and the router's error. It arrives in the URL and is handed on from page to page (links and
// hidden fields), so the portal keeps no state. Everything is checked here; what fails a check is dropped. All of
// it is the browser's word: the MAC is only a hint, and `link-login-only` is used only once the portal has found
// its origin among the routers' hotspot addresses (kit.routerLoginUrl).
import { decodeOctalEscapes } from '../src/domain/chap.js';
import { normalizeMac } from '../src/domain/mac.js';

export interface HotspotContext {
  readonly mac?: string;
  readonly ip?: string;
  /** `link-login-only`: the router's `/login`, where the login form is posted. */
  readonly loginUrl?: string;
  /** `link-orig`: the page the resident asked for, sent back as `dst`. */
  readonly dst?: string;
  /** `chap-id`, `chap-challenge`: octal-escaped, exactly as the router rendered them. */
  readonly chapId?: string;
  readonly chapChallenge?: string;
}

/** Parameter names as the router's page sends them, and as the portal hands them on. */
export const HOTSPOT_PARAMS = {
  mac: 'mac',
  ip: 'ip',
  loginUrl: 'link-login-only',
  dst: 'link-orig',
  chapId: 'chap-id',
  chapChallenge: 'chap-challenge',
} as const satisfies Record<keyof HotspotContext, string>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

function httpUrl(text: string | undefined, max: number): string | undefined {
  if (!text || text.length > max || CONTROL.test(text)) return undefined;
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function readHotspotContext(get: (name: string) => string | undefined): HotspotContext {
  const mac = normalizeMac(get(HOTSPOT_PARAMS.mac) ?? '');
  const ip = get(HOTSPOT_PARAMS.ip)?.trim();
  const loginUrl = httpUrl(get(HOTSPOT_PARAMS.loginUrl), 300);
  const dst = httpUrl(get(HOTSPOT_PARAMS.dst), 1000);
  const chapId = get(HOTSPOT_PARAMS.chapId) ?? '';
  const chapChallenge = get(HOTSPOT_PARAMS.chapChallenge) ?? '';
  const id = decodeOctalEscapes(chapId);
  const challenge = decodeOctalEscapes(chapChallenge);
  const chapOk = id?.length === 1 && challenge !== undefined && challenge.length <= 64;
  return {
    ...(mac ? { mac } : {}),
    ...(ip && IPV4.test(ip) ? { ip } : {}),
    ...(loginUrl ? { loginUrl } : {}),
    ...(dst ? { dst } : {}),
    ...(chapOk ? { chapId, chapChallenge } : {}),
  };
}

/** The router's error text (`$(error)`): shown as plain text, cut to a sane length. */
export function readRouterError(text: string | undefined): string | undefined {
  const t = text?.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return t ? t.slice(0, 200) : undefined;
}

export function hotspotEntries(ctx: HotspotContext): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, name] of Object.entries(HOTSPOT_PARAMS) as Array<[keyof HotspotContext, string]>) {
    const v = ctx[key];
    if (v !== undefined) out.push([name, v]);
  }
  return out;
}

/** `?mac=…&…` (or '' when empty), with `extra` parameters first. */
export function hotspotQuery(ctx: HotspotContext, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const [name, value] of hotspotEntries(ctx)) params.set(name, value);
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** The router's logout page, next to its login page. */
export function routerLogoutUrl(ctx: HotspotContext): string | undefined {
  if (!ctx.loginUrl) return undefined;
  const u = new URL(ctx.loginUrl);
  return `${u.origin}/logout`;
}
