import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { analysePost } from '../shared/post.ts';
import { buildSearchIndex } from './build-index.ts';
import {
  fold,
  FUSE_OPTIONS,
  fuseQuery,
  parseQuery,
  SearchEngine,
  type SearchHit,
} from './engine.ts';
import { segments } from './segments.ts';

const FILE = '2015-05-19-Vancouver-Summit-2015-Second-Day.md';
const seed = analysePost(FILE, readFileSync(`posts/${FILE}`, 'utf8'));
const engine = new SearchEngine(JSON.parse(JSON.stringify(buildSearchIndex(seed.sections))));

const RALLY = 'Using Rally for OpenStack certification at Scale!';
const SUPERUSER = 'Superuser Award';
const BACKPORT = 'Backport or Upgrade? OpenStack Releases Unchained';
const BEER =
  'Hold my beer and watch this! Upgrading from Havana to Juno in one fell swoop with live customers.';
const RISKS = 'Taking Risks: How Experimentation Leads to Breakthroughs';
const VMWARE =
  'VMware Integrated OpenStack: Turn your existing VMware Environment into Production-Grade Openstack in Under an Hour (Seriously!)';

const titles = (q: string) => engine.search(q).map((h) => h.title);
/** The marked text of each range. */
const marked = (text: string, ranges: [number, number][]) =>
  ranges.map(([s, e]) => text.slice(s, e));

describe('the seed queries of issue 3', () => {
  it('"Ralley" puts the Rally talk first', () => {
    const hits = engine.search('Ralley');
    expect(hits[0]?.title).toBe(RALLY);
    expect(marked(hits[0]!.title, hits[0]!.titleRanges)).toEqual(['Rally']);
    expect(hits[0]!.terms).toContain('rally');
  });

  it('"superusr" finds "Superuser Award"', () => {
    const hits = engine.search('superusr');
    expect(hits.map((h) => h.title)).toContain(SUPERUSER);
    const hit = hits.find((h) => h.title === SUPERUSER)!;
    expect(marked(hit.title, hit.titleRanges)).toEqual(['Superuser']);
  });

  it('"升级" finds both upgrade talks, and only talks with the word', () => {
    const hits = engine.search('升级');
    expect(hits.map((h) => h.title)).toEqual(expect.arrayContaining([BACKPORT, BEER]));
    for (const h of hits) {
      expect(seed.sections.find((s) => s.title === h.title)!.text).toContain('升级');
      expect(marked(h.excerpt, h.excerptRanges)).toContain('升级');
    }
  });

  it('"容器" finds "Taking Risks…"', () => {
    expect(titles('容器')[0]).toBe(RISKS);
  });

  it('"vmware 集群" puts the VMware talk first', () => {
    const hits = engine.search('vmware 集群');
    expect(hits[0]?.title).toBe(VMWARE);
    expect(marked(hits[0]!.excerpt, hits[0]!.excerptRanges).join(' ')).toMatch(/集群/);
  });

  it('"vRealize" finds the VMware talk, deep inside it', () => {
    const hits = engine.search('vRealize');
    expect(hits[0]?.title).toBe(VMWARE);
    expect(marked(hits[0]!.excerpt, hits[0]!.excerptRanges)).toContain('vRealize');
  });

  it('"Jesse Keating" finds "Hold my beer…" (each word anywhere)', () => {
    expect(titles('Jesse Keating')[0]).toBe(BEER);
    expect(titles('keating   JESSE')[0]).toBe(BEER);
  });
});

describe('matching', () => {
  it('ANDs the words, each in any field', () => {
    expect(titles('rally boris')).toEqual([RALLY]);
    expect(titles('rally 集群')).not.toContain(RALLY);
  });

  it('splits CJK from Latin and ignores extended-search operators', () => {
    expect(parseQuery('OpenStack升级')).toEqual(['openstack', '升级']);
    expect(parseQuery('^rally$ !boris \'x "=y" a|b')).toEqual(['rally', 'boris']);
    expect(parseQuery('=nova$|^cinder')).toEqual(['nova', 'cinder']);
    expect(titles('"Rally" | ^Boris')[0]).toBe(RALLY);
    expect(titles('=Rally$')[0]).toBe(RALLY);
  });

  it('folds case and full-width letters without changing offsets', () => {
    expect(fold('ＲａｌｌｙＡＢ')).toBe('rallyab');
    expect(fold('İx').length).toBe(2);
    expect(titles('ＲＡＬＬＹ')[0]).toBe(RALLY);
  });

  it('a one-character Chinese word finds the talks with it', () => {
    const hits = engine.search('云');
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(marked(h.excerpt, h.excerptRanges)).toContain('云');
  });

  it('breaks ties between exact matches by how often the word occurs', () => {
    // "Rally" occurs in the Rally talk's title and many times in its text.
    expect(titles('rally')[0]).toBe(RALLY);
  });
});

describe('the two stages', () => {
  it('give plain Fuse’s results and scores over the whole seed post', () => {
    // Text windows, a text key per word, fields left out where no word can match: none of it
    // may change a result or a score.
    const plain = new Fuse(engine.fuseDocs(), FUSE_OPTIONS);
    for (const q of [
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
    ]) {
      const terms = parseQuery(q);
      const all = plain.search(fuseQuery(terms));
      const expected = engine.order(
        terms,
        all.map((r) => ({ id: r.refIndex, score: r.score ?? 1 })),
      );
      expect(engine.rankedIds(q), q).toEqual(expected);
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
  it.each(cases)('%s: no error, an array', (_name, q) => {
    let hits: SearchHit[] = [];
    expect(() => (hits = engine.search(q))).not.toThrow();
    expect(Array.isArray(hits)).toBe(true);
  });

  it('empty and operator-only queries give no results', () => {
    expect(engine.search('')).toEqual([]);
    expect(engine.search('   ')).toEqual([]);
    expect(engine.search('^!\'"=$|')).toEqual([]);
    expect(engine.search('🚀')).toEqual([]);
  });

  it('a long query is cut, not refused', () => {
    expect(parseQuery('openstack '.repeat(100))).toEqual(['openstack']);
    expect(titles(`rally ${'x'.repeat(990)}`)[0]).toBe(RALLY);
    expect(titles('q'.repeat(1000))).toEqual([]);
    expect(parseQuery('a'.repeat(1000))[0]!.length).toBe(32);
  });

  it('an empty index answers nothing', () => {
    expect(new SearchEngine({ v: 1, posts: [], docs: [] }).search('rally')).toEqual([]);
  });
});

describe('ranges and excerpts', () => {
  it('every range lies inside its text, sorted and disjoint', () => {
    for (const q of ['Ralley', '升级', 'vmware 集群', 'openstack', 'Jesse Keating', 'superusr']) {
      for (const h of engine.search(q)) {
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

  it('exact matches mark exactly the word, whatever its case', () => {
    const [hit] = engine.search('OPENSTACK update');
    expect(marked(hit!.title, hit!.titleRanges)).toEqual(['OpenStack', 'Update']);
  });

  it('segments split text for markup', () => {
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
  it('keeps the sections, their ids and order, with the post fields once', () => {
    const index = buildSearchIndex(seed.sections);
    expect(index.posts).toHaveLength(1);
    expect(index.docs.map((d) => d[1])).toEqual(seed.sections.map((s) => s.sectionId));
    expect(JSON.parse(JSON.stringify(index))).toEqual(index);
  });
});
