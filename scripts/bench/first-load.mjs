// The first load of a built site (issue 6, "Budgets"): the HTML, JS and CSS a browser fetches
// before any post chunk. That is index.html, the scripts and style sheets it names
// (`<script src>`, `<link rel="modulepreload">`, `<link rel="stylesheet">`), every module
// those scripts import statically, transitively, and the app chunk (`app-*.js`, src/app.ts),
// which the entry imports dynamically right after the first paint, with its static imports.
// Other dynamic `import()`s (post chunks, the sanitiser, the search index and worker,
// workbox-window) are not part of it. Sizes are gzip at zlib's default level.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** @param {string | Buffer} data */
export const gzipSize = (data) => gzipSync(data).length;

/**
 * Local (relative) URL → file under `dir`, or undefined for remote, absolute or data URLs.
 * @param {string} dir @param {string} from @param {string} url
 */
function localFile(dir, from, url) {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/|\/|#)/i.test(url)) return undefined;
  const file = path.resolve(path.dirname(from), url.split(/[?#]/)[0] ?? '');
  return file.startsWith(path.resolve(dir) + path.sep) ? file : undefined;
}

/** @param {string} tag @param {string} name */
function attr(tag, name) {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/**
 * Static imports and re-exports of a built ES module: `import{a}from"./x.js"`, `import"./x.js"`,
 * `export*from"./x.js"`. Never `import("./x.js")` (dynamic) or `import.meta`.
 * @param {string} code
 */
export function staticImports(code) {
  const re = /(?<![\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?(["'`])([^"'`\n]+)\1/g;
  return [...code.matchAll(re)].map((m) => /** @type {string} */ (m[2]));
}

/** The app chunk (src/app.ts): a dynamic import, but one every visit makes at once. */
const APP_CHUNK = /(?:^|\/)app-[\w-]+\.js$/;

/** `import("./app-XXXX.js")` in a built module. @param {string} code */
export function appImports(code) {
  return [...code.matchAll(/(?<![\w$.])import\s*\(\s*(["'`])([^"'`\n]+)\1\s*\)/g)]
    .map((m) => /** @type {string} */ (m[2]))
    .filter((spec) => APP_CHUNK.test(spec));
}

/**
 * @typedef {{ file: string, kind: 'html' | 'js' | 'css', raw: number, gzip: number }} LoadedFile
 * @typedef {{ files: LoadedFile[], raw: number, gzip: number }} FirstLoad
 */

/** The first load of the site built into `dir`. @param {string} dir @returns {FirstLoad} */
export function firstLoad(dir) {
  const root = path.resolve(dir);
  const index = path.join(root, 'index.html');
  const html = readFileSync(index, 'utf8');
  /** @type {Map<string, LoadedFile['kind']>} */
  const found = new Map([[index, 'html']]);
  /** @type {string[]} */
  const scripts = [];

  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const url = isScript ? attr(tag, 'src') : attr(tag, 'href');
    if (!url) continue;
    const file = localFile(root, index, url);
    if (!file || !existsSync(file)) continue;
    if (isScript || rel.includes('modulepreload')) scripts.push(file);
    else if (rel.includes('stylesheet')) found.set(file, 'css');
  }

  // Follow static imports, transitively.
  while (scripts.length) {
    const file = /** @type {string} */ (scripts.pop());
    if (found.has(file)) continue;
    found.set(file, 'js');
    const code = readFileSync(file, 'utf8');
    for (const spec of [...staticImports(code), ...appImports(code)]) {
      const dep = localFile(root, file, spec);
      if (dep && existsSync(dep) && !found.has(dep)) scripts.push(dep);
    }
  }

  const files = [...found].map(([file, kind]) => {
    const bytes = readFileSync(file);
    return { file: path.relative(root, file), kind, raw: bytes.length, gzip: gzipSize(bytes) };
  });
  return {
    files,
    raw: files.reduce((n, f) => n + f.raw, 0),
    gzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}

/** 12345 → "12.35 kB" (1 kB = 1,000 bytes, as Vite reports). @param {number} bytes */
export const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
