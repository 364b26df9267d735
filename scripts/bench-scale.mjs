#!/usr/bin/env node
// Scale benchmark (issue 6, "Budgets"): 1,000 synthetic posts of 10 talks each, built for
// production, against the seed post alone, and one post of about 20 MB. Reports build time,
// the build's peak memory (resident set), first-load size, catalog size and search-index
// size, checks the budgets, prints a Markdown table and writes bench-results/scale.json.
//   npm run bench:scale                 (about 4–6 minutes on 2 cores)
//   BENCH_RUNS=5 BENCH_POSTS=1000 BENCH_TALKS=10 BENCH_BIG_MB=20 npm run bench:scale
// Posts and builds go to a temporary folder (never posts/ or dist/), removed at the end
// (BENCH_KEEP=1 keeps it).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLoad, gzipSize, kB } from './bench/first-load.mjs';
import { median } from './bench/tools.mjs';
import { scalePosts, scaleVocabulary, writeScalePosts } from './bench/scale-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED_NAME = '2015-05-19-Vancouver-Summit-2015-Second-Day.md';
const SEED = path.join(root, 'posts', SEED_NAME);
const POSTS = Number(process.env['BENCH_POSTS'] ?? 1000);
const TALKS = Number(process.env['BENCH_TALKS'] ?? 10);
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3));
/** The one big post: about this many MB of Markdown (its talks shaped like the others). */
const BIG_MB = Number(process.env['BENCH_BIG_MB'] ?? 20);
const OUT = path.join(root, 'bench-results', 'scale.json');

/** Budgets from issue 6. */
const BUDGET = { catalogGzipPerPost: 200, buildMs: 60_000, bigPostPeakRssBytes: 1e9 };

const log = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);
/** Bytes as MB (10^6), as the memory budget counts them. */
const mb = (/** @type {number} */ b) => `${Math.round(b / 1e6)} MB`;

/**
 * The first load with the catalog cut out: in the built JS its `JSON.parse(`[[…]]`)` data and
 * its `"slug":()=>…(new URL(`post-….json`,…).href)` loaders, in index.html the prerendered library. Equal for the seed and the 1,000-post
 * builds when the first load grows by the catalog and nothing else.
 * @param {string} dir @param {import('./bench/first-load.mjs').FirstLoad} load
 */
function firstLoadWithoutCatalog(dir, load) {
  let gzip = 0;
  let found = 0;
  for (const f of load.files) {
    let text = readFileSync(path.join(dir, f.file), 'utf8');
    if (f.kind === 'js') {
      const before = text.length;
      text = text
        .replace(/JSON\.parse\((["'`])\[\[(?:\\[\s\S]|(?!\1)[^\\])*\1\)/g, 'JSON.parse(C)')
        .replace(
          /"(?:[^"\\]|\\.)*":\(\)=>[\w$]+\(new URL\(`[^`]*`,import\.meta\.url\)\.href\),?/g,
          '',
        );
      if (text.length !== before) found++;
    } else if (f.kind === 'html') {
      // The prerendered library (src/build/prerender.ts): the newest posts of the catalog.
      text = text.replace(/<!--summit:prerender-->[\s\S]*<!--\/summit:prerender-->/, '');
    }
    gzip += gzipSize(text);
  }
  return { gzip, found: found > 0 };
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
  const t0 = performance.now();
  const posts = scalePosts(scaleVocabulary(readFileSync(SEED, 'utf8')), POSTS, TALKS);
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
  const seedRest = firstLoadWithoutCatalog(seedOut, seedLoad);
  const manyRest = firstLoadWithoutCatalog(manyOut, manyLoad);
  const growthPerPost = growth / Math.max(1, POSTS - 1);
  const catalogPerPost = many.catalog.gzip / POSTS;
  const checks = {
    // The first load grows by the catalog and nothing else: no more than the catalog weighs.
    // (cut out of both builds, what is left differs by less than 0.1 kB).
    firstLoadGrowsOnlyByCatalog:
      seedRest.found && manyRest.found && Math.abs(manyRest.gzip - seedRest.gzip) < 100,
    catalogGzipPerPost: catalogPerPost <= BUDGET.catalogGzipPerPost,
    firstLoadGrowthPerPost: growthPerPost <= BUDGET.catalogGzipPerPost,
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
    corpus: { posts: POSTS, talksPerPost: TALKS, markdownBytes: corpusBytes, seed: 2015 },
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
      withoutCatalog: { seed: seedRest.gzip, scale: manyRest.gzip },
    },
    checks,
    pass: Object.values(checks).every(Boolean),
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);

  const ok = (/** @type {boolean} */ b) => (b ? '✅' : '❌');
  const si = (/** @type {BuildResult['searchIndex']} */ s) =>
    s ? `${kB(s.raw)} raw, ${kB(s.gzip)} gzip` : 'not built';
  const lines = [
    `| ${POSTS} posts × ${TALKS} talks, ${cpus().length} cores, ${process.version} | 1 post (seed) | ${POSTS} posts | budget |`,
    '| --- | --- | --- | --- |',
    `| Build time (wall, \`vite build\` in a child process) | ${(seed.wallMs / 1000).toFixed(1)} s | ${(buildMs / 1000).toFixed(1)} s (median of ${RUNS}: ${runs.map((r) => (r.wallMs / 1000).toFixed(1)).join(', ')}) | ≤ 60 s ${ok(checks.buildTime)} |`,
    `| Peak memory of the build (RSS) | ${mb(seed.peakRssBytes)} | ${mb(peakRss)} (median of ${RUNS}: ${runs.map((r) => mb(r.peakRssBytes)).join(', ')}) | |`,
    `| One post of ${(bigBytes / 1024 / 1024).toFixed(1)} MB: build time, peak memory (RSS) | | ${(bigMs / 1000).toFixed(1)} s, ${mb(bigPeakRss)} (median of ${RUNS}: ${bigRuns.map((r) => mb(r.peakRssBytes)).join(', ')}) | ≤ 1,000 MB ${ok(checks.bigPostPeakRss)} |`,
    `| First load (gzip) | ${kB(seedLoad.gzip)} | ${kB(manyLoad.gzip)} (+${kB(growth)}, ${growthPerPost.toFixed(0)} B a post) | ≤ 200 B a post ${ok(checks.firstLoadGrowthPerPost)} |`,
    `| First load without the catalog (gzip) | ${kB(seedRest.gzip)} | ${kB(manyRest.gzip)} | the same ${ok(checks.firstLoadGrowsOnlyByCatalog)} |`,
    `| Catalog module (raw / gzip) | ${kB(seed.catalog.raw)} / ${kB(seed.catalog.gzip)} | ${kB(many.catalog.raw)} / ${kB(many.catalog.gzip)} | |`,
    `| Catalog module per post (raw / gzip) | ${seed.catalog.raw} B / ${seed.catalog.gzip} B | ${(many.catalog.raw / POSTS).toFixed(0)} B / ${catalogPerPost.toFixed(0)} B | ≤ 200 B gzip ${ok(checks.catalogGzipPerPost)} |`,
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
