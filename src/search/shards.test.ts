import { gunzipSync, inflateRawSync } from 'node:zlib';
import { DEFLATE_END, inflateRecords } from '../shared/stored-text.ts';
import { describe, expect, it, vi } from 'vitest';
import { generatePosts, vocabulary } from '../../scripts/bench/corpus.mjs';
import { QUERIES as BENCH_QUERIES } from '../../scripts/bench/queries.mjs';
import {
  buildSearchFiles,
  buildSearchRows,
  chooseLayout,
  textRecord,
  textsAtFile,
} from '../build/search-index.ts';
import { analysePost } from '../shared/post.ts';
import { eachGram, fold, gramHash } from '../shared/search-text.ts';
import { ALL, NAMES, plan, Prefilter, TITLES } from './prefilter.ts';
import { parseQuery } from './query.ts';
import { SEED, SEED_NAME } from '../../tests/seed.ts';
import type { SearchChunk, SearchShard } from '../shared/search-types.ts';
import { memoryIndex } from './memory-index.test-helper.ts';
import { SearchEngine as ReferenceEngine } from './reference/engine.ts';
import { SearchUnavailable } from './store.ts';
import { SearchEngine } from './engine.ts';

const QUERIES = [...BENCH_QUERIES.map((x) => x.q), 'rally', 'x', '7', 'nova neutron'];

// Whole corpora searched twice: seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const seed = analysePost(SEED_NAME, SEED).sections;
const corpus = generatePosts(vocabulary(SEED), 700).flatMap(
  (p) => analysePost(p.name, p.markdown).sections,
);
const SHARDED = { shardBits: 3, chunk: 2, inline: false };

/** A file's JSON text (the precached files are gzip). */
const text = (body: string | Uint8Array | undefined): string =>
  typeof body === 'string' ? body : gunzipSync(body!).toString('utf8');

describe('results equal to the single-file engine', () => {
  for (const [name, sections] of [
    ['the seed', seed],
    ['a generated corpus of 700 talks', corpus],
  ] as const) {
    const reference = new ReferenceEngine(buildSearchRows(sections));
    for (const [how, layout] of [
      ['one file', { shardBits: 0, chunk: sections.length, inline: true }],
      ['shards', SHARDED],
    ] as const) {
      it(`${name}, ${how}: the same ranked sections, scores and hits`, async () => {
        const engine = memoryIndex(sections, layout).engine();
        for (const q of QUERIES) {
          expect(await engine.rankedIds(q), q).toEqual(reference.rankedIds(q));
          expect(await engine.search(q, 8), q).toEqual(reference.search(q, 8));
        }
      });
    }
  }
});

