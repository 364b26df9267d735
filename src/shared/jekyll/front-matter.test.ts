import { describe, expect, it } from 'vitest';
import { normaliseSource, parseFrontMatter } from './front-matter.ts';

const fm = (yaml: string, body = '# Body\n') => `---\n${yaml}\n---\n${body}`;

describe('parseFrontMatter', () => {
  it('reads `key : value` with a space before the colon, and flow lists', () => {
    const r = parseFrontMatter(
      fm('layout: post\ncategory : OpenStack\ntags : [Vancouver, summit, nova]'),
      'a.md',
    );
    expect(r.problems).toEqual([]);
    expect(r.data).toEqual({
      layout: 'post',
      category: 'OpenStack',
      tags: ['Vancouver', 'summit', 'nova'],
    });
    expect(r.body).toBe('# Body\n');
    expect(r.bodyLine).toBe(6);
    expect(r.unreadable).toBe(false);
  });

  it('reads nested maps, block lists and quoted strings', () => {
    const r = parseFrontMatter(
      fm(
        'title: "Day 2: Keynotes & more"\ntagline: \'it\'\'s "quoted"\'\nauthor:\n  name: Rui Chen\n  twitter: kiwik\ncategories:\n  - OpenStack\n  - Summit',
      ),
      'a.md',
    );
    expect(r.data).toEqual({
      title: 'Day 2: Keynotes & more',
      tagline: `it's "quoted"`,
      author: { name: 'Rui Chen', twitter: 'kiwik' },
      categories: ['OpenStack', 'Summit'],
    });
  });

  it('reads YAML 1.1 booleans the way Jekyll (Psych) does', () => {
    expect(parseFrontMatter(fm('published: false'), 'a.md').data['published']).toBe(false);
    expect(parseFrontMatter(fm('published: no'), 'a.md').data['published']).toBe(false);
    expect(parseFrontMatter(fm('published: Off'), 'a.md').data['published']).toBe(false);
    expect(parseFrontMatter(fm('published: yes'), 'a.md').data['published']).toBe(true);
    // Psych keeps single letters as strings: a tag `y` must not turn into `true`.
    expect(parseFrontMatter(fm('tags: [x, y, n, Y]'), 'a.md').data['tags']).toEqual([
      'x',
      'y',
      'n',
      'Y',
    ]);
  });

  it('keeps dates as written, with or without time and zone', () => {
    for (const d of [
      '2015-05-19',
      '2015-05-19 23:35:50',
      '2015-05-19 23:35:50 +0800',
      '2015-05-19T00:30:00-07:00',
    ]) {
      expect(parseFrontMatter(fm(`date: ${d}`), 'a.md').data['date']).toBe(d);
    }
  });

  it('reports invalid YAML once, at the line of the file where it is', () => {
    const r = parseFrontMatter('---\ntitle: ok\nfoo: bar: baz\n---\n# Body\n', 'bad.md');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'bad.md', line: 3 });
    expect(r.problems[0]!.message).toMatch(/not valid YAML/);
    expect(r.unreadable).toBe(true);
    expect(r.data).toEqual({});
    expect(r.body).toBe('# Body\n');
  });

  it('counts lines from the top of the file for errors further down', () => {
    const r = parseFrontMatter('---\na: 1\nb: 2\nc: 3\nd: "unclosed\n---\ntext\n', 'bad.md');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(5);
  });

  it('keeps the body of an unterminated front matter and reports line 1', () => {
    const r = parseFrontMatter('---\ntitle: x\n\n## Heading\n', 'open.md');
    expect(r.problems).toEqual([expect.objectContaining({ file: 'open.md', line: 1 })]);
    expect(r.unreadable).toBe(true);
    expect(r.body).toContain('## Heading');
    expect(r.bodyLine).toBe(2);
  });

  it('reports a front matter that is not a mapping', () => {
    const r = parseFrontMatter('---\n- a\n- b\n---\ntext', 'list.md');
    expect(r.problems).toEqual([expect.objectContaining({ file: 'list.md', line: 2 })]);
    expect(r.unreadable).toBe(true);
  });

  it('accepts an empty front matter block and an empty file', () => {
    expect(parseFrontMatter('---\n---\nhi', 'a.md')).toMatchObject({
      data: {},
      body: 'hi',
      bodyLine: 3,
      problems: [],
      unreadable: false,
    });
    expect(parseFrontMatter('', 'a.md')).toMatchObject({
      data: {},
      body: '',
      bodyLine: 1,
      problems: [],
    });
  });

  it('treats a file without front matter as all body', () => {
    const r = parseFrontMatter('# Title\n\ntext ---\n---\n', 'a.md');
    expect(r).toMatchObject({ data: {}, bodyLine: 1, problems: [], unreadable: false });
    expect(r.body).toBe('# Title\n\ntext ---\n---\n');
  });

  it('handles a BOM and CRLF line ends', () => {
    const r = parseFrontMatter(
      '\uFEFF---\r\ntitle: Hello\r\ntags: [a]\r\n---\r\n# H\r\nx\r\n',
      'a.md',
    );
    expect(r.data).toEqual({ title: 'Hello', tags: ['a'] });
    expect(r.body).toBe('# H\nx\n');
    expect(r.problems).toEqual([]);
  });

  it('reports the right line with CRLF line ends', () => {
    const r = parseFrontMatter('---\r\ntitle: ok\r\nfoo: bar: baz\r\n---\r\n', 'a.md');
    expect(r.problems[0]!.line).toBe(3);
  });
});

describe('normaliseSource', () => {
  it('drops a BOM and turns CRLF and CR into LF', () => {
    expect(normaliseSource('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});
