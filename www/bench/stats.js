// Timing helpers for the benchmark page. Browsers round performance.now() (to 0.1 ms on a page
// that is not cross-origin isolated), so a sample times a batch of calls that lasts at least
// `minBatchMs` and divides by the batch size.

/** The q-quantile of sorted numbers (linear interpolation). */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median, quartiles, extremes and sample count of `values`. */
export function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5), p25: quantile(s, 0.25), p75: quantile(s, 0.75),
    min: s[0], max: s[s.length - 1], runs: s.length,
  };
}

/** A sampler for `fn`: `batch(n)` times n calls (awaited when `isAsync`), returns ms. */
function sampler(fn, isAsync) {
  let calls = 0;
  return async (n) => {
    const t0 = performance.now();
    if (isAsync) for (let i = 0; i < n; i++) await fn(calls++);
    else for (let i = 0; i < n; i++) fn(calls++);
    return performance.now() - t0;
  };
}

/** Warms `batch` up, then finds the number of calls that lasts at least `minBatchMs`. */
async function calibrate(batch, minBatchMs, warmup) {
  for (let i = 0; i < warmup; i++) await batch(1);
  let n = 1;
  while ((await batch(n)) < minBatchMs && n < 1e6) n *= 2;
  return n;
}

/**
 * Times `fn` (called with the call index; `isAsync` awaits each call): `runs` samples, each a
 * batch of calls lasting at least `minBatchMs`. Returns the per-call summary in milliseconds.
 */
export async function timePerCall(fn, { runs = 15, minBatchMs = 20, warmup = 3, isAsync = false } = {}) {
  const batch = sampler(fn, isAsync);
  const n = await calibrate(batch, minBatchMs, warmup);
  const samples = [];
  for (let r = 0; r < runs; r++) samples.push((await batch(n)) / n);
  return { ...summary(samples), callsPerSample: n };
}

/**
 * Times Shelfwise's `ours` and a peer's `peer` in alternating samples, so both see the same
 * machine load, and summarises the per-pair ratio peer ÷ ours (above 1: Shelfwise is faster).
 */
export async function timePair(ours, peer, { runs = 15, minBatchMs = 20, warmup = 3, peerAsync = false } = {}) {
  const a = sampler(ours, false);
  const b = sampler(peer, peerAsync);
  const na = await calibrate(a, minBatchMs, warmup);
  const nb = await calibrate(b, minBatchMs, warmup);
  const sa = []; const sb = []; const ratio = [];
  for (let r = 0; r < runs; r++) {
    sa.push((await a(na)) / na);
    sb.push((await b(nb)) / nb);
    ratio.push(sb[r] / sa[r]);
  }
  return { ours: summary(sa), peer: summary(sb), ratio: { ...summary(ratio), unit: 'ratio' } };
}

/** Resolves after the browser has rendered the next frame (two animation frames). */
export const nextPaint = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
