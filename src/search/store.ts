// The index as the browser sees it: the manifest, then only the shards and text chunks a query
// needs, fetched in parallel and cached. Every file must belong to the manifest's build; a file
// that fails to load, is corrupt or belongs to another build makes search unavailable (never
// wrong results), and the next try fetches it again.
import {
  CHARS_FILE,
  chunkFile,
  shardFile,
  TABLES,
  type SearchChars,
  type SearchChunk,
  type InlineManifest,
  type SearchManifest,
  type SearchShard,
  type ShardedManifest,
} from '../shared/search-types.ts';
import { indexTables } from '../shared/search-tables.ts';
import { gramHash, normOf } from '../shared/search-text.ts';
import { emptyList, type Lists, type SectionStats } from './prefilter.ts';

import { SearchUnavailable } from './errors.ts';

export { SearchUnavailable };

export type Fetcher = (url: string) => Promise<Response>;

/** A loaded manifest with what stage 1 needs of every section. */
export interface Manifest extends ShardedManifest {
  stats: SectionStats;
}

/** A table's buckets in one shard: bucket → its sections. */
type Buckets = { get(bucket: number): Uint32Array | undefined };

const isNumbers = (x: unknown, length?: number): x is number[] =>
  Array.isArray(x) && (length === undefined || x.length === length);

const unknownFormat = () => new SearchUnavailable('the search index has an unknown format');

function withStats(m: ShardedManifest): Manifest {
  return {
    ...m,
    stats: {
      size: m.size,
      xNorm: Float64Array.from(m.meta.xTokens, normOf),
      tNorm: Float64Array.from(m.meta.tTokens, normOf),
      textLength: Uint32Array.from(m.meta.textLength),
    },
  };
}

function checkManifest(m: SearchManifest): ShardedManifest | InlineManifest {
  if (!m || m.v !== 2 || typeof m.build !== 'string' || !Number.isInteger(m.size) || m.size < 0)
    throw unknownFormat();
  if ('inline' in m) {
    const rows = m.inline;
    if (!rows || !Array.isArray(rows.posts) || !isNumbers(rows.docs, m.size)) throw unknownFormat();
    for (const row of rows.docs)
      if (!Array.isArray(row) || !rows.posts[row[0]] || typeof row[4] !== 'string')
        throw unknownFormat();
    return m;
  }
  const ok =
    isNumbers(m.bits, TABLES) &&
    Number.isInteger(m.shardBits) &&
    m.shardBits >= 0 &&
    m.shardBits <= Math.min(...m.bits) &&
    Number.isInteger(m.chunk) &&
    m.chunk > 0 &&
    isNumbers(m.meta?.xTokens, m.size) &&
    isNumbers(m.meta.tTokens, m.size) &&
    isNumbers(m.meta.textLength, m.size);
  if (!ok) throw unknownFormat();
  return m;
}

/** Sections whose bits are set in a base64 bitmap. */
function fromBitmap(base64: string, size: number): Uint32Array {
  const bin = atob(base64);
  if (bin.length !== (size + 7) >> 3) throw new SearchUnavailable('a search shard is corrupt');
  const out: number[] = [];
  for (let i = 0; i < bin.length; i++) {
    const byte = bin.charCodeAt(i);
    if (byte) for (let k = 0; k < 8; k++) if (byte & (1 << k)) out.push(i * 8 + k);
  }
  return Uint32Array.from(out);
}

/** A shard's lists and bitmaps (SearchShard) as buckets → sections, per table. */
function decodeShard(m: Manifest, shard: SearchShard): Buckets[] {
  return shard.t.map((flat, t) => {
    const per = 1 << (m.bits[t]! - m.shardBits);
    const out = new Map<number, Uint32Array>();
    let bucket = shard.s * per;
    for (let i = 0; i < flat.length;) {
      bucket += flat[i++]!;
      const len = flat[i++]!;
      const list = new Uint32Array(len);
      let at = 0;
      for (let k = 0; k < len; k++) list[k] = at += flat[i++]!;
      if (!(len > 0) || i > flat.length || at >= m.size || bucket >= (shard.s + 1) * per)
        throw new SearchUnavailable('a search shard is corrupt');
      out.set(bucket, list);
    }
    for (const [b, bits] of shard.d[t]!) out.set(b, fromBitmap(bits, m.size));
    return out;
  });
}

