// The reports' stylesheet: phone first (360 px), charts scale with the page, tables become labelled lines on a
// phone (`stack`: the same look as the admin's in web-css.ts, written here because the regency's Worker pages load
// this stylesheet alone) and the heat map's grid scrolls inside its box, and an A4 print layout for the monthly
// report. Colours meet WCAG AA on white. The period form shows only the
// chosen kind's fields (:has() on the selected option, no script; without :has() all show and still work).
export const REPORT_CSS = `
.reports{max-width:60rem;margin:0 auto;padding:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;line-height:1.45}
.reports h1{font-size:1.35rem;margin:.2rem 0 .8rem}
.reports h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
.reports nav.tabs{display:flex;flex-wrap:wrap;gap:.4rem;margin:0 0 .8rem}
.reports nav.tabs a{padding:.35rem .7rem;border:1px solid #0b5d3b;border-radius:1rem;color:#0b5d3b;text-decoration:none}
.reports nav.tabs a[aria-current=page]{background:#0b5d3b;color:#fff}
.reports form.period{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0 0 1rem}
.reports form.period label{display:flex;flex-direction:column;font-size:.9rem}
.reports form.period select,.reports form.period input,.reports form.period button{font:inherit;padding:.35rem .5rem;min-height:2.4rem}
.reports form.period input{max-width:100%;box-sizing:border-box}
.reports form.period:has(select[name=kind]) .pk{display:none}
.reports form.period:has(select[name=kind] option[value=day]:checked) .pk-day,
.reports form.period:has(select[name=kind] option[value=month]:checked) .pk-month,
.reports form.period:has(select[name=kind] option[value=year]:checked) .pk-year,
.reports form.period:has(select[name=kind] option[value=custom]:checked) .pk-custom{display:flex}
.reports .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.6rem;margin:0 0 1rem}
.reports .card{border:1px solid #cfd8d2;border-radius:.5rem;padding:.6rem .7rem;background:#fff}
.reports .card b{display:block;font-size:1.3rem}
.reports .card small{color:#47524b}
.reports .muted{color:#47524b;font-size:.92rem}
.reports .chart{margin:0 0 1rem;padding:0}
.reports .chart figcaption{font-weight:700;margin:0 0 .3rem}
.reports .chart svg{display:block;max-width:36rem;height:auto}
main.reports{padding:1rem}
.reports .chart .lbl,.reports .chart .val,.reports .chart .tick{font-size:12px;fill:#1a1a1a}
.reports .chart .tick{fill:#47524b;font-size:10px}
.reports .chart .bar{fill:#0b5d3b}
.reports .chart .grid{stroke:#d9e1dc;stroke-width:1}
.reports .chart .line{fill:none;stroke:#0b5d3b;stroke-width:2.5}
.reports .chart .dot{fill:#0b5d3b}
.reports .scroll{overflow-x:auto;max-width:100%}
.reports .report-table{margin:0 0 1.2rem}
.reports table{border-collapse:collapse;font-size:.92rem;min-width:100%}
.reports th,.reports td{border-bottom:1px solid #d9e1dc;padding:.3rem .45rem;text-align:left;white-space:nowrap}
.reports .num{text-align:right;font-variant-numeric:tabular-nums}
.reports tfoot th,.reports tfoot td{font-weight:700;border-top:2px solid #1a1a1a}
.reports .exports{display:flex;gap:1rem;flex-wrap:wrap;margin:.2rem 0 .4rem;font-size:.92rem}
.reports a{color:#0b5d3b}
.reports .summary p{margin:.25rem 0}
.reports .letterhead{display:flex;gap:.8rem;align-items:center;border-bottom:3px double #1a1a1a;padding:0 0 .5rem;margin:0 0 1rem}
.reports .letterhead svg,.reports .letterhead img{width:3.2rem;height:3.2rem}
.reports .letterhead .org{font-weight:700;font-size:1.15rem;text-transform:uppercase}
.reports .signature{margin:2rem 0 0 auto;width:16rem;text-align:center}
.reports .signature .space{height:4.5rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
@media screen and (max-width:40rem){
  .reports table.stack{min-width:0;width:100%}
  .reports table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}
  .reports table.stack tr{display:block;border-top:2px solid #cfd8d2;padding:.3rem 0}
  .reports table.stack tbody tr:first-child{border-top:0}
  .reports table.stack th[scope=row]{display:block;border:0;white-space:normal;overflow-wrap:anywhere;padding:.2rem .45rem}
  .reports table.stack td{display:grid;grid-template-columns:minmax(6.5rem,45%) minmax(0,1fr);gap:.6rem;border:0;padding:.1rem .45rem;white-space:normal;text-align:left}
  .reports table.stack td::before{content:attr(data-label);color:#47524b}
  .reports table.stack tfoot tr{border-top:2px solid #1a1a1a}
  .reports table.stack tfoot th,.reports table.stack tfoot td{border-top:0}
}
@page{size:A4;margin:16mm 14mm}
@media print{
  .reports{max-width:none;padding:0;font-size:10.5pt}
  .reports nav,.reports nav.tabs,.reports form.period,.reports .exports,.no-print{display:none}
  .reports .chart,.reports .report-table,.reports .signature{break-inside:avoid}
  .reports .scroll{overflow:visible}
  .reports .chart svg{max-width:10.5cm}
  a{color:inherit;text-decoration:none}
}`;
