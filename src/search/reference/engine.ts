// The single-file engine as it was before the index was sharded (issue 13), frozen: the unit
// tests and `npm run bench:search` compare the sharded engine's results with it. Not shipped.
import Fuse, { type Expression, type IFuseOptions } from 'fuse.js';
import type { SearchRows as SearchIndexData } from '../../shared/search-types.ts';

/** A half-open range `[start, end)` of UTF-16 code units. */
export type Range = [start: number, end: number];

export interface SearchHit {
  slug: string;
  sectionId: string;
  /** The talk's (section's) title. */
  title: string;
  postTitle: string;
  date: string;
  /** Lower is better; comparable within one result list only. */
  score: number;
  /** Matched characters in `title`. */
  titleRanges: Range[];
  /** A short piece of the talk's text around its best match, with `…` where it was cut. */
  excerpt: string;
  /** Matched characters in `excerpt`. */
  excerptRanges: Range[];
  /** The matched words as they appear in the talk, lower-case: what the post view marks. */
  terms: string[];
}

/** Longest query looked at, in code units; the rest is ignored. */
export const MAX_QUERY = 256;
/** At most this many words (AND-ed) per query. */
export const MAX_TERMS = 8;
/** Fuse's bitap works on 32 characters at most; longer words are cut. */
export const MAX_TERM = 32;
/** Fuse's threshold: a word of n characters may have floor(0.3·n) typos. */
export const THRESHOLD = 0.3;
/** How many sections the prefilter hands to Fuse. */
export const CANDIDATES = 64;
/** How many of a word's bigrams (its rarest) the prefilter looks up. */
const MAX_GRAMS = 12;
const EXCERPT = 140;
const EXCERPT_BEFORE = 36;

type Field = 't' | 'x' | 'n' | 'p' | 'g';

const WEIGHT_SUM = 4 + 2 + 1 + 0.5 + 0.5;
const W_TITLE = 4 / WEIGHT_SUM;
const W_TEXT = 1 / WEIGHT_SUM;
const W_NAMES = 2 / WEIGHT_SUM;

/** The weighted fields Fuse ranks on (all pre-folded: lower-case, full-width ASCII folded). */
export const FUSE_KEYS: { name: Field; weight: number }[] = [
  { name: 't', weight: 4 }, // talk title
  { name: 'n', weight: 2 }, // names in the talk
  { name: 'x', weight: 1 }, // talk text
  { name: 'p', weight: 0.5 }, // post title
  { name: 'g', weight: 0.5 }, // tags
];

/** Fuse options shared by the two-stage engine and the plain-Fuse baseline of the benchmark. */
export const FUSE_OPTIONS: IFuseOptions<FuseDoc> = {
  keys: FUSE_KEYS,
  includeScore: true,
  ignoreLocation: true,
  threshold: THRESHOLD,
  // Fields and words are folded beforehand, so Fuse need not lower-case 2 KB per field per call.
  isCaseSensitive: true,
};

/** A section as Fuse sees it. */
export interface FuseDoc {
  t: string;
  x: string;
  n: string[];
  p: string;
  g: string[];
}

interface Doc {
  post: number;
  sectionId: string;
  title: string;
  text: string;
  f: FuseDoc;
}

/**
 * Lower-cases and folds full-width ASCII (ＡＢＣ，１２３) to ASCII without changing the length,
 * so that a range in the folded string is the same range in the original.
 */
