#!/usr/bin/env node
// Search benchmark (issues 3 and 13), in real Chromium: synthetic Chinese/English talks
// (scripts/bench/corpus.mjs) at 300, 1,000, 10,000 and 50,000 talks. Side by side in one run:
//   old  the single-file engine it replaced (src/search/reference/engine.ts): the whole index in
//        one JSON file, fetched, parsed and indexed before the first answer;
//   new  the sharded engine (src/search/engine.ts): a manifest, then the shards of the query's
//        bigrams, then the texts of its candidates.
// 1. Engine level, in a worker: cold first answer (a fresh context, no HTTP cache) and bytes,
//    warm per-query p50/p95, top-5 sets of new against old, the worker's heap.
// 2. The real app (vite build over the corpus), new and old (the commit before issue 13):
//    navigation → first result shown on #/search?q=…, cold, online; bytes; long tasks while
//    typing; and, for the new app, the service worker's background fetch and offline results.
//   npm run bench:search
//   BENCH_SIZES=300,1000,10000,50000 BENCH_APP=0 (engine level only; or the sizes for the apps)
//   BENCH_OLD_APP=300,1000,10000 BENCH_OFFLINE=1000,10000 (sizes for the old app and the offline
//   check) BENCH_PAGEFIND=300,1000,10000 BENCH_ENGINES=old,new BENCH_PROTOCOLS=1,2
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { executablePath, launchOptions } from './chromium.mjs';
import { generatePosts, vocabulary } from './bench/corpus.mjs';
import { QUERIES } from './bench/queries.mjs';
import { startSearchServer } from './bench/search-server.mjs';
import { buildPagefind, pagefindFirst, pagefindWarm } from './bench/pagefind.mjs';
import { median } from './bench/tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(root, 'posts', '2015-05-19-Vancouver-Summit-2015-Second-Day.md');
const SIZES = (process.env['BENCH_SIZES'] ?? '300,1000,10000,50000').split(',').map(Number);
/** Sizes at which the real apps are built and timed (`0`: none; default every size). */
const APP = process.env['BENCH_APP'] ? process.env['BENCH_APP'].split(',').map(Number) : SIZES;
/** Sizes at which the old app is built and timed too (its build is slow at 50,000 talks). */
const OLD_APP = (process.env['BENCH_OLD_APP'] ?? '300,1000,10000').split(',').map(Number);
const OFFLINE = (process.env['BENCH_OFFLINE'] ?? '1000,10000').split(',').map(Number);
/** The commit whose search is "old": the last one before issue 13. */
const OLD_COMMIT = process.env['BENCH_OLD_COMMIT'] ?? 'd302e69';
const OUT = path.join(root, 'bench-results', process.env['BENCH_OUT'] ?? 'search.json');
/**
 * Engines to run (`old,new`; `new` alone for a quick look while working; `prev`: the sharded
 * engine as it is at BENCH_PREV_COMMIT, to compare a change with it in the same run).
 */
const ENGINES = (process.env['BENCH_ENGINES'] ?? 'old,new').split(',');
/** Protocols of the cold first answers (`1,2`; `0`: warm figures only). */
const PREV_COMMIT = process.env['BENCH_PREV_COMMIT'] ?? 'HEAD';
const PROTOCOLS = (process.env['BENCH_PROTOCOLS'] ?? '1,2').split(',').map(Number);
/** Sizes at which Pagefind is built over the same corpus (its indexer takes minutes at 10,000). */
const PAGEFIND = (process.env['BENCH_PAGEFIND'] ?? '300,1000,10000').split(',').map(Number);
/**
 * How the server answers byte ranges: `multi` (as nginx, Apache, Caddy: many in one multipart
 * reply), `first` (the first range only) or `none` (the whole file), so that a run shows the
 * texts in one request and the fallback to chunk files. See scripts/bench/byteranges.mjs.
 */
const RANGES = /** @type {import('./bench/byteranges.mjs').RangeMode} */ (
  process.env['BENCH_RANGES'] ?? 'multi'
);
/**
 * `BENCH_NET=<latency ms>,<kbit/s>`: the cold first answers over a throttled network (e.g.
 * `150,1600`, Lighthouse's mobile profile), instead of the loopback's.
 */
const NET = process.env['BENCH_NET']
  ? (([latency, kbps]) => ({ latency: Number(latency), kbps: Number(kbps) }))(
      process.env['BENCH_NET'].split(','),
    )
  : undefined;
/** Whether to time the request floor (the text files alone, joined, and ranged: session 6). */
const FLOOR = process.env['BENCH_FLOOR'] !== '0';
/** Cold first answers per engine and size (the median is reported). */
const COLD_RUNS = 3;
/** Timed runs of each query, warm. */
const RUNS = 30;

/** First answers are timed for these (a short typo, Chinese, mixed). */
const FIRST = ['Ralley', '升级', 'vmware 集群'];

