// Test page for shopping moments: tracks views and add-to-cart, asks for a trigger at each
// moment, and ranks the grid (server order in the holdout arm). Query options: ?holdout=0.5
import init, { Engine } from '/pkg/shelfwise.js';

const params = new URLSearchParams(location.search);
const grid = document.getElementById('grid');
const serverOrder = [...grid.children];

// The shop's public, aggregate data: offers per category, guides by tag, bought-together pairs.
const offers = { shoes: '10% off running shoes with code RUN10' };
const content = [
  { id: 'guide-trail', tags: ['trail'], title: 'Choosing trail shoes', url: '/guides/trail.html' },
  { id: 'guide-run', tags: ['running'], title: 'Your first 10k', url: '/guides/10k.html' },
];
const boughtTogether = { p1: [{ id: 'p7', name: 'Wool socks' }, { id: 'p3', name: 'Sun hat' }] };

function itemOf(li) {
  const tags = li.dataset.tags ? [li.dataset.tags] : [];
  return { id: li.dataset.id, category: [li.dataset.category], price: Number(li.dataset.price), tags };
}

await init();
const engine = new Engine({
  namespace: 'moments-test',
  moments: { holdoutShare: Number(params.get('holdout') || 0) },
});

function rerank() {
  grid.append(...serverOrder);
  const byId = new Map(serverOrder.map((li) => [li.dataset.id, li]));
  const order = engine.rank(serverOrder.map(itemOf), { context: 'grid' });
  grid.append(...order.map((id) => byId.get(id)));
}

grid.addEventListener('click', (e) => {
  const li = e.target.closest('li');
  if (!li || e.target.tagName !== 'BUTTON') return;
  const item = itemOf(li);
  const view = e.target.classList.contains('view');
  engine.track(view ? { type: 'view_item', item } : { type: 'add_to_cart', items: [item] });
  // Reordering moves the nodes; keep the shopper's focus where it was.
  rerank();
  e.target.focus();
  // The panel appears without taking focus.
  engine.showTrigger(view ? { offers } : { added: [item.id], crossSell: boughtTogether[item.id] || [] });
});

rerank();
// "Welcome back" slot: where a returning shopper left off (names from the server's grid).
for (const id of engine.welcomeBack(3)) {
  const li = document.createElement('li');
  li.dataset.id = id;
  li.textContent = serverOrder.find((el) => el.dataset.id === id)?.querySelector('strong').textContent ?? id;
  document.getElementById('left-off').append(li);
}
// On arrival: a cart reminder, a hesitation offer or a guide, whichever is eligible first.
engine.showTrigger({ offers, content });
document.getElementById('status').textContent = `Ready (${engine.arm}).`;
window.shelfwiseMoments = { engine };
