// The search benchmark's worker (Chromium): the single-file engine it replaced and the sharded
// engine, each loaded and queried as the app's search worker does.
// (scripts/bench/search-browser.ts, bundled next to this file by the benchmark)
const LIB = './lib/search-browser.js';
/** @type {Promise<any>} */
const lib = import(LIB);
const PREV_LIB = './prevlib/search-browser.js';
/** The sharded engine at BENCH_PREV_COMMIT, when the benchmark bundled it. @type {Promise<any>} */
const prevLib = import(PREV_LIB).catch(() => undefined);

/** @type {any} */
let engine;
/** @type {'old' | 'new' | 'prev'} */
let kind = 'new';

/** @param {string} q @param {number} limit */
const search = async (q, limit) =>
  kind === 'old' ? engine.search(q, limit) : engine.search(q, limit);
/** @param {string} q */
const top5 = async (q) =>
  (await engine.rankedIds(q)).slice(0, 5).map((/** @type {any} */ x) => x.id);

// Set at once (not after an await): a message that arrives earlier would be lost.
onmessage = async (ev) => {
  const { ReferenceEngine, SearchEngine } = await lib;
  const m = ev.data;
  try {
    if (m.cmd === 'first') {
      // From nothing to the first answer: what a reader waits for on a cold visit.
      kind = m.engine;
      const t0 = performance.now();
      if (kind === 'old') {
        const rows = await (await fetch(m.url)).json();
        engine = new ReferenceEngine(rows);
      } else if (kind === 'prev') engine = new (await prevLib).SearchEngine(m.url);
      else engine = new SearchEngine(m.url);
      const hits = await search(m.query, 8);
      postMessage({ ms: performance.now() - t0, hits: hits.length, timings: engine.lastTimings });
    } else if (m.cmd === 'fetch') {
      // Files alone, in parallel, read as the engine reads them: what the requests cost.
      const t0 = performance.now();
      if (m.range) {
        // One request for many byte ranges: the multipart reply split into its parts.
        const res = await fetch(m.urls[0], { headers: { Range: m.range } });
        const boundary = /boundary=([^;]+)/.exec(res.headers.get('content-type') ?? '')?.[1];
        if (res.status !== 206 || !boundary) throw new Error(`no multipart reply (${res.status})`);
        const text = new TextDecoder().decode(await res.arrayBuffer());
        const parts = text
          .split(`--${boundary}`)
          .slice(1, -1)
          .map((p) => JSON.parse(p.slice(p.indexOf('\r\n\r\n') + 4, -2)));
        postMessage({ ms: performance.now() - t0, parts: parts.length });
        return;
      }
      await Promise.all(
        m.urls.map(async (/** @type {string} */ u) =>
          JSON.parse(new TextDecoder().decode(await (await fetch(u)).arrayBuffer())),
        ),
      );
      postMessage({ ms: performance.now() - t0 });
    } else if (m.cmd === 'warm') {
      // Every query once (the sharded engine fetches what it needs), then each timed `runs` times.
      for (const q of m.queries) await search(q, 8);
      for (const until = performance.now() + 2000; performance.now() < until;)
        for (const q of m.queries) await search(q, 8);
      const perQuery = [];
      for (const q of m.queries) {
        const times = [];
        for (let i = 0; i < m.runs; i++) {
          const s = performance.now();
          await search(q, 8);
          times.push(performance.now() - s);
        }
        perQuery.push({ q, times, top5: await top5(q) });
      }
      postMessage({ perQuery });
    }
  } catch (e) {
    postMessage({
      error: String(e && /** @type {any} */ (e).stack ? /** @type {any} */ (e).stack : e),
    });
  }
};
export {};