const log = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);
/** @param {number[]} xs @param {number} p */
function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) : 0;
}
const ms = (/** @type {number} */ x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const kb = (/** @type {number} */ b) =>
  b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(0)} KB`;

/** Sizes of every file under a folder: raw, and gzip file by file (as a server sends them). */
function folderSize(
  /** @type {string} */ dir,
  /** @type {(name: string) => boolean} */ keep = () => true,
) {
  let raw = 0;
  let gzip = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !keep(e.name)) continue;
    const b = readFileSync(path.join(e.parentPath, e.name));
    raw += b.length;
    gzip += gzipSync(b, { level: 6 }).length;
    files++;
  }
  return { raw, gzip, files };
}

/**
 * The worker's JS heap, through the DevTools protocol.
 * @param {import('playwright-core').Browser} browser @param {string} urlPart
 */
async function workerHeap(browser, urlPart) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const t = targetInfos.find((x) => x.type === 'worker' && x.url.includes(urlPart));
    if (!t) return undefined;
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: t.targetId,
      flatten: false,
    });
    const reply = new Promise((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (ev) => {
        const m = JSON.parse(ev.message);
        if (m.id === 1) resolve(m.result);
      });
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
    });
    const r = /** @type {any} */ (
      await Promise.race([reply, new Promise((r) => setTimeout(r, 5000))])
    );
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return r ? /** @type {number} */ (r.usedSize) : undefined;
  } catch {
    return undefined;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function main() {
  const started = performance.now();
  const tmp = mkdtempSync(path.join(tmpdir(), 'summit-bench-search-'));
  const browser = await chromium.launch({
    ...launchOptions,
    // The HTTP/2 server's certificate is self-signed.
    args: [...launchOptions.args, '--ignore-certificate-errors'],
  });
  const results = [];
  try {
    // Bundles: the index builder for Node, the two engines for the browser.
    log('bundling…');
    const nodeDir = path.join(root, 'node_modules', '.summit-bench');
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir: nodeDir,
        emptyOutDir: true,
        target: 'node20',
        ssr: path.join(root, 'scripts/bench/search-node.ts'),
        rollupOptions: { output: { format: 'es', entryFileNames: 'search-node.mjs' } },
      },
    });
    /** @type {any} */
    const lib = await import(pathToFileURL(path.join(nodeDir, 'search-node.mjs')).href);
    const www = path.join(tmp, 'www');
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir: path.join(www, 'lib'),
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        lib: {
          entry: path.join(root, 'scripts/bench/search-browser.ts'),
          formats: ['es'],
          fileName: () => 'search-browser.js',
        },
      },
    });
    if (ENGINES.includes('prev')) {
      // The sharded engine at another commit, bundled the same way.
      const prevSrc = prepareSource(tmp, PREV_COMMIT, 'prev-engine-src');
      await build({
        configFile: false,
        root: prevSrc,
        logLevel: 'warn',
        build: {
          outDir: path.join(www, 'prevlib'),
          emptyOutDir: true,
          target: 'es2022',
          minify: true,
          lib: {
            entry: path.join(prevSrc, 'scripts/bench/search-browser.ts'),
            formats: ['es'],
            fileName: () => 'search-browser.js',
          },
        },
      });
    }
    writeFileSync(path.join(www, 'index.html'), '<!doctype html><title>bench</title>');
    writeFileSync(
      path.join(www, 'worker.js'),
      readFileSync(path.join(root, 'scripts/bench/search-worker.js')),
    );

    const vocab = vocabulary(readFileSync(SEED, 'utf8'));
    let oldApp;
    /** @type {string | undefined} */
    let newApp;
    for (const n of SIZES) {
      log(`\n== ${n} talks`);
      const posts = generatePosts(vocab, n);
      const docs = posts.flatMap((p) => lib.analysePost(p.name, p.markdown).sections);
      const rows = lib.buildSearchRows(docs);
      const dir = path.join(www, `n${n}`);
      mkdirSync(dir, { recursive: true });
      // Old: exactly what the posts plugin emitted as assets/search-index-<hash>.json.
      writeFileSync(path.join(dir, 'single.json'), JSON.stringify(rows));
      const t0 = performance.now();
      const layout = lib.chooseLayout(rows.docs.length, process.env['BENCH_SPLIT'] ?? '');
      const files = lib.buildSearchFiles(rows, layout);
      const buildMs = performance.now() - t0;
      const folder = path.join(dir, files.folder);
      mkdirSync(folder);
      for (const [name, text] of files.files) writeFileSync(path.join(folder, name), text);
      /** @type {any} */
      const pf = PAGEFIND.includes(n)
        ? await buildPagefind(rows, path.join(dir, 'pagefind'))
        : undefined;
      if (pf?.error) log(`pagefind: ${pf.error}`);
      else if (pf) {
        pf.size = folderSize(path.join(dir, 'pagefind'));
        pf.first = {};
        log(`pagefind: ${pf.size.files} files ${kb(pf.size.raw)} (built in ${ms(pf.ms)} ms)`);
      }
      const single = folderSize(dir);
      if (pf?.size) {
        single.raw -= pf.size.raw;
        single.gzip -= pf.size.gzip;
        single.files -= pf.size.files;
      }
      const sharded = folderSize(folder);
      // What the service worker precaches: every file but the per-query text chunks.
      const precache = folderSize(folder, (name) => !/^c\d+\.json$|\.bin$/.test(name));
      const singleOnly = { raw: single.raw - sharded.raw, gzip: single.gzip - sharded.gzip };
      log(
        `${docs.length} sections; single file ${kb(singleOnly.raw)} (gzip ${kb(singleOnly.gzip)}); ` +
          `shards+chunks ${sharded.files} files ${kb(sharded.raw)} (gzip ${kb(sharded.gzip)}), ` +
          `precached ${precache.files} files ${kb(precache.raw)} (gzip ${kb(precache.gzip)}), ` +
          `shardBits ${layout.shardBits}, chunk ${layout.chunk}, built in ${ms(buildMs)} ms`,
      );

      // The request floor: the text files each first answer fetches (found in Node, with the
      // same engine over the same files), and the same texts joined in one file, to fetch alone.
      const floorDir = path.join(www, `floor${n}`);
      const floorFiles =
        FLOOR && ENGINES.includes('new')
          ? await textFiles(lib, files, floorDir, `/n${n}/${files.folder}/`)
          : undefined;

      /** @type {any} */
      const engine = { old: { first: {} }, new: { first: {} }, prev: { first: {} } };
      for (const proto of PROTOCOLS.includes(1) ? PROTOCOLS : [...PROTOCOLS, 1]) {
        const server = await startSearchServer(
          { '/': www },
          { http2: proto === 2, ranges: RANGES },
        );
        try {
          for (const kind of /** @type {('old' | 'new' | 'prev')[]} */ (ENGINES)) {
            // The new engine's URL ends with the shard layout, as the app's does (urlHint).
            const url = `${server.url}/n${n}/${kind === 'old' ? 'single.json' : `${files.folder}/index.jsonz${files.urlHint}`}`;
            const first = await coldFirsts(
              browser,
              server,
              proto,
              new RegExp(`^/n${n}/`),
              async (page, q) => {
                const reply = /** @type {any} */ (
                  await page.evaluate(
                    ({ url, q, kind }) =>
                      new Promise((resolve) => {
                        const w = new Worker('/worker.js', { type: 'module' });
                        w.onmessage = (ev) => resolve(ev.data);
                        w.postMessage({ cmd: 'first', engine: kind, url, query: q });
                      }),
                    { url, q, kind },
                  )
                );
                if (reply.error) throw new Error(reply.error);
                if (process.env['BENCH_DEBUG'])
                  log(`  HTTP/${proto} ${kind} ${q}: ${JSON.stringify(reply)}`);
                return reply;
              },
            );
            engine[kind].first[proto] = first;
            log(
              `HTTP/${proto} ${kind}: first answer ${FIRST.map((q) => `${q} ${ms(median(first[q].ms))} ms / ${kb(median(first[q].bytes))}`).join(', ')}`,
            );
            if (kind !== 'old' && PROTOCOLS.includes(proto)) {
              log(`  where it went: ${stages(first)}`);
              if (floorFiles && kind === 'new') {
                engine.new.floor ??= {};
                engine.new.floor[proto] = await requestFloor(browser, server, floorFiles);
                const f = engine.new.floor[proto];
                log(
                  `  its text files alone (${FIRST.map((q) => floorFiles[q].urls.length).join(' / ')} requests): ` +
                    `${FIRST.map((q) => ms(median(f[q].apart))).join(' / ')} ms; the same texts in one file: ` +
                    `${FIRST.map((q) => ms(median(f[q].joined))).join(' / ')} ms; in one request for ${FIRST.map((q) => floorFiles[q].urls.length).join(' / ')} byte ranges: ` +
                    `${FIRST.map((q) => ms(median(f[q].ranged))).join(' / ')} ms`,
                );
              }
            }
            if (proto !== 1) continue;
            // Warm: one worker, every query.
            const context = await browser.newContext({ serviceWorkers: 'block' });
            const page = await context.newPage();
            await page.goto(`${server.url}/index.html`);
            const warm = /** @type {any} */ (
              await page.evaluate(
                ({ url, queries, runs, kind }) =>
                  new Promise((resolve) => {
                    const w = new Worker('/worker.js', { type: 'module' });
                    /** @type {any} */ (window).__w = w;
                    let step = 0;
                    w.onmessage = (ev) => {
                      if (step++ === 0 && !ev.data.error)
                        w.postMessage({ cmd: 'warm', queries, runs });
                      else resolve(ev.data);
                    };
                    w.postMessage({ cmd: 'first', engine: kind, url, query: queries[0] });
                  }),
                { url, queries: QUERIES.map((x) => x.q), runs: RUNS, kind },
              )
            );
            if (warm.error) throw new Error(warm.error);
            engine[kind].heap = await workerHeap(browser, '/worker.js');
            engine[kind].perQuery = warm.perQuery;
            await context.close();
            const all = warm.perQuery.flatMap((/** @type {any} */ x) => x.times);
            log(
              `${kind} warm: p50 ${ms(pct(all, 50))} p95 ${ms(pct(all, 95))} ms; worker heap ${engine[kind].heap ? kb(engine[kind].heap) : '?'}`,
            );
          }
          if (pf && !pf.error) await pagefindRun(browser, server, n, proto, pf);
        } finally {
          await server.close();
        }
      }
      const e = /** @type {any} */ (engine);
      const agree = (e.old.perQuery && e.new.perQuery ? e.new.perQuery : []).map(
        (/** @type {any} */ x, /** @type {number} */ i) => {
          const o = e.old.perQuery[i].top5;
          return (
            x.top5.length === o.length && x.top5.every((/** @type {number} */ id) => o.includes(id))
          );
        },
      );
      log(`top-5 sets equal: ${agree.filter(Boolean).length} of ${agree.length}`);

      /** @type {any} */
      let app;
      if (APP.includes(n)) {
        const postsDir = path.join(tmp, `posts-${n}`);
        mkdirSync(postsDir);
        for (const p of posts) writeFileSync(path.join(postsDir, p.name), p.markdown);
        // The new app from this checkout's last commit, so edits made while the run goes on stay out.
        newApp ??= prepareSource(tmp, 'HEAD', 'new-src');
        app = {
          new: await appRun(browser, tmp, postsDir, `new-${n}`, newApp, OFFLINE.includes(n)),
        };
        if (OLD_APP.includes(n)) {
          oldApp ??= prepareSource(tmp, OLD_COMMIT, 'old-src');
          app.old = await appRun(browser, tmp, postsDir, `old-${n}`, oldApp, false);
        }
        rmSync(postsDir, { recursive: true, force: true });
      }
      results.push({
        talks: n,
        sections: docs.length,
        layout,
        indexBuildMs: buildMs,
        singleFile: singleOnly,
        sharded,
        precache,
        manifestGzip: files.files.get('index.jsonz').length,
        pagefind: pf,
        engine,
        top5Equal: agree,
        app,
      });
      rmSync(dir, { recursive: true, force: true });
      rmSync(floorDir, { recursive: true, force: true });
      // After each size, so a long run that is stopped keeps what it measured.
      mkdirSync(path.dirname(OUT), { recursive: true });
      writeFileSync(OUT, JSON.stringify({ partial: true, queries: QUERIES, results }, null, 2));
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const table = report(results);
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
        seconds: (performance.now() - started) / 1000,
      },
      null,
      2,
    ),
  );
  log(
    `wrote ${path.relative(root, OUT)} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