export class IndexStore {
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly shards = new Map<number, Buckets[]>();
  private readonly chunks = new Map<number, SearchChunk>();
  private chars: SearchChars | undefined;
  /** Requests made (URLs, in order): for tests and the benchmark. */
  readonly requested: string[] = [];

  constructor(
    readonly manifestUrl: string,
    private readonly fetcher: Fetcher = (url) => fetch(url),
  ) {}

  /**
   * Fetches and parses one file, then hands it to `keep`; a file that fails to load or that
   * `keep` rejects is forgotten, so a retry fetches it again.
   */
  private async use<T>(name: string, keep: (x: T) => void): Promise<void> {
    const x = await this.json<T>(name, () => {});
    try {
      keep(x);
    } catch (e) {
      this.cache.delete(name);
      throw e;
    }
  }

  /** Fetches and parses one file once (a failure is forgotten, so a retry fetches again). */
  private json<T>(name: string, check: (x: T) => void): Promise<T> {
    let p = this.cache.get(name) as Promise<T> | undefined;
    if (!p) {
      const url = new URL(name, this.manifestUrl).href;
      this.requested.push(url);
      p = (async () => {
        let res: Response;
        try {
          res = await this.fetcher(url);
        } catch (e) {
          throw new SearchUnavailable(`the search index could not be loaded (${String(e)})`);
        }
        if (!res.ok)
          throw new SearchUnavailable(`the search index could not be loaded (HTTP ${res.status})`);
        let x: T;
        try {
          x = (await res.json()) as T;
        } catch {
          throw new SearchUnavailable('a file of the search index is corrupt');
        }
        check(x);
        return x;
      })();
      p.catch(() => this.cache.delete(name));
      this.cache.set(name, p);
    }
    return p;
  }

  private manifestPromise: Promise<Manifest> | undefined;

  manifest(): Promise<Manifest> {
    this.manifestPromise ??= this.json<SearchManifest>(this.manifestUrl, () => {}).then((raw) => {
      const m = checkManifest(raw);
      return 'inline' in m ? this.keepRows(m) : withStats(m);
    });
    this.manifestPromise.catch(() => {
      this.manifestPromise = undefined;
      this.cache.delete(this.manifestUrl);
    });
    return this.manifestPromise;
  }

  /** A library sent as one file: its tables built here, as one shard and one chunk. */
  private keepRows(m: InlineManifest): Manifest {
    const { tables, units, meta } = indexTables(m.inline);
    const sharded = withStats({
      v: 2,
      build: m.build,
      size: m.size,
      bits: tables.map((t) => t.bits) as ShardedManifest['bits'],
      shardBits: 0,
      chunk: Math.max(1, m.size),
      meta,
    });
    this.shards.set(
      0,
      // Read in place: no object per bucket.
      tables.map((t): Buckets => ({
        get: (b) =>
          b + 1 < t.offsets.length && t.offsets[b + 1]! > t.offsets[b]!
            ? t.list.subarray(t.offsets[b]!, t.offsets[b + 1]!)
            : undefined,
      })),
    );
    this.chars = { b: m.build, ...units };
    this.chunks.set(0, { b: m.build, c: 0, docs: m.inline.docs, posts: { ...m.inline.posts } });
    return sharded;
  }

  private sameBuild(m: Manifest, x: { b?: unknown } | null): void {
    if (!x || x.b !== m.build)
      throw new SearchUnavailable('a file of the search index belongs to another build');
  }

  private keepShard(m: Manifest, s: SearchShard): void {
    this.sameBuild(m, s);
    if (
      !Array.isArray(s.t) ||
      s.t.length !== TABLES ||
      !s.t.every((t) => isNumbers(t)) ||
      !Array.isArray(s.d) ||
      s.d.length !== TABLES ||
      !s.d.every(
        (d) => Array.isArray(d) && d.every((x) => Array.isArray(x) && typeof x[1] === 'string'),
      )
    )
      throw new SearchUnavailable('a search shard is corrupt');
    this.shards.set(s.s, decodeShard(m, s));
  }

  private keepChars(m: Manifest, c: SearchChars): void {
    this.sameBuild(m, c);
    if (!Array.isArray(c.t) || !Array.isArray(c.n))
      throw new SearchUnavailable('a file of the search index is corrupt');
    this.chars = c;
  }

