// Build-time step of search (Node): the sections of every post become the search index's files,
// `assets/search-<build>/…`: a manifest, the shards of the bigram tables and the section texts in
// chunks (src/shared/search-types.ts). A query fetches the manifest, the few shards of its
// bigrams and the chunks of its candidates. A small library gets one file.
import { createHash } from 'node:crypto';
import {
  CHARS_FILE,
  chunkFile,
  DENSE,
  MANIFEST_FILE,
  shardFile,
  TABLES,
  type DocRow,
  type PostRow,
  type SearchChars,
  type SearchChunk,
  type SearchManifest,
  type SearchRows,
  type SearchShard,
} from '../shared/search-types.ts';
import { eachGram, fold, tableBits, tokenCount } from '../shared/search-text.ts';
import type { SectionDoc } from '../shared/types.ts';

/** Collapses runs of blank lines and trailing spaces: the text stays readable in excerpts. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Every section as compact rows (the post fields once per post). */
export function buildSearchRows(docs: SectionDoc[]): SearchRows {
  const posts: PostRow[] = [];
  const postIndex = new Map<string, number>();
  const rows: DocRow[] = [];
  for (const d of docs) {
    let p = postIndex.get(d.slug);
    if (p === undefined) {
      p = posts.length;
      postIndex.set(d.slug, p);
      posts.push([d.slug, d.postTitle, d.date, [...d.tags]]);
    }
    rows.push([p, d.sectionId, d.title, d.session ? 1 : 0, tidy(d.text), [...d.names]]);
  }
  return { v: 1, posts, docs: rows };
}