export function fold(s: string): string {
  let out = s.toLowerCase();
  if (out.length !== s.length) {
    out = '';
    for (const ch of s) {
      const l = ch.toLowerCase();
      out += l.length === ch.length ? l : ch;
    }
  }
  return out.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af';
const RUNS = new RegExp(`[${CJK}]+|[^${CJK}]+`, 'g');
/** Fuse extended-search operators and quotes: never part of a word. */
const OPERATORS = /[\^!'"=$|`]/g;
/** Splits words: white space and punctuation that does not occur inside technical words. */
const SEPARATORS = /[\s,;:?()[\]{}<>\u3000-\u303f\u2018-\u201f\u2026\u00b7]+/u;
const EDGE_PUNCT = /^[\p{P}\p{Z}]+|[\p{P}\p{Z}]+$/gu;

/**
 * Splits a query into the words that must all match (AND): at white space and punctuation,
 * and between CJK and other scripts ("OpenStack升级" → openstack, 升级). Operators are
 * dropped, so no query can reach Fuse's extended syntax. Folded, de-duplicated, capped.
 */
export function parseQuery(query: string): string[] {
  const terms: string[] = [];
  let cut = query.slice(0, MAX_QUERY);
  // Do not keep half a word from the cut.
  if (query.length > MAX_QUERY && /\S/.test(query[MAX_QUERY]!)) {
    const space = cut.search(/\s\S*$/);
    if (space > 0) cut = cut.slice(0, space);
  }
  const s = fold(cut).replace(OPERATORS, ' ');
  for (const word of s.split(SEPARATORS)) {
    for (const run of word.match(RUNS) ?? []) {
      let t = run.replace(EDGE_PUNCT, '');
      if (!t) continue;
      if (t.length > MAX_TERM) {
        // Do not cut a surrogate pair in half.
        const end = /[\ud800-\udbff]/.test(t[MAX_TERM - 1]!) ? MAX_TERM - 1 : MAX_TERM;
        t = t.slice(0, end);
      }
      if (!terms.includes(t)) terms.push(t);
    }
  }
  // A lone Latin letter or digit says little: keep it only when it is the whole query.
  const useful = terms.filter((t) => t.length > 1 || t.charCodeAt(0) >= 0x3040);
  return (useful.length ? useful : terms).slice(0, MAX_TERMS);
}

/** Typos Fuse allows in a word of this length at THRESHOLD. */
export function allowedTypos(term: string): number {
  return Math.floor(THRESHOLD * term.length + 1e-9);
}

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x3000;
}

/** A flat inverted index from hashed character bigrams to the sections that contain them. */
class Postings {
  readonly bits: number;
  readonly offsets: Uint32Array;
  readonly list: Uint16Array | Uint32Array;

  constructor(n: number, fields: (d: number) => string[], totalChars: number) {
    // About one bucket per 8 characters: collisions only let more candidates through.
    this.bits = Math.min(20, Math.max(10, Math.ceil(Math.log2(totalChars / 8 + 1))));
    const size = 1 << this.bits;
    const shift = 32 - this.bits;
    const counts = new Uint32Array(size + 1);
    const last = new Int32Array(size).fill(-1);
    const each = (fn: (h: number, d: number) => void) => {
      for (let d = 0; d < n; d++) {
        for (const s of fields(d)) {
          let a = s.length ? s.charCodeAt(0) : 32;
          for (let i = 0; i < s.length; i++) {
            const b = s.charCodeAt(i);
            if (b >= 0x3040 && b < 0xd800) {
              // CJK characters are words of their own: index them alone too (as "c, 1").
              const h = Math.imul((b << 16) | 1, 0x9e3779b1) >>> shift;
              if (last[h] !== d) {
                last[h] = d;
                fn(h, d);
              }
            }
            if (i === 0) continue;
            if (!isSpace(a) && !isSpace(b)) {
              const h = Math.imul((a << 16) | b, 0x9e3779b1) >>> shift;
              if (last[h] !== d) {
                last[h] = d;
                fn(h, d);
              }
            }
            a = b;
          }
        }
      }
    };
    each((h) => counts[h + 1]!++);
    for (let i = 1; i <= size; i++) counts[i]! += counts[i - 1]!;
    this.offsets = counts;
    const list = n <= 0xffff ? new Uint16Array(counts[size]!) : new Uint32Array(counts[size]!);
    const cursor = counts.slice(0, size);
    last.fill(-1);
    each((h, d) => {
      list[cursor[h]!++] = d;
    });
    this.list = list;
  }

  hash(a: number, b: number): number {
    return Math.imul((a << 16) | b, 0x9e3779b1) >>> (32 - this.bits);
  }

  length(g: number): number {
    return this.offsets[g + 1]! - this.offsets[g]!;
  }

  /** Adds 1 to counts[d] for each section d holding bucket g. */
  count(g: number, counts: Uint8Array): void {
    const list = this.list;
    for (let i = this.offsets[g]!, end = this.offsets[g + 1]!; i < end; i++) counts[list[i]!]!++;
  }
}

/** What the prefilter and the highlighter know about one query word. */
export interface Plan {
  term: string;
  /** The word's rarest distinct bigrams, as [first, second] character codes. */
  grams: [number, number][];
  /** The same bigrams as strings (a one-character CJK word: the character). */
  texts: string[];
  /** How many of `grams` a section must hold (fewer than all: typos). */
  need: number;
  /** Sections holding the rarest bigram (to look at rare words first). */
  rarest: number;
}

/**
 * Pieces of a (long) folded text where a word can match: its exact occurrences, or, when it
 * has none and may have typos, the neighbourhoods of its rarest bigrams that hold enough of
 * its bigrams for a match (`mayHold`). Fuse then runs on these few dozen characters instead of
 * the whole talk.
 */
export function spans(folded: string, plan: Plan, maxEach = 3): Range[] {
  const { term } = plan;
  const out: Range[] = [];
  for (let i = folded.indexOf(term); i >= 0 && out.length < maxEach;) {
    // One character either side: a field equal to the word scores differently in Fuse.
    out.push([Math.max(0, i - 1), Math.min(folded.length, i + term.length + 1)]);
    i = folded.indexOf(term, i + term.length);
  }
  if (out.length || allowedTypos(term) === 0) return out;
  const pad = term.length;
  for (const gram of plan.texts.slice(0, 3)) {
    let k = 0;
    for (let i = folded.indexOf(gram); i >= 0 && k < maxEach; i = folded.indexOf(gram, i + 1)) {
      out.push([Math.max(0, i - pad), Math.min(folded.length, i + gram.length + pad)]);
      k++;
    }
  }
  return mergeRanges(out).filter(([s, e]) => mayHold(folded.slice(s, e), plan));
}

/** Where each word occurs in a folded string: exact occurrences, else Fuse's fuzzy match. */
export function matchRanges(folded: string, plans: Plan[], maxEach = 12): Range[][] {
  return plans.map((plan) => {
    const { term } = plan;
    const out: Range[] = [];
    for (let i = folded.indexOf(term); i >= 0 && out.length < maxEach;) {
      out.push([i, i + term.length]);
      i = folded.indexOf(term, i + term.length);
    }
    const typos = allowedTypos(term);
    if (out.length || typos === 0 || !folded) return out;
    const options = {
      ignoreLocation: true,
      threshold: THRESHOLD,
      includeMatches: true,
      isCaseSensitive: true,
      minMatchCharLength: Math.max(2, term.length - 2 * typos),
    };
    let best: { score: number; ranges: Range[] } | undefined;
    const where: Range[] = folded.length <= 256 ? [[0, folded.length]] : spans(folded, plan);
    for (const [s, e] of where) {
      const r = Fuse.match(term, folded.slice(s, e), options);
      if (!r.isMatch || (best && best.score <= r.score)) continue;
      // Keep the longest run Fuse marked: the word, not stray letters around it.
      const runs = (r.indices ?? []).map(([a, b]): Range => [s + a, s + b + 1]);
      const longest = runs.reduce<Range | undefined>(
        (m, x) => (!m || x[1] - x[0] > m[1] - m[0] ? x : m),
        undefined,
      );
      if (longest) best = { score: r.score, ranges: [longest] };
    }
    return best ? best.ranges : out;
  });
}

/**
 * Whether Fuse can match the word somewhere in `s` with the typos it allows: only if `s` holds
 * at least `need` of the word's bigrams, since each typo breaks at most two of them.
 */
function mayHold(s: string, plan: Plan): boolean {
  const { texts, need } = plan;
  if (!texts.length) return s.includes(plan.term);
  let found = 0;
  for (let i = 0; i < texts.length; i++) {
    if (s.includes(texts[i]!)) {
      if (++found >= need) return true;
    } else if (found + texts.length - 1 - i < need) return false;
  }
  return false;
}

/** Sorted, merged ranges. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const [s, e] of sorted) {
    const prev = out[out.length - 1];
    if (prev && s <= prev[1]) prev[1] = Math.max(prev[1], e);
    else out.push([s, e]);
  }
  return out;
}

const LATIN = /[\p{L}\p{N}]/u;

/** The window of the text that holds the most different query words, as an excerpt. */
export function makeExcerpt(text: string, perTerm: Range[][]): { text: string; ranges: Range[] } {
  const all = perTerm.flatMap((rs, t) => rs.map((r) => ({ r, t })));
  let start = 0;
  if (all.length) {
    let best = -1;
    for (const { r } of all) {
      const from = Math.max(0, r[0] - EXCERPT_BEFORE);
      const seen = new Set<number>();
      for (const o of all) if (o.r[0] >= from && o.r[1] <= from + EXCERPT) seen.add(o.t);
      if (seen.size > best) {
        best = seen.size;
        start = from;
      }
    }
  }
  let end = Math.min(text.length, start + EXCERPT);
  if (end === text.length) start = Math.max(0, Math.min(start, end - EXCERPT));
  // Do not start or end in the middle of a Latin word (up to 12 characters away).
  const isWord = (i: number) => i > 0 && i < text.length && LATIN.test(text[i]!);
  for (let k = 0; k < 12 && start > 0 && isWord(start) && isWord(start - 1); k++) start--;
  for (let k = 0; k < 12 && end < text.length && isWord(end) && isWord(end - 1); k++) end++;
  if (/[\udc00-\udfff]/.test(text[start] ?? '')) start--;
  if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end++;
  const pre = start > 0 ? '…' : '';
  const body = text.slice(start, end).replace(/\s/g, ' ');
  const ranges: Range[] = [];
  for (const { r } of all) {
    const s = Math.max(r[0], start);
    const e = Math.min(r[1], end);
    if (s < e) ranges.push([s - start + pre.length, e - start + pre.length]);
  }
  return { text: pre + body + (end < text.length ? '…' : ''), ranges: mergeRanges(ranges) };
}

/** Distinct bigrams of a word; a one-character CJK word is its own "bigram" (c, 1). */
function bigrams(term: string): [number, number][] {
  const seen = new Set<number>();
  const out: [number, number][] = [];
  const c = term.charCodeAt(0);
  if (term.length === 1 && c >= 0x3040 && c < 0xd800) return [[c, 1]];
  for (let i = 1; i < term.length; i++) {
    const a = term.charCodeAt(i - 1);
    const b = term.charCodeAt(i);
    const k = a * 0x10000 + b;
    if (isSpace(a) || isSpace(b) || seen.has(k)) continue;
    seen.add(k);
    out.push([a, b]);
  }
  return out;
}

/** Fuse's field-length norm (fuse.js `norm()` with weight 1, 3 decimals), for a whole field. */
export function fieldNorm(value: string): number {
  let tokens = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 9 && c <= 13) || c === 32 || c === 160) inWord = false;
    else if (!inWord) {
      tokens++;
      inWord = true;
    }
  }
  return Math.round(1000 / Math.sqrt(Math.max(1, tokens))) / 1000;
}