  private keepChunk(m: Manifest, c: SearchChunk): void {
    this.sameBuild(m, c);
    if (!Array.isArray(c.docs) || typeof c.posts !== 'object' || !c.posts)
      throw new SearchUnavailable('a search text chunk is corrupt');
    for (const row of c.docs)
      if (!Array.isArray(row) || !c.posts[row[0]])
        throw new SearchUnavailable('a search text chunk is corrupt');
    this.chunks.set(c.c, c);
  }

  /** The shard holding a bigram's buckets. */
  shardOf(m: Manifest, a: number, b: number): number {
    return m.shardBits === 0 ? 0 : gramHash(a, b) >>> (32 - m.shardBits);
  }

  /** The shard layout the manifest's URL announces (`#s=<shardBits>`), if any. */
  hintedShardBits(): number | undefined {
    const m = /^#s=(\d+)$/.exec(new URL(this.manifestUrl).hash);
    return m ? Number(m[1]) : undefined;
  }

  /**
   * Starts fetching the shards of these bigrams before the manifest has arrived, when its URL
   * announced the layout (a wrong announcement costs a few requests, never a result: shards are
   * checked against the manifest when they are decoded).
   */
  prefetchShards(grams: [number, number][]): void {
    const bits = this.hintedShardBits();
    if (bits === undefined || bits < 0 || bits > 10) return;
    for (const [a, b] of grams) {
      const s = bits === 0 ? 0 : gramHash(a, b) >>> (32 - bits);
      void this.json<SearchShard>(shardFile(s), () => {}).catch(() => undefined);
    }
  }

  /** Loads these shards (and the single-character table if asked), in parallel. */
  async loadShards(m: Manifest, ids: Iterable<number>, chars: boolean): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const s of new Set(ids)) {
      if (this.shards.has(s)) continue;
      jobs.push(
        this.use<SearchShard>(shardFile(s), (x) => {
          if (x?.s !== s) throw new SearchUnavailable('a search shard is corrupt');
          if (!this.shards.has(s)) this.keepShard(m, x);
        }),
      );
    }
    if (chars && !this.chars)
      jobs.push(this.use<SearchChars>(CHARS_FILE, (x) => this.keepChars(m, x)));
    await Promise.all(jobs);
  }

  /** Loads the text chunks of these sections, in parallel. */
  async loadDocs(m: Manifest, ids: number[]): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const c of new Set(ids.map((d) => Math.floor(d / m.chunk)))) {
      if (this.chunks.has(c)) continue;
      jobs.push(
        this.use<SearchChunk>(chunkFile(c), (x) => {
          if (x?.c !== c) throw new SearchUnavailable('a search text chunk is corrupt');
          if (!this.chunks.has(c)) this.keepChunk(m, x);
        }),
      );
    }
    await Promise.all(jobs);
  }

  /** A loaded section's row and its post's row. */
  row(m: Manifest, d: number) {
    const chunk = this.chunks.get(Math.floor(d / m.chunk));
    const row = chunk?.docs[d % m.chunk];
    if (!chunk || !row) throw new SearchUnavailable('a search text chunk is missing a section');
    return { row, post: chunk.posts[row[0]]! };
  }

  /** The lists of the loaded shards, for the prefilter. */
  lists(m: Manifest): Lists {
    const units = (table: number) => {
      const m2 = new Map<number, Uint32Array>();
      for (const [code, docs] of (table === 1 ? this.chars?.t : this.chars?.n) ?? [])
        m2.set(code, Uint32Array.from(docs));
      return m2;
    };
    let titleUnits: Map<number, Uint32Array> | undefined;
    let nameUnits: Map<number, Uint32Array> | undefined;
    return {
      gram: (table, a, b) => {
        const buckets = this.shards.get(this.shardOf(m, a, b));
        if (!buckets) throw new SearchUnavailable('a search shard is missing');
        return buckets[table]!.get(gramHash(a, b) >>> (32 - m.bits[table]!)) ?? emptyList();
      },
      unit: (table, code) => {
        if (!this.chars) throw new SearchUnavailable('a file of the search index is missing');
        const map = table === 1 ? (titleUnits ??= units(1)) : (nameUnits ??= units(2));
        return map.get(code) ?? emptyList();
      },
    };
  }
}