/**
 * For each query of FIRST: the text files (chunks) its first answer fetches, found by running
 * the sharded engine in Node over the same files, and a file `<floorDir>/<i>.json` holding
 * their JSON joined in one array (written before the server starts: it serves what it read).
 * @param {any} lib @param {any} files @param {string} floorDir @param {string} prefix
 * Also `<floorDir>/texts.bin`, every chunk file of the index one after another, and per query
 * the byte ranges of its chunks in it: what one request with many ranges would ask for.
 * @returns {Promise<Record<string, { urls: string[], joined: string, bin: string, ranges: string }>>}
 */
async function textFiles(lib, files, floorDir, prefix) {
  mkdirSync(floorDir, { recursive: true });
  /** @type {Map<string, [number, number]>} */
  const at = new Map();
  const all = [];
  let offset = 0;
  for (const [name, body] of files.files)
    if (/^c\d+\.json$/.test(name)) {
      const b = Buffer.from(body);
      at.set(name, [offset, offset + b.length - 1]);
      all.push(b);
      offset += b.length;
    }
  writeFileSync(path.join(floorDir, 'texts.bin'), Buffer.concat(all));
  const base = 'http://bench.invalid/';
  /** @type {Record<string, { urls: string[], joined: string, bin: string, ranges: string }>} */
  const out = {};
  for (const [i, q] of FIRST.entries()) {
    const e = new lib.SearchEngine(
      `${base}index.jsonz`,
      async (/** @type {string} */ url) => {
        const f = files.files.get(url.slice(base.length));
        return f === undefined ? new Response('', { status: 404 }) : new Response(f);
      },
      { any: async () => false, match: async () => undefined },
    );
    await e.search(q, 8);
    const names = e.store.requested
      .map((/** @type {string} */ u) => u.slice(base.length))
      .filter((/** @type {string} */ u) => /^c\d+\.json$/.test(u));
    writeFileSync(
      path.join(floorDir, `${i}.json`),
      `[${names.map((/** @type {string} */ x) => files.files.get(x)).join(',')}]`,
    );
    out[q] = {
      urls: names.map((/** @type {string} */ x) => prefix + x),
      joined: `/${path.basename(floorDir)}/${i}.json`,
      bin: `/${path.basename(floorDir)}/texts.bin`,
      ranges: `bytes=${names.map((/** @type {string} */ x) => (at.get(x) ?? []).join('-')).join(',')}`,
    };
  }
  return out;
}

