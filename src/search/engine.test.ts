import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSearchRows } from '../build/search-index.ts';
import type { SearchHit } from '../shared/search-types.ts';
import { fold } from '../shared/search-text.ts';
import { analysePost } from '../shared/post.ts';
import Fuse from 'fuse.js';
import { FUSE_OPTIONS, fuseQuery, SearchEngine as ReferenceEngine } from './reference/engine.ts';
import { memoryIndex } from './memory-index.test-helper.ts';
import { parseQuery } from './query.ts';
import { segments } from './segments.ts';

/** The benchmark's query set (scripts/bench-search.mjs) and a few more. */
export const SEED_QUERIES = [
  'Ralley',
  'superusr',
  'vRealise',
  'Keating',
  '升级',
  '云',
  '虚拟机迁移',
  'vmware 集群',
  'OpenStack升级',
  'Jesse Keating',
  'openstack update',
  'Integrated OpenStack certification at Scale upgrade Havana Juno',
  '部署工具的原有功能的回归测试 Rally SLA',
];

const FILE = '2015-05-19-Vancouver-Summit-2015-Second-Day.md';
const seed = analysePost(FILE, readFileSync(`posts/${FILE}`, 'utf8'));
const engine = memoryIndex(seed.sections).engine();

const RALLY = 'Using Rally for OpenStack certification at Scale!';
const SUPERUSER = 'Superuser Award';
const BACKPORT = 'Backport or Upgrade? OpenStack Releases Unchained';
const BEER =
  'Hold my beer and watch this! Upgrading from Havana to Juno in one fell swoop with live customers.';
const RISKS = 'Taking Risks: How Experimentation Leads to Breakthroughs';
const VMWARE =
  'VMware Integrated OpenStack: Turn your existing VMware Environment into Production-Grade Openstack in Under an Hour (Seriously!)';

const titles = async (q: string) => (await engine.search(q)).map((h) => h.title);
/** The marked text of each range. */
const marked = (text: string, ranges: [number, number][]) =>
  ranges.map(([s, e]) => text.slice(s, e));

describe('the seed queries of issue 3', () => {
  it('"Ralley" puts the Rally talk first', async () => {
    const hits = await engine.search('Ralley');
    expect(hits[0]?.title).toBe(RALLY);
    expect(marked(hits[0]!.title, hits[0]!.titleRanges)).toEqual(['Rally']);
    expect(hits[0]!.terms).toContain('rally');
  });

  it('"superusr" finds "Superuser Award"', async () => {
    const hits = await engine.search('superusr');
    expect(hits.map((h) => h.title)).toContain(SUPERUSER);
    const hit = hits.find((h) => h.title === SUPERUSER)!;
    expect(marked(hit.title, hit.titleRanges)).toEqual(['Superuser']);
  });

  it('"升级" finds both upgrade talks, and only talks with the word', async () => {
    const hits = await engine.search('升级');
    expect(hits.map((h) => h.title)).toEqual(expect.arrayContaining([BACKPORT, BEER]));
    for (const h of hits) {
      expect(seed.sections.find((s) => s.title === h.title)!.text).toContain('升级');
      expect(marked(h.excerpt, h.excerptRanges)).toContain('升级');
    }
  });

  it('"容器" finds "Taking Risks…"', async () => {
    expect((await titles('容器'))[0]).toBe(RISKS);
  });

  it('"vmware 集群" puts the VMware talk first', async () => {
    const hits = await engine.search('vmware 集群');
    expect(hits[0]?.title).toBe(VMWARE);
    expect(marked(hits[0]!.excerpt, hits[0]!.excerptRanges).join(' ')).toMatch(/集群/);
  });

  it('"vRealize" finds the VMware talk, deep inside it', async () => {
    const hits = await engine.search('vRealize');
    expect(hits[0]?.title).toBe(VMWARE);
    expect(marked(hits[0]!.excerpt, hits[0]!.excerptRanges)).toContain('vRealize');
  });

  it('"Jesse Keating" finds "Hold my beer…" (each word anywhere)', async () => {
    expect((await titles('Jesse Keating'))[0]).toBe(BEER);
    expect((await titles('keating   JESSE'))[0]).toBe(BEER);
  });
});

