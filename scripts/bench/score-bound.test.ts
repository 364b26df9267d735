// Could stage 2 fetch fewer texts? A measurement, not a feature (issue 13, session 7): for each
// query of the search benchmark, a lower bound on every candidate's final score from what the
// engine knows before its texts arrive (the shards' bigram lists, the manifest's norms, and, more
// than the manifest holds today, the post titles, tags and names' norms), then how many texts a
// query would still need: the candidates whose bound is below the actual `limit`-th best score
// (the fewest any bound-pruning order could fetch), and what two rounds would fetch (the `limit`
// + 8 best bounds, then every candidate whose bound is below the `limit`-th score so far).
//
// `npm run bench:bound` prints the table at 10,000 talks (BENCH_BOUND_TALKS); as part of the unit
// tests it runs at 1,600 and checks only that the bound is one (never above a candidate's score).
import { expect, test } from 'vitest';
import { chooseLayout } from '../../src/build/search-index.ts';
import { occurrenceBoost, OCCURRENCES_CAP, TITLE_BOOST, type Doc } from '../../src/search/rank.ts';
import { share } from '../../src/search/fields.ts';
import { memoryIndex } from '../../src/search/memory-index.test-helper.ts';
import { ALL, NAMES, TITLES, type Lists } from '../../src/search/prefilter.ts';
import { allowedTypos, type Plan } from '../../src/search/query.ts';
import { analysePost } from '../../src/shared/post.ts';
import { fieldNorm } from '../../src/shared/search-text.ts';
import { generatePosts, vocabulary } from './corpus.mjs';
import { QUERIES as BENCH_QUERIES } from './queries.mjs';
import { SEED } from '../../tests/seed.ts';

const TALKS = Number(process.env['BENCH_BOUND_TALKS'] ?? 1600);
const LIMITS = [8, 20, 50];

function holds(list: Uint32Array, d: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < d) lo = mid + 1;
    else hi = mid;
  }
  return list[lo] === d;
}

/**
 * The lowest final score a section could have (rank.ts: Fuse's product over matched fields of
 * score^(weight·norm), divided by the tie-break). A word whose bigrams a field lacks `m` of has at
 * least ⌈m/2⌉ errors there (an edit breaks at most two adjacent bigrams); a field matches with a
 * bitap score of at least max(0.001, errors/length), or 0 (Fuse: ε) only when it equals the word.
 */
function bound(doc: Doc, plans: Plan[], lists: Lists): number {
  let ln = 0;
  let boost = 0;
  for (const p of plans) {
    const len = p.term.length;
    const typos = allowedTypos(p.term);
    if (!p.grams.length) return 0;
    const errors = (present: number) => Math.ceil((p.grams.length - present) / 2);
    const inTable = (t: number) =>
      errors(p.grams.filter(([a, b]) => holds(lists.gram(t, a, b), doc.id)).length);
    const inString = (s: string) => errors(p.texts.filter((x) => s.includes(x)).length);
    const factor = (e: number, weightNorm: number, mayEqual: boolean) =>
      e > typos
        ? 0
        : weightNorm *
          Math.log(e === 0 ? (mayEqual ? Number.EPSILON : 0.001) : Math.max(0.001, e / len));
    const eT = inTable(TITLES);
    const eX = inTable(ALL);
    const tNorm = fieldNorm(doc.f.t);
    ln += factor(eT, share('t') * tNorm, tNorm === 1);
    const names = doc.f.n.reduce((s, v) => s + fieldNorm(v), 0);
    ln += factor(inTable(NAMES), share('n') * names, true);
    ln += factor(eX, share('x') * doc.xNorm, doc.f.x.length === len);
    ln += factor(inString(doc.f.p), share('p') * fieldNorm(doc.f.p), doc.f.p === p.term);
    for (const g of doc.f.g) ln += factor(inString(g), share('g') * fieldNorm(g), g === p.term);
    boost += (eT === 0 ? TITLE_BOOST : 0) + (eX === 0 ? occurrenceBoost(OCCURRENCES_CAP) : 0);
  }
  return Math.exp(ln) / (1 + boost / plans.length);
}

test(`a score bound over ${TALKS} talks: how many texts a query would still fetch`, async () => {
  const vocab = vocabulary(SEED);
  const docs = generatePosts(vocab, TALKS).flatMap(
    (p: { name: string; markdown: string }) => analysePost(p.name, p.markdown).sections,
  );
  const engine = memoryIndex(docs, chooseLayout(docs.length, 'shards')).engine();
  const lines = [
    `| query | candidates | ${LIMITS.map((l) => `limit ${l}: fewest, two rounds`).join(' | ')} |`,
  ];
  for (const { q } of BENCH_QUERIES) {
    const { ranked, plans } = await engine.rank(q);
    // A query with no candidates (the long English one, in this corpus) fetches no texts at all.
    if (!ranked.length) continue;
    const lists = engine.store.lists(await engine.open());
    const rows = ranked.map(({ doc, score }) => ({ score, bound: bound(doc, plans, lists) }));
    for (const r of rows) expect(r.bound).toBeLessThanOrEqual(r.score * (1 + 1e-9));
    const kth = (xs: typeof rows, limit: number) =>
      xs.map((x) => x.score).sort((a, b) => a - b)[limit - 1] ?? Infinity;
    const byBound = [...rows].sort((a, b) => a.bound - b.bound);
    const cells = LIMITS.map((limit) => {
      const fewest = rows.filter((x) => x.bound <= kth(rows, limit)).length;
      const first = byBound.slice(0, limit + 8);
      const second = byBound.slice(limit + 8).filter((x) => x.bound <= kth(first, limit)).length;
      return `${fewest}, ${first.length} + ${second}`;
    });
    lines.push(`| ${q} | ${rows.length} | ${cells.join(' | ')} |`);
  }
  if (process.env['BENCH_BOUND_TALKS']) console.log(lines.join('\n'));
}, 600_000);