/**
 * What the texts' requests cost by themselves: a first answer's text files fetched (and parsed)
 * in parallel in a fresh worker, and the same texts as one file, COLD_RUNS times each, in fresh
 * contexts. The difference is what the number of requests costs. And the same texts in one
 * request for many byte ranges of one file (`ranged`; the bench server answers it as nginx does,
 * in a multipart reply, which the worker splits and parses).
 * @param {import('playwright-core').Browser} browser @param {any} server
 * @param {Record<string, { urls: string[], joined: string, bin: string, ranges: string }>} floor
 */
async function requestFloor(browser, server, floor) {
  /** @type {Record<string, { apart: number[], joined: number[], ranged: number[] }>} */
  const out = {};
  for (const q of FIRST) {
    const f = /** @type {{ urls: string[], joined: string, bin: string, ranges: string }} */ (
      floor[q]
    );
    const times = {
      apart: /** @type {number[]} */ ([]),
      joined: /** @type {number[]} */ ([]),
      ranged: /** @type {number[]} */ ([]),
    };
    out[q] = times;
    for (let r = 0; r < COLD_RUNS; r++)
      for (const how of /** @type {('apart' | 'joined' | 'ranged')[]} */ ([
        'apart',
        'joined',
        'ranged',
      ])) {
        const context = await browser.newContext({ serviceWorkers: 'block' });
        const page = await context.newPage();
        await page.goto(`${server.url}/index.html`);
        const urls = how === 'apart' ? f.urls : how === 'joined' ? [f.joined] : [f.bin];
        const range = how === 'ranged' ? f.ranges : undefined;
        const reply = /** @type {any} */ (
          await page.evaluate(
            ({ urls, range }) =>
              new Promise((resolve) => {
                const w = new Worker('/worker.js', { type: 'module' });
                w.onmessage = (ev) => resolve(ev.data);
                w.postMessage({ cmd: 'fetch', urls, range });
              }),
            { urls, range },
          )
        );
        if (reply.error) throw new Error(reply.error);
        if (how === 'ranged' && reply.parts !== f.urls.length)
          throw new Error(`the ranged reply held ${reply.parts} texts, not ${f.urls.length}`);
        times[how].push(reply.ms);
        await context.close();
      }
  }
  return out;
}

