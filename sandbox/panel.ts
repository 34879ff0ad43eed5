/**
 * The fake control panel: one HTML shell for every /manage/... path (deep links
 * work on direct load), routing client-side with history.pushState like
 * BigCommerce's single-page app. It reads its data from the unauthenticated
 * /__sandbox/panel-data endpoint, never from the API, so it needs no token.
 */

/** store-{hash}.mybigcommerce.com -> hash; anything else -> undefined. */
export function storeFromHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  const m = /^store-([a-z0-9]+)\.mybigcommerce\.com$/.exec(name);
  return m?.[1];
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#313440;background:#f6f7f9}
a{color:#3c64f4;text-decoration:none}a:hover{text-decoration:underline}
.top{height:56px;display:flex;align-items:center;gap:16px;padding:0 24px;background:#fff;border-bottom:1px solid #d9dce9}
.logo{font-weight:700;font-size:18px;letter-spacing:-.2px;color:#121118}
.store{color:#5e637a;font-size:13px;margin-left:auto}
.layout{display:flex;min-height:calc(100vh - 56px)}
.side{width:220px;background:#fff;border-right:1px solid #d9dce9;padding:16px 0}
.side a{display:block;padding:8px 24px;color:#313440}
.side a.active{color:#3c64f4;background:#f0f3ff;font-weight:600}
.side .sub{padding-left:40px;font-size:13px}
main{flex:1;padding:24px 32px;max-width:1100px}
h1{font-size:24px;font-weight:600;margin:0 0 16px}
.card{background:#fff;border:1px solid #d9dce9;border-radius:4px;padding:20px 24px;margin-bottom:16px;box-shadow:0 1px 2px rgba(49,52,64,.06)}
.card h2{font-size:16px;margin:0 0 12px}
.tabs{display:flex;gap:0;border-bottom:1px solid #d9dce9;margin-bottom:16px}
.tabs a{padding:10px 16px;color:#5e637a;border-bottom:2px solid transparent}
.tabs a.active{color:#3c64f4;border-bottom-color:#3c64f4;font-weight:600}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:10px 12px;border-bottom:1px solid #eceef5}
th{font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:#5e637a;font-weight:600}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;background:#e7f5ec;color:#208831}
.btn{display:inline-block;background:#3c64f4;color:#fff;border:0;border-radius:4px;padding:8px 16px;font-weight:600;cursor:pointer}
.btn.secondary{background:#fff;color:#3c64f4;border:1px solid #3c64f4}
label{display:block;font-weight:600;margin:12px 0 4px}
input[type=text]{width:100%;max-width:480px;padding:8px 10px;border:1px solid #b4bad1;border-radius:4px;font:inherit}
.muted{color:#5e637a}
.crumbs{font-size:13px;margin-bottom:8px}
#content-iframe{width:100%;min-height:640px;border:0;background:#f6f7f9}
body.embedded .top,body.embedded .side{display:none}
body.embedded .layout{min-height:0}
`;

/** Plain DOM JS, no external resources; BOOT is injected by the server. */
const JS = `
(function(){
  var app = document.getElementById('app');
  var params = new URLSearchParams(location.search);
  if (params.get('embedded') === '1') document.body.classList.add('embedded');
  var esc = function(s){ return String(s).replace(/[&<>"']/g, function(c){ return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]; }); };
  var BASE = '/manage/marketing/promotions';
  function load(){
    return fetch('/__sandbox/panel-data?store=' + encodeURIComponent(BOOT.store)).then(function(r){ return r.json(); });
  }
  function typeLabel(p){
    if (p.redemption_type === 'AUTOMATIC') return 'Automatic';
    return p.coupon_type === 'BULK' ? 'Coupon (bulk codes)' : 'Coupon (single code)';
  }
  function setNav(path){
    var links = document.querySelectorAll('.side a');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute('href');
      links[i].classList.toggle('active', href === BASE ? path.indexOf(BASE) === 0 : path === href);
    }
  }
  function renderList(tab){
    document.title = 'Promotions · BigCommerce';
    app.innerHTML = '<h1>Promotions</h1><p class="muted">Loading…</p>';
    load().then(function(d){
      var rows = d.promotions.filter(function(p){ return tab === 'automatic' ? p.redemption_type === 'AUTOMATIC' : p.redemption_type === 'COUPON'; });
      app.innerHTML = '<h1>Promotions</h1>' +
        '<nav class="tabs" role="tablist">' +
          '<a href="' + BASE + '?tab=automatic" class="' + (tab === 'automatic' ? 'active' : '') + '" role="tab" data-tab="automatic">Automatic</a>' +
          '<a href="' + BASE + '?tab=coupon" class="' + (tab !== 'automatic' ? 'active' : '') + '" role="tab" data-tab="coupon">Coupon</a>' +
        '</nav>' +
        '<div class="card"><table><thead><tr><th>Name</th><th>Type</th><th>Codes</th><th>Status</th><th></th></tr></thead><tbody>' +
        rows.map(function(p){
          return '<tr data-promotion-id="' + p.id + '"><td><a href="' + BASE + '/' + p.id + '/edit">' + esc(p.name) + '</a></td>' +
            '<td>' + typeLabel(p) + '</td><td>' + (p.redemption_type === 'COUPON' ? p.codes : '—') + '</td>' +
            '<td><span class="badge">' + esc(p.status) + '</span></td>' +
            '<td><a href="' + BASE + '/' + p.id + '/legacy" class="muted">Legacy view</a></td></tr>';
        }).join('') +
        (rows.length ? '' : '<tr><td colspan="5" class="muted">No promotions.</td></tr>') +
        '</tbody></table></div>';
    });
  }
  function renderEdit(id){
    app.innerHTML = '<p class="muted">Loading…</p>';
    load().then(function(d){
      var p = d.promotions.filter(function(x){ return String(x.id) === id; })[0];
      if (!p) { app.innerHTML = '<h1>Promotion not found</h1><p><a href="' + BASE + '">Back to promotions</a></p>'; return; }
      document.title = 'Edit ' + p.name + ' · BigCommerce';
      app.innerHTML = '<div class="crumbs"><a href="' + BASE + '">Promotions</a> / Edit</div>' +
        '<h1 id="promotion-name">' + esc(p.name) + '</h1>' +
        '<div class="card" data-promotion-id="' + p.id + '"><h2>Promotion details</h2>' +
          '<label for="name">Promotion name</label><input type="text" id="name" value="' + esc(p.name) + '">' +
          '<label>Type</label><div id="promotion-type" data-redemption-type="' + p.redemption_type + '" data-coupon-type="' + (p.coupon_type || '') + '">' + typeLabel(p) + '</div>' +
          '<label>Status</label><div><span class="badge">' + esc(p.status) + '</span></div>' +
        '</div>' +
        (p.redemption_type === 'COUPON' ?
          '<div class="card" id="coupon-codes"><h2>Coupon codes</h2><p><span id="code-count">' + p.codes + '</span> code(s)</p>' +
          (p.coupon_type === 'BULK' ? '<button class="btn secondary" type="button" disabled>Generate codes</button>' : '') + '</div>' : '') +
        '<div><button class="btn" type="button">Save</button></div>';
    });
  }
  function renderLegacy(id){
    document.title = 'Promotion (legacy) · BigCommerce';
    app.innerHTML = '<div class="crumbs"><a href="' + BASE + '">Promotions</a> / Legacy editor</div>' +
      '<iframe id="content-iframe" title="Promotion editor" src="' + BASE + '/' + encodeURIComponent(id) + '/edit?embedded=1"></iframe>';
  }
  function renderOther(path){
    document.title = 'BigCommerce';
    app.innerHTML = '<h1>Control panel</h1><div class="card"><p class="muted">This page (' + esc(path) + ') is not part of the sandbox.</p>' +
      '<p><a href="' + BASE + '">Go to promotions</a></p></div>';
  }
  function render(){
    var path = location.pathname.replace(/\\/+$/, '') || '/';
    setNav(path);
    var m;
    if (path === BASE) renderList(new URLSearchParams(location.search).get('tab') || 'coupon');
    else if ((m = /^\\/manage\\/marketing\\/promotions\\/([^/]+)\\/edit$/.exec(path))) renderEdit(m[1]);
    else if ((m = /^\\/manage\\/marketing\\/promotions\\/([^/]+)\\/legacy$/.exec(path))) renderLegacy(m[1]);
    else renderOther(path);
  }
  document.addEventListener('click', function(e){
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a || a.target) return;
    var url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf('/manage') !== 0) return;
    e.preventDefault();
    var keep = params.get('embedded') === '1' ? (url.search ? '&' : '?') + 'embedded=1' : '';
    history.pushState({}, '', url.pathname + url.search + keep);
    render();
  });
  window.addEventListener('popstate', render);
  render();
})();
`;

function navLink(href: string, text: string, sub = false): string {
  return `<a href="${href}"${sub ? ' class="sub"' : ''}>${text}</a>`;
}

export function panelHtml(storeHash: string): string {
  // JSON in a script: escape '<' so that no data can close the script element.
  const boot = JSON.stringify({ store: storeHash }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>BigCommerce</title>
<style>${CSS}</style>
</head>
<body>
<header class="top"><span class="logo">BigCommerce</span><span class="store">store-${storeHash}</span></header>
<div class="layout">
<nav class="side" aria-label="Main">
${navLink('/manage/dashboard', 'Home')}
${navLink('/manage/orders', 'Orders')}
${navLink('/manage/products', 'Products')}
${navLink('/manage/customers', 'Customers')}
${navLink('/manage/storefront', 'Storefront')}
${navLink('/manage/marketing', 'Marketing')}
${navLink('/manage/marketing/promotions', 'Promotions', true)}
${navLink('/manage/analytics', 'Analytics')}
${navLink('/manage/settings', 'Settings')}
</nav>
<main id="app"></main>
</div>
<script>var BOOT = ${boot};${JS}</script>
</body>
</html>`;
}
