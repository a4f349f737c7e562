// The in-browser benchmark (driven by run.mjs; open /bench/ by hand to watch it). Everything
// runs in one page load, so Shelfwise and its peers share the same machine state and their
// ratios hold on a noisy machine. The result lands in `window.__bench`.
import init, { Engine, startAuto } from '/pkg/shelfwise.js';
import { banners, catalog, idNumber, itemData, popularity, session } from './catalog.js';
import { rank as plainRank, strengths } from './peers/plain-rank.js';
import { createUniform } from './dist/uniform.js';
import { nextPaint, summary, timePair, timePerCall } from './stats.js';

const NAMESPACE = 'shelfwise-bench';
const RUNS = Number(new URLSearchParams(location.search).get('runs') || 15);
// `only=rank`: the rank figures alone (run.mjs --only rank; the track figures still run first,
// unreported, so rank meets the page as in a full run). `only=load`: the stored profile
// only, made as in a full run (the session, then the track figures), for run.mjs's load figures.
const ONLY = new URLSearchParams(location.search).get('only') || '';
const status = (text) => { document.getElementById('status').textContent = text; };

function firstDifference(a, b) {
  const i = a.findIndex((x, k) => x !== b[k]);
  return i < 0 && a.length === b.length ? null : { index: i, engine: a[i], plain: b[i] };
}

async function trackFigures(engine, events) {
  const views = events.filter((e) => e.type === 'view_item');
  // The first calls after start run in V8's baseline wasm code until the hot functions are
  // optimised in the background: whichever figure came first here measured about twice its
  // steady cost. That start-up phase is its own figure, measured first; the rest are steady.
  const first = await timePerCall((i) => engine.track(events[i % events.length]), { runs: 5, warmup: 0 });
  return {
    'track session mix, first calls after start': first,
    'track view_item': await timePerCall((i) => engine.track(views[i % views.length]), { runs: RUNS }),
    'track session mix': await timePerCall((i) => engine.track(events[i % events.length]), { runs: RUNS }),
    'track + write to localStorage': await timePerCall((i) => {
      engine.track(views[i % views.length]);
      engine.flush();
    }, { runs: RUNS }),
  };
}

async function rankFigures(engine, profile, checks) {
  const figures = {};
  for (const n of [50, 1000, 10000]) {
    const items = catalog(n);
    const ours = () => engine.rank(items, { context: 'grid' });
    const plain = () => plainRank(items, strengths(profile, Date.now()));
    const diff = firstDifference(ours(), plain());
    checks[`same order as plain JS, ${n} items`] = diff === null ? true : { mismatch: diff };
    const pair = await timePair(ours, plain, { runs: RUNS });
    figures[`rank ${n}`] = pair.ours;
    figures[`plain JS rank ${n}`] = pair.peer;
    figures[`plain JS ÷ Shelfwise, rank ${n}`] = pair.ratio;
  }
  return figures;
}

async function uniformFigures(engine, events, checks) {
  const uniform = createUniform();
  await uniform.forget();
  const bans = banners();
  const track = await timePair((i) => engine.track(events[i % events.length]),
    (i) => uniform.track(events[i % events.length]), { runs: RUNS, peerAsync: true });
  const select = await timePair(() => engine.rank(bans, { context: 'banner' })[0], () => uniform.select(bans), { runs: RUNS });
  checks['banner chosen (Shelfwise, Uniform)'] = [engine.rank(bans, { context: 'banner' })[0], uniform.select(bans)];
  await uniform.forget();
  return {
    'track session mix (paired with Uniform)': track.ours,
    'Uniform track': track.peer,
    'Uniform ÷ Shelfwise, track': track.ratio,
    'select banner': select.ours,
    'Uniform select banner': select.peer,
    'Uniform ÷ Shelfwise, select banner': select.ratio,
  };
}

