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
  return time(x);
}

/** Targets from the issue: reported next to the figures, never asserted. */
const TARGETS = {
  'engine ready after loader start, cached': 20,
  'track view_item': 0.02,
  'track session mix': 0.02,
  'rank 1000': 0.5,
  'reorder 200-item grid before first paint: script': 4,
  'reorder 200-item grid before first paint: layout shift': 0,
};

function speedTable(figures) {
  const rows = Object.entries(figures).map(([name, s]) => {
    const target = TARGETS[name];
    const met = target === undefined ? '' : `${s.median <= target ? 'yes' : 'no'} (≤ ${value(s, target)})`;
    return `| ${name} | ${value(s, s.median)} | ${value(s, s.p25)} – ${value(s, s.p75)} | ${value(s, s.min)} – ${value(s, s.max)} | ${s.runs} | ${met} |`;
  });
  return ['| figure | median | p25 – p75 | min – max | runs | target met |', '| --- | ---: | ---: | ---: | ---: | --- |', ...rows].join('\n');
}

function sizeTable(sizes) {
  const row = (name, s) => `| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`;
  return [
    '| download | raw | gzip -9 | brotli -11 |', '| --- | ---: | ---: | ---: |',
    ...Object.entries(sizes.shelfwise).map(([f, s]) => row(f === 'total' ? '**Shelfwise total (what the page downloads)**' : `Shelfwise \`${f}\``, s)),
    ...Object.entries(sizes.peers).map(([f, s]) => row(f, s)),
  ].join('\n');
}

/** Peer figure ÷ Shelfwise figure, from the medians: above 1 means Shelfwise is faster/smaller. */
function ratios(r) {
  const f = r.figures;
  const ratio = (peer, ours) => (f[peer] && f[ours] ? `${(f[peer].median / f[ours].median).toFixed(2)}×` : 'n/a');
  const total = r.sizes.shelfwise.total.gzip;
  const rows = [
    ...[50, 1000, 10000].map((n) => [`rank ${n} items: plain JS ÷ Shelfwise`, ratio(`plain JS rank ${n}`, `rank ${n}`)]),
    ['track per event: Uniform ÷ Shelfwise (session mix)', ratio('Uniform track', 'track session mix')],
    ['choose a banner: Uniform ÷ Shelfwise', ratio('Uniform select banner', 'select banner')],
    ...Object.entries(r.sizes.peers).map(([name, s]) => [`gzip size: ${name} ÷ Shelfwise`, `${(s.gzip / total).toFixed(2)}×`]),
  ];
  return ['| comparison | ratio |', '| --- | ---: |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
}

/** The markdown report of one benchmark run. */
export function markdown(r) {
  const m = r.machine;
  const checks = Object.entries(r.checks).map(([k, v]) => `- ${k}: ${JSON.stringify(v)}`).join('\n');
  return `Run ${r.date}: ${m.nproc} × ${m.cpu}, load average ${m.loadavg}, Chromium ${m.chromium} (headless), Node ${m.node}.
Each figure: ${r.runs} samples in one page (loads: ${r.loads} page loads); per-call times divide a batch of at least 20 ms.

${speedTable(r.figures)}

${sizeTable(r.sizes)}

${ratios(r)}

Checks:
${checks}
${r.problems.length ? `\nProblems:\n${r.problems.map((p) => `- ${p}`).join('\n')}\n` : ''}`;
}
