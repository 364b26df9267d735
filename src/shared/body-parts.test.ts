import { describe, expect, it } from 'vitest';
import { dropComments, FIRST_PART, HEADING_MARKER, PART } from './body-parts.ts';
import { markdownToHtml } from './markdown.test-helper.ts';
import { resolveAnchor } from './ids.ts';
import { analysePost } from './post.ts';
import { SEED, SEED_NAME } from '../../tests/seed.ts';

const renderedIds = (html: string) => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
const seed = analysePost(SEED_NAME, SEED);
const seedHtml = markdownToHtml(seed.body.markdown).html;

describe('heading ids agree between the outline and the rendered HTML', () => {
  it('for the seed', () => {
    const outline = seed.meta.outline.map((o) => o.id);
    expect(outline).toHaveLength(10);
    expect(renderedIds(seedHtml)).toEqual(outline);
  });

  it.each([
    ['duplicates', '## Q&A\n## Q&A\n### Q&A\n## 背景\n## 背景'],
    [
      'lists and blockquotes',
      '- ## In list\n\n> ## Quoted\n> > ### Deeper\n\n1. x\n\n   ## In ordered',
    ],
    ['inline markup', '## `code` *em* **strong** [link](http://x "title") ~~del~~'],
    ['entities', '## Tom &amp; Jerry &lt;3 &#x4E2D; &copy;'],
    ['html', '## <span class="x">Span</span> <br> after'],
    ['images', '## Logo ![OpenStack logo](logo.png)'],
    ['unsluggable', '## 🎉\n## !!!\n## section 1'],
    ['setext', 'Title\n=====\n\nSub\n---'],
    [
      'jekyll extras',
      '##Tight\n### Custom {#custom}\n## Closed ##\n{% include x %}\n## {{ site.t }} Liquid',
    ],
  ])('for %s', (_name, md) => {
    const post = analysePost('x.md', md);
    const { html, headings } = markdownToHtml(post.body.markdown);
    const outline = post.meta.outline.map((o) => o.id);
    expect(outline.length).toBeGreaterThan(0);
    expect(outline.every((id) => id !== '')).toBe(true);
    expect(new Set(outline).size).toBe(outline.length);
    expect(renderedIds(html)).toEqual(outline);
    expect(headings.map((h) => h.id)).toEqual(outline);
  });
});

