// Drill 5 (HTTP half): every form of the captive portal and the admin web, posted with hostile values (very long,
// control characters and NUL, markup, SQL, odd numbers, invalid UTF-8 escapes, repeated fields) with a valid
// CSRF token and a signed-in admin, so the values reach the handlers. Forms and their fields are read from the
// pages themselves. Nothing may answer 5xx.
import fc from 'fast-check';

export interface HttpFuzzResult {
  readonly posts: number;
  readonly forms: number;
  readonly byStatus: ReadonlyMap<number, number>;
  /** Per form action: statuses seen. */
  readonly byForm: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** Each 5xx: the form, the status and the first 200 characters of the body. */
  readonly serverErrors: readonly string[];
}

class Browser {
  readonly #cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#cookies.size > 0)
      headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    // The admin web checks Origin on posts, as a browser sends it.
    if (init.method === 'POST') headers.set('origin', this.base);
    const r = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.#cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    return r;
  }
}

interface Form {
  readonly page: string;
  readonly action: string;
  readonly fields: readonly string[];
  readonly hidden: ReadonlyMap<string, string>;
}

function formsOf(page: string, html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]*)"/.exec(attrs)?.[1]?.replaceAll('&amp;', '&') ?? page;
    const fields = new Set<string>();
    const hidden = new Map<string, string>();
    for (const f of m[2]!.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(f[2]!)?.[1];
      if (!name) continue;
      const value = /value="([^"]*)"/.exec(f[2]!)?.[1] ?? '';
      if (/type="hidden"/.test(f[2]!)) hidden.set(name, value.replaceAll('&amp;', '&'));
      fields.add(name);
    }
    forms.push({ page, action, fields: [...fields], hidden });
  }
  return forms;
}

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u0000\u0001\u001f\u007f',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; drop table residents; --",
    '../../../../etc/passwd',
    '%00%ff%fe',
    '\ud800',
    '\uffff\ufeff',
    '-1',
    '0',
    '1e309',
    'NaN',
    'Infinity',
    '-0',
    '99999999999999999999999999',
    '3523120101010001',
    '12:34:56:78:9A:BC',
    'true',
    '[]',
    '{"__proto__":{"x":1}}',
    '__proto__',
    'constructor',
    '𝕎𝕒𝕣𝕘𝕒',
    '\r\nSet-Cookie: x=1',
  ),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.integer().map(String),
  fc.double().map(String),
);

export async function fuzzForms(opts: {
  base: string;
  admin?: { username: string; password: string } | undefined;
  portalPages: readonly string[];
  adminPages: readonly string[];
  runsPerForm: number;
  seed?: number;
}): Promise<HttpFuzzResult> {
  const byStatus = new Map<number, number>();
  const byForm = new Map<string, Map<number, number>>();
  const serverErrors: string[] = [];
  let posts = 0;
  const browser = new Browser(opts.base);
  const pages = [...opts.portalPages];
  if (opts.admin) {
    const signIn = await (await browser.request('/admin/masuk')).text();
    const form = formsOf('/admin/masuk', signIn).find((f) => f.fields.includes('password'));
    if (!form) throw new Error('no sign-in form');
    const body = new URLSearchParams([...form.hidden]);
    body.set('username', opts.admin.username);
    body.set('password', opts.admin.password);
    const r = await browser.request(form.action, { method: 'POST', body });
    if (r.status !== 303) throw new Error(`sign-in failed: ${r.status}`);
    pages.push(...opts.adminPages);
  }
  let forms = 0;
  for (const page of pages) {
    const html = await (await browser.request(page)).text();
    // Sign-out would end the session the other forms need.
    for (const form of formsOf(page, html).filter((f) => !/keluar/.test(f.action))) {
      forms++;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(fc.constantFrom(...form.fields.filter((f) => !/csrf/.test(f)), 'unexpected'), hostile),
            { maxLength: 12 },
          ),
          // A valid token nine times in ten: the hostile values must get past the CSRF check to test anything.
          fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
          async (pairs, keepCsrf) => {
            const body = new URLSearchParams();
            // A valid CSRF token most of the time, so the values reach the handler.
            if (keepCsrf) for (const [k, v] of form.hidden) if (/csrf/.test(k)) body.set(k, v);
            for (const [k, v] of pairs) body.append(k, v);
            const r = await browser.request(form.action, { method: 'POST', body });
            posts++;
            byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
            const f = byForm.get(form.action) ?? new Map<number, number>();
            f.set(r.status, (f.get(r.status) ?? 0) + 1);
            byForm.set(form.action, f);
            const text = await r.text();
            if (r.status >= 500 && r.status !== 503)
              serverErrors.push(`${form.action} ${r.status}: ${text.slice(0, 200)}`);
            return true;
          },
        ),
        { numRuns: opts.runsPerForm, ...(opts.seed === undefined ? {} : { seed: opts.seed }) },
      );
    }
  }
  return { posts, forms, byStatus, byForm, serverErrors };
}
