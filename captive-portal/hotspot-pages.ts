// The pages the MikroTik hotspot serves from its own html directory (provisioning fetches them from
// `<portal>/hotspot/<file>` with /tool/fetch). They are written in RouterOS's page language: `$(name)` is a
// variable as text, `$(name-esc)` URL-escaped, `$(if …)…$(endif)` a condition, and `http-status`/`http-header`
// set the reply's status and headers. The login pages offer the ways in (the portal, with the variables it
// needs; the hotspot's own login form); the others speak for themselves in Indonesian. `{{PORTAL}}` is the
// portal's address.
import { HOTSPOT_MD5_JS } from './hotspot-md5.js';

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

// The login page: the resident's way in (to the portal) first, then the hotspot's own username/password form, so
// the router's local users (Mikhmon's vouchers, in /ip/hotspot/user) and Warganet's vouchers log in on the same
// hotspot. With http-chap the page sends MD5(chap-id ‖ password ‖ chap-challenge), computed here (the script is
// in the page: nothing can be fetched before login); without a challenge (http-pap only) the password goes as
// typed. An empty password means "the same as the username", the usual voucher convention (Mikhmon prints one
// code for both). The hidden fields are the portal's external-login set, so the resident button carries them.
// A voucher card's QR link (`<portal>/voucher?code=…`) opened on the hotspot arrives here as link-orig: the page
// hands the code to the portal's voucher page with this challenge, so one scan logs the phone in (not after a
// refused login, which would loop).
const LOGIN_STYLE =
  '<style>label{display:block;margin:.6rem 0 .2rem;font-weight:600}input[type=text],input[type=password]{width:100%;padding:.7rem;font-size:1.1rem;border:1px solid #888;border-radius:.4rem}.e{background:#fde8e8;color:#8a1c1c;padding:.7rem;border-radius:.4rem}.m{color:#555;font-size:.95rem}h2{font-size:1.1rem;margin-top:1.6rem}</style>';

const loginPage = `${HEAD('Wi-Fi Desa', `\n${LOGIN_STYLE}`)}
<h1>Wi-Fi Desa</h1>
$(if error)<p class="e" role="alert">$(error)</p>$(endif)
<form name="portal" action="{{PORTAL}}/" method="get">
${TO_PORTAL_FIELDS.map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`).join('\n')}
<button type="submit">Warga desa: masuk atau daftar</button>
</form>
<a class="s" href="{{PORTAL}}/voucher?mac=$(mac-esc)&amp;ip=$(ip-esc)&amp;link-login-only=$(link-login-only-esc)&amp;link-orig=$(link-orig-esc)&amp;chap-id=$(chap-id-esc)&amp;chap-challenge=$(chap-challenge-esc)">Punya kode voucher?</a>
<h2>Masuk dengan akun hotspot</h2>
<p class="m">Untuk voucher lama atau akun dari pengelola hotspot. Jika kata sandi sama dengan nama pengguna, kata sandi boleh dikosongkan.</p>
<form name="login" action="$(link-login-only)" method="post"$(if chap-id) onsubmit="return doLogin()"$(endif)>
<input type="hidden" name="dst" value="$(link-orig)"><input type="hidden" name="popup" value="false">
<label for="u">Nama pengguna atau kode voucher</label>
<input type="text" id="u" name="username" autocomplete="username" autocapitalize="off" autocorrect="off" spellcheck="false" required>
<label for="p">Kata sandi</label>
<input type="password" id="p" name="password" autocomplete="current-password">
<button type="submit" class="s">Masuk</button>
</form>
$(if error)$(else)<script>(function(){var o='$(link-orig)',p='{{PORTAL}}/voucher?code=',m;
if(o.indexOf(p)===0&&(m=/^[a-z0-9-]{4,30}$/i.exec(o.slice(p.length)))){var f=document.portal,q='';
for(var i=0;i<f.elements.length;i++){var e=f.elements[i];if(e.name&&e.type==='hidden')q+=(q?'&':'')+e.name+'='+encodeURIComponent(e.value)}
location.replace(p+m[0]+'&'+q)}})();</script>$(endif)
$(if chap-id)<form name="sendin" action="$(link-login-only)" method="post"><input type="hidden" name="username"><input type="hidden" name="password"><input type="hidden" name="dst" value="$(link-orig)"><input type="hidden" name="popup" value="false"></form>
<script>${HOTSPOT_MD5_JS}
function doLogin(){var f=document.login,u=f.username.value,p=f.password.value||u;
document.sendin.username.value=u;
document.sendin.password.value=md5hex('$(chap-id)'+unescape(encodeURIComponent(p))+'$(chap-challenge)');
document.sendin.submit();return false}</script>$(else)<script>document.login.onsubmit=function(){var f=document.login;if(!f.password.value)f.password.value=f.username.value;return true}</script>$(endif)${FOOT}`;

// RouterOS answers an unauthenticated request for any page with this one: a real 302 to the login page (what
// phones' captive-portal checks look for), and a body for anything that ignores the status.
const redirectToLogin = (target: string) => `$(if http-status == 302)Hotspot login required$(endif)
$(if http-header == "Location")${target}$(endif)
${HEAD('Wi-Fi Desa', `\n<meta http-equiv="refresh" content="0;url=${target}">`)}
<p><a href="${target}">Lanjutkan ke Wi-Fi desa</a></p>${FOOT}`;

const PAGES: Readonly<Record<HotspotPageFile, string>> = {
  'login.html': loginPage,
  // A failed login comes back here with $(error) set, shown above both ways in.
  'flogin.html': loginPage,
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