describe('markdownToHtml on the seed', () => {
  it('drops the closing hashes of closed ATX headings', () => {
    expect(seedHtml).toContain('<h3 id="superuser-award">Superuser Award</h3>');
    expect(seedHtml).toContain('<h2 id="topics">Topics</h2>');
    expect(seedHtml).not.toMatch(/<h\d[^>]*>[^<]*#<\/h\d>/);
  });

  it('shows `\\>` as >', () => {
    expect(seedHtml).toContain('<li>&gt; 12k Hypervisors</li>');
    expect(seedHtml).not.toContain('\\&gt;');
  });

  it('keeps link titles', () => {
    expect(seedHtml).toContain(
      '<a href="https://bugs.launchpad.net/nova/+bug/1420662" title="https://bugs.launchpad.net/nova/+bug/1420662">bug</a>',
    );
  });

  it('nests the 4-space-indented sub-lists inside the ordered list items', () => {
    expect(seedHtml).toMatch(
      /<ol>\s*<li>是否马上需要这个feature或者fix？<ul>\s*<li>yes，转2<\/li>\s*<li>no， 等待后续版本升级<\/li>\s*<\/ul>\s*<\/li>\s*<li>社区有patch在解决这个问题么？<ul>/,
    );
    // Three levels: 模块间不一致 > 分页查询的接口 > nova，glance…
    expect(seedHtml).toMatch(
      /<li>模块间不一致：<ul>\s*<li>分页查询的接口：<ul>\s*<li>nova，glance/,
    );
  });

  it('renders the blockquote, inline code and emphasis', () => {
    expect(seedHtml).toMatch(/<blockquote>\s*<p>背景是这样：<\/p>\s*<p>Nova的VMware driver/);
    expect(seedHtml).toContain('<code>HP &amp; Scality’s Supernatural Evening</code>');
    expect(seedHtml).toContain('<p><strong>如需转载，请标明原文出处以及作者</strong></p>');
    expect(seedHtml).toContain('<em>陈锐 RuiChen @kiwik</em>');
  });

  it('shows no Liquid or kramdown syntax', () => {
    expect(seedHtml).not.toMatch(/\{%|%\}|\{\{|\{:/);
  });
});

describe('markdownToHtml fidelity', () => {
  it('nests tab-indented sub-lists', () => {
    const { html } = markdownToHtml('1. one\n\t- a\n\t- b\n2. two\n\t1. c');
    expect(html).toMatch(
      /<ol>\s*<li>one<ul>\s*<li>a<\/li>\s*<li>b<\/li>\s*<\/ul>\s*<\/li>\s*<li>two<ol>\s*<li>c<\/li>\s*<\/ol>/,
    );
  });

  it('renders GFM tables', () => {
    const { html } = markdownToHtml('| Project | PTL |\n|---|:-:|\n| Magnum | Adrian Otto |');
    expect(html).toMatch(
      /<table>\s*<thead>\s*<tr>\s*<th>Project<\/th>\s*<th align="center">PTL<\/th>/,
    );
    expect(html).toContain('<td>Magnum</td>');
  });

  it('renders inline code with its content escaped', () => {
    expect(markdownToHtml('run `nova list --all <x>`').html).toBe(
      '<p>run <code>nova list --all &lt;x&gt;</code></p>\n',
    );
  });

  it('escapes quotes in ids', () => {
    const { html } = markdownToHtml('## "quoted"');
    expect(html).toBe('<h2 id="quoted">&quot;quoted&quot;</h2>\n');
  });
});

describe('resolveAnchor', () => {
  const seedIds = seed.meta.outline.map((o) => o.id);

  it('finds an exact id, then the id in another case', () => {
    expect(resolveAnchor('Talks', ['talks'])).toBe('talks');
    expect(resolveAnchor('talks', ['talks'])).toBe('talks');
    expect(resolveAnchor('TALKS', ['other', 'talks'])).toBe('talks');
    expect(resolveAnchor('Superuser-Award', seedIds)).toBe('superuser-award');
  });

  it('slugs a fragment written like a heading, also percent-encoded', () => {
    expect(resolveAnchor('Superuser Award', seedIds)).toBe('superuser-award');
    expect(resolveAnchor('Superuser%20Award', seedIds)).toBe('superuser-award');
    expect(resolveAnchor('%E8%83%8C%E6%99%AF', ['背景'])).toBe('背景');
    expect(resolveAnchor('Backport or Upgrade? OpenStack Releases Unchained', seedIds)).toBe(
      'backport-or-upgrade-openstack-releases-unchained',
    );
  });

  it('returns undefined for an unknown or malformed fragment', () => {
    expect(resolveAnchor('nowhere', seedIds)).toBeUndefined();
    expect(resolveAnchor('%E0%A4%A', seedIds)).toBeUndefined();
    expect(resolveAnchor('', seedIds)).toBeUndefined();
  });
});

/** A post's parts, with the renderer's heading markers turned into the outline's ids. */
function postParts(markdown: string): { parts: string[]; ids: string[] } {
  const post = analysePost('x.md', markdown);
  const ids = post.meta.outline.map((o) => o.id);
  const marked = new RegExp(`id="${HEADING_MARKER}(\\d+)"`, 'g');
  return {
    parts: post.body.parts.map((p) => p.replace(marked, (_m, i: string) => `id="${ids[+i]}"`)),
    ids,
  };
}

describe('renderParts: the HTML in parts, for the browser to show one at a time', () => {
  it('joins back into the whole HTML; headings are marked with their outline index', () => {
    const award = seed.meta.outline.findIndex((o) => o.id === 'superuser-award');
    expect(seed.body.parts.join('')).toContain(
      `<h3 id="${HEADING_MARKER}${award}">Superuser Award</h3>`,
    );
    const body = postParts(seed.body.markdown);
    expect(body.parts.join('')).toBe(seedHtml);
    expect(body.ids).toEqual(seed.meta.outline.map((o) => o.id));
  });

  it('ends parts only before headings, once they hold enough', () => {
    const section = (i: number) =>
      `## Talk ${i}\n\n${'Some words about the talk. '.repeat(60)}\n\n`;
    const markdown = Array.from({ length: 200 }, (_, i) => section(i)).join('');
    const { parts, ids } = postParts(markdown);
    expect(ids).toHaveLength(200);
    expect(parts.join('')).toBe(markdownToHtml(markdown).html);
    expect(parts.length).toBeGreaterThan(markdown.length / PART / 2);
    for (const part of parts.slice(1)) expect(part).toMatch(/^<h2 id="talk-\d+">/);
    // The first part is about a screen: the first section that reaches FIRST_PART.
    expect(parts[0]!.length).toBeLessThan(FIRST_PART * 2);
  });

  it('keeps a post without headings, or an empty one, whole', () => {
    expect(postParts('just text\n\nmore').parts).toEqual(['<p>just text</p>\n<p>more</p>\n']);
    expect(postParts('')).toEqual({ parts: [], ids: [] });
  });
});

describe('HTML comments are dropped at build time, text kept', () => {
  it('from raw HTML, never from code', () => {
    const { html } = markdownToHtml(
      'I <3 OpenStack and x<y <!--more-->\n\n## A <!-- note --> and a\\<b\n\n    <!-- code -->\n\n`<!-- span -->`',
    );
    expect(html).not.toContain('more-->');
    expect(html).not.toContain('note');
    expect(html).toContain('<p>I &lt;3 OpenStack and x&lt;y </p>');
    expect(html).toContain('&lt;!-- code --&gt;');
    expect(html).toContain('<code>&lt;!-- span --&gt;</code>');
  });

  it('in one linear pass, showing an unclosed comment as text', () => {
    expect(dropComments('a<!-- x -->b<!---->c<!-->d<!--->e')).toBe('abcde');
    expect(dropComments('a <!-- never closed')).toBe('a &lt;!-- never closed');
    expect(dropComments('<!--'.repeat(100_000)).length).toBe('&lt;!--'.length * 100_000);
  });
});
