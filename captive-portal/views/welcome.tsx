// The first page a phone sees: what this is, and the two ways on (register, or connect this phone to an
// account). Kept small: it is the page that must arrive in one round trip on a weak signal.
import { Alert } from './fields.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

export function WelcomePage(p: { ctx: PageContext; routerError?: string | undefined }) {
  const { ctx } = p;
  const { m } = ctx;
  const q = ctx.q;
  return (
    <Layout ctx={ctx} title={m.tagline}>
      {p.routerError ? (
        <Alert>
          <p>{m.welcome.routerError}</p>
          <p>
            <b>{p.routerError}</b>
          </p>
        </Alert>
      ) : null}
      <h1>{m.welcome.heading}</h1>
      <p>{m.welcome.intro}</p>
      <a class="btn p" href={`/daftar${q}`}>
        {m.welcome.register}
        <small>{m.welcome.registerHint}</small>
      </a>
      <a class="btn s" href={`/perangkat${q}`}>
        {m.welcome.addDevice}
        <small>{m.welcome.addDeviceHint}</small>
      </a>
      {ctx.hs.mac ? (
        <p>
          <a href={`/status${q}`}>{m.welcome.status}</a>
        </p>
      ) : (
        <p class="muted">{m.welcome.notFromHotspot}</p>
      )}
    </Layout>
  );
}
