#!/usr/bin/env node
// Search benchmark (issue 3): synthetic corpora of 100, 1,000 and 10,000 talks, searched in real
// Chromium, the two-stage engine against plain Fuse; the index loaded in a Web Worker as the app
// loads it; and the main thread while the index loads and while typing in the real app
// (worker-backed) built over the 10,000-talk corpus.
//   npm run bench:search            (about 3–5 minutes on 2 cores)
//   BENCH_SIZES=100,1000 npm run bench:search      BENCH_UI=0 to skip the typing test
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { executablePath, launchOptions } from './chromium.mjs';
import sirv from 'sirv';
import { build } from 'vite';
import { generatePosts, vocabulary } from './bench/corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(root, 'posts', '2015-05-19-Vancouver-Summit-2015-Second-Day.md');
const SIZES = (process.env['BENCH_SIZES'] ?? '100,1000,10000').split(',').map(Number);
const UI = process.env['BENCH_UI'] !== '0';
const OUT = path.join(root, 'bench-results', 'search.json');
/** Timed runs of each query with the two-stage engine. */
const RUNS = 50;

/** The fixed query set: typos, Chinese, mixed scripts, long. */
const QUERIES = [
  { kind: 'typo', q: 'Ralley' },
  { kind: 'typo', q: 'superusr' },
  { kind: 'typo', q: 'vRealise' },
  { kind: 'exact', q: 'Keating' },
  { kind: 'Chinese', q: '升级' },
  { kind: 'Chinese', q: '容器' },
  { kind: 'Chinese', q: '虚拟机迁移' },
  { kind: 'Chinese 1 char', q: '云' },
  { kind: 'mixed', q: 'vmware 集群' },
  { kind: 'mixed', q: 'OpenStack升级' },
  { kind: 'mixed', q: 'Jesse Keating' },
  { kind: 'long', q: 'Integrated OpenStack certification at Scale upgrade Havana Juno' },
  { kind: 'long', q: '部署工具的原有功能的回归测试 Rally SLA' },
];

const log = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);

/** @param {string} dir @returns {Promise<{ url: string, close: () => Promise<void> }>} */
function serve(dir) {
  const handler = sirv(dir, { dev: true });
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    }),
  );
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        url: `http://127.0.0.1:${addr.port}/`,
        close: () => new Promise((r) => server.close(() => r(undefined))),
      });
    });
  });
}

/** @param {number[]} xs @param {number} p */
function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) : 0;
}
const ms = (/** @type {number} */ x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mb = (/** @type {number} */ b) =>
  b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(0)} KB`;

async function main() {
  const started = performance.now();
  const tmp = mkdtempSync(path.join(tmpdir(), 'summit-bench-'));
  try {
    // 1. Bundle the engine (and the post pipeline) once, for Node and for the browser.
    log('bundling the engine…');
    const bundleDir = path.join(tmp, 'www');
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir: bundleDir,
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        lib: {
          entry: path.join(root, 'scripts/bench/entry.ts'),
          formats: ['es'],
          fileName: 'entry',
        },
      },
    });
    const entryFile = path.join(bundleDir, 'entry.js');
    /** @type {any} */
    const lib = await import(pathToFileURL(entryFile).href);
    writeFileSync(path.join(bundleDir, 'index.html'), '<!doctype html><title>bench</title>');
    // Loads an index as the app's search worker does (src/search/loader.ts, worker.ts).
    writeFileSync(
      path.join(bundleDir, 'load-worker.js'),
      `import { fetchIndex, SearchEngine } from './entry.js';
