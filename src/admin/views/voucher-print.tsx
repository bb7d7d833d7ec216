// Voucher cards to print: an A4 sheet of 3 × 8 cards (cut along the lines) and a 58 mm thermal-printer roll (one
// card under the other, as kiosk receipt printers print). Each card carries the village, the plan, the
// validity, the price if any, the code in groups of four, and a QR code of the card's link
// (`<portal>/voucher?code=…`): the portal is in the hotspot's walled garden, so a phone on the hotspot that is not
// logged in yet can open it, and the portal logs it in through the router (see captive-portal/routes/voucher).
// A standalone document: its stylesheet inline, the QR drawn as inline SVG, nothing loaded from elsewhere.
import { raw } from 'hono/html';
import { displayCode } from '../../domain/voucher-code.js';
import type { VoucherView } from '../../services/vouchers/vouchers.js';
import { formatBytes } from '../../web/format.js';
import type { Lang } from '../../web/lang.js';
import { voucherMessages } from '../messages/vouchers.js';
import { QrCode } from './qr-code.js';

export type PrintLayout = 'a4' | '58mm';

/** The link a card's QR holds: the portal's voucher page with the code, which logs the phone in. */
export const voucherLink = (portalUrl: string, code: string) =>
  `${portalUrl}/voucher?code=${encodeURIComponent(code)}`;

const PRINT_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#000;background:#fff}
.bar{padding:12px 16px;background:#f1f5f4;border-bottom:1px solid #cfd8d6;font-size:15px}
.bar p{margin:.3em 0}.bar a{color:#064e3b}.bar .warn{color:#8a1c1c}
.bar button{font:inherit;padding:.45em 1.2em;border-radius:6px;border:1px solid #064e3b;background:#065f46;color:#fff}
.card{break-inside:avoid;page-break-inside:avoid;overflow:hidden}
.card h2{margin:0;font-size:10pt;line-height:1.15}
.card .meta{margin:.4mm 0 0;font-size:7.5pt;line-height:1.25}
.card .code{font:700 13pt/1.1 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;letter-spacing:.04em;margin:1mm 0 0}
.card .price{font-weight:700;font-size:9pt;margin:.4mm 0 0}
.card .codel{font-size:6.5pt;margin:.8mm 0 0;text-transform:uppercase;letter-spacing:.05em}
.card .how{font-size:6.3pt;line-height:1.2;margin:.8mm 0 0}
.qr{display:block}
/* A4: 3 columns × 8 rows, 64 × 35 mm, cut along the dashed lines. */
.a4 .sheet{display:grid;grid-template-columns:repeat(3,64mm);grid-auto-rows:35mm;justify-content:safe center;padding:8mm 0}
.a4 .card{border:.2mm dashed #777;padding:1.5mm 2mm;display:grid;grid-template-columns:22mm 1fr;grid-template-rows:1fr auto;column-gap:2mm;align-items:center}
.a4 .card .how{grid-column:1/3;margin:.6mm 0 0}
.a4 .card .meta{font-size:7pt}
.a4 .qr{width:22mm;height:22mm}
.a4 .card .codel{display:none}
@media print{.a4 .sheet{padding:0}}
/* 58 mm roll: one card under the other, 48 mm printable, a cut line between. */
.t58 .sheet{width:48mm;margin:0 auto;padding:2mm 0}
.t58 .card{padding:3mm 0 4mm;border-bottom:.3mm dashed #000;text-align:center}
.t58 .card h2{font-size:11pt}.t58 .card .meta{font-size:8.5pt}
.t58 .card .code{font-size:15pt}.t58 .card .price{font-size:13pt}.t58 .card .how{font-size:7.5pt}
.t58 .qr{width:34mm;height:34mm;margin:2mm auto 0}
@media print{.bar{display:none}}
`;

const PAGE_CSS: Record<PrintLayout, string> = {
  a4: '@page{size:A4;margin:8mm}',
  '58mm': '@page{size:58mm auto;margin:0}',
};

function Card(props: {
  v: VoucherView;
  lang: Lang;
  village: string;
  portalUrl: string;
  until: (ms: number) => string;
}) {
  const { v } = props;
  const t = voucherMessages[props.lang];
  const validity =
    v.validityFrom === 'creation' && v.expiresAt !== null
      ? `${t.card.until} ${props.until(v.expiresAt)}`
      : `${t.duration(v.validityS)} ${t.card.afterFirst}`;
  const code = displayCode(v.code);
  return (
    <article class="card" data-voucher={String(v.id)}>
      <QrCode text={voucherLink(props.portalUrl, v.code)} label={t.card.qr(code)} link />
      <div>
        <h2>{t.card.heading(props.village)}</h2>
        <p class="meta">
          {t.card.plan} {v.plan}
          {v.quotaBytes !== null ? ` · ${t.card.quota} ${formatBytes(v.quotaBytes, props.lang)}` : ''}
        </p>
        <p class="meta">
          {t.card.validity} {validity}
        </p>
        {v.price ? <p class="price">{t.rupiah(v.price)}</p> : null}
        <p class="codel">{t.card.code}</p>
        <p class="code">{code}</p>
        {v.password ? (
          <p class="meta">
            {t.one.password}: <b>{v.password}</b>
          </p>
        ) : null}
      </div>
      <p class="how">{t.card.how}</p>
    </article>
  );
}

export function VoucherPrintDocument(props: {
  lang: Lang;
  title: string;
  layout: PrintLayout;
  vouchers: readonly VoucherView[];
  village: string;
  portalUrl: string;
  portalUrlSet: boolean;
  nonce: string;
  until: (ms: number) => string;
}) {
  const t = voucherMessages[props.lang];
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{props.title}</title>
        <link rel="icon" href="data:," />
        <style nonce={props.nonce}>{raw(PRINT_CSS + PAGE_CSS[props.layout])}</style>
      </head>
      <body class={props.layout === 'a4' ? 'a4' : 't58'}>
        <div class="bar">
          <p>
            <a href="/admin/voucher">{t.print.back}</a>
          </p>
          <p>{t.print.help}</p>
          {props.portalUrlSet ? null : <p class="warn">{t.print.portalMissing}</p>}
          <p>
            <button type="button" id="cetak">
              {t.print.print}
            </button>
          </p>
        </div>
        <main class="sheet">
          {props.vouchers.length === 0 ? <p>{t.print.none}</p> : null}
          {props.vouchers.map((v) => (
            <Card
              v={v}
              lang={props.lang}
              village={props.village}
              portalUrl={props.portalUrl}
              until={props.until}
            />
          ))}
        </main>
        <script nonce={props.nonce}>
          {raw("document.getElementById('cetak').onclick=function(){window.print()};")}
        </script>
      </body>
    </html>
  );
}