/**
 * The sharded engine's first answers by stage (medians over every query and run, ms): waiting
 * for the manifest, the shards, stage 1, the texts, stage 2, the rest (hits); and requests.
 * @param {Record<string, { ms: number[], timings: any[] }>} first
 */
function stages(first) {
  const all = Object.values(first).flatMap((f) =>
    f.timings.map((t, i) => ({
      ...t,
      other: (f.ms[i] ?? 0) - t.manifest - t.shards - t.select - t.texts - t.rank,
    })),
  );
  if (!all.length) return '–';
  const keys = ['manifest', 'shards', 'select', 'texts', 'rank', 'other'];
  return `${keys.map((k) => `${k} ${ms(median(all.map((t) => t[k])))}`).join(', ')} ms; requests ${median(all.map((t) => t.files))}`;
}

/**
 * Cold first answers to each query of FIRST, COLD_RUNS of them (none for a protocol not in
 * PROTOCOLS): each in a fresh browser context (no service worker, nothing cached), the server's
 * byte count reset after the page loads, `ask` answering in the page, and the bytes the server
 * sent for paths matching `files` counted.
 * @param {import('playwright-core').Browser} browser @param {any} server @param {number} proto
 * @param {RegExp} files
 * @param {(page: import('playwright-core').Page, q: string) => Promise<{ ms: number }>} ask
 */
async function coldFirsts(browser, server, proto, files, ask) {
  /** @type {Record<string, { ms: number[], bytes: number[], timings: any[] }>} */
  const first = {};
  for (const q of FIRST) {
    first[q] = { ms: [], bytes: [], timings: [] };
    for (let r = 0; PROTOCOLS.includes(proto) && r < COLD_RUNS; r++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(`${server.url}/index.html`);
      if (NET) {
        // A phone's network for the first answer (DevTools' throttling; its workers' too).
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: NET.latency,
          downloadThroughput: (NET.kbps * 1000) / 8,
          uploadThroughput: (NET.kbps * 1000) / 8,
        });
      }
      server.reset();
      const reply = await ask(page, q);
      first[q].ms.push(reply.ms);
      first[q].bytes.push(server.bytes(files).bytes);
      if (/** @type {any} */ (reply).timings)
        first[q].timings.push(/** @type {any} */ (reply).timings);
      await context.close();
    }
  }
  return first;
}

/**
 * Pagefind in the page, as it runs: cold first answers (search, then the first 8 results' data)
 * with the bytes of its bundle fetched until then, and, over HTTP/1.1, warm per-query times.
 * @param {import('playwright-core').Browser} browser @param {any} server @param {number} n
 * @param {number} proto @param {any} pf
 */
