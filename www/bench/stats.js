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

/**
 * Times `fn` (called with the call index; `isAsync` awaits each call): `runs` samples, each a
 * batch of calls lasting at least `minBatchMs`. Returns the per-call summary in milliseconds.
 */
export async function timePerCall(fn, { runs = 15, minBatchMs = 20, warmup = 3, isAsync = false } = {}) {
  let calls = 0;
  const batch = async (n) => {
    const t0 = performance.now();
    if (isAsync) for (let i = 0; i < n; i++) await fn(calls++);
    else for (let i = 0; i < n; i++) fn(calls++);
    return performance.now() - t0;
  };
  for (let i = 0; i < warmup; i++) await batch(1);
  let n = 1;
  while ((await batch(n)) < minBatchMs && n < 1e6) n *= 2;
  const samples = [];
  for (let r = 0; r < runs; r++) samples.push((await batch(n)) / n);
  return { ...summary(samples), callsPerSample: n };
}

/** Resolves after the browser has rendered the next frame (two animation frames). */
export const nextPaint = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
