// One production build for the scale benchmark, in a process of its own (so its wall time is
// what `POSTS_DIR=… npx vite build` costs): the project's vite.config.ts, plus a plugin that
// records the size of the catalog module and of the search index (the files under assets/search-<build>/),
// and the process's peak resident memory (the whole build runs in this one process).
//   node scripts/bench/scale-build.mjs POSTS_DIR OUT_DIR RESULT_JSON
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { gzipSize } from './first-load.mjs';

const [postsDir, outDir, resultFile] = process.argv.slice(2);
if (!postsDir || !outDir || !resultFile) {
  console.error('usage: node scripts/bench/scale-build.mjs POSTS_DIR OUT_DIR RESULT_JSON');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.env['POSTS_DIR'] = path.resolve(postsDir);

const CATALOG = '\0virtual:summit/catalog';

/** @type {{ catalog?: { raw: number, gzip: number }, searchIndex?: { files: number, raw: number, gzip: number }, buildMs?: number, peakRssBytes?: number }} */
const result = {};
/** @type {string | undefined} */
/** @type {string[]} */
const searchFiles = [];

/** @type {import('vite').Plugin} */
const measure = {
  name: 'summit-bench-measure',
  enforce: 'post',
  transform(code, id) {
    if (id === CATALOG) result.catalog = { raw: Buffer.byteLength(code), gzip: gzipSize(code) };
    return undefined;
  },
  generateBundle(_options, bundle) {
    for (const out of Object.values(bundle)) {
      // One file (small libraries) or a folder of shards, chunks and a manifest.
      if (out.type === 'asset' && /(?:^|\/)search-[^/]*\//.test(out.fileName))
        searchFiles.push(out.fileName);
    }
  },
};

const started = performance.now();
await build({
  root,
  configFile: path.join(root, 'vite.config.ts'),
  logLevel: 'error',
  build: { outDir: path.resolve(outDir), emptyOutDir: true },
  plugins: [measure],
});
result.buildMs = Math.round(performance.now() - started);
if (searchFiles.length) {
  let raw = 0;
  let gzip = 0;
  for (const file of searchFiles) {
    const bytes = readFileSync(path.join(path.resolve(outDir), file));
    raw += bytes.length;
    gzip += gzipSize(bytes);
  }
  result.searchIndex = { files: searchFiles.length, raw, gzip };
}
// maxRSS is in KiB.
result.peakRssBytes = process.resourceUsage().maxRSS * 1024;
writeFileSync(resultFile, JSON.stringify(result));
