#!/usr/bin/env node
// Scale benchmark (issue 6, "Budgets"): 1,000 synthetic posts of 10 talks each, built for
// production, against the seed post alone, and one post of about 20 MB. Reports build time,
// the build's peak memory (resident set), first-load size, catalog size and search-index
// size, checks the budgets, prints a Markdown table and writes bench-results/scale.json.
//   npm run bench:scale                 (about 4–6 minutes on 2 cores)
//   BENCH_RUNS=5 BENCH_POSTS=1000 BENCH_TALKS=10 BENCH_BIG_MB=20 npm run bench:scale
//   BENCH_PAGINATE=10 npm run bench:scale   (the builds' config says `paginate: 10`: the
//                                             library's pages, as jekyll-paginate's)
// Posts and builds go to a temporary folder (never posts/ or dist/), removed at the end
// (BENCH_KEEP=1 keeps it).
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { firstLoad, gzipSize, kB } from './bench/first-load.mjs';
import { median } from './bench/tools.mjs';
import { scalePosts, scaleVocabulary, writeScalePosts } from './bench/scale-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED_NAME = '2015-05-19-Vancouver-Summit-2015-Second-Day.md';
const SEED = path.join(root, 'posts', SEED_NAME);
const POSTS = Number(process.env['BENCH_POSTS'] ?? 1000);
const TALKS = Number(process.env['BENCH_TALKS'] ?? 10);
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3));
/** Issue 10: every post also uses Liquid, kramdown's extras and math (BENCH_EXTRAS=0: plain). */
const EXTRAS = process.env['BENCH_EXTRAS'] !== '0';
/** The one big post: about this many MB of Markdown (its talks shaped like the others). */
const BIG_MB = Number(process.env['BENCH_BIG_MB'] ?? 20);
const OUT = path.join(root, 'bench-results', 'scale.json');
/** `paginate` in the builds' site config (src/shared/paginate.ts); 0: none. */
const PAGINATE = Number(process.env['BENCH_PAGINATE'] ?? 0);

/** Budgets from issue 6. */
const BUDGET = { catalogGzipPerPost: 200, buildMs: 60_000, bigPostPeakRssBytes: 1e9 };

const log = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);
/** Bytes as MB (10^6), as the memory budget counts them. */
const mb = (/** @type {number} */ b) => `${Math.round(b / 1e6)} MB`;

/**
 * The first load without the page's own content (issue 12: "its HTML without the post
 * content, plus JS and CSS"): index.html with the library it lists cut out (what is inside
 * `#summit:app`), and the scripts and style sheet. Equal for the seed and the 1,000-post
 * builds when the app does not grow with the library.
 * @param {string} dir @param {import('./bench/first-load.mjs').FirstLoad} load
 */
function firstLoadShell(dir, load) {
  let gzip = 0;
  for (const f of load.files) {
    let text = readFileSync(path.join(dir, f.file), 'utf8');
    if (f.kind === 'html')
      text = text.replace(/(<div id="summit:app" data-prerendered>)[\s\S]*<\/body>/, '$1</body>');
    gzip += gzipSize(text);
  }
  return gzip;
}

/**
 * The catalog (titles, dates, tags, outlines): a JSON file the app fetches
 * (`assets/catalog-<hash>.json`).
 * @param {string} dir
 */
function catalogFile(dir) {
  const name = readdirSync(path.join(dir, 'assets')).find((f) => /^catalog-.*\.json$/.test(f));
  const bytes = name ? readFileSync(path.join(dir, 'assets', name)) : Buffer.alloc(0);
  return { raw: bytes.length, gzip: gzipSize(bytes) };
}

