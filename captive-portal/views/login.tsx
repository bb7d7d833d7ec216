// The tiny page that logs the phone in: a form for the router's /login with the device's user name and the
// CHAP answer, posted at once by a one-line script, with a button for browsers without script.
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

export function LoginPage(p: {
  ctx: PageContext;
  action: string;
  username: string;
  password: string;
  dst: string | undefined;
}) {
  const { ctx } = p;
  const { m } = ctx;
  return (
    <Layout ctx={ctx} title={m.login.heading} script="document.getElementById('login').submit()">
      <h1>{m.login.heading}</h1>
      <p>{m.login.intro}</p>
      <form id="login" method="post" action={p.action}>
        <input type="hidden" name="username" value={p.username} />
        <input type="hidden" name="password" value={p.password} />
        <input type="hidden" name="dst" value={p.dst ?? ''} />
        <input type="hidden" name="popup" value="false" />
        <button class="btn p" type="submit">
          {m.login.button}
        </button>
      </form>
    </Layout>
  );
}
