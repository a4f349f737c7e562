// The minimal engine demo: load the package, track views, reorder the grid by moving the
// existing nodes (so focus and listeners survive), and show why each item moved.
import init, { Engine } from '/pkg/shelfwise.js';

const grid = document.getElementById('grid');
const status = document.getElementById('status');

function itemOf(li) {
  return {
    id: li.dataset.id,
    category: [li.dataset.category],
    brand: li.dataset.brand,
    price: Number(li.dataset.price),
  };
}

function render(engine) {
  const nodes = [...grid.children];
  const byId = new Map(nodes.map((li) => [li.dataset.id, li]));
  const order = engine.rank(nodes.map(itemOf), { context: 'grid' });
  const fragment = document.createDocumentFragment();
  for (const id of order) fragment.append(byId.get(id));
  grid.append(fragment);
  for (const id of order) {
    const why = engine.explain(id);
    const top = why && why.contributions[0];
    byId.get(id).querySelector('.why').textContent = top ? `Because you looked at ${top.kind} “${top.value}”` : '';
  }
  const p = engine.profile();
  status.textContent = `Profile: ${p.events} events, ${p.interests.length} interests (${engine.storageMode} storage).`;
}

await init();
const engine = new Engine({ namespace: 'shelfwise-demo' });
// Keep the server's order in the DOM as the reference for every rank() call.
const serverOrder = [...grid.children];
const rerank = () => { grid.append(...serverOrder); render(engine); };

grid.addEventListener('click', (e) => {
  const li = e.target.closest('li');
  if (!li || e.target.tagName !== 'BUTTON') return;
  engine.track({ type: 'view_item', item: itemOf(li) });
  rerank();
  e.target.focus();
});
document.getElementById('reset').addEventListener('click', () => { engine.reset(); rerank(); });
window.shelfwiseDemo = { engine };
rerank();
