// /admin/voucher: the batches (with print links and a revoke for the ones still valid), then the vouchers with
// filters and pages. The list shows only the start of each code (codes are secrets; the full code is on the
// voucher's page and the print sheets, both of which leave an audit row); ticking vouchers prints a selection.

import { displayCode } from '../../domain/voucher-code.js';
import type { VoucherBatchSummary, VoucherStatus, VoucherView } from '../../services/vouchers/vouchers.js';
import { formatBytes, formatNumber } from '../../web/format.js';
import { ActionButton, Pager, TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { voucherMessages } from '../messages/vouchers.js';
import { when } from './when.js';

export const STATUS_BADGE: Record<VoucherStatus, string> = {
  unused: 'badge',
  active: 'badge ok',
  throttled: 'badge warn',
  expired: 'badge off',
  revoked: 'badge bad',
};

/** A batch's vouchers by status, in this order, naming only the statuses some hold. */
const STATUS_ORDER = Object.keys(STATUS_BADGE) as VoucherStatus[];

/** The first four symbols and dots: enough to tell cards apart, not enough to use one. */
export const maskedCode = (code: string) => `${displayCode(code).slice(0, 4)}-••••`;

export interface VoucherListFilter {
  readonly batch: string;
  readonly status: string;
  readonly page: number;
  /** The page of the batches table (20 a page, newest first). */
  readonly batchPage: number;
}

export function VouchersPage(props: {
  ctx: WebPageContext;
  batches: readonly VoucherBatchSummary[];
  vouchers: readonly VoucherView[];
  filter: VoucherListFilter;
  hasNext: boolean;
  hrefFor: (page: number) => string;
  batchesHasNext: boolean;
  batchHrefFor: (page: number) => string;
}) {
  const { ctx, filter } = props;
  const t = voucherMessages[ctx.lang];
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <p>
        <a class="btn" href="/admin/voucher/baru">
          {t.create}
        </a>
      </p>
      <h2>{t.batches}</h2>
      {props.batches.length === 0 ? (
        <p class="card">{t.noBatches}</p>
      ) : (
        <TableBox label={t.batches}>
          <table class="stack">
            <thead>
              <tr>
                <th>{t.col.batch}</th>
                <th>{t.col.plan}</th>
                <th>{t.col.validity}</th>
                <th>{t.col.price}</th>
                <th>{t.col.counts}</th>
                <th>{t.col.created}</th>
              </tr>
            </thead>
            <tbody>
              {props.batches.map((b) => {
                const live = b.counts.unused + b.counts.active;
                return (
                  <tr>
                    <td data-label={t.col.batch}>
                      <a class="nw" href={`/admin/voucher?batch=${encodeURIComponent(b.batch)}`}>
                        {b.batch}
                      </a>
                      {b.note ? <div class="muted">{b.note}</div> : null}
                      <div class="acts">
                        <a
                          class="btn s sm"
                          href={`/admin/voucher/cetak?batch=${encodeURIComponent(b.batch)}&format=a4`}
                          aria-label={t.printA4(b.batch)}
                        >
                          {t.col.print} {t.a4}
                        </a>{' '}
                        <a
                          class="btn s sm"
                          href={`/admin/voucher/cetak?batch=${encodeURIComponent(b.batch)}&format=58mm`}
                          aria-label={t.print58(b.batch)}
                        >
                          {t.col.print} {t.thermal}
                        </a>{' '}
                        {live > 0 ? (
                          <ActionButton
                            ctx={ctx}
                            action={`/admin/voucher/batch/${encodeURIComponent(b.batch)}/batalkan`}
                            label={t.revoke.batch}
                            confirm={t.revoke.confirmBatch(b.batch, live)}
                            danger
                            small
                          />
                        ) : null}
                      </div>
                    </td>
                    <td data-label={t.col.plan}>{b.planName}</td>
                    <td data-label={t.col.validity}>
                      {t.duration(b.validityS)}{' '}
                      <span class="muted">
                        {b.validityFrom === 'creation' ? t.fromCreation : t.fromFirstLogin}
                      </span>
                      {b.quotaBytes !== null ? <div>{formatBytes(b.quotaBytes, ctx.lang)}</div> : null}
                    </td>
                    <td data-label={t.col.price}>{b.price ? t.rupiah(b.price) : t.free}</td>
                    <td data-label={t.col.counts} data-counts>
                      {STATUS_ORDER.filter((s) => b.counts[s] > 0)
                        .map((s) => `${formatNumber(b.counts[s], ctx.lang)} ${t.status[s]}`)
                        .join(' · ')}
                    </td>
                    <td data-label={t.col.created}>{when(ctx, b.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      )}

      {filter.batchPage > 1 || props.batchesHasNext ? (
        <Pager
          ctx={ctx}
          page={filter.batchPage}
          hasNext={props.batchesHasNext}
          hrefFor={props.batchHrefFor}
        />
      ) : null}

      <h2>{t.vouchers}</h2>
      <form method="get" action="/admin/voucher" class="row">
        <div>
          <label for="f-batch">{t.filter.batch}</label>
          <input id="f-batch" name="batch" value={filter.batch} maxlength={40} />
        </div>
        <div>
          <label for="f-status">{t.filter.status}</label>
          <select id="f-status" name="status">
            <option value="">{t.filter.any}</option>
            {(['unused', 'active', 'throttled', 'expired', 'revoked'] as const).map((s) => (
              <option value={s} selected={filter.status === s}>
                {t.status[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button class="btn s" type="submit">
            {t.filter.show}
          </button>
        </div>
      </form>
      {props.vouchers.length === 0 ? (
        <p class="card">{t.none}</p>
      ) : (
        <form method="get" action="/admin/voucher/cetak">
          <p class="muted">{t.codeHidden}</p>
          <TableBox label={t.vouchers}>
            <table class="stack">
              <thead>
                <tr>
                  <th>{t.col.select}</th>
                  <th>{t.col.code}</th>
                  <th>{t.col.status}</th>
                  <th>{t.col.batch}</th>
                  <th>{t.col.plan}</th>
                  <th>{t.col.used}</th>
                  <th>{t.col.devices}</th>
                  <th>{t.col.ends}</th>
                </tr>
              </thead>
              <tbody>
                {props.vouchers.map((v) => (
                  <tr>
                    <td data-label={t.col.select}>
                      <input
                        type="checkbox"
                        name="id"
                        value={String(v.id)}
                        aria-label={t.selectCode(maskedCode(v.code))}
                      />
                    </td>
                    <td data-label={t.col.code}>
                      <a href={`/admin/voucher/${v.id}`}>
                        <code class="nw">{maskedCode(v.code)}</code>
                      </a>
                    </td>
                    <td data-label={t.col.status}>
                      <span class={STATUS_BADGE[v.status]}>{t.status[v.status]}</span>
                    </td>
                    <td data-label={t.col.batch}>{v.batch}</td>
                    <td data-label={t.col.plan}>{v.plan}</td>
                    <td data-label={t.col.used}>
                      {formatBytes(v.usedBytes, ctx.lang)}
                      {v.quotaBytes !== null ? ` / ${formatBytes(v.quotaBytes, ctx.lang)}` : ''}
                    </td>
                    <td data-label={t.col.devices}>
                      {v.boundMacs.length}/{v.devicesAllowed}
                    </td>
                    <td data-label={t.col.ends}>{v.expiresAt ? when(ctx, v.expiresAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <p>
            {t.printSelected}{' '}
            <button class="btn s sm" type="submit" name="format" value="a4">
              {t.a4}
            </button>{' '}
            <button class="btn s sm" type="submit" name="format" value="58mm">
              {t.thermal}
            </button>
          </p>
        </form>
      )}
      <Pager ctx={ctx} page={filter.page} hasNext={props.hasNext} hrefFor={props.hrefFor} />
    </>
  );
}
