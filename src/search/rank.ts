// Stage 2: Fuse ranks the prefilter's candidates. Its index is built by hand (`fuseRecord`),
// from windows of the text with the norms of the whole fields, so its scores are those of plain
// Fuse over the full sections; then term frequency and title matches break near-ties.
import Fuse, { type Expression, type IFuseOptions } from 'fuse.js';
import type { DocRow, PostRow } from '../shared/search-types.ts';
import { fieldNorm, fold } from '../shared/search-text.ts';
import { mayHold, mergeRanges, spans } from './excerpt.ts';
import { FUSE_KEYS, FUSE_OPTIONS, type FuseDoc } from './fields.ts';
import { MAX_TERMS, type Plan } from './query.ts';

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

/** A section as stage 2 and the results need it. */
export interface Doc {
  id: number;
  slug: string;
  sectionId: string;
  title: string;
  postTitle: string;
  date: string;
  text: string;
  f: FuseDoc;
  /** Fuse's values of the short fields. */
  values: FieldValue[];
  xNorm: number;
}

/** A section's row (and its post's) as stage 2's Doc. */
export function makeDoc(id: number, row: DocRow, post: PostRow): Doc {
  const [, sectionId, title, , text, names] = row;
  const f: FuseDoc = {
    t: fold(title),
    x: fold(text),
    n: names.map(fold),
    p: fold(post[1]),
    g: post[3].map(fold),
  };
  // What Fuse.createIndex would make of each value (blank ones are skipped, as it does).
  const list = (key: number, xs: string[]): FieldValue[] =>
    xs.flatMap((v, i) => (v.trim() ? [{ key, list: true, rec: { v, i, n: fieldNorm(v) } }] : []));
  const one = (key: number, v: string): FieldValue[] =>
    v.trim() ? [{ key, list: false, rec: { v, n: fieldNorm(v) } }] : [];
  return {
    id,
    slug: post[0],
    sectionId,
    title,
    postTitle: post[1],
    date: post[2],
    text,
    f,
    values: [
      ...one(KEY_INDEX['t']!, f.t),
      ...list(KEY_INDEX['n']!, f.n),
      ...one(KEY_INDEX['p']!, f.p),
      ...list(KEY_INDEX['g']!, f.g),
    ],
    xNorm: fieldNorm(f.x),
  };
}

/**
 * Fuse's record of a section for these words (word k's text key: `x${k}`). Only the values
 * in which some word can match at all (`mayHold`) are in it: leaving out the others changes
 * no score (Fuse multiplies over the matches) but spares its bitap most of the work. The
 * text is cut down to the spans where each word can match, with the norm of the whole text.
 * Undefined when a word can match no value: Fuse would reject the section.
 */
function fuseRecord(doc: Doc, plans: Plan[]): FieldRecords | undefined {
  const out: FieldRecords = {};
  let covered = 0;
  for (const { key, list, rec } of doc.values) {
    let words = 0;
    for (let k = 0; k < plans.length; k++) if (mayHold(rec.v, plans[k]!)) words |= 1 << k;
    if (!words) continue;
    covered |= words;
    if (list) ((out[key] ??= []) as SubRecord[]).push(rec);
    else out[key] = rec;
  }
  const x = doc.f.x;
  for (let k = 0; k < plans.length; k++) {
    const plan = plans[k]!;
    const v = mergeRanges(spans(x, plan))
      .map(([s, e]) => x.slice(s, e))
      .join('\n');
    if (v && mayHold(v, plan)) {
      out[KEY_INDEX[TEXT_KEYS[k]!]!] = { v, n: doc.xNorm * MAX_TERMS };
      covered |= 1 << k;
    }
    if (!(covered & (1 << k))) return undefined;
  }
  return out;
}

/** Fuse's scores of the given sections (in the prefilter's order), unsorted by ties. */
export function rankWithFuse(plans: Plan[], docs: Doc[]): { doc: Doc; score: number }[] {
  // Rarest word first: Fuse stops at the first word a section lacks, and so does fuseRecord.
  const sorted = [...plans].sort((a, b) => a.rarest - b.rarest);
  const kept: Doc[] = [];
  const records: { i: number; $: FieldRecords }[] = [];
  for (const d of docs) {
    const $ = fuseRecord(d, sorted);
    if ($) records.push({ i: kept.push(d) - 1, $ });
  }
  if (!kept.length) return [];
  const index = Fuse.parseIndex<FuseDoc>({ keys: KEY_OBJECTS, records });
  const fuse = new Fuse(
    kept.map((d) => d.f),
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
    .map((r) => ({ doc: kept[r.refIndex]!, score: r.score ?? 1 }));
}

/** Final order: Fuse's score, with term frequency and title matches breaking near-ties. */
export function order(
  terms: string[],
  ranked: { doc: Doc; score: number }[],
): { doc: Doc; score: number }[] {
  return ranked
    .map(({ doc, score }) => ({ doc, score: tieBreak(doc.f, terms, score) }))
    .sort((a, b) => a.score - b.score || a.doc.id - b.doc.id);
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

/** The tie-break counts a word's occurrences in the text up to this many. */
export const OCCURRENCES_CAP = 20;

/** Counts exact occurrences (at most `max`). */
function occurrences(hay: string, needle: string, max = OCCURRENCES_CAP): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0 && n < max; i = hay.indexOf(needle, i + needle.length))
    n++;
  return n;
}

/** The tie-break's boost for a word in the title, and for its occurrences in the text. */
export const TITLE_BOOST = 1;
export const occurrenceBoost = (n: number): number => Math.log2(1 + n) / 4;

/**
 * Exact matches all score close to 0 in Fuse, so near-ties go to the shorter field, not to the
 * talk about the subject. This scales the score down by how often the words occur, and more
 * when they occur in the title.
 */
export function tieBreak(f: FuseDoc, terms: string[], score: number): number {
  let boost = 0;
  for (const t of terms) {
    if (f.t.includes(t)) boost += TITLE_BOOST;
    boost += occurrenceBoost(occurrences(f.x, t));
  }
  return score / (1 + boost / terms.length);
}
