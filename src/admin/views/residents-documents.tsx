// Pages to print for the resident: the registration slip (how to connect, what to keep secret; never the NIK
// in full, never the PIN) and the copy of their data (UU PDP), which also downloads as JSON.

import type { ResidentCard, ResidentExport } from '../../services/accounts/resident-record.js';
import { formatBytes } from '../../web/format.js';
import { TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { ResidentsMessages } from '../messages/residents.js';
import { AccountList, RosterEntryList } from './residents-card.js';
import { dateTime } from './residents-format.js';

export function SlipPage(props: { ctx: WebPageContext; t: ResidentsMessages; card: ResidentCard }) {
  const { ctx, t, card } = props;
  const a = card.account;
  return (
    <>
      <p class="noprint">
        <a href={`/admin/warga/${card.resident.id}`}>{t.back}</a>
      </p>
      <h1>
        {t.slipTitle} · {ctx.village}
      </h1>
      <div class="card">
        <dl class="kv">
          <dt>{t.slipFor}</dt>
          <dd>{card.resident.name}</dd>
          <dt>{t.nik}</dt>
          <dd>{card.resident.nik_masked}</dd>
          <dt>{t.plan}</dt>
          <dd>{a?.plan_name ?? t.never}</dd>
          <dt>{t.registeredAt}</dt>
          <dd>{dateTime(ctx, a?.created_at ?? ctx.now)}</dd>
        </dl>
        <h2>{t.slipHowTitle}</h2>
        <ol>
          {t.slipHow.map((line) => (
            <li>{line}</li>
          ))}
        </ol>
        <h2>{t.slipSecretTitle}</h2>
        <ul>
          {t.slipSecret.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
        <p>{t.slipPinLine}</p>
        <p class="secret">______ ______</p>
      </div>
      <p class="noprint muted">{t.slipPrintHint}</p>
    </>
  );
}

export function ExportPage(props: { ctx: WebPageContext; t: ResidentsMessages; data: ResidentExport }) {
  const { ctx, t, data } = props;
  const c = t.sessionColumns;
  return (
    <>
      <p class="noprint">
        <a href={`/admin/warga/${data.resident.id}`}>{t.back}</a>
      </p>
      <h1>{t.exportTitle(data.resident.name)}</h1>
      <p>{t.exportIntro(dateTime(ctx, data.generated_at))}</p>
      <section class="card">
        <h2>{t.identity}</h2>
        <RosterEntryList ctx={ctx} t={t} card={data} />
      </section>
      <section class="card">
        <h2>{t.account}</h2>
        <AccountList ctx={ctx} t={t} card={data} />
      </section>
      {data.account && data.account.devices.length > 0 ? (
        <TableBox>
          <table class="stack">
            <caption>{t.devices}</caption>
            <thead>
              <tr>
                <th scope="col">{t.deviceColumns.label}</th>
                <th scope="col">{t.deviceColumns.mac}</th>
                <th scope="col">{t.deviceColumns.lastSeen}</th>
                <th scope="col" class="n">
                  {t.deviceColumns.usage}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.account.devices.map((d) => (
                <tr>
                  <td data-label={t.deviceColumns.label}>{d.label ?? t.unnamed}</td>
                  <td data-label={t.deviceColumns.mac}>{d.mac}</td>
                  <td data-label={t.deviceColumns.lastSeen}>{dateTime(ctx, d.last_seen_at)}</td>
                  <td data-label={t.deviceColumns.usage} class="n">
                    {formatBytes(d.bytes_this_month, ctx.lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : null}
      <TableBox>
        <table class="stack">
          <caption>{t.sessions}</caption>
          <thead>
            <tr>
              <th scope="col">{c.started}</th>
              <th scope="col">{c.stopped}</th>
              <th scope="col">{c.router}</th>
              <th scope="col">{c.mac}</th>
              <th scope="col">{c.ip}</th>
              <th scope="col" class="n">
                {c.down}
              </th>
              <th scope="col" class="n">
                {c.up}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.sessions.map((s) => (
              <tr>
                <td data-label={c.started}>{dateTime(ctx, s.started_at)}</td>
                <td data-label={c.stopped}>{s.stopped_at ? dateTime(ctx, s.stopped_at) : t.stillOn}</td>
                <td data-label={c.router}>{s.router}</td>
                <td data-label={c.mac}>{s.mac ?? t.never}</td>
                <td data-label={c.ip}>{s.ip ?? t.never}</td>
                <td data-label={c.down} class="n">
                  {formatBytes(s.download_bytes, ctx.lang)}
                </td>
                <td data-label={c.up} class="n">
                  {formatBytes(s.upload_bytes, ctx.lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      {data.sessions_truncated ? <p class="muted">{t.sessionsTruncated(data.sessions.length)}</p> : null}
    </>
  );
}