async function pagefindRun(browser, server, n, proto, pf) {
  const url = `${server.url}/n${n}/pagefind/pagefind.js`;
  const first = await coldFirsts(
    browser,
    server,
    proto,
    new RegExp(`^/n${n}/pagefind/`),
    (page, q) => page.evaluate(pagefindFirst, { url, q, limit: 8 }),
  );
  pf.first[proto] = first;
  if (PROTOCOLS.includes(proto))
    log(
      `HTTP/${proto} pagefind: first answer ${FIRST.map((q) => `${q} ${ms(median(first[q].ms))} ms / ${kb(median(first[q].bytes))}`).join(', ')}`,
    );
  if (proto !== 1) return;
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${server.url}/index.html`);
  const warm = await page.evaluate(pagefindWarm, {
    url,
    queries: QUERIES.map((x) => x.q),
    runs: RUNS,
    limit: 8,
  });
  pf.heap = await page.evaluate(() => /** @type {any} */ (performance).memory?.usedJSHeapSize);
  pf.perQuery = warm.perQuery;
  await context.close();
  const all = warm.perQuery.flatMap((/** @type {any} */ x) => x.times);
  log(`pagefind warm: p50 ${ms(pct(all, 50))} p95 ${ms(pct(all, 95))} ms`);
}

/**
 * The app at a commit (git archive, with this checkout's node_modules): OLD_COMMIT, as it was
 * before issue 13, or HEAD.
 * @param {string} tmp @param {string} commit @param {string} name
 */
function prepareSource(tmp, commit, name) {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  execFileSync('sh', ['-c', `git -C "${root}" archive ${commit} | tar -x -C "${dir}"`]);
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/**
 * Builds the app (from `src`) over the posts, serves it, and measures in Chromium: navigation to
 * the first result on #/search?q=… (cold context, service worker allowed as on a first visit, and
 * blocked), the index bytes fetched by the page and its worker until then, long tasks while
 * typing, and (with `offline`) the service worker's background fetch and offline results.
 * @param {import('playwright-core').Browser} browser @param {string} tmp @param {string} postsDir
 * @param {string} name @param {string} src @param {boolean} offline
 */
async function appRun(browser, tmp, postsDir, name, src, offline) {
  const outDir = path.join(tmp, name);
  log(`${name}: building the app…`);
  const t0 = performance.now();
  execFileSync(
    process.execPath,
    [
      path.join(src, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    {
      cwd: src,
      env: { ...process.env, POSTS_DIR: postsDir },
      stdio: ['ignore', 'ignore', 'inherit'],
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const buildMs = performance.now() - t0;
  const assets = path.join(outDir, 'assets');
  const searchFiles = readdirSync(assets, { withFileTypes: true }).filter((e) =>
    /^search-/.test(e.name),
  );
  const index = searchFiles
    .map((e) =>
      e.isDirectory()
        ? folderSize(path.join(assets, e.name))
        : folderSize2(path.join(assets, e.name)),
    )
    .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, files: a.files + b.files }), {
      raw: 0,
      gzip: 0,
      files: 0,
    });
  const sw = readFileSync(path.join(outDir, 'sw.js'), 'utf8');
  const swEntries = (sw.match(/\{url:/g) ?? []).length;
  // The index files the service worker precaches (its manifest lists them).
  const precached = [...sw.matchAll(/url:"(assets\/search-[^"]+)"/g)].map((x) => x[1] ?? '');
  const precache = precached
    .map((u) => folderSize2(path.join(outDir, u)))
    .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, files: a.files + b.files }), {
      raw: 0,
      gzip: 0,
      files: 0,
    });
  const server = await startSearchServer({ '/': outDir }, { ranges: RANGES });
  const isIndex = /\/assets\/search-/;
  /** @type {any} */
  const out = {
    buildMs,
    index,
    precache,
    swBytes: statSync(path.join(outDir, 'sw.js')).size,
    swEntries,
    first: {},
  };
  try {
    for (const sw of /** @type {const} */ (['allow', 'block'])) {
      /** @type {Record<string, { ms: number[], bytes: number[], files: number[] }>} */
      const first = {};
      for (const q of FIRST) {
        first[q] = { ms: [], bytes: [], files: [] };
        for (let r = 0; r < COLD_RUNS; r++) {
          const context = await browser.newContext({ serviceWorkers: sw });
          const page = await context.newPage();
          /** @type {Promise<number>[]} */
          const sizes = [];
          context.on('requestfinished', (req) => {
            if (req.serviceWorker() || !isIndex.test(req.url())) return;
            sizes.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
          });
          await page.addInitScript(() => {
            new MutationObserver((_, obs) => {
              if (document.querySelector('.search-page .results > li')) {
                /** @type {any} */ (window).__first = performance.now();
                obs.disconnect();
              }
            }).observe(document, { childList: true, subtree: true });
          });
          await page.goto(`${server.url}/#/search?q=${encodeURIComponent(q)}`);
          await page.waitForFunction(() => /** @type {any} */ (window).__first, undefined, {
            timeout: 120_000,
          });
          const t = await page.evaluate(() => /** @type {any} */ (window).__first);
          const b = await Promise.all(sizes);
          first[q].ms.push(t);
          first[q].bytes.push(b.reduce((s, x) => s + x, 0));
          first[q].files.push(b.length);
          await context.close();
        }
      }
      /** @type {any} */ (out.first)[sw] = first;
    }
    out.typing = await typing(browser, server.url);
    if (offline) out.offline = await offlineRun(browser, server.url);
    const f = out.first.allow;
    log(
      `${name}: first answer ${FIRST.map((q) => `${q} ${ms(median(f[q].ms))} ms / ${kb(median(f[q].bytes))} in ${median(f[q].files)} files`).join(', ')}` +
        `; index ${index.files} files ${kb(index.raw)} (gzip ${kb(index.gzip)}), precached ${precache.files} files ${kb(precache.raw)} (gzip ${kb(precache.gzip)}); long tasks typing: ${out.typing.longTasks.join(', ') || 'none'}` +
        (out.typing.frames.length
          ? ` (long frames: ${out.typing.frames.map((/** @type {any} */ f) => `${f.ms} ms, layout ${f.layout}, ${f.scripts.map((/** @type {any} */ x) => `${x.what} ${x.ms}`).join(' + ') || 'no script'}`).join('; ')})`
          : '') +
        (out.offline
          ? `; offline ${out.offline.identical} of ${out.offline.of} identical, background fetch ${ms(out.offline.precacheMs)} ms`
          : ''),
    );
  } finally {
    await server.close();
  }
  return out;
}

