// The plan's device count is full: the resident's devices, each with when it was last used and a button that
// removes it, after which this phone is connected in its place.

import type { PortalDevice } from '../../src/services/portal/registration.js';
import { formatDateTime } from '../format.js';
import { HiddenFields } from './fields.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

export function DevicesFullPage(p: {
  ctx: PageContext;
  planName: string;
  devicesAllowed: number;
  devices: readonly PortalDevice[];
  label?: string | undefined;
}) {
  const { ctx } = p;
  const { m } = ctx;
  return (
    <Layout ctx={ctx} title={m.full.heading}>
      <h1>{m.full.heading}</h1>
      <div class="alert" role="alert">
        <p>{m.full.intro(p.planName, p.devicesAllowed)}</p>
      </div>
      <ul class="d card">
        {p.devices.map((d) => {
          const name = d.label ?? m.full.unnamed;
          return (
            <li>
              <b>{name}</b>
              <br />
              <span class="muted">{`${m.full.lastSeen}: ${formatDateTime(d.last_seen_at, ctx.timeZone, m)}`}</span>
              <form method="post" action="/perangkat/hapus">
                <HiddenFields ctx={ctx} />
                <input type="hidden" name="device" value={String(d.id)} />
                {p.label ? <input type="hidden" name="label" value={p.label} /> : null}
                <button class="btn s" type="submit">
                  {m.full.remove(name)}
                </button>
              </form>
            </li>
          );
        })}
      </ul>
      <a class="btn s" href={`/${ctx.q}`}>
        {m.full.keep}
      </a>
    </Layout>
  );
}