describe('shards', () => {
  it('with the layout in the URL (#s=…), a query asks for its shards before the manifest has come', async () => {
    const index = memoryIndex(corpus, SHARDED);
    expect(index.url).toMatch(/#s=3$/);
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const asked: string[] = [];
    const engine = new SearchEngine(index.url, async (u, init) => {
      asked.push(u.replace(/^.*\//, '').replace(/#.*/, ''));
      if (/index\.jsonz/.test(u)) await held;
      return index.fetcher(u, init);
    });
    const answer = engine.search('Ralley', 8);
    await new Promise((r) => setTimeout(r, 20));
    // Only the manifest, the shards and the ranges probe so far: the texts wait for stage 1.
    expect(asked[0]).toBe('index.jsonz');
    expect(asked.filter((n) => /^s\d+\.jsonz$/.test(n)).length).toBeGreaterThan(0);
    expect(asked.filter((n) => n === 'texts-at.bin')).toHaveLength(1);
    expect(asked.slice(1).every((n) => /^s\d+\.jsonz$|^texts-at\.bin$/.test(n))).toBe(true);
    release();
    expect((await answer).length).toBeGreaterThan(0);
    // The engine's own account of the query: every request, and no stage took negative time.
    const t = engine.lastTimings;
    expect(t.files).toBe(engine.store.requested.length);
    expect(Math.min(t.manifest, t.shards, t.select, t.texts, t.rank)).toBeGreaterThanOrEqual(0);
  });

  it('hold every bucket of every table in the shard of its top bits, lists and bitmaps', async () => {
    const { manifest, files } = buildSearchFiles(buildSearchRows(corpus), SHARDED);
    if ('inline' in manifest) throw new Error('expected shards');
    const shards = [...files]
      .filter(([n]) => /^s\d+\.jsonz$/.test(n))
      .map(([, j]) => JSON.parse(text(j)) as SearchShard);
    expect(shards.map((s) => s.s)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const s of shards) expect(s.b).toBe(manifest.build);
    // Common bigrams come as bitmaps, rare ones as lists.
    expect(shards.some((s) => s.d[ALL].length > 0)).toBe(true);
    expect(shards.some((s) => s.t[ALL].length > 0)).toBe(true);

    // Each bucket, looked up through the store, holds exactly the sections with a bigram in it.
    const index = memoryIndex(corpus, SHARDED);
    const engine = index.engine();
    const m = await engine.open();
    const rows = buildSearchRows(corpus);
    const folded = rows.docs.map(([p, , title, , text, names]) => ({
      all: [title, text, ...names, rows.posts[p]![1], ...rows.posts[p]![3]].map(fold),
      titles: [fold(title)],
      names: names.map(fold),
    }));
    for (const gram of ['ra', 'al', '升级', 'zq', '云', 'ke']) {
      const [a, b] =
        gram.length === 1 ? [gram.charCodeAt(0), 1] : [gram.charCodeAt(0), gram.charCodeAt(1)];
      await engine.store.loadShards(m, [engine.store.shardOf(m, a, b)], false);
      const lists = engine.store.lists(m);
      for (const [table, key] of [
        [ALL, 'all'],
        [TITLES, 'titles'],
        [NAMES, 'names'],
      ] as const) {
        const shift = 32 - m.bits[table];
        const bucket = gramHash(a, b) >>> shift;
        const expected = folded.flatMap((f, d) => {
          let found = false;
          for (const v of f[key]) eachGram(v, (h) => (found ||= h >>> shift === bucket));
          return found ? [d] : [];
        });
        expect([...lists.gram(table, a, b)], `${gram} ${key}`).toEqual(expected);
      }
    }
  });

  it('a query fetches the manifest, a few shards and the chunks of its candidates only', async () => {
    const index = memoryIndex(corpus, SHARDED);
    const engine = index.engine();
    await engine.search('Ralley');
    const names = index.requests.map((u) => u.split('/').pop()!.replace(/#.*/, ''));
    expect(names[0]).toBe('index.jsonz');
    const shards = names.filter((n) => /^s\d+\.jsonz$/.test(n));
    const chunks = names.filter((n) => /^c\d+\.json$/.test(n));
    // "ralley": 5 bigrams, so at most 5 of the 8 shards.
    expect(shards.length).toBeGreaterThan(0);
    expect(shards.length).toBeLessThanOrEqual(5);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.length).toBeLessThanOrEqual(64);
    expect(names).not.toContain('chars.jsonz');
    // Each file once; the same query again fetches nothing.
    expect(new Set(names).size).toBe(names.length);
    const before = index.requests.length;
    await engine.search('Ralley');
    expect(index.requests.length).toBe(before);
  });

  it('a small library is one file; a large one is cut', () => {
    expect(chooseLayout(seed.length, '').inline).toBe(true);
    expect(chooseLayout(20_000, '').inline).toBe(false);
    // The cut-over measured over a phone's network: 300 talks one file, 1,000 talks cut.
    expect(chooseLayout(364, '').inline).toBe(true);
    expect(chooseLayout(1_210, '').inline).toBe(false);
    expect(chooseLayout(20_000, 'one').inline).toBe(true);
    expect(chooseLayout(10, 'shards').inline).toBe(false);
    const one = memoryIndex(seed);
    expect([...one.files.keys()]).toEqual(['index.jsonz']);
  });
});

describe('the texts in one request for many byte ranges', () => {
  const names = (requests: string[]) => requests.map((u) => u.split('/').pop()!.replace(/#.*/, ''));
  const reference = new ReferenceEngine(buildSearchRows(corpus));

  it('texts.bin holds every chunk where texts-at.bin says, each inflating alone or joined with any others', async () => {
    const { files, manifest } = buildSearchFiles(buildSearchRows(corpus), SHARDED);
    const at = files.get('texts-at.bin') as Uint8Array;
    expect([...at.subarray(0, 2)]).toEqual([0, 0]);
    const list = JSON.parse(text(at.subarray(2))) as { b: string; len: number[] };
    expect(list.b).toBe(manifest.build);
    const bin = Buffer.from(files.get('texts.bin') as Uint8Array);
    const chunks = [...files.keys()].filter((n) => /^c\d+\.json$/.test(n));
    expect(list.len).toHaveLength(chunks.length);
    const records: Buffer[] = [];
    let start = 0;
    list.len.forEach((len, c) => {
      const record = bin.subarray(start, start + len);
      records.push(record);
      expect(inflateRawSync(Buffer.concat([record, DEFLATE_END])).toString()).toBe(
        `${files.get(`c${c}.json`)}\n`,
      );
      start += len;
    });
    expect(start).toBe(bin.length);
    // Any of them, joined, in one stream (what a query's ranges bring): their lines, in order.
    const some = [41, 3, 17, 18, 200, 0].filter((c) => c < records.length);
    expect(await inflateRecords(some.map((c) => records[c]!))).toBe(
      some.map((c) => `${files.get(`c${c}.json`)}\n`).join(''),
    );
  });

  it('a host that answers many ranges in one reply: the texts in one request, the same results', async () => {
    const index = memoryIndex(corpus, SHARDED);
    index.host.ranges = 'multi';
    const engine = index.engine();
    for (const q of QUERIES) {
      const before = index.requests.length;
      expect(await engine.search(q, 8), q).toEqual(reference.search(q, 8));
      const asked = names(index.requests.slice(before));
      expect(
        asked.filter((n) => /^c\d+\.json$/.test(n)),
        q,
      ).toEqual([]);
      expect(asked.filter((n) => n === 'texts.bin').length, q).toBeLessThanOrEqual(1);
    }
    const all = names(index.requests);
    expect(all.filter((n) => n === 'texts-at.bin')).toHaveLength(1);
    expect(all.filter((n) => n === 'texts.bin').length).toBeGreaterThan(3);
  });

  for (const ranges of ['first', 'none'] as const) {
    it(`a host that answers ${ranges === 'first' ? 'the first range only' : 'with the whole file'}: the chunk files, the same results`, async () => {
      const index = memoryIndex(corpus, SHARDED);
      index.host.ranges = ranges;
      const engine = index.engine();
      for (const q of QUERIES) expect(await engine.search(q, 8), q).toEqual(reference.search(q, 8));
      const all = names(index.requests);
      expect(all.filter((n) => n === 'texts-at.bin')).toHaveLength(1);
      expect(all).not.toContain('texts.bin');
      expect(all.filter((n) => /^c\d+\.json$/.test(n)).length).toBeGreaterThan(10);
    });
  }

  it('the probe answered in parts but the texts sent whole: the chunk files, and texts.bin is not asked again', async () => {
    const index = memoryIndex(corpus, SHARDED);
    index.host.ranges = 'multi';
    let cancelled = 0;
    const engine = new SearchEngine(index.url, async (u, init) => {
      if (!u.endsWith('/texts.bin')) return index.fetcher(u, init);
      const whole = (await index.fetcher(u)).body!.getReader();
      return new Response(
        new ReadableStream({
          pull: async (c) => {
            const { value, done } = await whole.read();
            if (done) c.close();
            else c.enqueue(value);
          },
          cancel: () => void cancelled++,
        }),
        { status: 200 },
      );
    });
    for (const q of QUERIES) expect(await engine.search(q, 8), q).toEqual(reference.search(q, 8));
    const all = names(index.requests);
    expect(all.filter((n) => n === 'texts.bin')).toHaveLength(1);
    expect(cancelled).toBe(1);
    expect(all.filter((n) => /^c\d+\.json$/.test(n)).length).toBeGreaterThan(10);
  });

  it('a chunk corrupt in texts.bin, or texts.bin of another build: those chunks from their files, the same results', async () => {
    for (const spoil of ['bytes', 'build'] as const) {
      const index = memoryIndex(corpus, SHARDED);
      index.host.ranges = 'multi';
      const bin = Buffer.from(index.files.get('texts.bin') as Uint8Array);
      if (spoil === 'bytes') for (let i = 0; i < bin.length; i += 97) bin[i] = bin[i]! ^ 0x5a;
      else {
        // Every chunk stamped with another build, where texts-at.bin says it lies.
        const at = JSON.parse(text((index.files.get('texts-at.bin') as Uint8Array).subarray(2)));
        const other = at.len.map((_: number, c: number) =>
          textRecord({
            ...(JSON.parse(String(index.files.get(`c${c}.json`))) as SearchChunk),
            b: '0ther',
          }),
        );
        index.files.set(
          'texts-at.bin',
          textsAtFile({ ...at, len: other.map((b: Buffer) => b.length) }),
        );
        index.files.set('texts.bin', new Uint8Array(Buffer.concat(other)));
      }
      if (spoil === 'bytes') index.files.set('texts.bin', new Uint8Array(bin));
      const engine = index.engine();
      for (const q of QUERIES)
        expect(await engine.search(q, 8), `${spoil} ${q}`).toEqual(reference.search(q, 8));
      expect(names(index.requests).filter((n) => /^c\d+\.json$/.test(n)).length).toBeGreaterThan(
        10,
      );
    }
  });

  it('texts-at.bin of another build is not used; a probe the network failed is asked again', async () => {
    const index = memoryIndex(corpus, SHARDED);
    index.host.ranges = 'multi';
    const at = JSON.parse(text((index.files.get('texts-at.bin') as Uint8Array).subarray(2)));
    index.files.set('texts-at.bin', textsAtFile({ ...at, b: '0ther' }));
    const engine = index.engine();
    expect(await engine.search('Ralley', 8)).toEqual(reference.search('Ralley', 8));
    expect(names(index.requests)).not.toContain('texts.bin');

    const flaky = memoryIndex(corpus, SHARDED);
    flaky.host.ranges = 'multi';
    let down = true;
    const again = new SearchEngine(flaky.url, async (u, init) =>
      down && u.endsWith('/texts-at.bin')
        ? (flaky.requests.push(u), Promise.reject(new TypeError('Failed to fetch')))
        : flaky.fetcher(u, init),
    );
    expect(await again.search('Ralley', 8)).toEqual(reference.search('Ralley', 8));
    expect(names(flaky.requests)).not.toContain('texts.bin');
    down = false;
    const before = flaky.requests.length;
    expect(await again.search('升级', 8)).toEqual(reference.search('升级', 8));
    const second = names(flaky.requests.slice(before));
    expect(second).toContain('texts-at.bin');
    expect(second.indexOf('texts.bin')).toBeGreaterThan(second.indexOf('texts-at.bin'));
  });
});

describe('packs (what the service worker precaches)', () => {
  const PACKED = { shardBits: 3, chunk: 2, pack: 16, inline: false };
  const packs = (files: Map<string, string | Uint8Array<ArrayBuffer>>) =>
    new Map([...files].filter(([name]) => /^p\d+\.jsonz$/.test(name)));

  it('hold every section once, in order, in the chunk format', () => {
    const { built, rows } = memoryIndex(corpus, PACKED);
    const held = [...packs(built.files)].sort(
      (a, b) => Number(a[0].slice(1, -6)) - Number(b[0].slice(1, -6)),
    );
    expect(held.length).toBe(Math.ceil(rows.docs.length / 16));
    const docs = held.flatMap(([, body]) => (JSON.parse(text(body)) as { docs: unknown[] }).docs);
    expect(docs).toEqual(rows.docs);
    expect(built.manifest).toMatchObject({ pack: 16, chunk: 2 });
  });

  it('without the network, a query reads the texts from the cached packs, with the same results', async () => {
    const index = memoryIndex(corpus, PACKED);
    const reference = new ReferenceEngine(index.rows);
    const asked: string[] = [];
    const noChunks = (u: string) => {
      asked.push(u.split('/').pop()!.replace(/#.*/, ''));
      return /\/c\d+\.json$/.test(u)
        ? Promise.reject(new TypeError('Failed to fetch'))
        : index.fetcher(u);
    };
    const engine = new SearchEngine(index.url, noChunks, index.cache(packs(index.files)));
    for (const q of QUERIES) expect(await engine.search(q, 8), q).toEqual(reference.search(q, 8));
    // Packs are never fetched from the network: only read from the cache.
    expect(asked.filter((n) => /^p\d+\.jsonz$/.test(n))).toEqual([]);
    expect(asked.some((n) => /^c\d+\.json$/.test(n))).toBe(true);
  });

  it('offline as a worker sees it (navigator.onLine true; the precached files come, nothing else): the packs, no chunk asked; online again: probed again', async () => {
    const index = memoryIndex(corpus, PACKED);
    index.host.ranges = 'multi';
    const reference = new ReferenceEngine(index.rows);
    const precached = /\/(?:index|s\d+|chars)\.jsonz$/;
    let offline = true;
    const asked: string[] = [];
    const engine = new SearchEngine(
      index.url,
      (u, init) => {
        asked.push(u.split('/').pop()!.replace(/#.*/, ''));
        return offline && !precached.test(u.replace(/#.*/, ''))
          ? Promise.reject(new TypeError('Failed to fetch'))
          : index.fetcher(u, init);
      },
      index.cache(packs(index.files)),
    );
    for (const q of QUERIES) expect(await engine.search(q, 8), q).toEqual(reference.search(q, 8));
    expect(asked.filter((n) => /^c\d+\.json$|^texts\.bin$/.test(n))).toEqual([]);
    expect(asked).toContain('texts-at.bin');
    offline = false;
    asked.length = 0;
    expect(await engine.search('vRealise', 8)).toEqual(reference.search('vRealise', 8));
    // Probed again (the packs read offline already hold every text this library has).
    expect(asked).toContain('texts-at.bin');
  });

  it('online, the chunks are fetched and the packs left alone, even when cached', async () => {
    const index = memoryIndex(corpus, PACKED);
    let lookups = 0;
    const cache = index.cache(packs(index.files));
    const engine = index.engine({ any: cache.any, match: (u) => (lookups++, cache.match(u)) });
    await engine.search('Rally', 8);
    expect(lookups).toBe(0);
    expect(index.requests.some((u) => /\/c\d+\.json$/.test(u))).toBe(true);
  });

  it('without the network and without a sound pack: unavailable, never other results', async () => {
    const index = memoryIndex(corpus, PACKED);
    const broken = packs(index.files);
    for (const [name, body] of broken)
      broken.set(
        name,
        name === 'p0.jsonz' ? '{"b":' : text(body).replace(/"b":"\w+"/, '"b":"otherbuild00"'),
      );
    const noChunks = (u: string) =>
      /\/c\d+\.json$/.test(u) ? Promise.reject(new TypeError('Failed to fetch')) : index.fetcher(u);
    const engine = new SearchEngine(index.url, noChunks, index.cache(broken));
    await expect(engine.search('Rally', 8)).rejects.toBeInstanceOf(SearchUnavailable);
  });

  it('chars.jsonz (one-letter queries) is delta-coded: each list decodes to its sections', () => {
    const { built, rows } = memoryIndex(corpus, PACKED);
    const chars = JSON.parse(text(built.files.get('chars.jsonz'))) as {
      delta: number;
      t: [number, number[]][];
    };
    expect(chars.delta).toBe(1);
    const x = chars.t.find(([code]) => code === 'x'.charCodeAt(0))![1];
    let at = 0;
    const decoded = x.map((d, i) => (at = i ? at + d : d));
    const expected = rows.docs.flatMap(([, , title], i) => (fold(title).includes('x') ? [i] : []));
    expect(decoded).toEqual(expected);
  });

  it('a large library gets packs of about 512 sections, a whole number of chunks', () => {
    expect(chooseLayout(12_000)).toMatchObject({ chunk: 1, pack: 512 });
    expect(chooseLayout(60_000)).toMatchObject({ chunk: 5, pack: 515 });
  });
});

describe('stage 1', () => {
  it('counts long lists as bitsets and keeps the same candidates as the single-file engine', async () => {
    // In this corpus most bigram lists hold more than one section in 32 (the bitset path), some
    // fewer (counted one by one); long and many-word queries mix both in one word.
    const index = memoryIndex(corpus, SHARDED);
    const engine = index.engine();
    const m = await engine.open();
    const reference = new ReferenceEngine(index.rows);
    const vocab = vocabulary(SEED);
    const queries = [
      ...QUERIES,
      ...vocab.words.slice(0, 30),
      vocab.words.slice(0, 8).join(' '),
      vocab.titleWords.slice(3, 9).join(' '),
      vocab.clauses.slice(0, 4).join(' '),
    ];
    for (const q of queries) {
      await engine.rank(q);
      const lists = engine.store.lists(m);
      const terms = parseQuery(q);
      const ours = new Prefilter(m.stats).candidates(plan(terms, lists, m.size), lists);
      expect(ours, q).toEqual(reference.candidates(reference.plan(terms)));
    }
  });
});

describe('a broken or half-deployed index', () => {
  const rejects = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(SearchUnavailable);

  it('a missing shard or chunk: unavailable, then a retry works once it is back', async () => {
    const index = memoryIndex(corpus, SHARDED);
    const saved = new Map(index.files);
    for (const name of saved.keys()) if (name !== 'index.jsonz') index.files.delete(name);
    const engine = index.engine();
    await rejects(engine.search('Ralley'));
    for (const [k, v] of saved) index.files.set(k, v);
    expect((await engine.search('Ralley'))[0]?.title).toMatch(/rally/i);
  });

  it('a corrupt file, or one of another build, is never ranked', async () => {
    const index = memoryIndex(corpus, SHARDED);
    const other = memoryIndex(corpus.slice(0, 300), SHARDED);
    const engine = index.engine();
    for (const name of [...index.files.keys()].filter((n) => n !== 'index.jsonz'))
      index.files.set(name, other.files.get(name) ?? '{}');
    await rejects(engine.search('Ralley'));
    await rejects(engine.search('升级'));
    for (const name of [...index.files.keys()].filter((n) => n !== 'index.jsonz'))
      index.files.set(name, '{"b":');
    await rejects(engine.search('vmware'));
  });

  it('the precached files are stored gzip; cut short: unavailable; inflated by a host: read as they are', async () => {
    const index = memoryIndex(corpus, { ...SHARDED, pack: 16 });
    const stored = [...index.files].filter(([n]) => n.endsWith('.jsonz'));
    expect(stored.length).toBeGreaterThan(8);
    for (const [name, body] of stored) {
      expect(body, name).toBeInstanceOf(Uint8Array);
      expect([...(body as Uint8Array<ArrayBuffer>).subarray(0, 2)], name).toEqual([0x1f, 0x8b]);
    }
    const reference = new ReferenceEngine(index.rows);
    // A host that sent them with `Content-Encoding: gzip` (the browser inflated them).
    const inflated = memoryIndex(corpus, { ...SHARDED, pack: 16 });
    for (const [name, body] of stored) inflated.files.set(name, text(body));
    expect(await inflated.engine().search('Ralley', 8)).toEqual(reference.search('Ralley', 8));
    // Half a gzip stream (a deploy cut short): never a result.
    for (const [name, body] of stored)
      index.files.set(name, (body as Uint8Array<ArrayBuffer>).subarray(0, 40));
    const engine = index.engine();
    await rejects(engine.search('Ralley'));
    for (const [name, body] of stored) index.files.set(name, body);
    // Retried (once the first try's other files have failed too): the results are whole.
    await expect
      .poll(async () => (await engine.search('Ralley', 8).catch(() => [])).length)
      .toBeGreaterThan(0);
    expect(await engine.search('Ralley', 8)).toEqual(reference.search('Ralley', 8));
  });

  it('a missing or corrupt manifest: unavailable', async () => {
    const index = memoryIndex(seed);
    index.files.set('index.jsonz', '[1,2');
    const engine = index.engine();
    await rejects(engine.search('Ralley'));
    index.files.delete('index.jsonz');
    await rejects(engine.search('Ralley'));
    // Deployed again: the same engine fetches the manifest anew.
    index.files.set('index.jsonz', memoryIndex(seed).files.get('index.jsonz')!);
    expect((await engine.search('Ralley'))[0]?.title).toMatch(/Rally/);
  });
});