type SubRecord = { v: string; n: number; i?: number };
type FieldRecords = Record<number, SubRecord | SubRecord[]>;
/** One value of a short field as Fuse indexes it: `list` for an item of an array field. */
type FieldValue = { key: number; list: boolean; rec: SubRecord };

/**
 * Stage 2's keys: FUSE_KEYS with the text split into one key per query word (`x0`…`x7`), each
 * holding only that word's windows, so a word's bitap reads its own few dozen characters, not
 * every word's. Each has 1/MAX_TERMS of the text's weight and MAX_TERMS times its norm: Fuse's
 * exponent (normalised weight × norm) is exactly the text key's, since MAX_TERMS is a power of
 * two, and the weights still add up to WEIGHT_SUM. So scores are those of the one text key.
 */
const TEXT_KEYS = Array.from({ length: MAX_TERMS }, (_, k) => `x${k}`);
const STAGE2_KEYS = FUSE_KEYS.flatMap((k) =>
  k.name === 'x' ? TEXT_KEYS.map((name) => ({ name, weight: k.weight / MAX_TERMS })) : [k],
);
const STAGE2_OPTIONS: IFuseOptions<FuseDoc> = { ...FUSE_OPTIONS, keys: STAGE2_KEYS };
/** Fuse's key objects for STAGE2_KEYS, in their order: records are keyed by position. */
const KEY_OBJECTS = Fuse.createIndex<FuseDoc>(STAGE2_KEYS, []).keys;
const KEY_INDEX: Record<string, number> = Object.fromEntries(
  STAGE2_KEYS.map((k, i) => [k.name, i]),
);

