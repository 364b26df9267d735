// Search, in one call: a query in, ranked hits with their highlight ranges out. Pure (no DOM):
// it runs in the search worker, on the main thread when no worker can, or in Node.
//   query.ts     the words of a query
//   store.ts     the index files a query needs (manifest, shards, text chunks)
//   prefilter.ts stage 1: bigram lists → at most 64 candidate sections
//   rank.ts      stage 2: Fuse's scores over those sections, with a tie-break
//   excerpt.ts   highlight ranges and the excerpt of each hit
import type { SearchHit } from '../shared/search-types.ts';
import { makeExcerpt, matchRanges, mergeRanges } from './excerpt.ts';
import { CANDIDATES, plan, Prefilter } from './prefilter.ts';
import { bigrams, parseQuery, type Plan } from './query.ts';
import { makeDoc, order, rankWithFuse, type Doc } from './rank.ts';
import { IndexStore, type CacheLookup, type Fetcher, type Manifest } from './store.ts';

export { SearchUnavailable } from './store.ts';

/** Thrown (as a value) when a newer query made this one pointless. */
export const STALE = Symbol('stale');

/** A ranked section, before its hit is made (for the equivalence tests and the benchmark). */
export interface Ranked {
  /** The section's number in the index. */
  id: number;
  score: number;
}

export class SearchEngine {
  readonly store: IndexStore;
  private prefilter: Prefilter | undefined;
  private readonly docs = new Map<number, Doc>();
  /**
   * Where the last query spent its time (ms): waiting for each kind of file (`manifest`, `shards`,
   * `texts`), stage 1 (`select`), stage 2 (`rank`: the Docs and Fuse); and its requests (`files`).
   */
  lastTimings = { manifest: 0, shards: 0, select: 0, texts: 0, rank: 0, files: 0 };

  constructor(manifestUrl: string, fetcher?: Fetcher, cached?: CacheLookup) {
    this.store = new IndexStore(manifestUrl, fetcher, cached);
  }

  /** Loads the manifest (what every query needs first). */
  async open(): Promise<Manifest> {
    const m = await this.store.manifest();
    this.prefilter ??= new Prefilter(m.stats);
    return m;
  }

  /** Sections in the index, once open. */
  async size(): Promise<number> {
    return (await this.open()).size;
  }

  /**
   * The ranked sections for a query, best first, and its words' plans. `stale()` is asked after
   * every wait: when it says so, the query stops (rejects with STALE).
   */
  async rank(
    query: string,
    stale: () => boolean = () => false,
  ): Promise<{ ranked: { doc: Doc; score: number }[]; plans: Plan[] }> {
    const terms = parseQuery(query);
    if (!terms.length) return { ranked: [], plans: [] };
    const t0 = performance.now();
    const files0 = this.store.requested.length;
    // Every bigram of every word: the rarest are chosen from the shards' exact list lengths.
    const grams = terms.map(bigrams);
    const opening = this.open();
    this.store.prefetchShards(grams.flat());
    const m = await opening;
    const t1 = performance.now();
    if (stale()) throw STALE;
    if (!m.size) return { ranked: [], plans: [] };
    const { store } = this;
    store.probeTexts();
    await store.loadShards(
      m,
      grams.flat().map(([a, b]) => store.shardOf(m, a, b)),
      grams.some((g) => g.length === 0),
    );
    const t2 = performance.now();
    if (stale()) throw STALE;
    const lists = store.lists(m);
    const plans = plan(terms, lists, m.size);
    const ids = this.prefilter!.candidates(plans, lists, CANDIDATES);
    const t3 = performance.now();
    await store.loadDocs(m, ids);
    const t4 = performance.now();
    if (stale()) throw STALE;
    const docs = ids.map((d) => this.doc(m, d));
    const ranked = order(terms, rankWithFuse(plans, docs));
    this.lastTimings = {
      manifest: t1 - t0,
      shards: t2 - t1,
      select: t3 - t2,
      texts: t4 - t3,
      rank: performance.now() - t4,
      files: this.store.requested.length - files0,
    };
    return { ranked, plans };
  }

  /** Section numbers and scores, best first. */
  async rankedIds(query: string): Promise<Ranked[]> {
    return (await this.rank(query)).ranked.map(({ doc, score }) => ({ id: doc.id, score }));
  }

  /** The best `limit` hits for a query. */
  async search(query: string, limit = 20, stale?: () => boolean): Promise<SearchHit[]> {
    if (limit <= 0) return [];
    const { ranked, plans } = await this.rank(query, stale);
    return ranked.slice(0, limit).map(({ doc, score }) => hit(doc, score, plans));
  }

  private doc(m: Manifest, d: number): Doc {
    let doc = this.docs.get(d);
    if (!doc) {
      const { row, post } = this.store.row(m, d);
      doc = makeDoc(d, row, post);
      this.docs.set(d, doc);
    }
    return doc;
  }
}

/** A result with its highlight ranges and excerpt. */
function hit(d: Doc, score: number, plans: Plan[]): SearchHit {
  const inTitle = matchRanges(d.f.t, plans);
  const inText = matchRanges(d.f.x, plans);
  const excerpt = makeExcerpt(d.text, inText);
  const words = new Set<string>();
  for (const [s, e] of inTitle.flat()) words.add(d.f.t.slice(s, e));
  for (const [s, e] of inText.flat()) words.add(d.f.x.slice(s, e));
  return {
    slug: d.slug,
    sectionId: d.sectionId,
    title: d.title,
    postTitle: d.postTitle,
    date: d.date,
    score,
    titleRanges: mergeRanges(inTitle.flat()),
    excerpt: excerpt.text,
    excerptRanges: excerpt.ranges,
    terms: [...words].filter((w) => w.trim().length > 0),
  };
}
