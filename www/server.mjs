// Static file server for the demo shop and the browser tests. Serves www/ at / and the built
// package (pkg/) at /pkg/. Binds to 127.0.0.1 only.
//
//   node www/server.mjs [--port 8080] [--csp "<policy>"]
//
// --csp sets a Content-Security-Policy header on HTML pages (the e2e tests use it to check
// that Shelfwise fails soft when 'wasm-unsafe-eval' is missing). `startServer({ cacheControl })`
// sets the Cache-Control header (default `no-cache`; the benchmark lets the browser cache);
// `startServer({ root })` serves that folder at / instead of www/ (a bundled app, in the e2e tests).
//
// Every file carries validators (ETag, Last-Modified), and a conditional request for an unchanged
// file gets 304: with `no-cache` the browser revalidates and keeps its stored response, and with
// it the response time that Chromium's cache of compiled wasm is keyed by. Without validators each
// load is a new 200 and the compiled code is never reused (README "Repeat visits").
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

/** A file's validators: an ETag of its size and modification time, and that time. */
function validators(info) {
  return { etag: `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`, 'last-modified': info.mtime.toUTCString() };
}

/** Whether a conditional request names the file as it is (If-None-Match wins over If-Modified-Since). */
function unchanged(request, { etag, 'last-modified': modified }) {
  const match = request['if-none-match'];
  if (match !== undefined) return match.split(',').some((tag) => [etag, `W/${etag}`, '*'].includes(tag.trim()));
  const since = Date.parse(request['if-modified-since'] ?? '');
  return since >= Date.parse(modified);
}

export function startServer({ port = 8080, csp = null, quiet = false, cacheControl = 'no-cache', root = here } = {}) {
  const roots = { '/pkg/': pkgRoot, '/': resolve(root) };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = locate(url.pathname, roots);
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
      if (!file) throw new Error('outside roots');
      const info = await stat(file);
      const body = await readFile(file);
      const type = types[extname(file)] || 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': cacheControl, ...validators(info) };
      if (csp && type.startsWith('text/html')) headers['content-security-policy'] = csp;
      if (unchanged(req.headers, headers)) {
        res.writeHead(304, headers);
        return res.end();
      }
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