/**
 * Two-stage search: a character-bigram prefilter over every section picks at most CANDIDATES
 * sections in which every query word may occur (allowing Fuse's typos), then Fuse ranks only
 * those. Pure: no DOM, runs in a worker, on the main thread, or in Node.
 */
export class SearchEngine {
  readonly size: number;
  private readonly docs: Doc[];
  private readonly posts: { slug: string; title: string; date: string }[];
  /** Fuse's values of the short fields, and the norms of title and text, per section. */
  private readonly records: { values: FieldValue[]; xNorm: number; tNorm: number }[];
  private readonly all: Postings;
  private readonly titles: Postings;
  private readonly names: Postings;
  private readonly hits: Uint8Array;
  private readonly titleHits: Uint8Array;
  private readonly nameHits: Uint8Array;
  private readonly alive: Uint8Array;
  private readonly rank: Float64Array;
  private readonly xNorm: Float64Array;
  private readonly tNorm: Float64Array;
  private readonly textLength: Uint32Array;

  constructor(data: SearchIndexData) {
    const posts = data.posts.map(([slug, title, date, tags]) => ({
      slug,
      title,
      date,
      p: fold(title),
      g: tags.map(fold),
    }));
    this.posts = posts;
    let chars = 0;
    this.docs = data.docs.map(([post, sectionId, title, , text, names]) => {
      const p = posts[post]!;
      chars += text.length + title.length;
      return {
        post,
        sectionId,
        title,
        text,
        f: { t: fold(title), x: fold(text), n: names.map(fold), p: p.p, g: p.g },
      };
    });
    // What Fuse.createIndex would make of each value (blank ones are skipped, as it does).
    const list = (key: number, xs: string[]): FieldValue[] =>
      xs.flatMap((v, i) => (v.trim() ? [{ key, list: true, rec: { v, i, n: fieldNorm(v) } }] : []));
    const one = (key: number, v: string): FieldValue[] =>
      v.trim() ? [{ key, list: false, rec: { v, n: fieldNorm(v) } }] : [];
    this.records = this.docs.map(({ f }) => ({
      values: [
        ...one(KEY_INDEX.t, f.t),
        ...list(KEY_INDEX.n, f.n),
        ...one(KEY_INDEX.p, f.p),
        ...list(KEY_INDEX.g, f.g),
      ],
      xNorm: fieldNorm(f.x),
      tNorm: fieldNorm(f.t),
    }));
    const n = (this.size = this.docs.length);
    this.all = new Postings(
      n,
      (d) => {
        const f = this.docs[d]!.f;
        return [f.t, f.x, ...f.n, f.p, ...f.g];
      },
      chars,
    );
    this.titles = new Postings(n, (d) => [this.docs[d]!.f.t], chars / 16);
    this.names = new Postings(n, (d) => this.docs[d]!.f.n, chars / 16);
    this.hits = new Uint8Array(n);
    this.titleHits = new Uint8Array(n);
    this.nameHits = new Uint8Array(n);
    this.alive = new Uint8Array(n);
    this.rank = new Float64Array(n);
    this.xNorm = Float64Array.from(this.records, (r) => r.xNorm);
    this.tNorm = Float64Array.from(this.records, (r) => r.tNorm);
    this.textLength = Uint32Array.from(this.docs, (d) => d.text.length);
  }