/**
 * What the service worker precaches (its manifest in sw.js), by kind, next to the content it
 * serves: the posts' bodies, as their body files hold them (`assets/posts/<hash>.htmlz`, gzip,
 * between their part markers: each body is stored once, and the pages are not precached),
 * and the app (scripts, style sheet, icons, manifest). Issue 12: at most 1.15× content + app.
 * `content` is the bodies' HTML bytes (what the parts hold, uncompressed, as before the body
 * files were stored gzip); since they are now stored compressed, the ratio is also given
 * against the content's own gzip size (`contentGzip`: each post's HTML gzip-compressed alone,
 * at the level the build stores it, 6), so the stored compression is visible, not hidden in the
 * ratio. Each ratio is given for everything, and without the search index. `posts` is the
 * body files' stored bytes, `inflated` the same files inflated; `shells` what those hold
 * besides the bodies (markers); `pages` any other HTML (the app shell, and a page if one were
 * precached).
 * @param {string} dir
 */
function precache(dir) {
  const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) =>
    decodeURIComponent(/** @type {string} */ (m[1])),
  );
  /** @type {Record<string, number>} */
  const kinds = { bodies: 0, pages: 0, search: 0, catalog: 0, app: 0, other: 0 };
  let content = 0;
  let contentGzip = 0;
  let posts = 0;
  let inflated = 0;
  /** @type {string[]} */
  const pageFiles = [];
  for (const url of urls) {
    const file = path.join(dir, url);
    if (!existsSync(file)) continue;
    const bytes = statSync(file).size;
    const kind = /^assets\/posts\/[^/]+\.htmlz$/.test(url)
      ? 'bodies'
      : url.endsWith('.html')
        ? 'pages'
        : url.includes('/search-')
          ? 'search'
          : /catalog-.*\.json$/.test(url)
            ? 'catalog'
            : /\.(?:js|css|png|svg|ico|webmanifest)$/.test(url)
              ? 'app'
              : 'other';
    kinds[kind] = (kinds[kind] ?? 0) + bytes;
    if (kind === 'pages') pageFiles.push(url);
    if (kind === 'bodies') {
      const html = gunzipSync(readFileSync(file)).toString('utf8');
      const nonce = /<meta name="summit:parts" content="([0-9a-f]+)"/.exec(html)?.[1];
      if (!nonce) continue;
      posts += bytes;
      inflated += Buffer.byteLength(html);
      const open = `<!--summit-part:${nonce}-->`;
      const close = `<!--/summit-part:${nonce}-->`;
      let body = '';
      for (let at = html.indexOf(open); at >= 0; at = html.indexOf(open, at + 1)) {
        const end = html.indexOf(close, at);
        if (end < 0) break;
        body += html.slice(at + open.length, end);
      }
      content += Buffer.byteLength(body);
      contentGzip += gzipSync(body, { level: 6 }).length;
    }
  }
  const total = Object.values(kinds).reduce((a, b) => a + b, 0);
  const app = kinds['app'] ?? 0;
  const withoutSearch = total - (kinds['search'] ?? 0);
  return {
    files: urls.length,
    total,
    kinds,
    pageFiles,
    content,
    contentGzip,
    app,
    posts,
    inflated,
    shells: inflated - content,
    withoutSearch,
    ratio: total / (content + app),
    ratioWithoutSearch: withoutSearch / (content + app),
    ratioToGzip: total / (contentGzip + app),
    ratioToGzipWithoutSearch: withoutSearch / (contentGzip + app),
  };
}

/**
 * @typedef {{ catalog: { raw: number, gzip: number }, searchIndex?: { files: number, raw: number, gzip: number }, buildMs: number, wallMs: number, peakRssBytes: number }} BuildResult
 */

/**
 * Builds `postsDir` into `outDir` in a child process; its wall time is the build time.
 * @param {string} postsDir @param {string} outDir @param {string} work
 * @returns {Promise<BuildResult>}
 */
function buildOnce(postsDir, outDir, work) {
  const resultFile = path.join(work, 'build-result.json');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'scripts/bench/scale-build.mjs'), postsDir, outDir, resultFile],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = Math.round(performance.now() - started);
      if (code !== 0) return reject(new Error(`build of ${postsDir} exited with ${code}`));
      resolve({ ...JSON.parse(readFileSync(resultFile, 'utf8')), wallMs });
    });
  });
}

