// "Punya kode voucher?": a guest types (or a card's QR link carries) a voucher code, and the phone is logged in
// through the router's own login, with the CHAP answer computed here from the code, as the resident's ticket is.
// The portal never looks the code up: the router's Access-Request does, so RADIUS decides (and throttles
// guessing per phone) and a refused code comes back on the router's page with the reason. Opened outside the
// hotspot's pages (a QR scanned), there is no challenge yet: the phone is sent to a router's login page with
// this link as its destination, and that page hands the code back here with a challenge.
import { Hono } from 'hono';
import { chapLoginPassword } from '../../src/domain/chap.js';
import { normalizeCode } from '../../src/domain/voucher-code.js';
import type { HotspotContext } from '../hotspot-context.js';
import type { PortalKit } from '../kit.js';
import type { PortalDeps, PortalEnv } from '../portal-deps.js';
import { HiddenFields, TextField } from '../views/fields.js';
import { Layout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';

const CODE = /^[a-z0-9]{6,24}$/;

function VoucherPage(p: { ctx: PageContext; code?: string | undefined; error?: string | undefined }) {
  const { m } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={m.voucher.heading}>
      <h1>{m.voucher.heading}</h1>
      <p>{m.voucher.intro}</p>
      <form method="post" action="/voucher">
        <HiddenFields ctx={p.ctx} />
        <TextField
          name="code"
          label={m.voucher.label}
          kind="text"
          maxlength={30}
          value={p.code}
          error={p.error}
          autocomplete="one-time-code"
        />
        <button class="btn p" type="submit">
          {m.voucher.button}
        </button>
      </form>
    </Layout>
  );
}

export function voucherRoutes(kit: PortalKit, deps: PortalDeps) {
  async function login(
    c: Parameters<PortalKit['html']>[0],
    ctx: PageContext,
    hs: HotspotContext,
    code: string,
  ) {
    const { m } = ctx;
    const loginUrl = await kit.routerLoginUrl(hs);
    if (!loginUrl || !hs.chapId || !hs.chapChallenge) {
      // No usable challenge from a router: start at a router's login page, which brings the code back.
      const address = await deps.services.hotspots.any();
      const here = `${kit.publicUrl() ?? new URL(c.req.url).origin}/voucher?code=${code}`;
      if (address) return c.redirect(`http://${address}/login?dst=${encodeURIComponent(here)}`, 303);
      return kit.message(c, ctx, m.voucher.outside, m.voucher.outsideText);
    }
    const chap = chapLoginPassword(hs.chapId, hs.chapChallenge, code);
    if (!chap.ok) return kit.html(c, <VoucherPage ctx={ctx} code={code} />, { status: 400 });
    // After a QR scan the page asked for was this voucher link: going back to it once online would only loop.
    const portal = kit.publicUrl() ?? new URL(c.req.url).origin;
    const dst = hs.dst?.startsWith(`${portal}/voucher`) ? `${portal}/` : hs.dst;
    const { dst: _old, ...rest } = hs;
    const onward = { ...ctx, hs: dst ? { ...rest, dst } : rest };
    return kit.loginPage(c, onward, loginUrl, { username: code, password: chap.password });
  }

  return new Hono<PortalEnv>()
    .get('/voucher', async (c) => {
      const hs = kit.queryContext(c);
      const ctx = kit.pageContext(c, hs, await kit.csrfFor(c), '/voucher');
      const code = normalizeCode(c.req.query('code') ?? '');
      // A card's QR link: the code is the credential, so whoever holds the link may log in with it.
      if (CODE.test(code)) return login(c, ctx, hs, code);
      return kit.html(c, <VoucherPage ctx={ctx} />);
    })
    .post('/voucher', async (c) => {
      const { get, hs } = await kit.formBody(c);
      const refused = await kit.checkCsrf(c, get('csrf'), hs, '/voucher');
      if (refused) return refused;
      const ctx = kit.pageContext(c, hs, await kit.csrfFor(c), '/voucher');
      const code = normalizeCode(get('code'));
      if (!CODE.test(code))
        return kit.html(
          c,
          <VoucherPage ctx={ctx} code={get('code').slice(0, 30)} error={ctx.m.voucher.bad} />,
          {
            status: 400,
          },
        );
      return login(c, ctx, hs, code);
    });
}
