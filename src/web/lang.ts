// Which language a page speaks: the toggle (`?lang=`, remembered in a cookie), else the browser's
// Accept-Language when it prefers English, else Indonesian. Shared by the portal, the admin web and reports.

export type Lang = 'id' | 'en';

export const isLang = (v: string | undefined): v is Lang => v === 'id' || v === 'en';

/** The language the browser ranks highest among those we speak; Indonesian when it names neither. */
export function fromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'id';
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag?.split('-')[0];
    if (primary !== 'id' && primary !== 'in' && primary !== 'en') continue;
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang = primary === 'en' ? 'en' : 'id';
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'id';
}

export function chooseLang(
  query: string | undefined,
  cookie: string | undefined,
  accept: string | undefined,
): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  return fromAcceptLanguage(accept);
}