const loadBefore = loadavg();
const work = mkdtempSync(path.join(tmpdir(), 'summit-scale-'));
try {
  // The corpus: the seed alone, and POSTS synthetic posts.
  const seedDir = path.join(work, 'seed-posts');
  mkdirSync(seedDir);
  copyFileSync(SEED, path.join(seedDir, SEED_NAME));
  const manyDir = path.join(work, 'posts');
  // Every build's posts folder is in `work`: its _config.yml is theirs (src/build/site-plugin.ts).
  if (PAGINATE > 0) writeFileSync(path.join(work, '_config.yml'), `paginate: ${PAGINATE}\n`);
  const t0 = performance.now();
  const posts = scalePosts(scaleVocabulary(readFileSync(SEED, 'utf8')), POSTS, TALKS, 2015, EXTRAS);
  const corpusBytes = writeScalePosts(manyDir, posts);
  log(
    `generated ${POSTS} posts × ${TALKS} talks (${(corpusBytes / 1e6).toFixed(1)} MB of Markdown) in ${Math.round(performance.now() - t0)} ms → ${manyDir}`,
  );

  log('building the seed site (1 post)…');
  const seedOut = path.join(work, 'dist-seed');
  const seed = await buildOnce(seedDir, seedOut, work);
  const seedLoad = firstLoad(seedOut);

  /** @type {BuildResult[]} */
  const runs = [];
  const manyOut = path.join(work, 'dist-many');
  for (let i = 0; i < RUNS; i++) {
    log(`building ${POSTS} posts, run ${i + 1} of ${RUNS}…`);
    const r = await buildOnce(manyDir, manyOut, work);
    log(`  ${(r.wallMs / 1000).toFixed(1)} s`);
    runs.push(r);
  }
  const many = /** @type {BuildResult} */ (runs.at(-1));

  // One post of about BIG_MB MB: the talks of the corpus, many of them in one file.
  const bigDir = path.join(work, 'big-posts');
  const talksPerMb = (TALKS * POSTS) / (corpusBytes / 1024 / 1024);
  const [big] = scalePosts(
    scaleVocabulary(readFileSync(SEED, 'utf8')),
    1,
    Math.round(BIG_MB * talksPerMb),
  );
  const bigBytes = writeScalePosts(bigDir, [
    /** @type {{ name: string, markdown: string }} */ (big),
  ]);
  /** @type {BuildResult[]} */
  const bigRuns = [];
  for (let i = 0; i < RUNS; i++) {
    log(`building one post of ${(bigBytes / 1024 / 1024).toFixed(1)} MB, run ${i + 1} of ${RUNS}…`);
    const r = await buildOnce(bigDir, path.join(work, 'dist-big'), work);
    log(`  ${(r.wallMs / 1000).toFixed(1)} s, peak ${mb(r.peakRssBytes)}`);
    bigRuns.push(r);
  }
  const manyLoad = firstLoad(manyOut);

  const buildMs = median(runs.map((r) => r.wallMs));
  const peakRss = median(runs.map((r) => r.peakRssBytes));
  const bigMs = median(bigRuns.map((r) => r.wallMs));
  const bigPeakRss = median(bigRuns.map((r) => r.peakRssBytes));
  const growth = manyLoad.gzip - seedLoad.gzip;
  const seedRest = { gzip: firstLoadShell(seedOut, seedLoad) };
  const manyRest = { gzip: firstLoadShell(manyOut, manyLoad) };
  const growthPerPost = growth / Math.max(1, POSTS - 1);
  seed.catalog = catalogFile(seedOut);
  many.catalog = catalogFile(manyOut);
  const catalogPerPost = many.catalog.gzip / POSTS;
  const seedCache = precache(seedOut);
  const manyCache = precache(manyOut);
  const checks = {
    // Without the library it lists, the first load is the same whatever the library's size
    // (within 0.1 kB), and at most 60 kB gzip.
    firstLoadShellSame: Math.abs(manyRest.gzip - seedRest.gzip) < 100,
    firstLoadShellBudget: manyRest.gzip <= 60_000,
    catalogGzipPerPost: catalogPerPost <= BUDGET.catalogGzipPerPost,
    precacheRatio: manyCache.ratio <= 1.15,
    precacheRatioWithoutSearch: manyCache.ratioWithoutSearch <= 1.15,
    buildTime: buildMs <= BUDGET.buildMs,
    bigPostPeakRss: bigPeakRss <= BUDGET.bigPostPeakRssBytes,
  };

  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '',
      node: process.version,
      loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
      loadAverageAtStart: loadBefore.map((x) => Number(x.toFixed(2))),
    },
    corpus: {
      posts: POSTS,
      talksPerPost: TALKS,
      markdownBytes: corpusBytes,
      seed: 2015,
      paginate: PAGINATE,
    },
    runs: RUNS,
    budgets: BUDGET,
    seed: {
      posts: 1,
      buildMs: seed.wallMs,
      peakRssBytes: seed.peakRssBytes,
      firstLoad: seedLoad,
      catalog: seed.catalog,
      searchIndex: seed.searchIndex,
    },
    scale: {
      posts: POSTS,
      buildMs,
      buildRunsMs: runs.map((r) => r.wallMs),
      buildApiMs: runs.map((r) => r.buildMs),
      peakRssBytes: peakRss,
      peakRssRunsBytes: runs.map((r) => r.peakRssBytes),
      firstLoad: manyLoad,
      catalog: {
        ...many.catalog,
        gzipPerPost: catalogPerPost,
        rawPerPost: many.catalog.raw / POSTS,
      },
      searchIndex: many.searchIndex,
    },
    bigPost: {
      markdownBytes: bigBytes,
      buildMs: bigMs,
      buildRunsMs: bigRuns.map((r) => r.wallMs),
      peakRssBytes: bigPeakRss,
      peakRssRunsBytes: bigRuns.map((r) => r.peakRssBytes),
    },
    firstLoadGrowth: {
      gzip: growth,
      gzipPerPost: growthPerPost,
      withoutContent: { seed: seedRest.gzip, scale: manyRest.gzip },
    },
    precache: { seed: seedCache, scale: manyCache },
    checks,
    pass: Object.values(checks).every(Boolean),
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);

  const ok = (/** @type {boolean} */ b) => (b ? '✅' : '❌');
  /** @param {ReturnType<typeof precache>} c */
  const cacheKinds = (c) =>
    `${c.files}: ${kB(c.kinds['bodies'] ?? 0)} / ${kB(c.kinds['pages'] ?? 0)} (${c.pageFiles.join(', ')}) / ${kB(c.kinds['search'] ?? 0)} / ${kB(c.kinds['catalog'] ?? 0)} / ${kB(c.kinds['app'] ?? 0)} / ${kB(c.kinds['other'] ?? 0)}`;
  /** @param {ReturnType<typeof precache>} c @param {boolean} all @param {boolean} [toGzip] */
  const cacheRatio = (c, all, toGzip = false) =>
    `${kB(all ? c.total : c.withoutSearch)} ÷ (${kB(toGzip ? c.contentGzip : c.content)} + ${kB(c.app)}) = ${(toGzip ? (all ? c.ratioToGzip : c.ratioToGzipWithoutSearch) : all ? c.ratio : c.ratioWithoutSearch).toFixed(2)}×`;
  const si = (/** @type {BuildResult['searchIndex']} */ s) =>
    s ? `${kB(s.raw)} raw, ${kB(s.gzip)} gzip` : 'not built';
  const lines = [
    `| ${POSTS} posts × ${TALKS} talks${PAGINATE ? `, paginate: ${PAGINATE}` : ''}, ${cpus().length} cores, ${process.version} | 1 post (seed) | ${POSTS} posts | budget |`,
    '| --- | --- | --- | --- |',
    `| Build time (wall, \`vite build\` in a child process) | ${(seed.wallMs / 1000).toFixed(1)} s | ${(buildMs / 1000).toFixed(1)} s (median of ${RUNS}: ${runs.map((r) => (r.wallMs / 1000).toFixed(1)).join(', ')}) | ≤ 60 s ${ok(checks.buildTime)} |`,
    `| Peak memory of the build (RSS) | ${mb(seed.peakRssBytes)} | ${mb(peakRss)} (median of ${RUNS}: ${runs.map((r) => mb(r.peakRssBytes)).join(', ')}) | |`,
    `| One post of ${(bigBytes / 1024 / 1024).toFixed(1)} MB: build time, peak memory (RSS) | | ${(bigMs / 1000).toFixed(1)} s, ${mb(bigPeakRss)} (median of ${RUNS}: ${bigRuns.map((r) => mb(r.peakRssBytes)).join(', ')}) | ≤ 1,000 MB ${ok(checks.bigPostPeakRss)} |`,
    `| First load of the library page, whole (gzip) | ${kB(seedLoad.gzip)} | ${kB(manyLoad.gzip)} (+${kB(growth)}, ${growthPerPost.toFixed(0)} B a post: the library it lists) | |`,
    `| First load without the page's content (gzip) | ${kB(seedRest.gzip)} | ${kB(manyRest.gzip)} | the same, ≤ 60 kB ${ok(checks.firstLoadShellSame && checks.firstLoadShellBudget)} |`,
    `| Catalog (JSON, fetched by the app; raw / gzip) | ${kB(seed.catalog.raw)} / ${kB(seed.catalog.gzip)} | ${kB(many.catalog.raw)} / ${kB(many.catalog.gzip)} (${catalogPerPost.toFixed(0)} B gzip a post) | ≤ 200 B gzip a post ${ok(checks.catalogGzipPerPost)} |`,
    `| Precache (files, raw): the posts' body files / pages (which) / search index / catalog / app / other | ${cacheKinds(seedCache)} | ${cacheKinds(manyCache)} | |`,
    `| The posts' body files, inflated: their bodies (the content, HTML) + their part markers; stored gzip | ${kB(seedCache.content)} + ${kB(seedCache.shells)}; ${kB(seedCache.posts)} | ${kB(manyCache.content)} + ${kB(manyCache.shells)} (${kB(manyCache.shells / POSTS)} a post); ${kB(manyCache.posts)} | |`,
    `| The content gzip-compressed (each post’s HTML alone, level 6, as stored) | ${kB(seedCache.contentGzip)} | ${kB(manyCache.contentGzip)} | |`,
    `| **Precache without the search index** ÷ (content + app) | ${cacheRatio(seedCache, false)} | ${cacheRatio(manyCache, false)} | ≤ 1.15× ${ok(checks.precacheRatioWithoutSearch)} |`,
    `| **Precache, everything** (with the search index) ÷ (content + app) | ${cacheRatio(seedCache, true)} | ${cacheRatio(manyCache, true)} | ≤ 1.15× ${ok(checks.precacheRatio)} |`,
    `| The same against the content's gzip size: without the search index ÷ (content gzip + app) | ${cacheRatio(seedCache, false, true)} | ${cacheRatio(manyCache, false, true)} | (not a budget) |`,
    `| Everything ÷ (content gzip + app) | ${cacheRatio(seedCache, true, true)} | ${cacheRatio(manyCache, true, true)} | (not a budget) |`,
    `| Search index (lazy) | ${si(seed.searchIndex)} | ${si(many.searchIndex)} | |`,
  ];
  const load = (/** @type {number[]} */ l) => l.map((x) => x.toFixed(1)).join(', ');
  lines.push(
    '',
    `Load average (1, 5, 15 min): ${load(loadBefore)} at the start, ${load(loadavg())} at the end.`,
  );
  console.log(`\n${lines.join('\n')}\n`);
  log(`${result.pass ? 'all budgets met' : 'BUDGET MISSED'}; JSON: ${path.relative(root, OUT)}`);
  process.exitCode = result.pass ? 0 : 1;
} finally {
  if (process.env['BENCH_KEEP'] === '1') log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
