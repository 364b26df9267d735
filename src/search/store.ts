// The index as the browser sees it: the manifest, then only the shards and text chunks a query
// needs, fetched in parallel and cached. Every file must belong to the manifest's build; a file
// that fails to load, is corrupt or belongs to another build makes search unavailable (never
// wrong results), and the next try fetches it again.
import {
  CHARS_FILE,
  chunkFile,
  packFile,
  shardFile,
  TABLES,
  TEXTS_AT_FILE,
  TEXTS_AT_PROBE,
  TEXTS_AT_START,
  TEXTS_FILE,
  type SearchChars,
  type SearchChunk,
  type InlineManifest,
  type SearchManifest,
  type SearchShard,
  type ShardedManifest,
  type SearchTextsAt,
} from '../shared/search-types.ts';
import { bytesOf, rangeHeader, replyPieces } from './byteranges.ts';
import { indexTables } from '../shared/search-tables.ts';
import { CannotInflate, inflateRecords, storedText } from '../shared/stored-text.ts';
import { gramHash, normOf } from '../shared/search-text.ts';
import { emptyList, type Lists, type SectionStats } from './prefilter.ts';

import { SearchUnavailable } from './errors.ts';

export { SearchUnavailable };

export type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;

/** The service worker's caches, read without the network. */
export interface CacheLookup {
  /** Whether there is any cache at all (else nothing is looked up). */
  any(): Promise<boolean>;
  /** A cached file, or undefined. */
  match(url: string): Promise<Response | undefined>;
}

const cacheStorage: CacheLookup = {
  async any() {
    try {
      return typeof caches !== 'undefined' && (await caches.keys()).length > 0;
    } catch {
      return false;
    }
  },
  async match(url) {
    try {
      // Workbox keys a precached file by its URL and a revision parameter.
      return await caches.match(url, { ignoreSearch: true });
    } catch {
      return undefined;
    }
  },
};

/** A loaded manifest with what stage 1 needs of every section. */
export interface Manifest extends ShardedManifest {
  stats: SectionStats;
}

/** Where each chunk starts in TEXTS_FILE, for the build `b` (`starts[c + 1]`: where it ends). */
type TextsAt = { b: string; starts: Float64Array };

/** A table's buckets in one shard: bucket → its sections. */
type Buckets = { get(bucket: number): Uint32Array | undefined };

const isNumbers = (x: unknown, length?: number): x is number[] =>
  Array.isArray(x) && (length === undefined || x.length === length);

/**
 * A file's JSON: inflated first when it is gzip (the precached files, GZIP_EXT), read as it is
 * when a host already inflated it on the way (it then has no gzip header). Throws on bytes that
 * are not JSON or not whole gzip.
 */
