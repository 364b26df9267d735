// Stage 1: the bigram prefilter. From the lists of the query's bigrams (in the shards the store
// fetched), the sections in which every query word may occur (allowing Fuse's typos), ranked by
// an estimate of Fuse's score; at most CANDIDATES of them go on to Fuse.
import { allowedTypos, bigrams, type Plan } from './query.ts';
import { share } from './fields.ts';

/** How many sections the prefilter hands to Fuse. */
export const CANDIDATES = 64;
/** How many of a word's bigrams (its rarest) the prefilter looks up. */
const MAX_GRAMS = 12;

const W_TITLE = share('t');
const W_TEXT = share('x');
const W_NAMES = share('n');

/** Table numbers (src/shared/search-types.ts TABLES). */
export const ALL = 0;
export const TITLES = 1;
export const NAMES = 2;

/** The lists the prefilter reads: all loaded before it runs. */
export interface Lists {
  /** Sections in the bucket of bigram (a, b) of a table (ascending; empty when none). */
  gram(table: number, a: number, b: number): Uint32Array;
  /** Sections whose folded titles (TITLES) or names (NAMES) hold this code unit. */
  unit(table: number, code: number): Uint32Array;
}

/** What stage 1 knows of every section: the norms and length Fuse's score depends on. */
export interface SectionStats {
  size: number;
  xNorm: Float64Array;
  tNorm: Float64Array;
  textLength: Uint32Array;
}

const EMPTY = new Uint32Array(0);

export function emptyList(): Uint32Array {
  return EMPTY;
}

/** How the prefilter looks up each word: its rarest bigrams, and how many a section needs. */
export function plan(terms: string[], lists: Lists, size: number): Plan[] {
  return terms.map((term) => {
    const grams = bigrams(term)
      .map((ab) => ({ ab, len: lists.gram(ALL, ab[0], ab[1]).length }))
      .sort((x, y) => x.len - y.len)
      .slice(0, MAX_GRAMS);
    return {
      term,
      grams: grams.map((g) => g.ab),
      texts: grams.map(({ ab: [a, b] }) =>
        b === 1 ? String.fromCharCode(a) : String.fromCharCode(a, b),
      ),
      need: Math.max(1, grams.length - 2 * allowedTypos(term)),
      rarest: grams[0]?.len ?? size,
    };
  });
}

/** A long list as a bitset (bit d of word d >> 5: section d), made once per list. */
const bitsets = new WeakMap<Uint32Array, Uint32Array>();

function bitsetOf(list: Uint32Array, words: number): Uint32Array {
  let bits = bitsets.get(list);
  if (!bits) {
    bits = new Uint32Array(words);
    for (let i = 0; i < list.length; i++) bits[list[i]! >>> 5]! |= 1 << (list[i]! & 31);
    bitsets.set(list, bits);
  }
  return bits;
}

/**
 * Stage 1 over `size` sections, with scratch arrays kept between queries. A word's bigram
 * counts are kept per section; a long list (more than one section in 32) is added as a bitset
 * to four bit planes instead (a 4-bit counter per section, 32 sections a step), and the planes
 * are then added to the counts: the same counts, in a fraction of the time.
 */
export class Prefilter {
  private readonly words: number;
  /** Per table: bit planes 0–3 of the counts of long lists, `words` each. */
  private readonly planes: [Uint32Array, Uint32Array, Uint32Array];
  private readonly hits: Uint8Array;
  private readonly titleHits: Uint8Array;
  private readonly nameHits: Uint8Array;
  private readonly alive: Uint8Array;
  private readonly rank: Float64Array;

  constructor(private readonly stats: SectionStats) {
    const n = stats.size;
    this.words = (n + 31) >>> 5;
    this.planes = [0, 1, 2].map(() => new Uint32Array(4 * this.words)) as Prefilter['planes'];
    this.hits = new Uint8Array(n);
    this.titleHits = new Uint8Array(n);
    this.nameHits = new Uint8Array(n);
    this.alive = new Uint8Array(n);
    this.rank = new Float64Array(n);
  }

