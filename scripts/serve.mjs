#!/usr/bin/env node
// A plain static file server (sirv), not Vite's: it serves a folder and nothing else.
//   node scripts/serve.mjs [DIR=dist] [--port 4173] [--base /a/b/c/] [--compress]
// With --base, DIR is copied to a temporary root under that sub-path, as a CDN would host it.
// With --compress, text files are also served brotli- or gzip-compressed, as CDNs do: a copy
// of DIR gets a precompressed .br and .gz beside each (the benchmarks use this).
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import sirv from 'sirv';

const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback @returns {string} */
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
};
const dir = path.resolve(
  args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'dist',
);
const port = Number(flag('--port', process.env.PORT ?? '4173'));
const base = `/${flag('--base', '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
const compress = args.includes('--compress');

/** Writes `file.br` and `file.gz` beside every text file under `folder`. @param {string} folder */
function precompress(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(?:html|js|mjs|css|json|svg|webmanifest|txt)$/.test(entry.name))
      continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(bytes));
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  }
}

let root = dir;
if (base !== '/' || compress) {
  root = mkdtempSync(path.join(tmpdir(), 'summit-serve-'));
  cpSync(dir, path.join(root, base), { recursive: true });
  if (compress) precompress(root);
  const cleanup = () => {
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', cleanup).on('SIGTERM', cleanup);
}

const serve = sirv(root, { dev: true, etag: true, gzip: compress, brotli: compress });
/**
 * The 404.html a static host serves for an unknown path: the nearest one above it (a project
 * site's own, as GitHub Pages does), with status 404.
 * @param {string} url
 */
function notFoundPage(url) {
  let dir = path.join(root, decodeURI(url.split(/[?#]/)[0] ?? '/'));
  while (dir.startsWith(root)) {
    const file = path.join(dir, '404.html');
    if (existsSync(file)) return file;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

const server = createServer((req, res) =>
  serve(req, res, () => {
    res.statusCode = 404;
    let page;
    try {
      page = notFoundPage(req.url ?? '/');
    } catch {
      page = undefined;
    }
    if (page) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(readFileSync(page));
    } else res.end('Not found');
  }),
);
server.listen(port, '127.0.0.1', () => {
  // With --port 0 the system picks a free port: this line says which.
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Serving ${dir} at http://127.0.0.1:${actual}${base}`);
});