describe('matching', () => {
  it('ANDs the words, each in any field', async () => {
    expect(await titles('rally boris')).toEqual([RALLY]);
    expect(await titles('rally 集群')).not.toContain(RALLY);
  });

  it('splits CJK from Latin and ignores extended-search operators', async () => {
    expect(parseQuery('OpenStack升级')).toEqual(['openstack', '升级']);
    expect(parseQuery('^rally$ !boris \'x "=y" a|b')).toEqual(['rally', 'boris']);
    expect(parseQuery('=nova$|^cinder')).toEqual(['nova', 'cinder']);
    expect((await titles('"Rally" | ^Boris'))[0]).toBe(RALLY);
    expect((await titles('=Rally$'))[0]).toBe(RALLY);
  });

  it('folds case and full-width letters without changing offsets', async () => {
    expect(fold('ＲａｌｌｙＡＢ')).toBe('rallyab');
    expect(fold('İx').length).toBe(2);
    expect((await titles('ＲＡＬＬＹ'))[0]).toBe(RALLY);
  });

  it('a one-character Chinese word finds the talks with it', async () => {
    const hits = await engine.search('云');
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(marked(h.excerpt, h.excerptRanges)).toContain('云');
  });

  it('breaks ties between exact matches by how often the word occurs', async () => {
    // "Rally" occurs in the Rally talk's title and many times in its text.
    expect((await titles('rally'))[0]).toBe(RALLY);
  });
});

describe('the two stages', () => {
  it('give plain Fuse’s results and scores over the whole seed post', async () => {
    // Text windows, a text key per word, fields left out where no word can match: none of it
    // may change a result or a score.
    const reference = new ReferenceEngine(buildSearchRows(seed.sections));
    const plain = new Fuse(reference.fuseDocs(), FUSE_OPTIONS);
    for (const q of SEED_QUERIES) {
      const terms = parseQuery(q);
      const all = plain.search(fuseQuery(terms));
      const expected = reference.order(
        terms,
        all.map((r) => ({ id: r.refIndex, score: r.score ?? 1 })),
      );
      expect(await engine.rankedIds(q), q).toEqual(expected);
    }
  });
});

describe('harmless queries', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['white space', ' \t\n　 '],
    ['1,000 characters', 'openstack '.repeat(100)],
    ['1,000 random characters', 'x9!^'.repeat(250)],
    ['operators only', '^ ! \' " = $ |'],
    ['emoji', '🚀 🙂👍🏽'],
    ['mixed scripts', 'Rally 集群 Привет مرحبا'],
    ['regex characters', '.*+?()[]{}\\'],
    ['lone surrogate', '\ud83d'],
  ];
  it.each(cases)('%s: no error, an array', async (_name, q) => {
    const hits: SearchHit[] = await engine.search(q);
    expect(Array.isArray(hits)).toBe(true);
  });

  it('empty and operator-only queries give no results', async () => {
    expect(await engine.search('')).toEqual([]);
    expect(await engine.search('   ')).toEqual([]);
    expect(await engine.search('^!\'"=$|')).toEqual([]);
    expect(await engine.search('🚀')).toEqual([]);
  });

  it('a long query is cut, not refused', async () => {
    expect(parseQuery('openstack '.repeat(100))).toEqual(['openstack']);
    expect((await titles(`rally ${'x'.repeat(990)}`))[0]).toBe(RALLY);
    expect(await titles('q'.repeat(1000))).toEqual([]);
    expect(parseQuery('a'.repeat(1000))[0]!.length).toBe(32);
  });

  it('an empty index answers nothing', async () => {
    expect(await memoryIndex([]).engine().search('rally')).toEqual([]);
  });
});

describe('ranges and excerpts', () => {
  it('every range lies inside its text, sorted and disjoint', async () => {
    for (const q of ['Ralley', '升级', 'vmware 集群', 'openstack', 'Jesse Keating', 'superusr']) {
      for (const h of await engine.search(q)) {
        for (const [text, ranges] of [
          [h.title, h.titleRanges],
          [h.excerpt, h.excerptRanges],
        ] as const) {
          let at = 0;
          for (const [s, e] of ranges) {
            expect(s).toBeGreaterThanOrEqual(at);
            expect(e).toBeGreaterThan(s);
            expect(e).toBeLessThanOrEqual(text.length);
            at = e;
          }
        }
        expect(h.excerpt.length).toBeLessThanOrEqual(200);
      }
    }
  });

  it('exact matches mark exactly the word, whatever its case', async () => {
    const [hit] = await engine.search('OPENSTACK update');
    expect(marked(hit!.title, hit!.titleRanges)).toEqual(['OpenStack', 'Update']);
  });

  it('segments split text for markup', async () => {
    expect(segments('abcdef', [[1, 3]])).toEqual([
      { text: 'a', hit: false },
      { text: 'bc', hit: true },
      { text: 'def', hit: false },
    ]);
    expect(segments('abc', [[2, 99]])).toEqual([
      { text: 'ab', hit: false },
      { text: 'c', hit: true },
    ]);
    expect(segments('', [[0, 1]])).toEqual([]);
  });
});

describe('the built index', () => {
  it('keeps the sections, their ids and order, with the post fields once', async () => {
    const index = buildSearchRows(seed.sections);
    expect(index.posts).toHaveLength(1);
    expect(index.docs.map((d) => d[1])).toEqual(seed.sections.map((s) => s.sectionId));
    expect(JSON.parse(JSON.stringify(index))).toEqual(index);
  });
});
