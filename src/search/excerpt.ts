// Where query words match in a text: windows for Fuse, highlight ranges, excerpts.
import Fuse from 'fuse.js';
import type { Range } from '../shared/search-types.ts';
import { allowedTypos, THRESHOLD, type Plan } from './query.ts';

const EXCERPT = 140;
const EXCERPT_BEFORE = 36;

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
export function mayHold(s: string, plan: Plan): boolean {
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
