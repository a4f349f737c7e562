// Checks that wasm-bindgen-test-runner's page server answers every connection of a burst, the
// way Chromium opens them for a page's module imports (`make test-browser` runs it first).
//
//   node scripts/check-test-server.mjs [test.wasm] [--trials N]
//
// The runner serves the page with tiny_http; unpatched (tiny_http 0.12.0), its thread pool leaves
// a connection unread when connections arrive faster than its woken threads run, and the test
// page never loads (README "Development"). To make that timing certain rather than one run in
// four, the runner (in its server-only NO_HEADLESS mode) is pinned to one CPU under SCHED_BATCH,
// so a woken thread never preempts the accepting one. Each trial opens five connections at once,
// sends a GET on each and needs every answer within 3 s. Exit 0: all answered; 1: not.
// Without a wasm argument it builds tests/web.rs (`cargo test --no-run`) and serves that.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

const args = process.argv.slice(2);
const at = args.indexOf('--trials');
const trials = at >= 0 ? Number(args.splice(at, 2)[1]) : 10;
const wasm = args[0] ?? builtWebTest();
const BURST = 5;

function builtWebTest() {
  const out = execFileSync(
    'cargo',
    ['test', '--target', 'wasm32-unknown-unknown', '--test', 'web', '--no-run', '--message-format=json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = out.split('\n').filter((l) => l.includes('"executable":"')).pop();
  return JSON.parse(line).executable;
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// One GET on a new connection; resolves true once any answer arrives, false after `ms`.
function answered(port, ms) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1', () => {
      sock.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    });
    const done = (ok) => {
      clearTimeout(timer);
      sock.removeAllListeners('data');
      resolve({ ok, sock });
    };
    const timer = setTimeout(() => done(false), ms);
    sock.once('data', () => done(true));
    sock.on('error', () => done(false));
  });
}

const cpu = readFileSync('/proc/self/status', 'utf8').match(/Cpus_allowed_list:\s*(\d+)/)[1];
const port = await freePort();
const runner = spawn('taskset', ['-c', cpu, 'chrt', '--batch', '0', 'wasm-bindgen-test-runner', wasm], {
  env: { ...process.env, NO_HEADLESS: '1', WASM_BINDGEN_TEST_ADDRESS: `127.0.0.1:${port}` },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
runner.stdout.resume();
const stop = () => {
  try {
    process.kill(-runner.pid, 'SIGKILL');
  } catch {}
};
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

// The server is up once one connection is answered (the runner first runs wasm-bindgen).
let up = false;
for (let i = 0; i < 120 && !up; i++) {
  const { ok, sock } = await answered(port, 500).catch(() => ({ ok: false }));
  sock?.destroy();
  up = ok;
  if (!up) await new Promise((r) => setTimeout(r, 500));
}
if (!up) {
  console.error('check-test-server: wasm-bindgen-test-runner never served its page');
  process.exit(1);
}

let failed = 0;
for (let t = 0; t < trials; t++) {
  const results = await Promise.all(Array.from({ length: BURST }, () => answered(port, 3000)));
  if (results.some((r) => !r.ok)) failed++;
  for (const r of results) r.sock.destroy();
  await new Promise((r) => setTimeout(r, 200));
}
if (failed) {
  console.error(
    `check-test-server: ${failed} of ${trials} bursts of ${BURST} connections left one unanswered: ` +
      'this wasm-bindgen-test-runner is not built with scripts/tiny_http-task-pool.patch (run scripts/install-tools.sh)',
  );
  process.exit(1);
}
console.log(`check-test-server: ${trials} bursts of ${BURST} connections, every one answered`);
process.exit(0);