  /** Fuse's view of every section (for the benchmark's plain-Fuse baseline). */
  fuseDocs(): FuseDoc[] {
    return this.docs.map((d) => d.f);
  }

  /** How the prefilter looks up each word. */
  plan(terms: string[]): Plan[] {
    const all = this.all;
    return terms.map((term) => {
      const grams = bigrams(term)
        .map((ab) => ({ ab, len: all.length(all.hash(ab[0], ab[1])) }))
        .sort((x, y) => x.len - y.len)
        .slice(0, MAX_GRAMS);
      return {
        term,
        grams: grams.map((g) => g.ab),
        texts: grams.map(({ ab: [a, b] }) =>
          b === 1 ? String.fromCharCode(a) : String.fromCharCode(a, b),
        ),
        need: Math.max(1, grams.length - 2 * allowedTypos(term)),
        rarest: grams[0]?.len ?? this.size,
      };
    });
  }

  /** Stage 1: sections that may hold every word, best first, at most `max`. */
  candidates(plans: Plan[], max = CANDIDATES): number[] {
    const n = this.size;
    const { hits, titleHits, nameHits, alive, rank, all, xNorm, tNorm } = this;
    alive.fill(1);
    rank.fill(0);
    // Rarest words first (the order does not change the outcome).
    for (const plan of [...plans].sort((a, b) => a.rarest - b.rarest)) {
      hits.fill(0);
      titleHits.fill(0);
      nameHits.fill(0);
      if (plan.grams.length === 0) {
        // A one-character Latin word (or digit): only titles and names say enough.
        for (let d = 0; d < n; d++) {
          if (!alive[d]) continue;
          const f = this.docs[d]!.f;
          if (f.t.includes(plan.term)) hits[d] = titleHits[d] = 1;
          if (f.n.some((s) => s.includes(plan.term))) hits[d] = nameHits[d] = 1;
        }
      } else {
        for (const [a, b] of plan.grams) {
          all.count(all.hash(a, b), hits);
          this.titles.count(this.titles.hash(a, b), titleHits);
          this.names.count(this.names.hash(a, b), nameHits);
        }
      }
      const total = Math.max(1, plan.grams.length);
      // Estimates Fuse's score, a product over fields of score^(weight·norm): in log terms, a
      // sum of weight·norm·(−ln score), with −ln 0.001 for an exact match and about −ln 0.2 for
      // a typo. So sections rank as Fuse will rank them, and the cut keeps Fuse's best.
      const gain = (h: number) => (h >= total ? 6.9 : (1.6 * h) / total);
      let left = 0;
      for (let d = 0; d < n; d++) {
        if (!alive[d]) continue;
        if (hits[d]! < plan.need) {
          alive[d] = 0;
          continue;
        }
        left++;
        rank[d]! +=
          W_TEXT * xNorm[d]! * gain(hits[d]!) +
          (titleHits[d]! >= plan.need ? W_TITLE * tNorm[d]! * gain(titleHits[d]!) : 0) +
          (nameHits[d]! >= plan.need ? W_NAMES * 0.7 * gain(nameHits[d]!) : 0);
      }
      // No section holds this word: the other words need not be looked up.
      if (!left) return [];
    }
    // Keep the best `max` (ties: the shorter text, as Fuse's field-length norm prefers it).
    const textLength = this.textLength;
    for (let d = 0; d < n; d++) if (alive[d]) rank[d]! -= textLength[d]! * 1e-9;
    const worse = (a: number, b: number) => rank[a]! < rank[b]! || (rank[a] === rank[b] && a > b);
    const heap: number[] = [];
    for (let d = 0; d < n; d++) {
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

  /**
   * Fuse's record of a section for these words (word k's text key: `x${k}`). Only the values
   * in which some word can match at all (`mayHold`) are in it: leaving out the others changes
   * no score (Fuse multiplies over the matches) but spares its bitap most of the work. The
   * text is cut down to the spans where each word can match, with the norm of the whole text.
   * Undefined when a word can match no value: Fuse would reject the section.
   */
  private fuseRecord(d: number, plans: Plan[]): FieldRecords | undefined {
    const { values, xNorm } = this.records[d]!;
    const out: FieldRecords = {};
    let covered = 0;
    for (const { key, list, rec } of values) {
      let words = 0;
      for (let k = 0; k < plans.length; k++) if (mayHold(rec.v, plans[k]!)) words |= 1 << k;
      if (!words) continue;
      covered |= words;
      if (list) ((out[key] ??= []) as SubRecord[]).push(rec);
      else out[key] = rec;
    }
    const x = this.docs[d]!.f.x;
    for (let k = 0; k < plans.length; k++) {
      const plan = plans[k]!;
      const v = mergeRanges(spans(x, plan))
        .map(([s, e]) => x.slice(s, e))
        .join('\n');
      if (v && mayHold(v, plan)) {
        out[KEY_INDEX[TEXT_KEYS[k]!]!] = { v, n: xNorm * MAX_TERMS };
        covered |= 1 << k;
      }
      if (!(covered & (1 << k))) return undefined;
    }
    return out;
  }

  /**
   * Stage 2: Fuse ranks the given sections. Its index is built by hand (`fuseRecord`), with
   * the norms of the whole fields, so scores equal those of Fuse over the full documents.
   */
  rankWithFuse(plans: Plan[], ids: number[]): { id: number; score: number }[] {
    // Rarest word first: Fuse stops at the first word a section lacks, and so does fuseRecord.
    const sorted = [...plans].sort((a, b) => a.rarest - b.rarest);
    const kept: number[] = [];
    const records: { i: number; $: FieldRecords }[] = [];
    for (const d of ids) {
      const $ = this.fuseRecord(d, sorted);
      if ($) records.push({ i: kept.push(d) - 1, $ });
    }
    if (!kept.length) return [];
    const index = Fuse.parseIndex<FuseDoc>({ keys: KEY_OBJECTS, records });
    const fuse = new Fuse(
      kept.map((d) => this.docs[d]!.f),
      STAGE2_OPTIONS,
      index,
    );
    return fuse
      .search(
        fuseQuery(
          sorted.map((p) => p.term),
          true,
        ),
      )
      .map((r) => ({ id: kept[r.refIndex]!, score: r.score ?? 1 }));
  }

  /** Final order: Fuse's score, with term frequency and title matches breaking near-ties. */
  order(terms: string[], ranked: { id: number; score: number }[]): { id: number; score: number }[] {
    return ranked
      .map(({ id, score }) => ({ id, score: tieBreak(this.docs[id]!.f, terms, score) }))
      .sort((a, b) => a.score - b.score || a.id - b.id);
  }

  /** Section numbers and scores, best first (for the benchmark). */
  rankedIds(query: string): { id: number; score: number }[] {
    const terms = parseQuery(query);
    if (!terms.length || !this.size) return [];
    const plans = this.plan(terms);
    return this.order(terms, this.rankWithFuse(plans, this.candidates(plans)));
  }

  search(query: string, limit = 20): SearchHit[] {
    const terms = parseQuery(query);
    if (!terms.length || !this.size || limit <= 0) return [];
    const plans = this.plan(terms);
    const ranked = this.order(terms, this.rankWithFuse(plans, this.candidates(plans)));
    return ranked.slice(0, limit).map(({ id, score }) => this.hit(id, score, plans));
  }

  /** A result with its highlight ranges and excerpt. */
  hit(id: number, score: number, plans: Plan[]): SearchHit {
    const d = this.docs[id]!;
    const post = this.posts[d.post]!;
    const inTitle = matchRanges(d.f.t, plans);
    const inText = matchRanges(d.f.x, plans);
    const excerpt = makeExcerpt(d.text, inText);
    const words = new Set<string>();
    for (const [s, e] of inTitle.flat()) words.add(d.f.t.slice(s, e));
    for (const [s, e] of inText.flat()) words.add(d.f.x.slice(s, e));
    return {
      slug: post.slug,
      sectionId: d.sectionId,
      title: d.title,
      postTitle: post.title,
      date: post.date,
      score,
      titleRanges: mergeRanges(inTitle.flat()),
      excerpt: excerpt.text,
      excerptRanges: excerpt.ranges,
      terms: [...words].filter((w) => w.trim().length > 0),
    };
  }
}

/**
 * Every word must match (AND); each word may match any field (OR). With `perWordText`, word
 * k's text is the key `x${k}` (stage 2's keys), else `x` (FUSE_KEYS).
 */
export function fuseQuery(terms: string[], perWordText = false): Expression {
  const any = (term: string, k: number): Expression => ({
    $or: FUSE_KEYS.map(({ name }) => ({
      [name === 'x' && perWordText ? TEXT_KEYS[k]! : name]: term,
    })),
  });
  return terms.length === 1 ? any(terms[0]!, 0) : { $and: terms.map(any) };
}

/** Counts exact occurrences (at most `max`). */
function occurrences(hay: string, needle: string, max = 20): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0 && n < max; i = hay.indexOf(needle, i + needle.length))
    n++;
  return n;
}

/**
 * Exact matches all score close to 0 in Fuse, so near-ties go to the shorter field, not to the
 * talk about the subject. This scales the score down by how often the words occur, and more
 * when they occur in the title.
 */
export function tieBreak(f: FuseDoc, terms: string[], score: number): number {
  let boost = 0;
  for (const t of terms) {
    if (f.t.includes(t)) boost += 1;
    boost += Math.log2(1 + occurrences(f.x, t)) / 4;
  }
  return score / (1 + boost / terms.length);
}
