import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysePost } from '../shared/post.ts';
import { postRef } from '../shared/routes.ts';
import { DEFAULT_SITE } from '../shared/jekyll/site.ts';
import { createLiquidRenderer, toDate } from './liquid.ts';

let dir: string;
let postsDir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'summit-liquid-'));
  postsDir = path.join(dir, '_posts');
  mkdirSync(postsDir);
  mkdirSync(path.join(dir, '_includes', 'sub'), { recursive: true });
  writeFileSync(path.join(dir, '_config.yml'), 'title: Blog\nrepository: https://git.example/r\n');
  const inc = (name: string, text: string) =>
    writeFileSync(path.join(dir, '_includes', name), text);
  inc('note.html', '<p>{{ include.title }}: {{ include.text | default: "none" }}</p>');
  inc('sub/deep.md', 'Deep **{{ include.who }}**');
  inc('loop.html', 'a{% include loop.html %}b');
  inc('broken.html', '{% if %}');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const site = { ...DEFAULT_SITE, title: 'Blog', url: 'https://example.org', baseurl: '/blog' };
function render(body: string, data: Record<string, unknown> = {}, file = '2024-03-05-a-post.md') {
  const liquid = createLiquidRenderer({ site, postsDir });
  return liquid({ file, body, data, bodyLine: 4 });
}
const text = (body: string, data: Record<string, unknown> = {}) => render(body, data).text;

describe('the Liquid context', () => {
  it('has site.* from the site config and the other keys of _config.yml', () => {
    expect(text('{{ site.title }} {{ site.url }}{{ site.baseurl }} {{ site.repository }}')).toBe(
      'Blog https://example.org/blog https://git.example/r',
    );
  });

  it('has site.time from the config when it is set', () => {
    const liquid = createLiquidRenderer({ site, siteData: { time: '2026-01-01 00:00:00 +0000' } });
    expect(
      liquid({ file: 'x.md', body: '{{ site.time | date: "%Y" }}', data: {}, bodyLine: 1 }).text,
    ).toBe('2026');
  });

  it('has page.* from the front matter and Jekyll defaults', () => {
    const out = text(
      '{{ page.title }}|{{ page.slug }}|{{ page.date | date: "%Y-%m-%d" }}|{{ page.url }}|{{ page.categories | join: "," }}|{{ page.tags | join: "," }}|{{ page.author }}|{{ page.path }}',
      { category: 'OpenStack', tags: ['a', 'b'], author: 'Ada' },
    );
    expect(out).toBe(
      'A Post|a-post|2024-03-05|/openstack/2024/03/05/a-post.html|OpenStack|a,b|Ada|_posts/2024-03-05-a-post.md',
    );
  });

  it('reads front matter dates with a time and zone', () => {
    expect(toDate('2015-05-19 10:30:00 +0800')?.toISOString()).toBe('2015-05-19T02:30:00.000Z');
    expect(toDate('2015-05-19')?.toISOString()).toBe('2015-05-19T00:00:00.000Z');
    expect(toDate('not a date')).toBeUndefined();
  });
});

describe('Jekyll filters', () => {
  it('relative_url and absolute_url use baseurl and url', () => {
    expect(text("{{ '/x.png' | relative_url }} {{ 'x.png' | relative_url }}")).toBe(
      '/blog/x.png /blog/x.png',
    );
    expect(text("{{ '/x.png' | absolute_url }} {{ 'https://a.b/c' | relative_url }}")).toBe(
      'https://example.org/blog/x.png https://a.b/c',
    );
    const root = createLiquidRenderer({ site: { ...DEFAULT_SITE, baseurl: '' } });
    expect(
      root({ file: 'x.md', body: "{{ '/x' | relative_url }}", data: {}, bodyLine: 1 }).text,
    ).toBe('/x');
  });

  it('dates as Jekyll writes them', () => {
    const data = { date: '2024-01-02 10:30:00 +0000' };
    expect(
      text(
        '{{ page.date | date_to_string }}|{{ page.date | date_to_long_string }}|{{ page.date | date_to_xmlschema }}',
        data,
      ),
    ).toBe('02 Jan 2024|02 January 2024|2024-01-02T10:30:00+00:00');
  });

  it('markdownify, slugify, xml_escape, jsonify, where, sort', () => {
    expect(text('{{ "a **b**" | markdownify }}')).toBe('<p>a <strong>b</strong></p>\n');
    expect(text('{{ "Hello World, again!" | slugify }}')).toBe('hello-world-again');
    expect(text('{{ "<b>&" | xml_escape }}')).toBe('&lt;b&gt;&amp;');
    expect(text('{{ page.tags | jsonify }}', { tags: ['a', 'b'] })).toBe('["a","b"]');
    expect(
      text('{{ page.items | where: "k", "y" | map: "n" | join: "," }}', {
        items: [
          { k: 'y', n: 1 },
          { k: 'n', n: 2 },
          { k: 'y', n: 3 },
        ],
      }),
    ).toBe('1,3');
    expect(text('{{ "b,c,a" | split: "," | sort | join: " " }}')).toBe('a b c');
  });

  it('an unknown filter passes the value on, with one warning naming the line', () => {
    const r = render('one\n{{ "x" | nosuch }}');
    expect(r.text).toBe('one\nx');
    expect(r.problems).toEqual([
      {
        file: '2024-03-05-a-post.md',
        line: 5,
        message: expect.stringContaining('unknown Liquid filter "nosuch"'),
      },
    ]);
  });
});

