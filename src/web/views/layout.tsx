// The shell of every admin and report page: the village bar with who is signed in, the navigation for their
// role, a flash message from the last action, and the content. One stylesheet and one script, both our files.
import type { Child } from 'hono/jsx';
import type { AdminRole } from '../../services/admins/admins.js';
import { roleAtLeast } from '../../services/admins/admins.js';
import type { WebPageContext } from './page-context.js';

export const STATIC_PATH = '/admin/static';

interface NavItem {
  readonly href: string;
  readonly key: keyof WebPageContext['m']['nav'];
  readonly least: AdminRole;
}

const NAV: readonly NavItem[] = [
  { href: '/admin', key: 'dashboard', least: 'official' },
  { href: '/admin/warga', key: 'residents', least: 'operator' },
  { href: '/admin/roster', key: 'roster', least: 'operator' },
  { href: '/admin/paket', key: 'plans', least: 'operator' },
  { href: '/admin/lembaga', key: 'institutions', least: 'operator' },
  { href: '/admin/router', key: 'routers', least: 'operator' },
  { href: '/admin/sesi', key: 'sessions', least: 'operator' },
  { href: '/admin/voucher', key: 'vouchers', least: 'operator' },
  { href: '/admin/log-masuk', key: 'authLog', least: 'operator' },
  { href: '/reports', key: 'reports', least: 'official' },
  { href: '/admin/audit', key: 'audit', least: 'admin' },
  { href: '/admin/pengguna', key: 'admins', least: 'admin' },
];

/** The navigation item a path belongs to: the longest prefix that matches. */
function currentHref(path: string): string | undefined {
  let best: string | undefined;
  for (const { href } of NAV) {
    if ((path === href || path.startsWith(`${href}/`)) && href.length > (best?.length ?? 0)) best = href;
  }
  return best;
}

export function Layout(props: {
  ctx: WebPageContext;
  title: string;
  children?: Child;
  /** A narrow column (sign-in, forms on their own). */
  narrow?: boolean;
  /** Seconds between refreshes of the content while the page is open (the dashboard, a running job). */
  refresh?: number;
  /**
   * Seconds after which the browser loads the whole page again, without script (`<meta http-equiv="refresh">`):
   * a report whose figures are being computed in the background.
   */
  reload?: number;
  assets: { css: string; js: string };
}) {
  const { ctx } = props;
  const { m, operator } = ctx;
  const current = currentHref(ctx.path);
  return (
    <html lang={m.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        {props.reload ? <meta http-equiv="refresh" content={String(props.reload)} /> : null}
        <title>{`${props.title} · ${m.title(ctx.village)}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={props.assets.css} />
        <script src={props.assets.js} defer />
      </head>
      <body>
        <a class="skip" href="#isi">
          {m.skip}
        </a>
        <header class="top">
          <div class="v">
            {m.product} · {m.title(ctx.village)}
          </div>
          <div class="who">
            <a href={ctx.toggleHref} hreflang={m.otherLangCode} lang={m.otherLangCode}>
              {m.otherLang}
            </a>
            {operator ? (
              <>
                <a href="/admin/akun">
                  {operator.username} ({m.roles[operator.role] ?? operator.role})
                </a>
                <form method="post" action="/admin/keluar">
                  <input type="hidden" name="_csrf" value={ctx.csrf} />
                  <button class="linkbtn" type="submit">
                    {m.nav.signOut}
                  </button>
                </form>
              </>
            ) : null}
          </div>
        </header>
        {operator ? (
          <nav class="main" aria-label={m.nav.label}>
            <ul>
              {NAV.filter((item) => roleAtLeast(operator.role, item.least)).map((item) => (
                <li>
                  <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>
                    {m.nav[item.key]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="isi" class={props.narrow ? 'narrow' : undefined}>
          {ctx.flash ? (
            <div class="alert ok" role="status">
              <p>{ctx.flash}</p>
            </div>
          ) : null}
          <div data-refresh={props.refresh ? String(props.refresh) : undefined}>{props.children}</div>
        </main>
      </body>
    </html>
  );
}
