// The demo shop's own script (not Shelfwise): its cart, its client-side search over the
// generated catalog, the order confirmation, and the "reset my profile" button, which talks
// to Shelfwise through the documented queue. Runs before Shelfwise starts (end of <body>).
(function () {
  'use strict';
  var catalog = JSON.parse(document.getElementById('catalog').textContent);
  var CART_KEY = 'demo-shop:cart';
  var cart = JSON.parse(localStorage.getItem(CART_KEY) || '[]');
  var byId = function (id) { return document.getElementById(id); };
  var el = function (tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  };
  var saveCart = function () {
    localStorage.setItem(CART_KEY, JSON.stringify(cart));
    byId('cart-count').textContent = String(cart.length);
  };
  saveCart();

  document.addEventListener('click', function (e) {
    var add = e.target.closest('button.add');
    if (!add) return;
    cart.push(add.getAttribute('data-sw-add-to-cart'));
    saveCart();
    add.textContent = 'Added ✓';
  });

  // A product card, the same markup the server renders (textContent only).
  function card(id, item, score) {
    var li = el('li', '', { 'data-sw-id': id, 'data-sw-name': item.name, 'data-sw-category': item.category, 'data-sw-score': String(score) });
    var a = el('a', '', { href: item.url });
    a.append(el('span', item.name, { class: 'name' }));
    li.append(a, el('span', item.category + ' · ' + item.price, { class: 'meta' }));
    return li;
  }

  // Search: every query word must start a word of the name or category; relevance is the
  // number of words matched in the name, then popularity. Shelfwise only reorders the result.
  var results = document.querySelector('[data-sw-list="search"]');
  if (results) {
    var q = new URLSearchParams(location.search).get('q') || '';
    var words = q.toLowerCase().split(/\s+/).filter(Boolean);
    document.querySelector('input[name=q]').value = q;
    var hits = Object.keys(catalog).map(function (id) {
      var item = catalog[id];
      var name = item.name.toLowerCase().split(/\W+/);
      var all = name.concat(item.category.toLowerCase().split(/\W+/));
      var ok = words.length > 0 && words.every(function (w) { return all.some(function (t) { return t.startsWith(w); }); });
      var score = words.filter(function (w) { return name.some(function (t) { return t.startsWith(w); }); }).length;
      return { id: id, item: item, ok: ok, score: score };
    }).filter(function (h) { return h.ok; });
    hits.sort(function (a, b) { return b.score - a.score || b.item.popularity - a.item.popularity || a.id - b.id; });
    byId('search-note').textContent = hits.length + ' results for “' + q + '”';
    results.append.apply(results, hits.map(function (h) { return card(h.id, h.item, h.score); }));
  }

  var lines = byId('cart-lines');
  if (lines) {
    cart.forEach(function (id) { if (catalog[id]) lines.append(el('li', catalog[id].name + ' · ' + catalog[id].price)); });
    if (!cart.length) lines.append(el('li', 'Your cart is empty.'));
    byId('place-order').href = 'order.html?items=' + encodeURIComponent(cart.join(','));
    // "Frequently bought together" is about the item added last (else Shelfwise's default).
    var together = document.querySelector('[data-sw-slot="bought-together"]');
    if (together && cart.length) together.setAttribute('data-sw-item', cart[cart.length - 1]);
  }

  // Order confirmation: the purchased lines carry data-sw-id for Shelfwise's purchase tracking.
  var order = byId('order-lines');
  if (order) {
    var ids = (new URLSearchParams(location.search).get('items') || '').split(',').filter(function (id) { return catalog[id]; });
    ids.forEach(function (id) {
      order.append(el('li', catalog[id].name + ' · ' + catalog[id].price, { 'data-sw-id': id, 'data-sw-category': catalog[id].category, 'data-sw-quantity': '1' }));
    });
    cart = []; saveCart();
  }

  window.shelfwise = window.shelfwise || [];
  window.shelfwise.push(function (sw) {
    var status = byId('profile-status');
    var show = function () {
      var p = sw.engine.profile();
      status.textContent = p.events ? 'Profile: ' + p.events + ' events, ' + p.interests.length + ' interests' : 'New shopper';
    };
    show();
    byId('reset-profile').addEventListener('click', function () { sw.engine.reset(); sw.auto.refresh(); show(); });

    // The shopper panel and the "why am I seeing this?" buttons (www/shelfwise-panel.js, loaded
    // only by the pages that show them). A change made there re-ranks the page's lists.
    if (!window.shelfwisePanel) return;
    document.querySelectorAll('shelfwise-panel').forEach(function (panel) {
      panel.itemName = function (id) { return catalog[id] ? catalog[id].name : id; };
    });
    window.shelfwisePanel.connect(sw.engine);
    document.addEventListener('shelfwise-change', function (e) {
      sw.auto.refresh();
      if (e.target.localName !== 'shelfwise-panel') window.shelfwisePanel.refresh();
      show();
    });
  });
})();
