import type { Token } from 'marked';
import type { Attrs } from './attributes.ts';

/** What kramdown's extensions collect while one document is lexed (one marked Lexer). */
export interface KramdownState {
  /** Attribute list definitions `{:name: …}`. */
  alds: Map<string, Attrs>;
  /** Footnote definitions `[^name]: …`, by name, with their content's block tokens. */
  footnotes: Map<string, Token[]>;
  /** Footnotes in the order of their first reference: their numbers. */
  footnoteOrder: string[];
  /** How many times each footnote was referenced so far. */
  footnoteRefs: Map<string, number>;
  /** Abbreviation definitions `*[HTML]: …`. */
  abbreviations: Map<string, string>;
  /** TeX that did not parse, with the message (lexPost finds its line). */
  mathErrors: { tex: string; message: string }[];
}

const states = new WeakMap<object, KramdownState>();

/** The state of the document `lexer` is lexing (made on first use). */
export function stateOf(lexer: object): KramdownState {
  let s = states.get(lexer);
  if (!s) {
    s = {
      alds: new Map(),
      footnotes: new Map(),
      footnoteOrder: [],
      footnoteRefs: new Map(),
      abbreviations: new Map(),
      mathErrors: [],
    };
    states.set(lexer, s);
  }
  return s;
}

/** A token as kramdown's extensions see it: any marked token, with the attributes given it. */
export type KdToken = Token & {
  kdAttrs?: Attrs;
  tokens?: KdToken[];
  items?: { tokens: KdToken[] }[];
  header?: { tokens: KdToken[] }[];
  rows?: { tokens: KdToken[] }[][];
};

/** Every array of tokens under `tokens` (itself included), block and inline, depth first. */
export function eachTokenArray(tokens: KdToken[], visit: (arr: KdToken[]) => void): void {
  visit(tokens);
  for (const t of tokens) {
    if (t.type === 'list') for (const item of t.items!) eachTokenArray(item.tokens, visit);
    else if (t.type === 'table') {
      for (const cell of t.header!) eachTokenArray(cell.tokens, visit);
      for (const row of t.rows!) for (const cell of row) eachTokenArray(cell.tokens, visit);
    } else if (t.tokens) eachTokenArray(t.tokens, visit);
  }
}
