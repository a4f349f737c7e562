// Repro loop for reliability.test.mjs "bursts of tracks in one task, tab after tab, then
// pagehide and reload": the same steps RUNS times (default 10), with CDP CPU throttling
// (THROTTLE=rate) if asked, and in each tab a trace of every write of the profile (its `n`
// and writer marks), every `storage` event (its value's `n`, and the `n` this tab's storage
// shows when the event is handled) and every timer. A failing run's traces go to
// OUT/fail-RUN.json. Not a test file (`node --test` skips it): run it by hand, under load:
//   cd www/e2e && RUNS=40 node burst-loop.mjs
import { launch } from './harness.mjs';
import fs from 'node:fs';

const N = Number(process.env.RUNS || 10);
const THROTTLE = Number(process.env.THROTTLE || 1);
const OUT = process.env.OUT || '/tmp/shelfwise-burst-loop';
fs.mkdirSync(OUT, { recursive: true });

const trace = () => {
  window.__trace = [];
  const T = window.__trace;
  const now = () => Math.round(performance.timeOrigin + performance.now());
  const nOf = (v) => { const m = /"n":(\d+)/.exec(v || ''); return m ? Number(m[1]) : null; };
  const wOf = (v) => { const m = /"w":(\[[^\]]*(\][^\]]*)*?\]\])/.exec(v || ''); return m ? m[1] : null; };
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (k.endsWith(':profile')) T.push(['set', now(), nOf(v), wOf(v)]);
    return set.call(this, k, v);
  };
  const st = window.setTimeout;
  window.setTimeout = function (cb, ms, ...a) {
    const id = T.length;
    T.push(['timer-queued', now(), ms]);
    return st.call(this, function (...b) { T.push(['timer-run', now(), id]); return cb.apply(this, b); }, ms, ...a);
  };
  window.addEventListener('storage', (e) => {
    if (e.key && e.key.endsWith(':profile')) T.push(['event', now(), nOf(e.newValue), nOf(localStorage.getItem(e.key)), wOf(e.newValue)]);
  }, true);
};

let fails = 0;
const env = await launch();
for (let run = 0; run < N; run++) {
  const { page: first, context, log } = await env.page();
  await first.close();
  const tabs = [];
  for (let i = 0; i < 2; i++) {
    const page = await context.newPage();
    await page.addInitScript(trace);
    if (THROTTLE > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    }
    page.on('pageerror', (e) => log.errors.push(String(e)));
    await page.goto(`${env.base}/e2e-pages/engine.html`);
    await page.waitForFunction(() => window.shelfwise);
    tabs.push(page);
  }
  await tabs[0].evaluate(() => localStorage.clear());
  for (const tab of tabs) await tab.evaluate(() => { window.engine = new window.shelfwise.Engine({ namespace: 'burst' }); window.__trace.push(['engine', Date.now()]); });
  const burst = (tab, name, n, leave) => tab.evaluate(([name, n, leave]) => {
    window.__trace.push(['burst-start', Date.now(), name]);
    for (let i = 0; i < n; i++) window.engine.track({ type: 'view_item', item: { id: `${name}-${i}`, category: ['shoes'], brand: 'acme' } });
    window.__trace.push(['burst-end', Date.now(), name]);
    if (!leave) return null;
    window.dispatchEvent(new Event('pagehide'));
    return { stored: JSON.parse(localStorage.getItem('burst:v1:profile')).n, learned: window.engine.profile().events };
  }, [name, n, leave]);
  const problems = [];
  const settled = async (events, stage) => {
    for (const [i, tab] of tabs.entries()) {
      const t0 = Date.now();
      await tab.waitForFunction((n) => window.engine.profile().events === n, events, { timeout: 30_000 }).catch(() => {});
      const [held, stored] = await tab.evaluate(() => [window.engine.profile().events, JSON.parse(localStorage.getItem('burst:v1:profile') || '{}').n]);
      if (held !== events) problems.push({ stage, tab: i, held, stored, waited: Date.now() - t0 });
    }
  };
  await burst(tabs[0], 'a', 250, false);
  await settled(250, 'a');
  await burst(tabs[1], 'b', 1000, false);
  await settled(1250, 'b');
  const left = await burst(tabs[0], 'c', 250, true);
  if (left.stored !== 1500 || left.learned !== 1500) problems.push({ stage: 'c', left });
  const traces = [];
  for (const tab of tabs) traces.push(await tab.evaluate(() => window.__trace));
  if (problems.length || log.errors.length) {
    fails++;
    fs.writeFileSync(`${OUT}/fail-${run}.json`, JSON.stringify({ problems, errors: log.errors, traces }, null, 1));
  }
  console.log(`run ${run}: ${problems.length ? 'FAIL ' + JSON.stringify(problems) : 'ok'}`);
  if (run === 0) fs.writeFileSync(`${OUT}/sample-ok-trace.json`, JSON.stringify(traces, null, 1));
  await context.close();
}
await env.close();
console.log(`failures: ${fails}/${N} (throttle ${THROTTLE})`);
