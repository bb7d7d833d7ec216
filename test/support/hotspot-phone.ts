// A phone on the virtual hotspot, as tests drive it: its browser's requests go through its own hotspot proxy
// port (so the router sees its MAC and IP), with a cookie jar; and the hidden fields of the pages it gets.
import { request } from 'node:http';

export interface PhoneReply {
  status: number;
  location: string | undefined;
  body: string;
}

/** A phone's browser, reduced: requests through its hotspot proxy, with a cookie jar. */
export function phoneBrowser(proxyUrl: string) {
  const proxy = new URL(proxyUrl);
  const jar = new Map<string, string>();
  return (url: string, form?: Record<string, string>): Promise<PhoneReply> => {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: proxy.hostname,
          port: proxy.port,
          method: body ? 'POST' : 'GET',
          path: url,
          headers: {
            host: new URL(url).host,
            ...(cookie ? { cookie } : {}),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair] = line.split(';');
            const eq = pair!.indexOf('=');
            jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}

/** The hidden fields of a page's forms (the router's login page, the portal's auto-posting login), unescaped. */
export const hiddenFields = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    ]),
  );
