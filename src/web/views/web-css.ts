// The admin and report pages' one stylesheet, served as a file (/admin/static/web.css) so phones cache it.
// Sizes in rem so pages follow the phone's text size; colours meet WCAG AA contrast on their backgrounds; tables
// scroll sideways inside their box, and tables marked `stack` become labelled rows at 360 px; print drops the navigation.
export const WEB_CSS = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45;color:#1a1a1a;
  background:#f3f5f3;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:#0b5d3b}
.skip{position:absolute;left:-999px}
.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:9}
header.top{background:#0b5d3b;color:#fff;padding:.4rem 1rem;display:flex;align-items:center;gap:.4rem 1rem;
  flex-wrap:wrap}
header.top .v{font-weight:700;font-size:1.05rem;flex:1 1 10rem}
header.top a,header.top button{color:#fff}
header.top .who{font-size:.9rem;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}
header.top form{margin:0}
.linkbtn{background:none;border:0;padding:.3rem 0;font:inherit;text-decoration:underline;cursor:pointer;color:inherit}
nav.main{background:#084a2f;overflow-x:auto}
nav.main ul{list-style:none;margin:0 auto;padding:0 .5rem;display:flex;flex-wrap:wrap;gap:.1rem;max-width:80rem}
nav.main a{display:block;color:#fff;padding:.6rem .7rem;text-decoration:none;white-space:nowrap;font-size:.95rem}
nav.main a[aria-current=page]{background:#f3f5f3;color:#0b5d3b;font-weight:700;border-radius:.3rem .3rem 0 0}
main{max-width:80rem;margin:0 auto;padding:1rem}
main.narrow{max-width:30rem}
h1{font-size:1.45rem;line-height:1.25;margin:.3rem 0 1rem}
h2{font-size:1.15rem;margin:1.2rem 0 .5rem}
.card{background:#fff;border:1px solid #cfd8d2;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,10rem),1fr));gap:.75rem;margin:0 0 1rem}
/* Cards of label/value lists: one column on a phone, where two squeeze their values into narrow lines. */
.grid.wide{grid-template-columns:repeat(auto-fill,minmax(min(100%,18rem),1fr))}
.grid .card{margin:0;padding:.75rem}
.stat{font-size:1.5rem;font-weight:700;margin:.2rem 0;line-height:1.2}
.muted{color:#47524b;font-size:.92rem}
label{display:block;font-weight:700;margin:.9rem 0 .2rem}
.hint{display:block;font-size:.9rem;color:#47524b;font-weight:400;margin:0 0 .2rem}
input,select,textarea{font:inherit;font-size:1rem;padding:.5rem .6rem;border:2px solid #56655b;border-radius:.35rem;
  background:#fff;color:#111;max-width:100%}
input[type=text],input[type=password],input[type=search],input[type=number],input[type=email],select,textarea{
  width:100%}
input:disabled{background:#eef2ef;color:#47524b;border-style:dashed}
input[aria-invalid=true],select[aria-invalid=true]{border-color:#a10e16;border-width:3px}
:focus-visible{outline:3px solid #e0a800;outline-offset:2px}
.err{color:#a10e16;font-weight:700;margin:.2rem 0}
.btn{display:inline-block;font:inherit;font-weight:700;padding:.55rem 1rem;border-radius:.4rem;border:2px solid #0b5d3b;
  background:#0b5d3b;color:#fff;text-decoration:none;cursor:pointer;margin:.6rem .4rem 0 0}
.btn.s{background:#fff;color:#0b5d3b}
.btn.d{background:#a10e16;border-color:#a10e16;color:#fff}
.btn.sm{padding:.25rem .6rem;font-size:.9rem;margin:0}
.row{display:flex;gap:.6rem;flex-wrap:wrap;align-items:flex-end}
.row>*{flex:1 1 10rem}
.row>.btn,.row>button{flex:0 0 auto}
.alert{border-left:.4rem solid #a10e16;background:#fdecec;padding:.7rem 1rem;margin:0 0 1rem;border-radius:.3rem}
.alert.ok{border-left-color:#0b5d3b;background:#e7f4ec}
.alert.info{border-left-color:#1f5fa8;background:#e8f0fa}
.alert p{margin:.2rem 0}
.tw{overflow-x:auto;background:#fff;border:1px solid #cfd8d2;border-radius:.5rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:700;padding:.6rem .7rem}
th,td{padding:.45rem .7rem;border-top:1px solid #e1e7e3;text-align:left;vertical-align:top}
th{background:#eef2ef;font-weight:700;white-space:nowrap}
td.w{min-width:13rem}
td.n{white-space:nowrap}
ul.history{list-style:none;padding:0;margin:0 0 1rem}ul.history li{margin:.25rem 0}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:1rem;font-size:.85rem;font-weight:700;
  border:1px solid currentColor}
.badge.ok{color:#0b5d3b}.badge.bad{color:#a10e16}.badge.warn{color:#7a4d00}.badge.off{color:#47524b}
nav.pager{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:.5rem 0 1rem}
dl.kv{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.3rem 1rem;margin:0}
dl.kv dt{font-weight:700}
dl.kv dd{margin:0}
.secret{font-family:ui-monospace,monospace;font-size:1.3rem;letter-spacing:.08em;background:#fff8e1;
  padding:.3rem .6rem;border-radius:.3rem;display:inline-block}
svg.qr{width:14rem;max-width:100%;height:auto;display:block;margin:.5rem 0}
ol.codes{columns:2;column-gap:1rem;padding-left:1.5rem}
ol.codes .secret{font-size:1rem;margin:.15rem 0}
p.check{display:flex;flex-wrap:wrap;gap:.2rem .5rem;align-items:center;margin:.9rem 0 0}
p.check label{margin:0;display:inline;flex:1 1 0}
p.check input{width:1.3rem;height:1.3rem;margin:0}
p.check .hint{flex-basis:100%}
progress{width:100%;height:1.4rem}
details{margin:1rem 0}
summary{cursor:pointer;font-weight:700;color:#0b5d3b;padding:.3rem 0}
.stats .card{margin:0}
label.check{font-weight:400;display:flex;gap:.5rem;align-items:center}
ol.changes{padding-left:1.4rem}ol.changes li{margin:.3rem 0;overflow-wrap:anywhere}ol.changes li.done{color:#0b5d3b}
ol.changes li.bad{color:#a10e16}
.nw{white-space:nowrap}
.acts{display:flex;flex-wrap:wrap;gap:.3rem;margin-top:.4rem}
footer.bottom{max-width:80rem;margin:0 auto;padding:1rem;font-size:.9rem;color:#47524b}
@media (max-width:40rem){
  main{padding:.75rem}
  dl.kv{grid-template-columns:1fr}
  dl.kv dd{margin-bottom:.4rem}
  table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  table.stack tr{display:block;border-top:2px solid #cfd8d2;padding:.35rem 0}
  table.stack tr:first-child{border-top:0}
  table.stack td{display:grid;grid-template-columns:minmax(6.5rem,36%) minmax(0,1fr);gap:.15rem .6rem;border:0;padding:.2rem .7rem;white-space:normal;overflow-wrap:anywhere}
  table.stack td::before{content:attr(data-label);font-weight:700;color:#47524b}
  table.stack td.n{text-align:left}
  table.stack td.w{min-width:0}
  table.stack td>*{justify-self:start;grid-column:2;max-width:100%}
}
@media print{
  header.top,nav.main,.noprint,footer.bottom{display:none}
  html{background:#fff}
  .card,.tw{border:0}
}
`;
