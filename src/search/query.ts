// Query parsing: the words a query must all match, and what the prefilter looks up for each.
import { fold, isCjkUnit, isSpace } from '../shared/search-text.ts';

/** Longest query looked at, in code units; the rest is ignored. */
export const MAX_QUERY = 256;
/** At most this many words (AND-ed) per query. */
export const MAX_TERMS = 8;
/** Fuse's bitap works on 32 characters at most; longer words are cut. */
export const MAX_TERM = 32;
/** Fuse's threshold: a word of n characters may have floor(0.3·n) typos. */
export const THRESHOLD = 0.3;

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

/** Distinct bigrams of a word; a one-character CJK word is its own "bigram" (c, 1). */
export function bigrams(term: string): [number, number][] {
  const seen = new Set<number>();
  const out: [number, number][] = [];
  const c = term.charCodeAt(0);
  if (term.length === 1 && isCjkUnit(c)) return [[c, 1]];
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