function gridOf(items, markup = false) {
  const ul = document.createElement('ul');
  ul.className = 'grid';
  if (markup) ul.dataset.swList = 'grid';
  for (const it of items) {
    const li = document.createElement('li');
    if (markup) {
      Object.assign(li.dataset, { swId: it.id, swCategory: it.category.join(' > '), swBrand: it.brand, swPrice: it.price });
    } else {
      Object.assign(li.dataset, { id: it.id, category: it.category.join('>'), brand: it.brand, price: it.price });
    }
    li.innerHTML = `<strong>${it.name}</strong><span>${it.brand} · ${it.price.toFixed(2)}</span>`;
    ul.append(li);
  }
  return ul;
}

/** Auto mode itself (`startAuto`, what the script tag runs) on a 200-card `data-sw-list`. */
async function autoFigures(engine, shifts) {
  const stage = document.getElementById('stage');
  const items = catalog(200);
  const script = []; const cls = []; const moved = []; const refresh = [];
  for (let r = 0; r < RUNS; r++) {
    stage.replaceChildren();
    await nextPaint();
    const ul = gridOf(items, true);
    stage.append(ul);
    const start = performance.now();
    const auto = startAuto(engine, { impressions: false });
    script.push(performance.now() - start);
    moved.push([...ul.children].findIndex((li, i) => li.dataset.swId !== items[i].id) >= 0 ? 1 : 0);
    await nextPaint();
    await new Promise((ok) => setTimeout(ok, 30));
    cls.push(shifts.filter((e) => e.startTime >= start && !e.hadRecentInput).reduce((s, e) => s + e.value, 0));
    const t = performance.now();
    auto.refresh();
    refresh.push(performance.now() - t);
    auto.free();
  }
  stage.replaceChildren();
  return {
    'auto mode start on a 200-card grid before first paint: script': summary(script),
    'auto mode start on a 200-card grid before first paint: layout shift': { ...summary(cls), unit: 'CLS' },
    'auto mode start: grid reordered (1 = yes)': { ...summary(moved), unit: 'count' },
    'auto mode refresh (rank the 200-card grid again): script': summary(refresh),
  };
}

/** What script-tag mode does: read the grid, rank it, move the nodes. Returns ms. */
function reorder(engine, ul) {
  const t0 = performance.now();
  const nodes = [...ul.children];
  const items = nodes.map((li) => ({
    id: li.dataset.id, category: li.dataset.category.split('>'), brand: li.dataset.brand,
    price: Number(li.dataset.price),
  }));
  const byId = new Map(nodes.map((li) => [li.dataset.id, li]));
  ul.append(...engine.rank(items, { context: 'grid' }).map((id) => byId.get(id)));
  return performance.now() - t0;
}

async function domFigures(engine) {
  const stage = document.getElementById('stage');
  const shifts = [];
  new PerformanceObserver((list) => shifts.push(...list.getEntries())).observe({ type: 'layout-shift', buffered: true });
  const items = catalog(200);
  const out = {};
  for (const when of ['after first paint', 'before first paint']) {
    const painted = when === 'after first paint';
    const script = []; const layout = []; const cls = []; const moved = [];
    for (let r = 0; r < RUNS; r++) {
      stage.replaceChildren();
      await nextPaint();
      const ul = gridOf(items);
      stage.append(ul);
      if (painted) await nextPaint();
      const inView = painted ? [...ul.children].filter((li) => li.getBoundingClientRect().top < innerHeight) : [];
      const start = performance.now();
      script.push(reorder(engine, ul));
      moved.push(inView.filter((li, i) => ul.children[i] !== li).length);
      const t = performance.now();
      void ul.offsetHeight; // style and layout of the new order
      layout.push(performance.now() - t);
      await nextPaint();
      await new Promise((ok) => setTimeout(ok, 30));
      cls.push(shifts.filter((e) => e.startTime >= start && !e.hadRecentInput).reduce((s, e) => s + e.value, 0));
    }
    out[`reorder 200-item grid ${when}: script`] = summary(script);
    out[`reorder 200-item grid ${when}: style + layout`] = summary(layout);
    out[`reorder 200-item grid ${when}: layout shift`] = { ...summary(cls), unit: 'CLS' };
    if (painted) {
      out[`reorder 200-item grid ${when}: painted cards in view that moved`] = { ...summary(moved), unit: 'count' };
    }
  }
  stage.replaceChildren();
  return { ...out, ...(await autoFigures(engine, shifts)) };
}