function folderSize2(/** @type {string} */ file) {
  const b = readFileSync(file);
  return { raw: b.length, gzip: gzipSync(b, { level: 6 }).length, files: 1 };
}

/**
 * Long tasks (≥ 50 ms) on the main thread while typing queries into the header box.
 * @param {import('playwright-core').Browser} browser @param {string} url
 */
async function typing(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    /** @type {any} */ (window).__long = [];
    /** @type {any} */ (window).__frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) /** @type {any} */ (window).__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    // What a long task was made of: long animation frames name their scripts and say how much
    // of the frame was style and layout.
    try {
      new PerformanceObserver((list) => {
        for (const e of /** @type {any[]} */ (list.getEntries()))
          /** @type {any} */ (window).__frames.push({
            ms: Math.round(e.duration),
            blocking: Math.round(e.blockingDuration),
            layout: Math.round(
              e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
            ),
            scripts: e.scripts.map((/** @type {any} */ s) => ({
              ms: Math.round(s.duration),
              forcedLayout: Math.round(s.forcedStyleAndLayoutDuration),
              what: `${s.invokerType} ${s.invoker} ${String(s.sourceURL).split('/').pop()}:${s.sourceFunctionName}`,
            })),
          });
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // No long-animation-frame entries in this browser.
    }
  });
  await page.goto(`${url}/#/search`);
  // The header's box, whatever the interface language (the generated library is mostly Chinese,
  // so the site's language, and the box's label, is Chinese).
  const box = page.locator('header [role=combobox]');
  await box.waitFor();
  await page.waitForTimeout(1500);
  await page.evaluate(() => {
    /** @type {any} */ (window).__long.splice(0);
    /** @type {any} */ (window).__frames.splice(0);
  });
  const typed = [
    'Ralley superusr',
    'vmware 集群',
    'Jesse Keating',
    'OpenStack升级 Rally',
    '虚拟机迁移',
  ];
  await box.click();
  for (const q of typed) {
    await box.fill('');
    await box.pressSequentially(q, { delay: 60 });
    await page.waitForFunction(
      (q) => {
        const input = /** @type {HTMLInputElement} */ (document.querySelector('[role=combobox]'));
        return input.value === q && input.getAttribute('aria-busy') !== 'true';
      },
      q,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(300);
  }
  const longTasks = await page.evaluate(() => /** @type {any} */ (window).__long.map(Math.round));
  /** @type {any[]} */
  const frames = await page.evaluate(() =>
    /** @type {any} */ (window).__frames.filter((/** @type {any} */ f) => f.blocking > 0),
  );
  await context.close();
  return { typed, longTasks, frames };
}

/**
 * First visit online (the service worker installs and precaches the index in the background),
 * then the query set online, then offline: are the results identical?
 * @param {import('playwright-core').Browser} browser @param {string} url
 */