describe('Liquid tags', () => {
  it('assign, capture, if, unless, case and for', () => {
    expect(text('{% assign a = "x" %}{% capture c %}[{{ a }}]{% endcapture %}{{ c }}')).toBe('[x]');
    expect(text('{% if 2 > 1 %}yes{% else %}no{% endif %}{% unless false %}!{% endunless %}')).toBe(
      'yes!',
    );
    expect(text('{% case 2 %}{% when 1 %}one{% when 2 %}two{% endcase %}')).toBe('two');
    expect(
      text('{% for i in (1..3) %}{{ i }}{% unless forloop.last %},{% endunless %}{% endfor %}'),
    ).toBe('1,2,3');
  });

  it('include with parameters, from _includes beside the posts folder', () => {
    expect(text('{% include note.html title="Tip" text="Hi" %}')).toBe('<p>Tip: Hi</p>');
    expect(text('{% assign t = "Var" %}{% include note.html title=t %}')).toBe('<p>Var: none</p>');
    expect(text('{% include sub/deep.md who=page.author %}', { author: 'Ada' })).toBe(
      'Deep **Ada**',
    );
  });

  it('a missing include, an include loop, a broken include: a warning each, the rest shown', () => {
    const missing = render('a\n{% include nope.html %}b');
    expect(missing.text).toBe('a\nb');
    expect(missing.problems).toEqual([
      {
        file: '2024-03-05-a-post.md',
        line: 5,
        message: expect.stringContaining('include nope.html'),
      },
    ]);
    const loop = render('{% include loop.html %}');
    expect(loop.text).toBe('ab');
    expect(loop.problems).toHaveLength(1);
    expect(loop.problems[0]!.message).toContain('include loop');
    const broken = render('x{% include broken.html %}y');
    expect(broken.text).toBe('xy');
    expect(broken.problems[0]!.message).toContain('include broken.html');
  });

  it('without _includes, an include renders nothing, with a warning', () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'summit-bare-'));
    const liquid = createLiquidRenderer({ site, postsDir: path.join(bare, '_posts') });
    const r = liquid({ file: 'p.md', body: 'a{% include note.html %}b', data: {}, bodyLine: 1 });
    expect(r.text).toBe('ab');
    expect(r.problems[0]!.message).toContain('no _includes');
    rmSync(bare, { recursive: true, force: true });
  });

  it('raw keeps its content, also inside code', () => {
    expect(text('```\n{% raw %}{{ x }} {% if %}{% endraw %}\n```')).toBe(
      '```\n{{ x }} {% if %}\n```',
    );
  });

  it('highlight becomes a fenced block; linenos the table Jekyll writes', () => {
    expect(text('{% highlight ruby %}\nputs 1\n{% endhighlight %}')).toBe('```ruby\nputs 1\n```');
    expect(text('- item\n  {% highlight js %}\n  a\n  b\n  {% endhighlight %}')).toBe(
      '- item\n  ```js\n  a\n  b\n  ```',
    );
    const table = text('{% highlight py linenos %}\na < b\nc\n{% endhighlight %}');
    expect(table).toContain('<table class="rouge-table">');
    expect(table).toContain('<pre class="lineno">1&#10;2&#10;</pre>');
    expect(table).toContain('<pre>a &lt; b&#10;c&#10;</pre>');
    expect(table).not.toContain('\n');
  });

  it('post_url and link give the reader its own links', () => {
    expect(text('{% post_url 2015-05-19-Second-Day %}')).toBe(postRef('2015-05-19-Second-Day'));
    expect(text('{% post_url 2015/2015-05-19-Second-Day %}')).toBe(
      postRef('2015-05-19-Second-Day'),
    );
    expect(text('{% link _posts/2015-05-19-Second-Day.md %}')).toBe(
      postRef('2015-05-19-Second-Day'),
    );
    expect(text('{% link about.md %}')).toBe('/blog/about.html');
  });

  it('site.posts lists the published posts newest first, as Jekyll gives them', () => {
    const blog = mkdtempSync(path.join(tmpdir(), 'summit-liquid-posts-'));
    const posts = path.join(blog, '_posts');
    mkdirSync(posts);
    const post = (name: string, text: string) => writeFileSync(path.join(posts, name), text);
    post('2024-01-01-old.md', '---\ntitle: Old\ntags: [a, b]\n---\nFirst *para*.\n\nSecond.\n');
    post('2024-02-01-new.md', '---\ntitle: New\ncategory: News\n---\n## Head\n');
    post('2024-02-01-also.md', '---\ntitle: Also\nexcerpt: Given **one**\n---\nBody\n');
    post('2024-03-01-draft.md', '---\ntitle: Hidden\npublished: false\n---\nx\n');
    post('notes.txt', 'not a post');
    try {
      const liquid = createLiquidRenderer({ site, postsDir: posts });
      const out = (body: string) =>
        liquid({ file: '2024-02-01-new.md', body, data: {}, bodyLine: 1 });
      expect(
        out(
          '{% for p in site.posts %}{{ p.title }}|{{ p.url }}|{{ p.date | date: "%Y-%m-%d" }};{% endfor %}',
        ).text,
      ).toBe(
        'New|/news/2024/02/01/new.html|2024-02-01;Also|/2024/02/01/also.html|2024-02-01;Old|/2024/01/01/old.html|2024-01-01;',
      );
      expect(out('{{ site.posts.last.tags | join: "," }} {{ site.posts.last.excerpt }}').text).toBe(
        'a,b <p>First <em>para</em>.</p>\n',
      );
      expect(out('{{ site.posts[1].excerpt }}').text).toBe('<p>Given <strong>one</strong></p>\n');
      expect(out('{{ site.posts | size }} {{ site.tags.a | map: "title" | join }}').text).toBe(
        '3 Old',
      );
      expect(out('{{ site.categories.News[0].slug }} {{ site.posts[0].content }}').text).toBe(
        'new ## Head\n',
      );
      // post_url and link still give the reader its own links.
      expect(out('{% post_url 2024-01-01-old %} {% link _posts/2024-01-01-old.md %}').text).toBe(
        `${postRef('2024-01-01-old')} ${postRef('2024-01-01-old')}`,
      );
    } finally {
      rmSync(blog, { recursive: true, force: true });
    }
  });

  it('an unknown tag renders nothing, with one warning naming the line', () => {
    const r = render('a\n\nb {% gist abc %} c');
    expect(r.text).toBe('a\n\nb  c');
    expect(r.problems).toEqual([
      { file: '2024-03-05-a-post.md', line: 6, message: expect.stringContaining('"gist"') },
    ]);
  });
});