/** A bigram table: bucket → ascending sections, as offsets into one list (CSR). */
interface Table {
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

/** Table buckets `[from, to)` as a shard's flat list and bitmaps (see SearchShard). */
function encodeBuckets(
  t: Table,
  from: number,
  to: number,
  n: number,
): { flat: number[]; dense: [number, string][] } {
  const out: number[] = [];
  const dense: [number, string][] = [];
  let prev = from;
  for (let b = from; b < to; b++) {
    const s = t.offsets[b]!;
    const e = t.offsets[b + 1]!;
    if (s === e) continue;
    if ((e - s) * DENSE > n) {
      const bits = new Uint8Array((n + 7) >> 3);
      for (let i = s; i < e; i++) bits[t.list[i]! >> 3]! |= 1 << (t.list[i]! & 7);
      dense.push([b, Buffer.from(bits).toString('base64')]);
      continue;
    }
    out.push(b - prev, e - s);
    prev = b;
    let at = 0;
    for (let i = s; i < e; i++) {
      out.push(t.list[i]! - at);
      at = t.list[i]!;
    }
  }
  return { flat: out, dense };
}

export interface SearchLayout {
  /** log2 of the number of shards. */
  shardBits: number;
  /** Sections per text chunk. */
  chunk: number;
  /** Everything in the manifest (one request). */
  inline: boolean;
}

/**
 * How to cut the index, from its number of sections. Chosen by measurement (`npm run
 * bench:search`): shards of about 10 KB gzip (one per 12 sections, at most 1,024), so a word's
 * few bigrams fetch a few small files. One section a chunk up to about 10,000 talks (a query's
 * 64 candidates are spread over the whole library: bigger chunks fetch texts nobody asked
 * for), more above, so that a library never has more than about 12,000 chunks to precache. Under 600
 * sections one file, fetched once, answers sooner than three rounds of requests.
 * `SUMMIT_SEARCH_SPLIT=one|shards` forces either (for tests).
 */
export function chooseLayout(
  sections: number,
  split = process.env['SUMMIT_SEARCH_SPLIT'],
): SearchLayout {
  const inline = split === 'one' ? true : split === 'shards' ? false : sections < 600;
  if (inline) return { shardBits: 0, chunk: Math.max(1, sections), inline };
  const shardBits = Math.max(2, Math.min(10, Math.round(Math.log2(sections / 12))));
  return { shardBits, chunk: Math.max(1, Math.ceil(sections / 12_000)), inline };
}

export interface SearchFiles {
  /** The folder in assets/: `search-<build>`. */
  folder: string;
  manifest: SearchManifest;
  /** File name (in the folder) → JSON text. */
  files: Map<string, string>;
  /**
   * What the app appends to the manifest's URL: the shard layout (`#s=<shardBits>`), so the
   * worker can fetch a query's shards alongside the manifest. Empty for one file.
   */
  urlHint: string;
}

/** The search index's files for these rows. */
export function buildSearchFiles(
  rows: SearchRows,
  layout = chooseLayout(rows.docs.length),
): SearchFiles {
  const build = createHash('sha256')
    .update(JSON.stringify([rows, layout]))
    .digest('hex')
    .slice(0, 12);
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
  const tables: Table[] = [
    buildTable(n, (d) => [docs[d]!.t, docs[d]!.x, ...docs[d]!.n, docs[d]!.p, ...docs[d]!.g], chars),
    buildTable(n, (d) => [docs[d]!.t], chars / 16),
    buildTable(n, (d) => docs[d]!.n, chars / 16),
  ];
  const { shardBits } = layout;
  const shards: SearchShard[] = [];
  for (let s = 0; s < 1 << shardBits; s++) {
    const t = tables.map((table) => {
      const per = 1 << (table.bits - shardBits);
      return encodeBuckets(table, s * per, (s + 1) * per, n);
    });
    shards.push({
      b: build,
      s,
      t: t.map((x) => x.flat) as SearchShard['t'],
      d: t.map((x) => x.dense) as SearchShard['d'],
    });
  }
  if (tables.length !== TABLES) throw new Error('search: table count');

  // Sections by the single code units of their titles and names (one-letter queries).
  const charTable = (values: (d: number) => string[]) => {
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
  };
  const chars1: SearchChars = {
    b: build,
    t: charTable((d) => [docs[d]!.t]),
    n: charTable((d) => docs[d]!.n),
  };

  const chunks: SearchChunk[] = [];
  for (let c = 0; c * layout.chunk < Math.max(1, n); c++) {
    const part = rows.docs.slice(c * layout.chunk, (c + 1) * layout.chunk);
    const posts: Record<number, PostRow> = {};
    for (const [p] of part) posts[p] = rows.posts[p]!;
    chunks.push({ b: build, c, docs: part, posts });
  }

  const manifest: SearchManifest = {
    v: 2,
    build,
    size: n,
    bits: tables.map((t) => t.bits) as SearchManifest['bits'],
    shardBits,
    chunk: layout.chunk,
    meta: {
      xTokens: docs.map((d) => tokenCount(d.x)),
      tTokens: docs.map((d) => tokenCount(d.t)),
      textLength: rows.docs.map((d) => d[4].length),
    },
  };
  const files = new Map<string, string>();
  if (layout.inline) {
    manifest.inline = { shards, chars: chars1, chunks };
  } else {
    shards.forEach((s, i) => files.set(shardFile(i), JSON.stringify(s)));
    chunks.forEach((c, i) => files.set(chunkFile(i), JSON.stringify(c)));
    files.set(CHARS_FILE, JSON.stringify(chars1));
  }
  files.set(MANIFEST_FILE, JSON.stringify(manifest));
  const urlHint = layout.inline ? '' : `#s=${shardBits}`;
  return { folder: `search-${build}`, manifest, files, urlHint };
}

const memo = new WeakMap<object, SearchFiles>();

/**
 * What the posts plugin emits (and the dev server serves): the index's files for these posts'
 * sections, computed once per list of posts.
 */
export function searchIndexFiles(posts: readonly { sections: SectionDoc[] }[]): SearchFiles {
  let files = memo.get(posts);
  if (!files) {
    files = buildSearchFiles(buildSearchRows(posts.flatMap((p) => p.sections)));
    memo.set(posts, files);
  }
  return files;
}
