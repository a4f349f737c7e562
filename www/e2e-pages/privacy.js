// The privacy test shop: loads one catalog page, ranks it with Shelfwise, wires a stand-in
// consent banner to engine.setConsent and the shopper panel to the engine.
import init, { Engine } from '/pkg/shelfwise.js';

const params = new URLSearchParams(location.hash.slice(1));
const pageNo = Number(params.get('page') || 1);
const config = { namespace: 'shelfwise' };
if (params.has('consent')) config.consent = params.get('consent');
if (params.has('respectGpc')) config.respectGpc = params.get('respectGpc') === 'true';

await init();
const catalog = await (await fetch(`catalog/page-${pageNo}.json`)).json();
const engine = new Engine(config);
window.engine = engine;
const grid = document.getElementById('grid');
const status = document.getElementById('status');

function card(item) {
  const li = document.createElement('li');
  li.dataset.id = item.id;
  const name = document.createElement('strong');
  name.textContent = item.name;
  const cat = document.createElement('div');
  cat.className = 'cat';
  cat.textContent = `${item.category.join(' › ')} · ${item.brand}`;
  const view = document.createElement('button');
  view.type = 'button';
  view.className = 'view';
  view.textContent = `View ${item.name}`;
  view.addEventListener('click', () => {
    engine.track({ type: 'view_item', item });
    render();
    view.focus();
  });
  const why = document.createElement('shelfwise-why');
  why.setAttribute('item-id', item.id);
  li.append(name, cat, view, why);
  return li;
}

const cards = new Map(catalog.items.map((it) => [it.id, card(it)]));

function deepActive() {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

function render(panel = true) {
  const active = deepActive();
  const order = engine.rank(catalog.items, { context: 'grid' });
  for (const id of order) grid.append(cards.get(id));
  // Moving a card blurs what was focused in it; keyboard users keep their place.
  if (active && active !== document.body && active.isConnected) active.focus();
  status.textContent = `Page ${pageNo} · consent ${engine.consent}`;
  if (panel) globalThis.shelfwisePanel.refresh();
}

// A change made in the panel already shows there; one made elsewhere (a product card) is
// shown in the panel too.
document.addEventListener('shelfwise-change', (e) => render(e.target.localName !== 'shelfwise-panel'));

for (const [id, mode] of [['grant', 'granted'], ['withdraw', 'pending'], ['deny', 'denied']]) {
  document.getElementById(id).addEventListener('click', () => { engine.setConsent(mode); render(); });
}
globalThis.shelfwisePanel.connect(engine);
render();