export async function readJson(res: Response): Promise<unknown> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  try {
    return JSON.parse(await storedText(bytes));
  } catch (e) {
    if (e instanceof CannotInflate)
      throw new SearchUnavailable(
        'this browser cannot read the search index (no DecompressionStream)',
      );
    throw e;
  }
}

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
    (m.pack === undefined || (Number.isInteger(m.pack) && m.pack > 0 && m.pack % m.chunk === 0)) &&
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

  /**
   * Where each chunk starts in TEXTS_FILE (and where the last ends), when the host answers many
   * ranges in one reply; undefined when it does not, or before it was asked (`probeTexts`).
   */
  private textsAt: Promise<TextsAt | undefined> | undefined;
  /** The manifest held the whole library (no shards, no chunks, no TEXTS_FILE). */
  private inlined = false;
  /**
   * The network failed the last request that went to it (the probe, a chunk, the ranged texts):
   * the texts are then read from the precached packs first, and each query probes again. Not
   * `navigator.onLine`, which a worker may not update (Chromium 150 offline keeps it true).
   */
  private netDown = false;

  /** Per pack: whether it was read from the cache (a promise while it is being looked up). */
  private readonly packs = new Map<number, Promise<boolean>>();

  constructor(
    readonly manifestUrl: string,
    private readonly fetcher: Fetcher = (url, init) => fetch(url, init),
    private readonly cached: CacheLookup = cacheStorage,
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
          throw Object.assign(
            new SearchUnavailable(`the search index could not be loaded (${String(e)})`),
            { network: true },
          );
        }
        if (!res.ok)
          throw new SearchUnavailable(`the search index could not be loaded (HTTP ${res.status})`);
        let x: T;
        try {
          x = (await readJson(res)) as T;
        } catch (e) {
          if (e instanceof SearchUnavailable) throw e;
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
    this.inlined = true;
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
    const corrupt = () => new SearchUnavailable('a file of the search index is corrupt');
    if (!Array.isArray(c.t) || !Array.isArray(c.n)) throw corrupt();
    const undelta = (table: [number, number[]][]): [number, number[]][] =>
      table.map((entry) => {
        if (!Array.isArray(entry) || !isNumbers(entry[1])) throw corrupt();
        const [code, list] = entry;
        if (c.delta !== 1) return [code, list];
        let at = 0;
        const out = list.map((x, i) => (at = i ? at + x : x));
        if (out.some((d, i) => !(d >= 0 && d < m.size) || (i > 0 && d <= out[i - 1]!)))
          throw corrupt();
        return [code, out];
      });
    this.chars = { b: c.b, t: undelta(c.t), n: undelta(c.n) };
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
    this.probeTexts();
    for (const [a, b] of grams) {
      const s = bits === 0 ? 0 : gramHash(a, b) >>> (32 - bits);
      void this.json<SearchShard>(shardFile(s), () => {}).catch(() => undefined);
    }
  }

  /**
   * Asks once, alongside the manifest or the shards, whether the host answers many byte ranges
   * in one reply, and with the same request fetches where each chunk lies in TEXTS_FILE
   * (TEXTS_AT_FILE, asked for in two ranges). Any other answer leaves the texts to their chunk
   * files; a request the network failed is asked again by the next query (and says, meanwhile,
   * that the network is down: see `netDown`). Never rejects.
   */
  probeTexts(): void {
    if (this.textsAt || this.inlined) return;
    const url = new URL(TEXTS_AT_FILE, this.manifestUrl).href;
    this.requested.push(url);
    const asked = (async (): Promise<TextsAt | 'network' | undefined> => {
      let res: Response;
      try {
        res = await this.fetcher(url, { headers: { Range: TEXTS_AT_PROBE } });
      } catch {
        return 'network' as const;
      }
      this.netDown = false;
      try {
        const type = res.headers.get('Content-Type');
        if (res.status !== 206 || !/^\s*multipart\/byteranges/i.test(type ?? '')) {
          void res.body?.cancel().catch(() => {});
          return undefined;
        }
        const pieces = replyPieces(206, type, null, new Uint8Array(await res.arrayBuffer()));
        const list = pieces?.find((p) => p.start === TEXTS_AT_START);
        if (!list || !pieces!.some((p) => p.start === 0)) return undefined;
        const x = JSON.parse(await storedText(list.bytes)) as SearchTextsAt;
        if (
          typeof x?.b !== 'string' ||
          !isNumbers(x.len) ||
          !x.len.every((n) => Number.isInteger(n) && n > 0)
        )
          return undefined;
        const starts = new Float64Array(x.len.length + 1);
        x.len.forEach((n, c) => (starts[c + 1] = starts[c]! + n));
        return { b: x.b, starts };
      } catch {
        return undefined;
      }
    })();
    this.textsAt = asked.then((x) => {
      if (x !== 'network') return x;
      this.wentDown();
      return undefined;
    });
  }

  /**
   * Fetches these chunks from TEXTS_FILE in one request for their byte ranges, where the host
   * answers such requests (`at`, this query's `probeTexts`). A chunk the reply does not hold, or holds unsound, is
   * left for its own file; a host that sends the whole file instead is not asked again.
   */
  private async ranged(m: Manifest, wanted: number[], at: TextsAt | undefined): Promise<void> {
    if (wanted.length < 2 || !at || at.b !== m.build) return;
    if (at.starts.length !== Math.ceil(m.size / m.chunk) + 1) return;
    const cs = [...wanted].sort((a, b) => a - b);
    const spans: [number, number][] = [];
    for (const c of cs) {
      const last = spans[spans.length - 1];
      if (last && last[1] === at.starts[c]) last[1] = at.starts[c + 1]!;
      else spans.push([at.starts[c]!, at.starts[c + 1]!]);
    }
    const url = new URL(TEXTS_FILE, this.manifestUrl).href;
    this.requested.push(url);
    let pieces;
    try {
      let res: Response;
      try {
        res = await this.fetcher(url, { headers: { Range: rangeHeader(spans) } });
      } catch {
        this.wentDown();
        return;
      }
      if (res.status !== 206) {
        void res.body?.cancel().catch(() => {});
        if (res.status === 200) this.textsAt = Promise.resolve(undefined);
        return;
      }
      pieces = replyPieces(
        206,
        res.headers.get('Content-Type'),
        res.headers.get('Content-Range'),
        new Uint8Array(await res.arrayBuffer()),
      );
    } catch {
      return;
    }
    if (!pieces) return;
    // The chunks the reply holds, inflated in one stream: a line of JSON each, in order.
    const held: [number, Uint8Array][] = [];
    for (const c of cs) {
      const bytes = bytesOf(pieces, at.starts[c]!, at.starts[c + 1]!);
      if (bytes) held.push([c, bytes]);
    }
    let lines: string[];
    try {
      lines = (await inflateRecords(held.map(([, b]) => b))).split('\n');
    } catch {
      return; // Left for their chunk files, checked on their own.
    }
    if (lines.length !== held.length + 1) return;
    held.forEach(([c], i) => {
      if (this.chunks.has(c)) return;
      try {
        const x = JSON.parse(lines[i]!) as SearchChunk;
        if (x?.c === c) this.keepChunk(m, x);
      } catch {
        // Left for its chunk file.
      }
    });
  }

  /** The network failed a request: packs first from now on, and the next query probes again. */
  private wentDown(): void {
    this.netDown = true;
    this.textsAt = undefined;
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

  /**
   * Reads pack `k` from the service worker's cache into the chunks, if it is there and sound;
   * false otherwise (the chunks are then fetched one by one). Never the network.
   */
  private pack(m: Manifest, k: number): Promise<boolean> {
    let p = this.packs.get(k);
    if (!p) {
      p = (async () => {
        const res = await this.cached.match(new URL(packFile(k), this.manifestUrl).href);
        if (!res?.ok) return false;
        try {
          const x = (await readJson(res)) as SearchChunk;
          if (x?.c !== k) return false;
          this.keepPack(m, x);
          return true;
        } catch {
          // A corrupt pack in the cache: the network's chunks are as good.
          return false;
        }
      })();
      this.packs.set(k, p);
      // Not found (yet): look again next time, the background fetch may have stored it since.
      void p.then((found) => found || this.packs.delete(k));
    }
    return p;
  }

  /** A pack's sections, as the chunks they hold. */
  private keepPack(m: Manifest, x: SearchChunk): void {
    this.sameBuild(m, x);
    const pack = m.pack!;
    if (!Array.isArray(x.docs) || typeof x.posts !== 'object' || !x.posts)
      throw new SearchUnavailable('a search text pack is corrupt');
    const first = x.c * pack;
    if (x.docs.length !== Math.min(pack, m.size - first))
      throw new SearchUnavailable('a search text pack is corrupt');
    for (const row of x.docs)
      if (!Array.isArray(row) || !x.posts[row[0]])
        throw new SearchUnavailable('a search text pack is corrupt');
    for (let at = 0; at < x.docs.length; at += m.chunk) {
      const c = (first + at) / m.chunk;
      if (!this.chunks.has(c))
        this.chunks.set(c, { b: x.b, c, docs: x.docs.slice(at, at + m.chunk), posts: x.posts });
    }
  }

  /**
   * Loads the text chunks of these sections, in parallel, from the network; offline (or when
   * the network fails) from the packs the service worker precached, read from its cache. Online
   * the packs are left alone: a query needs a few small chunks, not whole packs in memory.
   */
  async loadDocs(m: Manifest, ids: number[]): Promise<void> {
    const wanted = [...new Set(ids.map((d) => Math.floor(d / m.chunk)))].filter(
      (c) => !this.chunks.has(c),
    );
    const perPack = m.pack ? m.pack / m.chunk : 0;
    const fromPacks = async (cs: number[]) => {
      if (!perPack || !cs.length || !(await this.cached.any())) return;
      await Promise.all(
        [...new Set(cs.map((c) => Math.floor(c / perPack)))].map((k) => this.pack(m, k)),
      );
    };
    // This query's probe, settled first: it says whether the network is there.
    const at = await this.textsAt;
    if (this.netDown || (typeof navigator !== 'undefined' && navigator.onLine === false))
      await fromPacks(wanted);
    else await this.ranged(m, wanted, at);
    const jobs: Promise<void>[] = [];
    for (const c of wanted) {
      if (this.chunks.has(c)) continue;
      jobs.push(
        this.use<SearchChunk>(chunkFile(c), (x) => {
          if (x?.c !== c) throw new SearchUnavailable('a search text chunk is corrupt');
          if (!this.chunks.has(c)) this.keepChunk(m, x);
        }).catch(async (e: unknown) => {
          // No network: the precached pack holds the same texts (never a corrupt or missing file).
          if (!(e as { network?: boolean }).network) throw e;
          this.wentDown();
          await fromPacks([c]);
          if (!this.chunks.has(c)) throw e;
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