describe('bad Liquid: a warning naming the line, nothing lost', () => {
  it('a syntax error shows the tag as text', () => {
    const r = render('a\n{% if %}b');
    expect(r.text).toBe('a\n{% if %}b');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(5);
  });

  it('a block never closed shows its opening tag as text and renders the rest', () => {
    const r = render('{% for x in y %}\n{{ site.title }}');
    expect(r.text).toBe('{% for x in y %}\nBlog');
    expect(r.problems[0]!.line).toBe(4);
  });

  it('raw without endraw keeps the rest of the body as written', () => {
    const r = render('{{ site.title }}\n{% raw %}{{ a }}\n{% if b %}');
    expect(r.text).toBe('Blog\n{{ a }}\n{% if b %}');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(5);
  });

  it('an error while rendering shows the tag as written, a whole block included', () => {
    const r = render('x {{ "a" | base64_decode }} y');
    expect(r.text).toBe('x {{ "a" | base64_decode }} y');
    expect(r.problems).toEqual([
      { file: '2024-03-05-a-post.md', line: 4, message: expect.stringContaining('base64') },
    ]);
    const loop = render('a\n{% for i in (1..1000000000) %}{{ i }}{% endfor %}\nb');
    expect(loop.text).toBe('a\n{% for i in (1..1000000000) %}{{ i }}{% endfor %}\nb');
    expect(loop.problems[0]!.line).toBe(5);
  });

  it('analysePost runs the renderer before Markdown and reports lines in the file', () => {
    const liquid = createLiquidRenderer({ site, postsDir });
    const post = analysePost(
      '2024-03-05-a.md',
      '---\ntitle: T\n---\n## {{ page.title }}\n\n{% nope %}\n\n```\n{{ page.title }}\n```\n',
      { liquid },
    );
    expect(post.meta.outline.map((e) => e.text)).toEqual(['T']);
    expect(post.body.markdown).toContain('```\nT\n```');
    expect(post.problems).toContainEqual({
      file: '2024-03-05-a.md',
      line: 6,
      message: expect.stringContaining('"nope"'),
    });
  });

  it('output Liquid produces is Markdown text, never evaluated twice', () => {
    const liquid = createLiquidRenderer({ site, postsDir });
    const post = analysePost(
      '2024-03-05-a.md',
      '{% raw %}{{ x }}{% endraw %} and {{ "{% y %}" }}\n',
      {
        liquid,
      },
    );
    expect(post.body.markdown).toContain('{{ x }} and {% y %}');
  });
});
