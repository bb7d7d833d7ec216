// The pages the MikroTik hotspot serves from its own html directory (provisioning fetches them from
// `<portal>/hotspot/<file>` with /tool/fetch). They are written in RouterOS's page language: `$(name)` is a
// variable as text, `$(name-esc)` URL-escaped, `$(if …)…$(endif)` a condition, and `http-status`/`http-header`
// set the reply's status and headers. The login pages hand the browser straight to the portal, with the
// variables it needs; the others speak for themselves in Indonesian. `{{PORTAL}}` is the portal's address.

/** Files shipped to the router, in the order provisioning uploads them. */
export const HOTSPOT_PAGE_FILES = [
  'login.html',
  'flogin.html',
  'rlogin.html',
  'redirect.html',
  'alogin.html',
  'status.html',
  'logout.html',
  'error.html',
] as const;

export type HotspotPageFile = (typeof HOTSPOT_PAGE_FILES)[number];

const HEAD = (title: string, extra = '') =>
  `<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>${extra}
<style>*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;padding:1.2rem;line-height:1.5;color:#1a1a1a}h1{font-size:1.35rem}a,button{display:block;margin:1rem 0;padding:.8rem;border-radius:.5rem;text-align:center;font-size:1.05rem;font-weight:700;text-decoration:none;background:#0b5d3b;color:#fff;border:0;width:100%}a.s{background:#fff;color:#0b5d3b;border:2px solid #0b5d3b}</style>
</head><body>`;

const FOOT = '\n</body></html>\n';

// The fields the portal reads (external login, MikroTik's documented set). A GET form: they arrive as the
// portal's query string, so reloading the portal's first page works.
const TO_PORTAL_FIELDS = [
  ['mac', '$(mac)'],
  ['ip', '$(ip)'],
  ['link-login-only', '$(link-login-only)'],
  ['link-orig', '$(link-orig)'],
  ['chap-id', '$(chap-id)'],
  ['chap-challenge', '$(chap-challenge)'],
  ['error', '$(error)'],
] as const;

// Without script, the refresh carries the same values, escaped by the router.
const TO_PORTAL_URL =
  '{{PORTAL}}/?mac=$(mac-esc)&amp;ip=$(ip-esc)&amp;link-login-only=$(link-login-only-esc)&amp;link-orig=$(link-orig-esc)&amp;chap-id=$(chap-id-esc)&amp;chap-challenge=$(chap-challenge-esc)&amp;error=$(error-esc)';

const toPortal = `${HEAD('Wi-Fi Desa', `\n<noscript><meta http-equiv="refresh" content="0;url=${TO_PORTAL_URL}"></noscript>`)}
<h1>Wi-Fi Desa</h1>
<p>Membuka halaman pendaftaran Wi-Fi desa…</p>
<form name="portal" action="{{PORTAL}}/" method="get">
${TO_PORTAL_FIELDS.map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`).join('\n')}
<button type="submit">Lanjutkan</button>
</form>
<script>document.portal.submit();</script>${FOOT}`;

// RouterOS answers an unauthenticated request for any page with this one: a real 302 to the login page (what
// phones' captive-portal checks look for), and a body for anything that ignores the status.
const redirectToLogin = (target: string) => `$(if http-status == 302)Hotspot login required$(endif)
$(if http-header == "Location")${target}$(endif)
${HEAD('Wi-Fi Desa', `\n<meta http-equiv="refresh" content="0;url=${target}">`)}
<p><a href="${target}">Lanjutkan ke Wi-Fi desa</a></p>${FOOT}`;

const PAGES: Readonly<Record<HotspotPageFile, string>> = {
  'login.html': toPortal,
  // A failed login comes back here with $(error) set; the portal shows it.
  'flogin.html': toPortal,
  'rlogin.html': redirectToLogin('$(link-redirect)'),
  'redirect.html': redirectToLogin('$(link-redirect)'),
  'alogin.html': `${HEAD('Terhubung', '\n<meta http-equiv="refresh" content="2;url=$(link-redirect)">')}
<h1>HP Anda sudah terhubung</h1>
<p>Internet sudah aktif. Halaman yang Anda buka akan muncul sebentar lagi.</p>
<a href="$(link-redirect)">Buka halaman tujuan</a>
<a class="s" href="{{PORTAL}}/status?mac=$(mac-esc)&amp;link-login-only=$(link-login-only-esc)">Lihat kuota dan perangkat</a>${FOOT}`,
  'status.html': `${HEAD('Status Wi-Fi')}
<h1>HP Anda terhubung</h1>
<p>Lama tersambung: $(uptime)<br>Data diunduh: $(bytes-out-nice)<br>Data diunggah: $(bytes-in-nice)</p>
<a class="s" href="{{PORTAL}}/status?mac=$(mac-esc)&amp;link-login-only=$(link-login-only-esc)">Lihat kuota dan perangkat</a>
<form action="$(link-logout)" method="post"><button type="submit">Putuskan dari Wi-Fi</button></form>${FOOT}`,
  'logout.html': `${HEAD('Keluar')}
<h1>Anda sudah keluar dari Wi-Fi desa</h1>
<p>HP ini tidak lagi memakai internet desa. Buka halaman web apa saja untuk tersambung lagi.</p>
<a href="$(link-login)">Sambungkan lagi</a>${FOOT}`,
  'error.html': `${HEAD('Gangguan Wi-Fi')}
<h1>Maaf, ada gangguan</h1>
<p>$(error)</p>
<a href="$(link-login)">Coba lagi</a>${FOOT}`,
};

export function isHotspotPageFile(name: string): name is HotspotPageFile {
  return (HOTSPOT_PAGE_FILES as readonly string[]).includes(name);
}

/** The page with the portal's address filled in (escaped for an HTML attribute). */
export function hotspotPage(file: HotspotPageFile, portalUrl: string): string {
  const safe = portalUrl
    .replace(/\/+$/, '')
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;');
  return PAGES[file].replaceAll('{{PORTAL}}', safe);
}
