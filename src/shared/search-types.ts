// The search index's formats and the result type, shared by the build (src/build/search-index.ts),
// the engine (src/search/) and the UI. Pure types: no DOM, no `node:`.

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

/** One post, shared by all of its sections: `[slug, title, date, tags]`. */
export type PostRow = [slug: string, title: string, date: string, tags: string[]];

/** One section: `[post (index into posts), sectionId, title, session (0|1), text, names]`. */
export type DocRow = [
  post: number,
  sectionId: string,
  title: string,
  session: 0 | 1,
  text: string,
  names: string[],
];

/** Every section of the library as rows: what the index files are made from. */
export interface SearchRows {
  v: 1;
  posts: PostRow[];
  docs: DocRow[];
}

/**
 * The three bigram tables (hashed buckets of section numbers), in this order: every field, the
 * titles, the names. A bucket is `hash >>> (32 − bits)`; shard `s` holds the buckets whose top
 * `shardBits` bits are `s`, in every table.
 */
export const TABLES = 3;

/**
 * `search-<build>/index.jsonz` (MANIFEST_FILE): what the worker fetches first. Every other file of the index is
 * in the same folder, named by `shardFile` and `chunkFile`: the folder is named after the build,
 * so the files of two builds are never combined.
 */
export type SearchManifest = ShardedManifest | InlineManifest;

interface ManifestBase {
  v: 2;
  /** Hash of the whole index: the folder's name, and stamped in every file. */
  build: string;
  /** Sections. */
  size: number;
}

export interface ShardedManifest extends ManifestBase {
  /** Bucket bits of each table. */
  bits: [all: number, titles: number, names: number];
  /** log2 of the number of shards (0: one shard). */
  shardBits: number;
  /** Sections per text chunk; chunk `c` holds sections `c·chunk` … `c·chunk + chunk − 1`. */
  chunk: number;
  /**
   * Sections per pack (a multiple of `chunk`): pack `k` (`packFile`) holds sections
   * `k·pack` … `k·pack + pack − 1`, in the chunk format. The service worker precaches the packs,
   * not the chunks (a few large files compress far better than thousands of small ones); online
   * a query fetches its chunks, and once a pack is in the cache the worker reads it instead.
   */
  pack?: number;
  /** Per section: text tokens, title tokens, text length (what stage 1 ranks with). */
  meta: { xTokens: number[]; tTokens: number[]; textLength: number[] };
}

/** A small library: every row in the manifest, one request; the worker builds the tables. */
export interface InlineManifest extends ManifestBase {
  inline: SearchRows;
}

/**
 * One shard: per table, its sparse buckets as a flat number list `[bucket offset in the shard
 * (delta from the previous bucket), length, first section, deltas…]`, sections ascending; and
 * its dense buckets (more than one section in DENSE) as `[bucket, bitmap]`, the bitmap in
 * base64 (bit d of byte d >> 3: section d).
 */
export interface SearchShard {
  b: string;
  s: number;
  t: [number[], number[], number[]];
  d: [[number, string][], [number, string][], [number, string][]];
}

/** A bucket holding more than one section in this many is sent as a bitmap. */
export const DENSE = 16;

/**
 * Sections whose folded title (`t`) or names (`n`) hold one UTF-16 code unit (`[code,
 * sections…]`, sections ascending). In `chars.jsonz` (`delta: 1`) each list after its first
 * section is written as the differences from the one before (a third of the bytes).
 */
export interface SearchChars {
  b: string;
  delta?: 1;
  t: [number, number[]][];
  n: [number, number[]][];
}

/** A run of sections with the rows of their posts (a chunk, or a pack: `c` is its number). */
export interface SearchChunk {
  b: string;
  c: number;
  docs: DocRow[];
  posts: Record<number, PostRow>;
}

/**
 * The files the service worker precaches (manifest, shards, packs, `chars`) are stored gzip-compressed, as
 * Pagefind stores its index: the precache holds a third to a fifth of the bytes, and the worker
 * inflates them (DecompressionStream). Their extension is one no host knows, so none labels them
 * `Content-Encoding: gzip` (which `.gz` may get) or compresses them again; a file a host did
 * inflate on the way (no gzip header) is read as it is. The manifest (a small library's whole
 * index) is stored so too; the per-query chunks stay JSON (not precached; the host's own
 * compression sends them as small).
 */
export const GZIP_EXT = '.jsonz';
export const MANIFEST_FILE = `index${GZIP_EXT}`;
export const CHARS_FILE = `chars${GZIP_EXT}`;
export const shardFile = (s: number): string => `s${s}${GZIP_EXT}`;
export const chunkFile = (c: number): string => `c${c}.json`;
export const packFile = (k: number): string => `p${k}${GZIP_EXT}`;

/**
 * Every chunk again, each a line of JSON compressed on its own (raw deflate ended by a full
 * flush, `inflateRecords` in src/shared/stored-text.ts), joined in one file (`TEXTS_FILE`), so that a
 * query's texts can come in one request for many byte ranges (`Range: bytes=a-b,c-d,…`, a
 * `multipart/byteranges` reply) where the host answers such requests, as nginx, Apache and Caddy
 * do. Chunk `c` is bytes `at[c]` … `at[c + 1] − 1` (`SearchTextsAt`). Uncompressed extension:
 * a host never compresses it on the way, which would take the ranges away.
 */
export const TEXTS_FILE = 'texts.bin';
/**
 * Where each chunk lies in `TEXTS_FILE`: one byte, one byte left out, then the gzip JSON of a
 * `SearchTextsAt`. The worker asks for it in two ranges, `bytes=0-0,2-`: a host that answers
 * both in one multipart reply answers many ranges, and the reply holds the whole list; a host
 * that sends the whole file or one range does not (its texts come as chunk files), and the
 * request, sent alongside the manifest, costs no round of its own (from a host that sends
 * whole files, the list's bytes: about 22 KB at 10,000 talks).
 */
export const TEXTS_AT_FILE = 'texts-at.bin';
/** The byte ranges `TEXTS_AT_FILE` is asked for (the list starts at `TEXTS_AT_START`). */
export const TEXTS_AT_PROBE = 'bytes=0-0,2-';
export const TEXTS_AT_START = 2;

/** Chunk lengths in `TEXTS_FILE`, in bytes, in order (chunk `c` starts at the sum before it). */
export interface SearchTextsAt {
  b: string;
  len: number[];
}
