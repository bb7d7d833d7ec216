// A page that says one thing and offers the next step: registration outcomes, refusals, expired forms.
import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

export interface MessageLink {
  readonly href: string;
  readonly text: string;
  readonly primary?: boolean;
}

export function MessagePage(p: {
  ctx: PageContext;
  title: string;
  text: string | readonly string[];
  links?: readonly MessageLink[];
  ok?: boolean;
  children?: Child;
}) {
  const paragraphs = typeof p.text === 'string' ? [p.text] : p.text;
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1>{p.title}</h1>
      <div class={p.ok ? 'alert ok' : 'alert'} role={p.ok ? 'status' : 'alert'}>
        {paragraphs.map((t) => (
          <p>{t}</p>
        ))}
      </div>
      {p.children}
      {(p.links ?? []).map((l) => (
        <a class={l.primary ? 'btn p' : 'btn s'} href={l.href}>
          {l.text}
        </a>
      ))}
    </Layout>
  );
}
