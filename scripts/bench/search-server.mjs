// The search benchmark's static server: serves folders from memory, gzip-compressed when the
// browser accepts it (as a CDN would), and counts the bytes it sends, so a run can say how much
// was fetched before its first answer. HTTP/1.1 on 127.0.0.1: no network latency.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { rangeReply } from './byteranges.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const COMPRESS = /\.(?:html|js|mjs|css|json|svg|webmanifest)$/;

/** A self-signed certificate for 127.0.0.1 (openssl), for HTTP/2. */
function certificate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'summit-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem')),
      cert: readFileSync(path.join(dir, 'cert.pem')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @param {Record<string, string>} mounts URL prefix (`/a/`) → folder
 * @param {{ http2?: boolean, ranges?: import('./byteranges.mjs').RangeMode }} [options] HTTP/2
 *   over TLS (self-signed: launch Chromium with --ignore-certificate-errors), as static hosts and
 *   CDNs serve; else plain HTTP/1.1. `ranges`: how it answers byte ranges (default `multi`, as
 *   nginx; see byteranges.mjs)
 */
export async function startSearchServer(mounts, options = {}) {
  const ranges = options.ranges ?? 'multi';
  /** @type {Map<string, { raw: Buffer, gz?: Buffer, type: string }>} */
  const files = new Map();
  for (const [prefix, dir] of Object.entries(mounts)) {
    for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!e.isFile()) continue;
      const file = path.join(e.parentPath, e.name);
      const raw = readFileSync(file);
      const url = prefix + path.relative(dir, file).split(path.sep).join('/');
      const ext = path.extname(e.name);
      files.set(url, {
        raw,
        gz: COMPRESS.test(e.name) ? gzipSync(raw, { level: 6 }) : undefined,
        type: /** @type {Record<string,string>} */ (TYPES)[ext] ?? 'application/octet-stream',
      });
    }
  }
  /** Bytes sent per URL since the last reset. @type {Map<string, number>} */
  let sent = new Map();
  /** @param {any} req @param {any} res */
  const handler = (req, res) => {
    let url = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (url.endsWith('/')) url += 'index.html';
    const f = files.get(url);
    if (!f) {
      res.statusCode = 404;
      return res.end('Not found');
    }
    // Byte ranges of a file not sent compressed (`.bin`), as the host kind answers them.
    const ranged = f.gz ? undefined : rangeReply(f.raw, req.headers['range'], f.type, ranges);
    if (ranged) {
      res.statusCode = ranged.status;
      for (const [k, v] of Object.entries(ranged.headers)) res.setHeader(k, v);
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Length', ranged.body.length);
      sent.set(url, (sent.get(url) ?? 0) + ranged.body.length);
      return res.end(ranged.body);
    }
    const gz = f.gz && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gz ? /** @type {Buffer} */ (f.gz) : f.raw;
    res.setHeader('Content-Type', f.type);
    res.setHeader('Cache-Control', 'no-cache');
    if (gz) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    sent.set(url, (sent.get(url) ?? 0) + body.length);
    res.end(body);
  };
  const server = options.http2
    ? createSecureServer({ ...certificate(), allowHTTP1: true }, handler)
    : createServer(handler);
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `${options.http2 ? 'https' : 'http'}://127.0.0.1:${address.port}`,
    /** Bytes sent (and files) for URLs matching `re` since the last reset. @param {RegExp} re */
    bytes(re) {
      let bytes = 0;
      let count = 0;
      for (const [u, b] of sent)
        if (re.test(u)) {
          bytes += b;
          count++;
        }
      return { bytes, files: count };
    },
    reset() {
      sent = new Map();
    },
    close: () => new Promise((r) => server.close(() => r(undefined))),
  };
}