onmessage = async (ev) => {
  const t0 = performance.now();
  const index = await fetchIndex(new URL(ev.data, location.href).href);
  const t1 = performance.now();
  new SearchEngine(index);
  postMessage({ fetchParseMs: t1 - t0, engineBuildMs: performance.now() - t1 });
};
`,
    );

    // 2. Corpora, through the same pipeline as the posts plugin.
    const vocab = vocabulary(readFileSync(SEED, 'utf8'));
    /** @type {Record<number, { posts: { name: string, markdown: string }[], sections: number, raw: number, gzip: number, file: string }>} */
    const corpora = {};
    for (const n of SIZES) {
      const t0 = performance.now();
      const posts = generatePosts(vocab, n);
      const docs = posts.flatMap((p) => lib.analysePost(p.name, p.markdown).sections);
      const index = lib.buildSearchIndex(docs);
      // Exactly what the posts plugin emits as assets/search-index-<hash>.json.
      const json = JSON.stringify(index);
      const file = `index-${n}.json`;
      writeFileSync(path.join(bundleDir, file), json);
      const raw = Buffer.byteLength(json);
      const gzip = gzipSync(json, { level: 9 }).length;
      const talks = docs.filter((/** @type {any} */ d) => d.session).length;
      corpora[n] = { posts, sections: docs.length, raw, gzip, file };
      log(
        `corpus ${n}: ${posts.length} posts, ${talks} talks, ${docs.length} sections, ` +
          `index ${mb(raw)} (gzip ${mb(gzip)}), ${ms(performance.now() - t0)} ms`,
      );
    }

    // 3. Search in Chromium.
    const server = await serve(bundleDir);
    const browser = await chromium.launch(launchOptions);
    const results = [];
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      const version = browser.version();
      for (const n of SIZES) {
        const c = corpora[n];
        if (!c) continue;
        log(`searching ${n} talks in Chromium ${version}…`);
        const plainReps = n >= 10000 ? 2 : n >= 1000 ? 4 : 10;
        const r = await page.evaluate(
          async ({ file, queries, plainReps, RUNS }) => {
            const entry = '/entry.js';
            const lib = /** @type {any} */ (await import(/* @vite-ignore */ entry));
            // The load as the app does it, in a worker; the main thread's long tasks meanwhile.
            const long = /** @type {number[]} */ ([]);
            const observer = new PerformanceObserver((list) => {
              for (const e of list.getEntries()) long.push(e.duration);
            });
            observer.observe({ type: 'longtask' });
            const worker = new Worker('/load-worker.js', { type: 'module' });
            const inWorker = await new Promise((resolve) => {
              worker.onmessage = (ev) => resolve(ev.data);
              worker.postMessage(`/${file}`);
            });
            worker.terminate();
            await new Promise((r) => setTimeout(r, 100));
            observer.disconnect();
            // The same on this thread, for the per-query timings below.
            const t0 = performance.now();
            const index = await lib.fetchIndex(new URL(`/${file}`, location.href).href);
            const t1 = performance.now();
            const engine = new lib.SearchEngine(index);
            const t2 = performance.now();
            // The first query, as soon as the engine is built (cold code, the heap still busy
            // with the index): what a reader who typed while the index loaded waits for.
            engine.search(queries[0].q, 20);
            const firstQueryMs = performance.now() - t2;
            // Ours first, before plain Fuse fills the heap: the whole search() the worker runs,
            // hits with excerpts included. The queries are run over and over for 2 s first, as
            // a reader's keystrokes would: V8 optimises the hot code on the other core, which
            // takes a while on a busy machine, and the collector finishes with the index.
            for (const until = performance.now() + 2000; performance.now() < until;)
              for (const { q } of queries) engine.search(q, 20);
            const perQuery = [];
            for (const { q, kind } of queries) {
              const ours = [];
              for (let i = 0; i < RUNS; i++) {
                const s = performance.now();
                engine.search(q, 20);
                ours.push(performance.now() - s);
              }
              const top = engine.rankedIds(q).slice(0, 5);
              perQuery.push({
                q,
                kind,
                ours,
                oursTop: top.map((/** @type {any} */ x) => x.id),
                oursScores: top.map((/** @type {any} */ x) => x.score),
                hits: engine.search(q, 1000).length,
              });
            }
            // Plain Fuse over the full documents: same keys, options, query and tie-break.
            const fuseDocs = engine.fuseDocs();
            const t3 = performance.now();
            const plain = new lib.Fuse(fuseDocs, lib.FUSE_OPTIONS);
            const t4 = performance.now();
            for (const x of perQuery) {
              const terms = lib.parseQuery(x.q);
              const plainTimes = [];
              let plainTop = [];
              let plainScores = [];
              for (let i = 0; i < plainReps; i++) {
                const s = performance.now();
                const res = plain.search(lib.fuseQuery(terms));
                plainTimes.push(performance.now() - s);
                const top = engine
                  .order(
                    terms,
                    res.map((/** @type {any} */ r) => ({ id: r.refIndex, score: r.score ?? 1 })),
                  )
                  .slice(0, 5);
                plainTop = top.map((/** @type {any} */ r) => r.id);
                plainScores = top.map((/** @type {any} */ r) => r.score);
              }
              Object.assign(x, {
                plain: plainTimes,
                top5Overlap: x.oursTop.filter((/** @type {number} */ id) => plainTop.includes(id))
                  .length,
                top5Of: Math.max(x.oursTop.length, plainTop.length),
                sameOrder: JSON.stringify(x.oursTop) === JSON.stringify(plainTop),
                // Equal scores rank by position: other sections with the same scores are ties.
                sameScores:
                  x.oursScores.length === plainScores.length &&
                  x.oursScores.every(
                    (/** @type {number} */ v, /** @type {number} */ i) =>
                      Math.abs(v - (plainScores[i] ?? NaN)) < 1e-9,
                  ),
              });
            }
            // Would a precomputed Fuse index (createIndex → JSON → parseIndex) help?
            const t5 = performance.now();
            const fuseIndexJson = JSON.stringify(
              lib.Fuse.createIndex(lib.FUSE_KEYS, fuseDocs).toJSON(),
            );
            const t6 = performance.now();
            new lib.Fuse(
              fuseDocs,
              lib.FUSE_OPTIONS,
              lib.Fuse.parseIndex(JSON.parse(fuseIndexJson)),
            );
            const t7 = performance.now();
            const load = {
              worker: { ...inWorker, mainThreadLongTasks: long.map(Math.round) },
              fetchParseMs: t1 - t0,
              engineBuildMs: t2 - t1,
              firstQueryMs,
              plainFuseBuildMs: t4 - t3,
              fuseCreateIndexMs: t6 - t5,
              fuseParseIndexMs: t7 - t6,
              fuseIndexJsonBytes: new TextEncoder().encode(fuseIndexJson).length,
            };
            return { load, perQuery };
          },
          { file: c.file, queries: QUERIES, plainReps, RUNS },
        );
        results.push({ talks: n, sections: c.sections, indexRaw: c.raw, indexGzip: c.gzip, ...r });
        await page.reload();
      }
    } finally {
      await browser.close();
      await server.close();
    }

    // 4. The main thread while typing in the real app over the largest corpus.
    let typing;
    const biggest = Math.max(...SIZES);
    if (UI && corpora[biggest]) typing = await typingTest(tmp, corpora[biggest].posts);

    // 5. Report.
    const table = report(results, typing);
    process.stdout.write(`${table}\n`);
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(
      OUT,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          chromium: executablePath ?? 'playwright default',
          node: process.version,
          queries: QUERIES,
          results,
          typing,
          seconds: (performance.now() - started) / 1000,
        },
        null,
        2,
      ),
    );
    log(
      `wrote ${path.relative(root, OUT)} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Builds the real app over the corpus (POSTS_DIR), opens it in Chromium and types queries into
 * the header search box, recording long tasks (PerformanceObserver 'longtask', ≥ 50 ms) on the
 * main thread: while the index loads, and then while typing.
 * @param {string} tmp @param {{ name: string, markdown: string }[]} posts
 */
