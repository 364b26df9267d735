// The fields Fuse ranks on and their weights, written once.
import type { IFuseOptions } from 'fuse.js';
import { THRESHOLD } from './query.ts';

export type Field = 't' | 'x' | 'n' | 'p' | 'g';

/** The weighted fields (all pre-folded: lower-case, full-width ASCII folded). */
export const WEIGHTS: Record<Field, number> = {
  t: 4, // talk title
  n: 2, // names in the talk
  x: 1, // talk text
  p: 0.5, // post title
  g: 0.5, // tags
};

export const FUSE_KEYS: { name: Field; weight: number }[] = (
  Object.entries(WEIGHTS) as [Field, number][]
).map(([name, weight]) => ({ name, weight }));

/** Fuse normalises the weights to add up to 1. */
export const WEIGHT_SUM = FUSE_KEYS.reduce((s, k) => s + k.weight, 0);
/** A field's share of the score, as Fuse weighs it. */
export const share = (f: Field): number => WEIGHTS[f] / WEIGHT_SUM;

/** A section as Fuse sees it. */
export interface FuseDoc {
  t: string;
  x: string;
  n: string[];
  p: string;
  g: string[];
}

/** Fuse options of the engine. */
export const FUSE_OPTIONS: IFuseOptions<FuseDoc> = {
  keys: FUSE_KEYS,
  includeScore: true,
  ignoreLocation: true,
  threshold: THRESHOLD,
  // Fields and words are folded beforehand, so Fuse need not lower-case 2 KB per field per call.
  isCaseSensitive: true,
};
