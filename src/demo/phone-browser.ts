// A phone's browser on a virtual hotspot, reduced to what the demo needs: every request goes through the phone's
// own proxy port on the hotspot (so the router sees its MAC and IP), with a cookie jar, and the hidden fields of
// the pages it gets (the router's login page, the portal's forms and its auto-posting login).
import { request } from 'node:http';

export interface PhoneReply {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

export type PhoneBrowser = (url: string, form?: Record<string, string>) => Promise<PhoneReply>;

export function phoneBrowser(proxyUrl: string): PhoneBrowser {
  const proxy = new URL(proxyUrl);
  const jar = new Map<string, string>();
  return (url, form) => {
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
            'accept-language': 'id-ID,id;q=0.9',
            ...(cookie ? { cookie } : {}),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair = ''] = line.split(';');
            const eq = pair.indexOf('=');
            if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
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
      req.setTimeout(15_000, () => req.destroy(new Error(`no answer from ${url}`)));
      req.on('error', reject);
      req.end(body);
    });
  };
}

/** The hidden fields of a page's forms, unescaped. */
export const hiddenFields = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    ]),
  );
