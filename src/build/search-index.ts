// Build-time step of search (Node): the sections of every post become the search index's files,
// `assets/search-<build>/…`: a manifest, the shards of the bigram tables and the section texts in
// chunks (src/shared/search-types.ts). A query fetches the manifest, the few shards of its
// bigrams and the chunks of its candidates. A small library gets one file.
import { createHash } from 'node:crypto';
import { constants, deflateRawSync, gzipSync } from 'node:zlib';
import {
  CHARS_FILE,
  chunkFile,
  DENSE,
  GZIP_EXT,
  MANIFEST_FILE,
  packFile,
  shardFile,
  TEXTS_AT_FILE,
  TEXTS_AT_START,
  TEXTS_FILE,
  type DocRow,
  type PostRow,
  type SearchChars,
  type SearchChunk,
  type SearchManifest,
  type SearchRows,
  type ShardedManifest,
  type SearchShard,
  type SearchTextsAt,
} from '../shared/search-types.ts';
import { indexTables, type Table } from '../shared/search-tables.ts';
import type { SectionDoc } from '../shared/types.ts';

/** Collapses runs of blank lines and trailing spaces: the text stays readable in excerpts. */
function tidy(text: string): string {
  return (
    text
      // Only at the start of a run of blanks: /[ \t]+\n/ alone is quadratic in a long run.
      .replace(/(?<![ \t])[ \t]+\n/g, '\n')
      .replace(/\n{2,}/g, '\n')
      .trim()
  );
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
  /** Sections per pack (what the service worker precaches instead of the chunks). */
  pack?: number;
  /** Everything in the manifest (one request). */
  inline: boolean;
}

/** Libraries of fewer sections get one file (see chooseLayout). */
export const ONE_FILE_BELOW = 800;

/**
 * How to cut the index, from its number of sections. Chosen by measurement (`npm run
 * bench:search`): shards of about 10 KB gzip (one per 12 sections, at most 1,024), so a word's
 * few bigrams fetch a few small files. One section a chunk up to about 10,000 talks (a query's
 * 64 candidates are spread over the whole library: bigger chunks fetch texts nobody asked
 * for), more above, so that a library never has more than about 12,000 chunks to precache. Under
 * ONE_FILE_BELOW sections one file (at most about 240 KB gzip). Measured in session 8 over a
 * phone's network (`BENCH_NET=150,1600`: 150 ms, 1.6 Mbit/s): at 1,000 talks (1,210 sections)
 * one file took 2.0 s, the shards 0.7–1.1 s (host answering many ranges) or 0.9–1.6 s (not);
 * at 300 talks (364 sections) one file 0.75 s, the shards 0.8–1.5 s. One file's time grows with
 * its bytes (about 0.3 KB gzip a section), the shards' hardly: they meet near 600 (many ranges)
 * and 800 sections (none). On the loopback one file is quicker up to 1,500 sections, but there
 * every answer is quick.
 * `SUMMIT_SEARCH_SPLIT=one|shards` forces either (for tests).
 */
export function chooseLayout(
  sections: number,
  split = process.env['SUMMIT_SEARCH_SPLIT'],
): SearchLayout {
  const inline = split === 'one' ? true : split === 'shards' ? false : sections < ONE_FILE_BELOW;
  if (inline) return { shardBits: 0, chunk: Math.max(1, sections), inline };
  const shardBits = Math.max(2, Math.min(10, Math.round(Math.log2(sections / 12))));
  const chunk = Math.max(1, Math.ceil(sections / 12_000));
  return { shardBits, chunk, pack: chunk * Math.ceil(PACK / chunk), inline };
}

/**
 * Sections per pack: about 1 MB of rows each (0.2–0.5 MB gzip), so the precache is a few dozen
 * files that compress almost as well as one, instead of thousands of small chunks.
 */
const PACK = 512;

export interface SearchFiles {
  /** The folder in assets/: `search-<build>`. */
  folder: string;
  manifest: SearchManifest;
  /**
   * File name (in the folder) → JSON text, or its gzip bytes for a name ending in GZIP_EXT
   * (what the service worker precaches).
   */
  files: Map<string, string | Uint8Array<ArrayBuffer>>;
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
  const { tables, units, meta } = indexTables(rows);
  const { shardBits } = layout;
  const shards: SearchShard[] = [];
  for (let s = 0; !layout.inline && s < 1 << shardBits; s++) {
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
  const delta = (table: [number, number[]][]): [number, number[]][] =>
    table.map(([code, list]) => [code, list.map((d, i) => (i ? d - list[i - 1]! : d))]);
  const chars1: SearchChars = { b: build, delta: 1, t: delta(units.t), n: delta(units.n) };

  /** Runs of `size` sections, in the chunk format. */
  const runs = (size: number): SearchChunk[] => {
    const out: SearchChunk[] = [];
    for (let c = 0; !layout.inline && c * size < n; c++) {
      const part = rows.docs.slice(c * size, (c + 1) * size);
      const posts: Record<number, PostRow> = {};
      for (const [p] of part) posts[p] = rows.posts[p]!;
      out.push({ b: build, c, docs: part, posts });
    }
    return out;
  };
  const chunks = runs(layout.chunk);
  const pack = layout.pack && layout.pack % layout.chunk === 0 ? layout.pack : undefined;
  const packs = pack ? runs(pack) : [];

  const files = new Map<string, string | Uint8Array<ArrayBuffer>>();
  /** A file as JSON, gzip-compressed when its name says so (see GZIP_EXT). */
  const put = (name: string, x: unknown) => {
    const text = JSON.stringify(x);
    files.set(name, name.endsWith(GZIP_EXT) ? gzipSync(text, { level: 6 }) : text);
  };
  let manifest: SearchManifest;
  if (layout.inline) {
    // One file: the rows as they are; the worker builds the tables (a few milliseconds here).
    manifest = { v: 2, build, size: n, inline: rows };
  } else {
    manifest = {
      v: 2,
      build,
      size: n,
      bits: tables.map((t) => t.bits) as ShardedManifest['bits'],
      shardBits,
      chunk: layout.chunk,
      ...(pack ? { pack } : {}),
      meta,
    };
    shards.forEach((s, i) => put(shardFile(i), s));
    chunks.forEach((c, i) => put(chunkFile(i), c));
    // The same chunks in one file for many-ranges requests (TEXTS_FILE).
    const texts = chunks.map(textRecord);
    files.set(TEXTS_FILE, new Uint8Array(Buffer.concat(texts)));
    files.set(TEXTS_AT_FILE, textsAtFile({ b: build, len: texts.map((t) => t.length) }));
    packs.forEach((c, i) => put(packFile(i), c));
    put(CHARS_FILE, chars1);
  }
  put(MANIFEST_FILE, manifest);
  const urlHint = layout.inline ? '' : `#s=${shardBits}`;
  return { folder: `search-${build}`, manifest, files, urlHint };
}

/**
 * A chunk as TEXTS_FILE holds it: a line of JSON, raw deflate from a fresh compressor, ended by
 * a full flush (so any of them join into one stream: inflateRecords, src/shared/stored-text.ts).
 */
export function textRecord(chunk: SearchChunk): Buffer {
  return deflateRawSync(`${JSON.stringify(chunk)}\n`, {
    level: 6,
    finishFlush: constants.Z_FULL_FLUSH,
  });
}

/** TEXTS_AT_FILE's bytes: TEXTS_AT_START bytes, then the list's gzip JSON. */
export function textsAtFile(at: SearchTextsAt): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    Buffer.concat([Buffer.alloc(TEXTS_AT_START), gzipSync(JSON.stringify(at), { level: 6 })]),
  );
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