/** Recommendations with a realistic per-page neighbour payload, on a profile of its own. */
async function recommendFigures(checks) {
  const engine = new Engine({ namespace: `${NAMESPACE}-recommend` });
  engine.reset();
  engine.setPopularity(popularity());
  const views = session().filter((e) => e.type === 'view_item');
  for (const e of views) {
    engine.addItemData(e.item.id, itemData(idNumber(e.item.id)));
    engine.track(e);
  }
  engine.flush();
  const last = views[views.length - 1].item.id;
  const pages = views.map((e) => [e.item.id, itemData(idNumber(e.item.id))]);
  checks['neighbour payload per product page (JSON bytes)'] = JSON.stringify(itemData(idNumber(last))).length;
  checks['stored profile with neighbour cache (bytes)'] = localStorage.getItem(engine.storageKey).length;
  const picked = engine.recommend('pickedForYou', { count: 20 });
  checks['pickedForYou returns 20 distinct items'] = picked.length === 20 && new Set(picked.map((p) => p.id)).size === 20
    ? true : { mismatch: picked.length };
  const figures = {
    'addItemData (one product page\'s neighbours)': await timePerCall((i) => engine.addItemData(...pages[i % pages.length]), { runs: RUNS }),
    'recommend pickedForYou, 20 items': await timePerCall(() => engine.recommend('pickedForYou', { count: 20 }), { runs: RUNS }),
    'recommend related, 20 items': await timePerCall(() => engine.recommend('related', { item: last, count: 20 }), { runs: RUNS }),
  };
  engine.reset();
  engine.free();
  return figures;
}

async function main() {
  await init();
  const engine = new Engine({ namespace: NAMESPACE });
  engine.reset();
  const events = session();
  for (const e of events) engine.track(e);
  engine.flush();
  const checks = {};
  status('track…');
  // The track figures run in every mode: the rank and load figures then meet the page (its
  // stored profile, and the code V8 optimised while thousands of track calls ran: until
  // session 5 that made rank 10-15 % slower, see BENCHMARKS "Speed work (session 5)") as in
  // a full run.
  const tracked = await trackFigures(engine, events);
  const figures = ONLY === 'rank' ? {} : { ...tracked };
  engine.flush();
  const profile = JSON.parse(localStorage.getItem(engine.storageKey));
  checks['profile interests'] = profile.a.length;
  checks['profile bytes'] = localStorage.getItem(engine.storageKey).length;
  if (ONLY === 'load') {
    engine.free();
    window.__bench = { figures: {}, checks, runs: RUNS, userAgent: navigator.userAgent };
    status('done');
    return;
  }
  status('rank…');
  Object.assign(figures, await rankFigures(engine, profile, checks));
  if (ONLY === 'rank') {
    engine.free();
    window.__bench = { figures, checks, runs: RUNS, userAgent: navigator.userAgent };
    status('done');
    return;
  }
  status('Uniform…');
  Object.assign(figures, await uniformFigures(engine, events, checks));
  status('recommend…');
  Object.assign(figures, await recommendFigures(checks));
  status('DOM…');
  Object.assign(figures, await domFigures(engine));
  engine.free();
  window.__bench = { figures, checks, runs: RUNS, userAgent: navigator.userAgent };
  status('done');
}

main().catch((e) => {
  window.__bench = { error: String(e && e.stack || e) };
  status(`failed: ${e}`);
});
