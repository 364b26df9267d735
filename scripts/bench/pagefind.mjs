// Pagefind (npm `pagefind`, its Rust indexer run through the package's Node API) over the search
// benchmark's corpus, for bench:search: one record per talk (as our sections), so both engines
// answer with talks. Pagefind ranks words (with stemming and CJK segmentation), not fuzzy
// matches, so its results are not expected to equal ours: only its speed and bytes are compared.

/**
 * Writes a Pagefind bundle for these rows into `outDir` (its `pagefind.js` and index files).
 * @param {{ posts: [string, string, string, string[]][], docs: [number, string, string, number, string, string[]][] }} rows
 * @param {string} outDir
 * @returns {Promise<{ ms: number, files: number } | { error: string }>}
 */
export async function buildPagefind(rows, outDir) {
  /** @type {any} */
  let pagefind;
  try {
    pagefind = await import('pagefind');
  } catch (e) {
    return { error: `pagefind is not installed (${String(e)})` };
  }
  const t0 = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
    if (!index) return { error: errors.join('; ') };
    // A few hundred records in flight at a time (each is a message to Pagefind's process).
    for (let i = 0; i < rows.docs.length; i += 256) {
      const replies = await Promise.all(
        rows.docs.slice(i, i + 256).map(([post, sectionId, title, , text, names]) => {
          const p = rows.posts[post];
          return index.addCustomRecord({
            url: `/${p?.[0]}/#${sectionId}`,
            content: [title, names.join(' '), text].join('\n'),
            language: 'zh',
            meta: { title, post: p?.[1] ?? '' },
          });
        }),
      );
      const errors = replies.flatMap((/** @type {any} */ r) => r.errors);
      if (errors.length) return { error: errors.join('; ') };
    }
    const w = await index.writeFiles({ outputPath: outDir });
    if (w.errors.length) return { error: w.errors.join('; ') };
    const files = (await index.getFiles()).files.length;
    await index.deleteIndex();
    return { ms: performance.now() - t0, files };
  } catch (e) {
    return { error: String(e) };
  } finally {
    await pagefind.close().catch(() => undefined);
  }
}

/**
 * In the page (main thread, as Pagefind runs): from nothing to the first `limit` results with
 * their data (title, excerpt), as a reader sees them.
 * @param {{ url: string, q: string, limit: number }} a
 */
export async function pagefindFirst({ url, q, limit }) {
  const t0 = performance.now();
  const pf = await import(url);
  await pf.init();
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, limit).map((/** @type {any} */ x) => x.data()));
  return { ms: performance.now() - t0, hits: data.length, total: r.results.length };
}

/**
 * Warm: every query once, then each `runs` times (search and the first `limit` results' data).
 * @param {{ url: string, queries: string[], runs: number, limit: number }} a
 */
export async function pagefindWarm({ url, queries, runs, limit }) {
  const pf = await import(url);
  await pf.init();
  const one = async (/** @type {string} */ q) => {
    const r = await pf.search(q);
    await Promise.all(r.results.slice(0, limit).map((/** @type {any} */ x) => x.data()));
    return r.results.length;
  };
  for (const q of queries) await one(q);
  const perQuery = [];
  for (const q of queries) {
    const times = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      total = await one(q);
      times.push(performance.now() - s);
    }
    perQuery.push({ q, times, total });
  }
  return { perQuery };
}
