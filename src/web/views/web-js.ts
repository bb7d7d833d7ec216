// The admin and report pages' one script (/admin/static/web.js): small enhancements over pages that work without
// it. A form with data-confirm asks before it is sent (without script, the server asks on a page of its own);
// an element with data-refresh="N" is fetched again every N seconds and swapped in place while the tab is visible.
export const WEB_JS = `
(function () {
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var text = form.getAttribute && form.getAttribute('data-confirm');
    if (!text) return;
    if (!window.confirm(text)) { e.preventDefault(); return; }
    var yes = document.createElement('input');
    yes.type = 'hidden'; yes.name = 'confirm'; yes.value = '1';
    form.appendChild(yes);
  });
  var live = document.querySelector('[data-refresh]');
  if (!live) return;
  var seconds = Math.max(5, Number(live.getAttribute('data-refresh')) || 30);
  function refresh() {
    if (document.visibilityState !== 'visible') return;
    var active = document.activeElement;
    if (active && /INPUT|SELECT|TEXTAREA/.test(active.tagName)) return;
    fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-refresh]');
        // The work it followed has ended (the new page no longer refreshes): show that page whole.
        if (!next) { location.reload(); return; }
        live.innerHTML = next.innerHTML;
      })
      .catch(function () {});
  }
  setInterval(refresh, seconds * 1000);
})();
`;
