// Static file server for the demo shop and the browser tests. Serves www/ at / and the built
// package (pkg/) at /pkg/. Binds to 127.0.0.1 only.
//
//   node www/server.mjs [--port 8080] [--csp "<policy>"]
//
// --csp sets a Content-Security-Policy header on HTML pages (the e2e tests use it to check
// that Shelfwise fails soft when 'wasm-unsafe-eval' is missing). `startServer({ cacheControl })`
// sets the Cache-Control header (default `no-cache`; the benchmark lets the browser cache);
// `startServer({ root })` serves that folder at / instead of www/ (a bundled app, in the e2e tests).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkgRoot = resolve(here, '..', 'pkg');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8', '.map': 'application/json',
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function locate(urlPath, roots) {
  for (const [prefix, root] of Object.entries(roots)) {
    if (urlPath.startsWith(prefix)) {
      const rel = normalize(decodeURIComponent(urlPath.slice(prefix.length)));
      const full = resolve(join(root, rel));
      if (full !== root && !full.startsWith(root + sep)) return null;
      return full;
    }
  }
  return null;
}

export function startServer({ port = 8080, csp = null, quiet = false, cacheControl = 'no-cache', root = here } = {}) {
  const roots = { '/pkg/': pkgRoot, '/': resolve(root) };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = locate(url.pathname, roots);
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
      if (!file) throw new Error('outside roots');
      const body = await readFile(file);
      const type = types[extname(file)] || 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': cacheControl };
      if (csp && type.startsWith('text/html')) headers['content-security-policy'] = csp;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => {
    if (!quiet) console.log(`Shelfwise demo shop on http://127.0.0.1:${server.address().port}/shop/ (Ctrl+C to stop)`);
    ok(server);
  }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  startServer({ port: Number(option('port', 8080)), csp: option('csp', null) });
}
