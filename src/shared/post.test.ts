import { describe, expect, it } from 'vitest';
import { analysePost, readingMinutes } from './post.ts';
import { extractNames } from './plaintext.ts';
import { lex } from './markdown.ts';
import { SEED, SEED_NAME, SEED_TALKS } from '../../tests/seed.ts';

const post = (yaml: string | null, body = '## Talk\n\ntext\n', name = '2015-05-19-Some-Post.md') =>
  analysePost(name, yaml === null ? body : `---\n${yaml}\n---\n${body}`);

describe('analysePost on the seed', () => {
  const seed = analysePost(SEED_NAME, SEED);

  it('reads its metadata', () => {
    expect(seed.meta).toMatchObject({
      slug: '2015-05-19-Vancouver-Summit-2015-Second-Day',
      title: 'Vancouver Summit 2015 Second Day',
      date: '2015-05-19',
      tags: ['Vancouver', 'summit', 'nova'],
      categories: ['OpenStack'],
      sessionLevel: 3,
      problems: [],
    });
    expect(seed.problems).toEqual([]);
    expect(seed.published).toBe(true);
    expect(seed.meta.readingMinutes).toBeGreaterThan(5);
    expect(seed.meta.excerpt).toBe('如需转载，请标明原文出处以及作者');
  });

  it('finds the 8 talks in order, with Topics and See you later as structure', () => {
    const talks = seed.meta.outline.filter((o) => o.session);
    expect(talks.map((t) => t.text)).toEqual(SEED_TALKS);
    expect(talks.every((t) => t.level === 3)).toBe(true);
    expect(seed.meta.outline.filter((o) => !o.session)).toEqual([
      { id: 'topics', text: 'Topics', level: 2, session: false },
      { id: 'see-you-later', text: 'See you later', level: 2, session: false },
    ]);
  });

  it('keeps Liquid out of the body', () => {
    expect(seed.body.markdown).not.toContain('{%');
    expect(seed.body.markdown).not.toContain('layout: post');
  });

  it('has one section per talk, with plain text', () => {
    const talkSections = seed.sections.filter((s) => s.session);
    expect(talkSections.map((s) => s.title)).toEqual(SEED_TALKS);
    const ids = seed.meta.outline.filter((o) => o.session).map((o) => o.id);
    expect(talkSections.map((s) => s.sectionId)).toEqual(ids);
    const superuser = talkSections[2]!;
    expect(superuser.text).toContain('今年的超级用户奖给了Comcast');
    expect(superuser.text).not.toContain('Superuser Award'); // the title is separate
    const ebay = talkSections[1]!;
    expect(ebay.text).toContain('> 12k Hypervisors');
    expect(ebay.text).not.toMatch(/^\s*[-*]\s|\\>|###/m);
    const vmware = talkSections[3]!;
    expect(vmware.text).toContain('bug');
    expect(vmware.text).not.toContain('](');
    expect(vmware.text).toContain('背景是这样：');
    expect(vmware.text).not.toMatch(/^>/m);
    for (const s of seed.sections) {
      expect(s).toMatchObject({
        slug: seed.meta.slug,
        postTitle: 'Vancouver Summit 2015 Second Day',
        date: '2015-05-19',
        tags: ['Vancouver', 'summit', 'nova'],
      });
      expect(s.text).not.toMatch(/\*\*|\{%|^#{1,6} /m);
    }
  });

  it('has the preamble as a section with an empty id', () => {
    const first = seed.sections[0]!;
    expect(first.sectionId).toBe('');
    expect(first.level).toBe(0);
    expect(first.session).toBe(false);
    expect(first.text).toContain('今天开始写一个系列');
    expect(first.text).not.toContain('**');
  });

  it('finds speaker names', () => {
    const beer = seed.sections.find((s) => s.title.startsWith('Hold my beer'))!;
    expect(beer.names).toContain('Jesse Keating');
    const rally = seed.sections.find((s) => s.title.startsWith('Using Rally'))!;
    expect(rally.names).toContain('Boris Pavlovic');
  });
});

describe('analysePost sections', () => {
  it('folds deeper sub-headings into their talk', () => {
    const p = post(
      null,
      'Intro\n\n## Talk A\n\nabout a\n\n### Q&A\n\nquestion\n\n**Speaker One**\n\n## Talk B\n\nabout b\n\n## Talk C\n',
    );
    expect(p.meta.sessionLevel).toBe(2);
    expect(p.sections.map((s) => [s.sectionId, s.text])).toEqual([
      ['', 'Intro'],
      ['talk-a', 'about a\nQ&A\nquestion\nSpeaker One'],
      ['talk-b', 'about b'],
      ['talk-c', ''],
    ]);
    expect(p.sections[1]!.names).toContain('Speaker One');
  });

  it('leaves out an empty preamble and keeps structural headings as their own sections', () => {
    const p = post(
      null,
      '# Day 1\n\n## Talk A\n\na\n\n## Talk B\n\nb\n\n# Day 2\n\nsummary\n\n## Talk C\n',
    );
    expect(p.sections.map((s) => [s.sectionId, s.session, s.text])).toEqual([
      ['day-1', false, ''],
      ['talk-a', true, 'a'],
      ['talk-b', true, 'b'],
      ['day-2', false, 'summary'],
      ['talk-c', true, ''],
    ]);
  });

  it('starts a section at a heading kramdown puts inside a list item', () => {
    // `## Talk B` right after an item's line is inside the item (kramdown's lazy rule).
    const p = post(
      null,
      '## Talk A\n\n- one\n- two\n## Talk B\nabout b\n\n- three\n\n> ## Talk C\n> about c\n\nafter c\n',
    );
    expect(p.meta.outline.map((e) => e.id)).toEqual(['talk-a', 'talk-b', 'talk-c']);
    expect(p.sections.map((s) => [s.sectionId, s.text])).toEqual([
      ['talk-a', 'one\ntwo'],
      ['talk-b', 'about b\nthree'],
      ['talk-c', 'about c\nafter c'],
    ]);
  });

  it('reads "Speaker:" lines', () => {
    const tokens = lex('Speaker: Ada Lovelace, 张三');
    expect(extractNames(tokens, 'Speaker: Ada Lovelace, 张三')).toEqual(
      expect.arrayContaining(['Ada Lovelace', '张三']),
    );
  });
});

describe('analysePost front matter', () => {
  it('takes title, author, excerpt, tags and categories from front matter', () => {
    const p = post(
      'title: "Day 2: Keynotes"\nauthor: Rui Chen\nexcerpt: "Notes from **day 2**"\ntags: nova neutron\ncategories: [OpenStack, Summit]',
    );
    expect(p.meta).toMatchObject({
      title: 'Day 2: Keynotes',
      author: 'Rui Chen',
      excerpt: 'Notes from day 2',
      tags: ['nova', 'neutron'],
      categories: ['OpenStack', 'Summit'],
    });
  });

  it('splits plural string lists on spaces or commas', () => {
    expect(post('categories: OpenStack Summit').meta.categories).toEqual(['OpenStack', 'Summit']);
    expect(post('tags: "nova, neutron"').meta.tags).toEqual(['nova', 'neutron']);
  });

  it('reads a singular tag or category as one value, as Jekyll does', () => {
    expect(post('category : Open Stack').meta.categories).toEqual(['Open Stack']);
    expect(post('tag: nova').meta.tags).toEqual(['nova']);
    expect(post('category: [a, b]').meta.categories).toEqual(['a', 'b']);
  });

  it('leaves out author when unknown and keeps the file name title', () => {
    const p = post('layout: post');
    expect(p.meta.author).toBeUndefined();
    expect(p.meta.title).toBe('Some Post');
  });

  it('uses the front matter date over the file name, without moving the day', () => {
    expect(post('date: 2015-05-20').meta.date).toBe('2015-05-20');
    expect(post('date: 2015-05-20 23:35:50 +0800').meta.date).toBe('2015-05-20');
    expect(post('date: 2015-05-20 00:30:00 -0800').meta.date).toBe('2015-05-20');
    expect(post('date: 2015-05-20T23:59:59Z').meta.date).toBe('2015-05-20');
    expect(post('date: "2015-5-2"').meta.date).toBe('2015-05-02');
    expect(post(null).meta.date).toBe('2015-05-19');
  });

  it('sorts by the time of day when front matter has one', () => {
    const early = post('date: 2015-05-20 08:00');
    const late = post('date: 2015-05-20 23:35:50 +0800');
    expect(early.sortKey < late.sortKey).toBe(true);
  });

  it('reports a date it cannot read, at its line, and falls back to the file name', () => {
    const p = post('title: x\ndate: 2015-13-45');
    expect(p.meta.date).toBe('2015-05-19');
    expect(p.problems).toEqual([
      expect.objectContaining({ file: '2015-05-19-Some-Post.md', line: 3 }),
    ]);
  });

  it('reads published: false and published: no as unpublished', () => {
    expect(post('published: false').published).toBe(false);
    expect(post('published: no').published).toBe(false);
    expect(post('published: true').published).toBe(true);
    expect(post(null).published).toBe(true);
  });

  it('follows session_level', () => {
    const body = '## Day\n### A\n### B\n### C\n## Night\n';
    expect(post(null, body).meta.sessionLevel).toBe(3);
    const p = post('session_level: 2', body);
    expect(p.meta.sessionLevel).toBe(2);
    expect(p.meta.outline.filter((o) => o.session).map((o) => o.text)).toEqual(['Day', 'Night']);
  });

  it('picks the shallower level on a tie', () => {
    expect(post(null, '## A\n### a\n## B\n### b\n').meta.sessionLevel).toBe(2);
  });

  it('uses excerpt_separator', () => {
    const p = post(
      'excerpt_separator: <!--more-->',
      'First part\nstill first\n\nsecond <!--more--> rest',
    );
    expect(p.meta.excerpt).toBe('First part still first second');
  });
});

describe('analysePost problems', () => {
  it('reports invalid YAML with file and line, and still has a post', () => {
    const p = analysePost('2015-01-01-bad.md', '---\ntitle: ok\ntags: [a, b\n---\n## Talk\n');
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({ file: '2015-01-01-bad.md' });
    expect(p.problems[0]!.line).toBeGreaterThanOrEqual(3);
    expect(p.problems[0]!.line).toBeLessThanOrEqual(4);
    expect(p.meta.problems).toEqual(p.problems);
    expect(p.meta.title).toBe('Bad');
    expect(p.meta.outline.map((o) => o.id)).toEqual(['talk']);
  });

  it('reports an unterminated front matter at line 1 and keeps the body', () => {
    const p = analysePost('2015-01-01-open.md', '---\ntitle: x\n\n## Talk\n\ntext\n');
    expect(p.problems).toEqual([expect.objectContaining({ file: '2015-01-01-open.md', line: 1 })]);
    expect(p.meta.problems).toHaveLength(1);
    expect(p.meta.outline.map((o) => o.text)).toEqual(['Talk']);
  });

  it('reports an empty file once', () => {
    for (const source of ['', '\n\n', '\uFEFF']) {
      const p = analysePost('2015-01-01-empty.md', source);
      expect(p.problems).toEqual([
        { file: '2015-01-01-empty.md', line: 1, message: 'the file is empty' },
      ]);
      expect(p.meta.title).toBe('Empty');
      expect(p.sections).toEqual([]);
    }
  });

  it('reports a post without headings at the first line of its body', () => {
    const p = analysePost('x.md', '---\ntitle: t\n---\n\njust text\n');
    expect(p.meta.sessionLevel).toBe(0);
    expect(p.problems).toEqual([
      expect.objectContaining({
        file: 'x.md',
        line: 4,
        message: expect.stringMatching(/no headings/),
      }),
    ]);
    expect(p.sections.map((s) => s.text)).toEqual(['just text']);
  });

  it('reports a missing body at a line that exists', () => {
    const p = analysePost('x.md', '---\ntitle: t\n---\n');
    expect(p.problems).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it('reports NUL bytes at their line and replaces them', () => {
    const p = analysePost('x.md', '## A\n\nok\nbad\0byte\n');
    expect(p.problems).toEqual([expect.objectContaining({ file: 'x.md', line: 4 })]);
    expect(p.body.markdown).not.toContain('\0');
    expect(p.body.markdown).toContain('bad\uFFFDbyte');
  });
});

describe('analysePost robustness', () => {
  it.each([
    ['only dashes', '---'],
    ['only a heading marker', '#'],
    [
      'binary noise',
      String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 65536)),
    ],
    ['unbalanced everything', '{% {{ ` [ ( < * _ {: {:: {#\n'.repeat(500)],
    ['deep nesting', `${'> '.repeat(200)}## deep\n${'  '.repeat(300)}- x\n`],
    ['front matter scalar', '---\njust a string\n---\n## H\n'],
    [
      'weird front matter types',
      '---\ntitle: 2015\ndate: [1, 2]\ntags: {a: 1}\nsession_level: nine\nauthor: {name: x}\n---\n## H\n',
    ],
  ])('never throws on %s', (_name, source) => {
    const p = analysePost('2015-01-01-x.md', source);
    expect(typeof p.meta.title).toBe('string');
    expect(p.meta.title.length).toBeGreaterThan(0);
    expect(Array.isArray(p.meta.outline)).toBe(true);
    for (const problem of p.problems) {
      expect(problem.file).toBe('2015-01-01-x.md');
      expect(problem.line).toBeGreaterThanOrEqual(1);
    }
  });

  // Generous limits: these check that analysis completes, not how fast.
  it('finishes on a 5 MB post', () => {
    const chunk = `${SEED.slice(SEED.indexOf('## Topics'))}\n`;
    const big = `---\ntitle: big\n---\n${chunk.repeat(Math.ceil(5_000_000 / chunk.length))}`;
    expect(big.length).toBeGreaterThan(5_000_000);
    const p = analysePost('big.md', big);
    expect(p.meta.outline.filter((o) => o.session).length).toBeGreaterThan(8 * 100);
    expect(new Set(p.meta.outline.map((o) => o.id)).size).toBe(p.meta.outline.length);
  }, 120_000);

  it('finishes on a 100 KB single line', () => {
    for (const line of [
      '无标点的中文'.repeat(17_000),
      `## ${'word '.repeat(20_000)}`,
      '`x` **b** {{ y }} {% z %} [l](u) '.repeat(3_000),
      ' '.repeat(100_000),
    ]) {
      const p = analysePost('line.md', line);
      expect(p.meta.readingMinutes).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);
});

describe('readingMinutes', () => {
  it('counts CJK characters and words', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('word '.repeat(1000))).toBe(5);
    expect(readingMinutes('中'.repeat(3000))).toBe(10);
    // CJK ends a word; Unicode spaces separate words.
    expect(readingMinutes('中a中b\u3000c d'.repeat(300))).toBe(8);
  });
});
