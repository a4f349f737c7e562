// Turns a benchmark result (results/latest.json) into the markdown tables of BENCHMARKS.md.

/** A duration in ms shown with a readable unit. */
function time(ms) {
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

function value(s, x) {
  if (s.unit === 'CLS') return x.toFixed(4);
  if (s.unit === 'count') return String(Math.round(x));
  if (s.unit === 'ratio') return `${x.toFixed(2)}×`;
  return time(x);
}

/** Targets from the issue: reported next to the figures, never asserted. */
const TARGETS = {
  'engine ready after loader start, cached (script tag)': ['≤', 20],
  'track view_item': ['≤', 0.02],
  'track session mix': ['≤', 0.02],
  'rank 1000': ['≤', 0.5],
  'plain JS ÷ Shelfwise, rank 1000': ['≥', 3],
  'reorder 200-item grid before first paint: script': ['≤', 4],
  'reorder 200-item grid before first paint: layout shift': ['≤', 0],
  'auto mode start on a 200-card grid before first paint: script': ['≤', 4],
  'auto mode start on a 200-card grid before first paint: layout shift': ['≤', 0],
};

function speedTable(figures) {
  const rows = Object.entries(figures).map(([name, s]) => {
    const [op, target] = TARGETS[name] ?? [];
    const ok = op === '≤' ? s.median <= target : s.median >= target;
    const met = op === undefined ? '' : `${ok ? 'yes' : 'no'} (${op} ${value(s, target)})`;
    return `| ${name} | ${value(s, s.median)} | ${value(s, s.p25)} – ${value(s, s.p75)} | ${value(s, s.min)} – ${value(s, s.max)} | ${s.runs} | ${met} |`;
  });
  return ['| figure | median | p25 – p75 | min – max | runs | target met |', '| --- | ---: | ---: | ---: | ---: | --- |', ...rows].join('\n');
}

function sizeTable(sizes) {
  const row = (name, s) => `| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`;
  return [
    '| download | raw | gzip -9 | brotli -11 |', '| --- | ---: | ---: | ---: |',
    ...Object.entries(sizes.shelfwise).map(([f, s]) => row(f === 'total' ? '**Shelfwise total (what the script tag downloads)**' : `Shelfwise \`${f}\``, s)),
    ...Object.entries(sizes.core || {}).map(([f, s]) => row(f === 'total'
      ? '**Shelfwise core build total (`data-build="core"`: loader + core glue + core wasm)**' : `Shelfwise \`${f}\` (core build)`, s)),
    ...(sizes.esModule ? [row('Shelfwise `pkg/shelfwise.js` (ES-module glue, instead of loader + script glue)', sizes.esModule)] : []),
    ...Object.entries(sizes.peers).map(([f, s]) => row(f, s)),
  ].join('\n');
}

/** Size ratios: peer gzip ÷ Shelfwise gzip (above 1: Shelfwise is smaller). */
function sizeRatios(r) {
  const total = r.sizes.shelfwise.total.gzip;
  const rows = Object.entries(r.sizes.peers).map(([name, s]) => `| ${name} ÷ Shelfwise | ${(s.gzip / total).toFixed(2)}× |`);
  return ['| gzip size | ratio |', '| --- | ---: |', ...rows].join('\n');
}

/** The markdown report of one benchmark run. */
export function markdown(r) {
  const m = r.machine;
  const checks = Object.entries(r.checks).map(([k, v]) => `- ${k}: ${JSON.stringify(v)}`).join('\n');
  return `Run ${r.date}: ${m.nproc} × ${m.cpu}, load average ${m.loadavg}, Chromium ${m.chromium} (headless), Node ${m.node}.
Each figure: ${r.runs} samples in one page (loads: ${r.loads} page loads); per-call times divide a batch of at least 20 ms.
Peer comparisons alternate Shelfwise and peer samples; "peer ÷ Shelfwise" rows are the medians of the per-pair ratios (above 1: Shelfwise is faster).

${speedTable(r.figures)}

${sizeTable(r.sizes)}

${sizeRatios(r)}

Checks:
${checks}
${r.problems.length ? `\nProblems:\n${r.problems.map((p) => `- ${p}`).join('\n')}\n` : ''}`;
}
