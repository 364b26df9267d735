// The bigram tables of search, built from the index rows: by the build (src/build/search-index.ts,
// which cuts them into shards) and, for a small library sent as one file, by the search worker.
// Pure: no DOM, no `node:`.
import type { SearchRows } from './search-types.ts';
import { eachGram, fold, tableBits, tokenCount } from './search-text.ts';

/** A bigram table: bucket → ascending sections, as offsets into one list (CSR). */
export interface Table {
  bits: number;
  offsets: Uint32Array;
  list: Uint32Array;
}

/** Each section's fields, for one table; built the way the engine reads them (folded). */
function buildTable(n: number, fields: (d: number) => string[], totalChars: number): Table {
  const bits = tableBits(totalChars);
  const size = 1 << bits;
  const shift = 32 - bits;
  const counts = new Uint32Array(size + 1);
  const last = new Int32Array(size).fill(-1);
  const each = (fn: (h: number, d: number) => void) => {
    for (let d = 0; d < n; d++) {
      for (const s of fields(d)) {
        eachGram(s, (hash) => {
          const h = hash >>> shift;
          if (last[h] !== d) {
            last[h] = d;
            fn(h, d);
          }
        });
      }
    }
  };
  each((h) => counts[h + 1]!++);
  for (let i = 1; i <= size; i++) counts[i]! += counts[i - 1]!;
  const list = new Uint32Array(counts[size]!);
  const cursor = counts.slice(0, size);
  last.fill(-1);
  each((h, d) => {
    list[cursor[h]!++] = d;
  });
  return { bits, offsets: counts, list };
}

/** Sections by each UTF-16 code unit of one field (`[code, sections…]`, codes ascending). */
function unitTable(n: number, values: (d: number) => string[]): [number, number[]][] {
  const m = new Map<number, number[]>();
  for (let d = 0; d < n; d++) {
    const seen = new Set<number>();
    for (const v of values(d)) for (let i = 0; i < v.length; i++) seen.add(v.charCodeAt(i));
    for (const c of seen) {
      let l = m.get(c);
      if (!l) m.set(c, (l = []));
      l.push(d);
    }
  }
  return [...m].sort((a, b) => a[0] - b[0]);
}

export interface IndexTables {
  /** Every field, the titles, the names (TABLES order). */
  tables: [Table, Table, Table];
  /** Sections by the code units of their titles (`t`) and names (`n`): one-letter queries. */
  units: { t: [number, number[]][]; n: [number, number[]][] };
  /** Per section: text tokens, title tokens, text length (what stage 1 ranks with). */
  meta: { xTokens: number[]; tTokens: number[]; textLength: number[] };
}

/** The tables of these rows. */
export function indexTables(rows: SearchRows): IndexTables {
  const n = rows.docs.length;
  const postFields = rows.posts.map(([, title, , tags]) => ({ p: fold(title), g: tags.map(fold) }));
  const docs = rows.docs.map(([post, , title, , text, names]) => ({
    t: fold(title),
    x: fold(text),
    n: names.map(fold),
    ...postFields[post]!,
  }));
  let chars = 0;
  for (const [, , title, , text] of rows.docs) chars += text.length + title.length;
  return {
    tables: [
      buildTable(
        n,
        (d) => [docs[d]!.t, docs[d]!.x, ...docs[d]!.n, docs[d]!.p, ...docs[d]!.g],
        chars,
      ),
      buildTable(n, (d) => [docs[d]!.t], chars / 16),
      buildTable(n, (d) => docs[d]!.n, chars / 16),
    ],
    units: { t: unitTable(n, (d) => [docs[d]!.t]), n: unitTable(n, (d) => docs[d]!.n) },
    meta: {
      xTokens: docs.map((d) => tokenCount(d.x)),
      tTokens: docs.map((d) => tokenCount(d.t)),
      textLength: rows.docs.map((d) => d[4].length),
    },
  };
}