  /** Sections that may hold every word, best first, at most `max`. */
  candidates(plans: Plan[], lists: Lists, max = CANDIDATES): number[] {
    const { hits, titleHits, nameHits, alive, rank } = this;
    const { size: n, xNorm, tNorm, textLength } = this.stats;
    const { words, planes } = this;
    const used = [false, false, false];
    const count = (list: Uint32Array, counts: Uint8Array, table: number) => {
      if (list.length * 32 < n) {
        for (let i = 0; i < list.length; i++) counts[list[i]!]!++;
        return;
      }
      // Adds 1 to the 4-bit counter of every section in the list (at most 12 bigrams a word).
      const bits = bitsetOf(list, words);
      const pl = planes[table]!;
      if (!used[table]) {
        pl.fill(0);
        used[table] = true;
      }
      for (let w = 0; w < words; w++) {
        let c = bits[w]!;
        if (!c) continue;
        for (let k = 0; c && k < 4; k++) {
          const at = k * words + w;
          const carry = pl[at]! & c;
          pl[at]! ^= c;
          c = carry;
        }
      }
    };
    alive.fill(1);
    rank.fill(0);
    // Rarest words first (the order does not change the outcome).
    for (const p of [...plans].sort((a, b) => a.rarest - b.rarest)) {
      hits.fill(0);
      titleHits.fill(0);
      nameHits.fill(0);
      if (p.grams.length === 0) {
        // A one-character Latin word (or digit): only titles and names say enough.
        const mark = (table: number, to: Uint8Array) => {
          let docs: Uint32Array | undefined;
          for (let i = 0; i < p.term.length; i++) {
            const l = lists.unit(table, p.term.charCodeAt(i));
            docs = docs ? docs.filter((d) => l.includes(d)) : l;
          }
          for (const d of docs ?? EMPTY) if (alive[d]) hits[d] = to[d] = 1;
        };
        mark(TITLES, titleHits);
        mark(NAMES, nameHits);
      } else {
        for (const [a, b] of p.grams) {
          count(lists.gram(ALL, a, b), hits, ALL);
          count(lists.gram(TITLES, a, b), titleHits, TITLES);
          count(lists.gram(NAMES, a, b), nameHits, NAMES);
        }
      }
      const total = Math.max(1, p.grams.length);
      // Estimates Fuse's score, a product over fields of score^(weight·norm): in log terms, a
      // sum of weight·norm·(−ln score), with −ln 0.001 for an exact match and about −ln 0.2 for
      // a typo. So sections rank as Fuse will rank them, and the cut keeps Fuse's best.
      const gain = new Float64Array(MAX_GRAMS + 1);
      for (let h = 0; h <= MAX_GRAMS; h++) gain[h] = h >= total ? 6.9 : (1.6 * h) / total;
      const { need } = p;
      // A table's planes, when a long list was added to them this word (else none).
      const pa = used[ALL] ? planes[ALL] : undefined;
      const pt = used[TITLES] ? planes[TITLES] : undefined;
      const pn = used[NAMES] ? planes[NAMES] : undefined;
      used.fill(false);
      let left = 0;
      for (let w = 0; w < words; w++) {
        const a0 = pa ? pa[w]! : 0;
        const a1 = pa ? pa[words + w]! : 0;
        const a2 = pa ? pa[2 * words + w]! : 0;
        const a3 = pa ? pa[3 * words + w]! : 0;
        const t0 = pt ? pt[w]! : 0;
        const t1 = pt ? pt[words + w]! : 0;
        const t2 = pt ? pt[2 * words + w]! : 0;
        const t3 = pt ? pt[3 * words + w]! : 0;
        const n0 = pn ? pn[w]! : 0;
        const n1 = pn ? pn[words + w]! : 0;
        const n2 = pn ? pn[2 * words + w]! : 0;
        const n3 = pn ? pn[3 * words + w]! : 0;
        const end = Math.min(n, (w + 1) << 5);
        for (let d = w << 5, k = 0; d < end; d++, k++) {
          if (!alive[d]) continue;
          const h =
            hits[d]! +
            (((a0 >>> k) & 1) |
              (((a1 >>> k) & 1) << 1) |
              (((a2 >>> k) & 1) << 2) |
              (((a3 >>> k) & 1) << 3));
          if (h < need) {
            alive[d] = 0;
            continue;
          }
          left++;
          const ht =
            titleHits[d]! +
            (((t0 >>> k) & 1) |
              (((t1 >>> k) & 1) << 1) |
              (((t2 >>> k) & 1) << 2) |
              (((t3 >>> k) & 1) << 3));
          const hn =
            nameHits[d]! +
            (((n0 >>> k) & 1) |
              (((n1 >>> k) & 1) << 1) |
              (((n2 >>> k) & 1) << 2) |
              (((n3 >>> k) & 1) << 3));
          rank[d]! +=
            W_TEXT * xNorm[d]! * gain[h]! +
            (ht >= need ? W_TITLE * tNorm[d]! * gain[ht]! : 0) +
            (hn >= need ? W_NAMES * 0.7 * gain[hn]! : 0);
        }
      }
      // No section holds this word: the other words need not be looked up.
      if (!left) return [];
    }
    // Keep the best `max` (ties: the shorter text, as Fuse's field-length norm prefers it).
    for (let d = 0; d < n; d++) if (alive[d]) rank[d]! -= textLength[d]! * 1e-9;
    return topK(alive, rank, max);
  }
}

/** The `max` best live sections by rank (ties: the lower number), best first. */
function topK(alive: Uint8Array, rank: Float64Array, max: number): number[] {
  const worse = (a: number, b: number) => rank[a]! < rank[b]! || (rank[a] === rank[b] && a > b);
  const heap: number[] = [];
  for (let d = 0; d < alive.length; d++) {
    if (!alive[d]) continue;
    if (heap.length === max && rank[d]! <= rank[heap[0]!]!) continue;
    if (heap.length < max) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0;) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (worse(heap[0]!, d)) {
      heap[0] = d;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