async function typingTest(tmp, posts) {
  log(`building the app over ${posts.length} synthetic posts…`);
  const postsDir = path.join(tmp, 'posts');
  mkdirSync(postsDir, { recursive: true });
  for (const p of posts) writeFileSync(path.join(postsDir, p.name), p.markdown);
  const outDir = path.join(tmp, 'app');
  const before = process.env['POSTS_DIR'];
  process.env['POSTS_DIR'] = postsDir;
  try {
    await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  } finally {
    if (before === undefined) delete process.env['POSTS_DIR'];
    else process.env['POSTS_DIR'] = before;
  }
  const server = await serve(outDir);
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      /** @type {any} */ (window).__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          /** @type {any} */ (window).__long.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    // The search route: no library of 1,000 posts to render first.
    await page.goto(`${server.url}#/search`);
    const box = page.getByRole('combobox', { name: 'Search talks' });
    await box.waitFor();
    // Let the start-up settle (the index may begin loading when idle), then search.
    await page.waitForTimeout(1000);
    const startup = await page.evaluate(() => /** @type {any} */ (window).__long.splice(0));
    const t0 = Date.now();
    await box.focus();
    await box.pressSequentially('Rally', { delay: 0 });
    await page.getByRole('option').first().waitFor({ timeout: 120_000 });
    const readyMs = Date.now() - t0;
    const loading = await page.evaluate(() => /** @type {any} */ (window).__long.splice(0));
    // The worker's own timings (User Timing measures in src/search/worker.ts).
    const worker = page.workers().find((w) => /\/worker-[^/]*\.js$/.test(w.url()));
    const usesWorker = worker !== undefined;
    const workerLoad = worker
      ? await worker.evaluate(() =>
          Object.fromEntries(
            performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.duration)]),
          ),
        )
      : {};
    await box.fill('');
    const typed = [
      'Ralley superusr',
      'vmware 集群',
      'Jesse Keating',
      'OpenStack升级 Rally',
      '虚拟机迁移',
    ];
    const latencies = [];
    for (const q of typed) {
      await box.fill('');
      await box.pressSequentially(q, { delay: 60 });
      const s = Date.now();
      await page.waitForFunction((q) => {
        const input = /** @type {HTMLInputElement} */ (document.querySelector('[role=combobox]'));
        return input.value === q && input.getAttribute('aria-busy') !== 'true';
      }, q);
      latencies.push(Date.now() - s);
      await page.waitForTimeout(300);
    }
    const whileTyping = await page.evaluate(() => /** @type {any} */ (window).__long.splice(0));
    return {
      talks: posts.reduce((n, p) => n + (p.markdown.match(/^### /gm) ?? []).length, 0),
      posts: posts.length,
      usesWorker,
      firstResultsAfterFocusMs: readyMs,
      workerLoad,
      longTasksAtStartup: startup.map((/** @type {any} */ t) => Math.round(t.duration)),
      longTasksWhileLoading: loading.map((/** @type {any} */ t) => Math.round(t.duration)),
      longTasksWhileTyping: whileTyping.map((/** @type {any} */ t) => Math.round(t.duration)),
      maxLongTaskWhileTypingMs: Math.max(
        0,
        ...whileTyping.map((/** @type {any} */ t) => t.duration),
      ),
      typedQueries: typed,
      /** From the last key to the results shown, per typed query. */
      resultsAfterLastKeyMs: latencies,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** @param {any[]} results @param {any} typing */
function report(results, typing) {
  const lines = [];
  lines.push('### Index');
  lines.push('');
  lines.push(
    '| talks | sections | index raw | index gzip | worker: fetch + JSON.parse | worker: engine build | main-thread long tasks meanwhile | plain Fuse build | Fuse.createIndex JSON | parseIndex + new Fuse |',
  );
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const w = r.load.worker;
    lines.push(
      `| ${r.talks} | ${r.sections} | ${mb(r.indexRaw)} | ${mb(r.indexGzip)} | ${ms(w.fetchParseMs)} ms | ${ms(w.engineBuildMs)} ms | ${w.mainThreadLongTasks.join(', ') || 'none'} | ${ms(r.load.plainFuseBuildMs)} ms | ${mb(r.load.fuseIndexJsonBytes)} | ${ms(r.load.fuseParseIndexMs)} ms |`,
    );
  }
  lines.push('');
  lines.push(
    `### Per query (ms; two-stage p50 / p95 of ${RUNS} runs; plain Fuse p50 of 10, 4, 2 runs; top-5: sections in common, “(ties)”: the others have the same scores, “≠”: different scores)`,
  );
  lines.push('');
  lines.push(
    `| query | kind | ${results.map((r) => `${r.talks}: two-stage p50 / p95 | ${r.talks}: plain Fuse | ${r.talks}: top-5 agree`).join(' | ')} |`,
  );
  lines.push(`|---|---|${results.map(() => '---:|---:|:---:|').join('')}`);
  for (let i = 0; i < (results[0]?.perQuery.length ?? 0); i++) {
    const q = results[0].perQuery[i];
    const cells = results.map((r) => {
      const x = r.perQuery[i];
      const agree = `${x.top5Overlap}/${x.top5Of}${x.sameOrder ? '' : x.sameScores ? ' (ties)' : ' ≠'}`;
      return `${ms(pct(x.ours, 50))} / ${ms(pct(x.ours, 95))} | ${ms(pct(x.plain, 50))} | ${agree}`;
    });
    lines.push(
      `| \`${q.q.length > 40 ? `${q.q.slice(0, 38)}…` : q.q}\` | ${q.kind} | ${cells.join(' | ')} |`,
    );
  }
  lines.push('');
  lines.push('### Overall');
  lines.push('');
  lines.push(
    '| talks | two-stage p50 | two-stage p95 | worst query p95 | first query after build | plain Fuse p50 | plain Fuse p95 | top-5 sets equal | top-5 scores equal |',
  );
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const ours = r.perQuery.flatMap((/** @type {any} */ x) => x.ours);
    const plain = r.perQuery.flatMap((/** @type {any} */ x) => x.plain);
    const worst = Math.max(...r.perQuery.map((/** @type {any} */ x) => pct(x.ours, 95)));
    const agree = r.perQuery.filter((/** @type {any} */ x) => x.top5Overlap === x.top5Of).length;
    const scores = r.perQuery.filter((/** @type {any} */ x) => x.sameScores).length;
    lines.push(
      `| ${r.talks} | ${ms(pct(ours, 50))} ms | ${ms(pct(ours, 95))} ms | ${ms(worst)} ms | ${ms(r.load.firstQueryMs)} ms | ${ms(pct(plain, 50))} ms | ${ms(pct(plain, 95))} ms | ${agree} of ${r.perQuery.length} | ${scores} of ${r.perQuery.length} |`,
    );
  }
  if (typing) {
    lines.push('');
    lines.push(`### Main thread, real app over ${typing.talks} talks (long tasks ≥ 50 ms)`);
    lines.push('');
    lines.push(
      `- search runs in a worker: ${typing.usesWorker ? 'yes' : 'NO (in-thread fallback)'}`,
    );
    lines.push(
      `- focus → first results (index load included): ${typing.firstResultsAfterFocusMs} ms; in the worker: ${
        Object.entries(typing.workerLoad)
          .map(([k, v]) => `${k} ${v} ms`)
          .join(', ') || 'no measures'
      }`,
    );
    lines.push(
      `- long tasks at start-up (before the search box is focused): ${typing.longTasksAtStartup.join(', ') || 'none'} ms`,
    );
    lines.push(
      `- long tasks while the index loads: ${typing.longTasksWhileLoading.join(', ') || 'none'} ms`,
    );
    lines.push(
      `- long tasks while typing ${typing.typedQueries.length} queries at 60 ms a key: ${typing.longTasksWhileTyping.join(', ') || 'none'} (max ${ms(typing.maxLongTaskWhileTypingMs)} ms)`,
    );
    lines.push(
      `- last key → results shown: ${typing.resultsAfterLastKeyMs.join(', ')} ms (includes Playwright's polling)`,
    );
  }
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
