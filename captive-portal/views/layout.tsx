// The page shell: one small inline stylesheet (no fonts, no files: an unauthenticated phone can reach nothing
// else, and the first page must fit in 14 KB), the village header with the language toggle, and the footer.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { PageContext } from './page-context.js';

// Sizes in rem so the page follows the phone's text size; colours meet WCAG AA contrast on white.
const CSS = `*{box-sizing:border-box}html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#f3f5f3;-webkit-text-size-adjust:100%}body{margin:0}header{background:#0b5d3b;color:#fff;padding:.6rem 1rem;display:flex;align-items:center;gap:.6rem;flex-wrap:wrap}header .v{flex:1 1 12rem;font-weight:700;font-size:1.1rem;line-height:1.25}header a{color:#fff;font-size:.95rem;padding:.4rem 0}header img,header svg{width:2.5rem;height:2.5rem;flex:none}main{max-width:34rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;line-height:1.25;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:0 0 .5rem}.card{background:#fff;border:1px solid #cfd8d2;border-radius:.6rem;padding:1rem;margin:0 0 1rem}label{display:block;font-weight:700;margin:1.1rem 0 .2rem}.hint{display:block;font-size:.92rem;color:#47524b;margin:0 0 .3rem}input.t{width:100%;font-size:1.2rem;padding:.6rem .7rem;border:2px solid #56655b;border-radius:.4rem;background:#fff;color:#111;letter-spacing:.04em}input[aria-invalid=true]{border-color:#a10e16;border-width:3px}:focus{outline:3px solid #e0a800;outline-offset:2px}.btn{display:block;width:100%;text-align:center;font:inherit;font-size:1.1rem;font-weight:700;padding:.8rem 1rem;border-radius:.5rem;border:2px solid #0b5d3b;text-decoration:none;margin:1rem 0 0;cursor:pointer}.p{background:#0b5d3b;color:#fff}.s{background:#fff;color:#0b5d3b}.btn small{display:block;font-weight:400;font-size:.9rem}.err{color:#a10e16;font-weight:700;margin:.2rem 0 .3rem}.alert{border-left:.4rem solid #a10e16;background:#fdecec;padding:.7rem 1rem;margin:0 0 1rem;border-radius:.3rem}.ok{border-left-color:#0b5d3b;background:#e7f4ec}.alert p{margin:.2rem 0}.check{display:flex;gap:.7rem;align-items:flex-start;font-weight:400;margin:1rem 0 0}.check input{width:1.6rem;height:1.6rem;flex:none;margin:.1rem 0 0}dl{margin:0}dt{font-weight:700;margin-top:.6rem}dd{margin:0}meter{width:100%;height:1.1rem}ul.d{list-style:none;padding:0;margin:0}ul.card{padding:.2rem 1rem}ul.d li{border-top:1px solid #cfd8d2;padding:.7rem 0}ul.d li:first-child{border-top:0}.muted{color:#47524b;font-size:.92rem}footer{max-width:34rem;margin:0 auto;padding:0 1rem 2rem;font-size:.92rem}a{color:#0b5d3b}.notice p{margin:.15rem 0 .6rem}.gap{margin-top:1.2rem}.sep{margin-top:1.2rem}`;

// A Wi-Fi mark, drawn inline so the header needs no extra request when the village has no logo.
const WIFI_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="12" fill="#fff"/><path fill="#0b5d3b" d="M12 18.2a1.6 1.6 0 1 1 0-3.2 1.6 1.6 0 0 1 0 3.2zm-3.5-4.1-1.2-1.2a6.6 6.6 0 0 1 9.4 0l-1.2 1.2a4.9 4.9 0 0 0-7 0zM5.2 10.8 4 9.6a11.3 11.3 0 0 1 16 0l-1.2 1.2a9.6 9.6 0 0 0-13.6 0z"/></svg>';

export function Layout(props: { ctx: PageContext; title: string; children?: Child; script?: string }) {
  const { ctx } = props;
  const m = ctx.m;
  return (
    <html lang={m.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${props.title} · ${m.title(ctx.village)}`}</title>
        <link rel="icon" href="data:," />
        <style nonce={ctx.nonce}>{raw(CSS)}</style>
      </head>
      <body>
        <header>
          {ctx.hasLogo ? <img src="/logo" alt="" width="40" height="40" /> : raw(WIFI_ICON)}
          <div class="v">{m.title(ctx.village)}</div>
          <a href={ctx.toggleHref} hreflang={m.otherLangCode} lang={m.otherLangCode}>
            {m.otherLang}
          </a>
        </header>
        <main>{props.children}</main>
        <footer>
          <a href={`/privasi${ctx.q}`}>{m.notice.heading}</a>
        </footer>
        {props.script ? <script nonce={ctx.nonce}>{raw(props.script)}</script> : null}
      </body>
    </html>
  );
}
