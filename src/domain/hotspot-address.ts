// A router's hotspot address: the host (or host:port) of its login pages, as `link-login-only` names them.
// The portal posts a login form, sets its CSP form-action, and redirects, only to a URL whose origin is one of
// these; anything else in a link is the browser's (so an attacker's) choice.

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * `host` or `host:port` in one form (lower case, IPv6 in brackets), or undefined when the text is not one.
 * RouterOS shows `dns-name` (a host name) and `hotspot-address` (an IPv4 address).
 */
export function normalizeHotspotAddress(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (!t || t.length > 260 || /[/?#@\s\\]/.test(t)) return undefined;
  try {
    const u = new URL(`http://${t}`);
    if (u.username || u.password || u.pathname !== '/') return undefined;
    const host = u.hostname;
    if (!host.startsWith('[') && !IPV4.test(host) && !HOSTNAME.test(host)) return undefined;
    // The URL parser drops :80 as http's default; a port is kept only when the text named one.
    const port = /:(\d{1,5})$/.exec(t)?.[1];
    if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) return undefined;
    return port === undefined ? host : `${host}:${Number(port)}`;
  } catch {
    return undefined;
  }
}

/**
 * Whether an http(s) URL points at a hotspot address: the same host, on the address's port when it names
 * one, else on the scheme's own port (80 or 443).
 */
export function isHotspotUrl(url: string, addresses: Iterable<string>): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (u.username || u.password) return false;
  const withPort = `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  for (const a of addresses) {
    if (a === withPort || (a === u.hostname && u.port === '')) return true;
  }
  return false;
}