async function offlineRun(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${url}/`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const precacheMs = Date.now() - t0;
  const run = async () => {
    const out = [];
    for (const { q } of QUERIES) {
      // The search page itself (a real navigation each time: a change of the hash alone would
      // leave the previous query's summary showing, and the wait below would pass at once).
      await page.goto(`${url}/search/?q=${encodeURIComponent(q)}`);
      // Answered: the summary quotes the query (with or without results, in either interface
      // language; the generated library is Chinese, so its interface is too).
      await page.waitForFunction(
        (q) =>
          (document.querySelector('.search-page .summary')?.textContent ?? '').includes(`“${q}”`),
        q.trim(),
        { timeout: 60_000 },
      );
      out.push(await page.locator('.search-page .results > li .title').allTextContents());
    }
    return out;
  };
  const online = await run();
  await context.setOffline(true);
  await page.reload();
  const offline = await run();
  await context.close();
  const identical = online.filter(
    (o, i) => JSON.stringify(o) === JSON.stringify(offline[i]),
  ).length;
  const differ = QUERIES.flatMap(({ q }, i) =>
    JSON.stringify(online[i]) === JSON.stringify(offline[i])
      ? []
      : [{ q, online: online[i], offline: offline[i] }],
  );
  return { precacheMs, identical, of: QUERIES.length, differ };
}

/** @param {any[]} results */
function report(results) {
  const L = [];
  const med = (/** @type {number[]} */ xs) => median(xs);
  const firstCell = (/** @type {any} */ f, /** @type {'ms'|'bytes'} */ k) =>
    !f || !f[FIRST[0]]?.ms.length
      ? '–'
      : FIRST.map((q) => (k === 'ms' ? `${ms(med(f[q].ms))}` : kb(med(f[q].bytes)))).join(' / ');
  L.push('### First answer, cold cache, online (median of 3; Ralley / 升级 / vmware 集群)');
  L.push('');
  L.push(
    '| talks | engine | worker, HTTP/1.1: first answer | worker, HTTP/2 | index bytes fetched (gzip) | app (HTTP/1.1): navigation → first result | app: index bytes | app, service worker blocked |',
  );
  L.push('|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    for (const kind of ['old', 'new']) {
      const e = r.engine[kind];
      if (!e.perQuery) continue;
      const a = r.app?.[kind];
      const cell = (/** @type {any} */ f, /** @type {'ms'|'bytes'} */ k) =>
        !f || !f[FIRST[0]]?.ms.length
          ? '–'
          : FIRST.map((q) => (k === 'ms' ? `${ms(med(f[q].ms))}` : kb(med(f[q].bytes)))).join(
              ' / ',
            );
      L.push(
        `| ${r.talks} | ${kind} | ${cell(e.first[1], 'ms')} ms | ${cell(e.first[2], 'ms')} ms | ${cell(e.first[1], 'bytes')} | ${a ? `${cell(a.first.allow, 'ms')} ms` : '–'} | ${a ? cell(a.first.allow, 'bytes') : '–'} | ${a ? `${cell(a.first.block, 'ms')} ms` : '–'} |`,
      );
    }
    const pf = r.pagefind;
    if (pf?.first)
      L.push(
        `| ${r.talks} | Pagefind (page) | ${firstCell(pf.first[1], 'ms')} ms | ${firstCell(pf.first[2], 'ms')} ms | ${firstCell(pf.first[1], 'bytes')} | – | – | – |`,
      );
  }
  L.push('');
  L.push('### Warm, every query of the set, and size');
  L.push('');
  L.push(
    '| talks | engine | p50 | p95 | worst query p95 | worker heap | top-5 sets equal to old | index files | raw | gzip (file by file) | precached: files, raw, gzip | long tasks while typing |',
  );
  L.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    for (const kind of ['old', 'new']) {
      const e = r.engine[kind];
      if (!e.perQuery) continue;
      const all = e.perQuery.flatMap((/** @type {any} */ x) => x.times);
      const worst = Math.max(...e.perQuery.map((/** @type {any} */ x) => pct(x.times, 95)));
      const size = kind === 'old' ? { ...r.singleFile, files: 1 } : r.sharded;
      const pre = kind === 'old' ? size : (r.precache ?? size);
      const typingCell = r.app?.[kind] ? r.app[kind].typing.longTasks.join(', ') || 'none' : '–';
      L.push(
        `| ${r.talks} | ${kind} | ${ms(pct(all, 50))} ms | ${ms(pct(all, 95))} ms | ${ms(worst)} ms | ${e.heap ? kb(e.heap) : '?'} | ${kind === 'new' ? `${r.top5Equal.filter(Boolean).length} of ${r.top5Equal.length}` : ''} | ${size.files} | ${kb(size.raw)} | ${kb(size.gzip)} | ${pre.files}, ${kb(pre.raw)}, ${kb(pre.gzip)} | ${typingCell} |`,
      );
    }
    const pf = r.pagefind;
    if (pf?.perQuery) {
      const all = pf.perQuery.flatMap((/** @type {any} */ x) => x.times);
      const worst = Math.max(...pf.perQuery.map((/** @type {any} */ x) => pct(x.times, 95)));
      L.push(
        `| ${r.talks} | Pagefind (page) | ${ms(pct(all, 50))} ms | ${ms(pct(all, 95))} ms | ${ms(worst)} ms | ${pf.heap ? `page ${kb(pf.heap)}` : '?'} | – | ${pf.size.files} | ${kb(pf.size.raw)} | ${kb(pf.size.raw)} (its files are gzip already) | – | – |`,
      );
    }
  }
  L.push('');
  L.push('### Offline (new app): the query set online, then offline after the background fetch');
  L.push('');
  for (const r of results) {
    const o = r.app?.new?.offline;
    if (o)
      L.push(
        `- ${r.talks} talks: ${o.identical} of ${o.of} result lists identical; service worker ready (everything precached) ${ms(o.precacheMs)} ms after the first navigation; sw.js ${kb(r.app.new.swBytes)}, ${r.app.new.swEntries} precache entries`,
      );
  }
  return L.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
