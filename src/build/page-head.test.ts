import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE, permalinkPath, type SiteConfig } from '../shared/jekyll/site.ts';
import { htmlLangAttr, pageHead, shortDescription, type HeadInfo } from './page-head.ts';
import { loadPosts } from './read-posts.ts';
import { loadSiteConfig } from './site-plugin.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const SITE: SiteConfig = {
  ...DEFAULT_SITE,
  title: 'Notes',
  description: 'Summit notes',
  lang: 'en-GB',
  author: 'Site Author',
  url: 'https://example.org',
  baseurl: '/blog',
};

const POST: HeadInfo = {
  title: 'Day two',
  path: '/2015/05/19/day-two/',
  description: 'What happened on the second day.',
  date: '2015-05-19',
  tags: ['nova', 'summit'],
};

/** The head in a real HTML parser, inside a page with a body after it. */
function parse(head: string, lang = 'en'): Document {
  return new JSDOM(
    `<!doctype html><html${htmlLangAttr(lang)}><head>${head}</head><body><p id=after>after</p></body></html>`,
  ).window.document;
}

const content = (doc: Document, key: string) =>
  Array.from(doc.head.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`), (m) =>
    m.getAttribute('content'),
  );

describe('pageHead against jekyll-seo-tag 2.8.0 (tests/fidelity/feed/seed/head.html)', () => {
  it('writes the seed post head as jekyll-seo-tag does, less its generator and JSON-LD', () => {
    const ref = readFileSync(
      path.join(ROOT, 'tests', 'fidelity', 'feed', 'seed', 'head.html'),
      'utf8',
    );
    const expected = ref
      .split('\n')
      .filter((l) => /^<(title|meta|link)\b/.test(l) && !l.includes('name="generator"'))
      .join('\n');
    const site = loadSiteConfig(ROOT, undefined);
    const [seed] = loadPosts(path.join(ROOT, 'posts'), false, site).posts;
    if (!seed) throw new Error('no seed post');
    const head = pageHead(
      {
        title: seed.meta.title,
        path: permalinkPath(seed.meta, site.permalink),
        // Jekyll's excerpt of this post is empty (its first paragraph is an include), so
        // seo-tag falls back to the site description, as pageHead does.
        description: '',
        date: seed.meta.date,
        tags: seed.meta.tags,
      },
      site,
    );
    const ours = head
      .split('\n')
      .filter((l) => !l.includes('"article:tag"'))
      .join('\n');
    expect(ours).toBe(expected);
    expect(content(parse(head), 'article:tag')).toEqual(['Vancouver', 'summit', 'nova']);
  });
});

describe('pageHead against jekyll-seo-tag 2.8.0 on tests/fidelity/feed/cases', () => {
  const dir = path.join(ROOT, 'tests', 'fidelity', 'feed', 'cases');
  const site = loadSiteConfig(ROOT, path.join(dir, '_posts'));
  const { posts } = loadPosts(path.join(dir, '_posts'), false, site);
  // Front matter a caller reads for the head (PostMeta has no image; sortKey has no zone).
  const images: Record<string, string> = {
    '2016-01-03-with-image': '/img/cover.png',
    '2016-01-08-remote-image': 'https://cdn.example.com/a.png?x=1&y=2',
  };
  const dates: Record<string, string> = { '2016-01-06-timed': '2016-01-06 10:20:30 +0800' };

  it.each(posts.map((p) => [p.meta.slug, p] as const))('%s', (slug, p) => {
    const postPath = permalinkPath(p.meta, site.permalink);
    const file = decodeURIComponent(postPath.split('/').pop()!);
    const ref = readFileSync(path.join(dir, 'refs', 'heads', file), 'utf8');
    const image = images[slug];
    const head = pageHead(
      {
        title: p.meta.title,
        path: postPath,
        description: p.meta.excerpt,
        date: dates[slug] ?? p.sortKey,
        tags: p.meta.tags,
        ...(p.meta.author ? { author: p.meta.author } : {}),
        ...(p.meta.lang ? { lang: p.meta.lang } : {}),
        ...(image ? { image } : {}),
      },
      site,
    );
    const expected = ref
      .split('\n')
      .filter((l) => /^<(title|meta|link)\b/.test(l) && !l.includes('name="generator"'))
      .join('\n')
      // seo-tag leaves an image URL's `&` raw in the attribute; escaped, it parses the same.
      .replace(/&(?![a-z]+;|#)/g, '&amp;');
    expect(
      head
        .split('\n')
        .filter((l) => !l.includes('"article:tag"'))
        .join('\n'),
    ).toBe(expected);
    expect(content(parse(head), 'article:tag')).toEqual(p.meta.tags);
  });
});

describe('pageHead', () => {
  it('describes a post: title, description, canonical, Open Graph, Twitter card', () => {
    const doc = parse(pageHead(POST, SITE));
    expect(doc.title).toBe('Day two | Notes');
    expect(content(doc, 'description')).toEqual(['What happened on the second day.']);
    expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(
      'https://example.org/blog/2015/05/19/day-two/',
    );
    expect(content(doc, 'og:title')).toEqual(['Day two']);
    expect(content(doc, 'og:description')).toEqual(['What happened on the second day.']);
    expect(content(doc, 'og:type')).toEqual(['article']);
    expect(content(doc, 'og:url')).toEqual(['https://example.org/blog/2015/05/19/day-two/']);
    expect(content(doc, 'og:site_name')).toEqual(['Notes']);
    expect(content(doc, 'og:locale')).toEqual(['en_GB']);
    expect(content(doc, 'author')).toEqual(['Site Author']);
    expect(content(doc, 'article:published_time')).toEqual(['2015-05-19T00:00:00+00:00']);
    expect(content(doc, 'article:tag')).toEqual(['nova', 'summit']);
    expect(content(doc, 'twitter:card')).toEqual(['summary']);
    expect(content(doc, 'twitter:title')).toEqual(['Day two']);
    expect(content(doc, 'og:image')).toEqual([]);
    // Nothing leaked out of the head.
    expect(doc.body.innerHTML).toBe('<p id="after">after</p>');
  });

  it('with an image: og:image (absolute) and a large Twitter card', () => {
    const doc = parse(pageHead({ ...POST, image: '/img/day two.png', imageAlt: 'The hall' }, SITE));
    expect(content(doc, 'og:image')).toEqual(['https://example.org/blog/img/day%20two.png']);
    expect(content(doc, 'og:image:alt')).toEqual(['The hall']);
    expect(content(doc, 'twitter:card')).toEqual(['summary_large_image']);
    expect(content(doc, 'twitter:image')).toEqual(['https://example.org/blog/img/day%20two.png']);
    const other = parse(pageHead({ ...POST, image: 'https://cdn.example/a.png?x=1&y=2' }, SITE));
    expect(content(other, 'og:image')).toEqual(['https://cdn.example/a.png?x=1&y=2']);
    const script = parse(pageHead({ ...POST, image: 'javascript:alert(1)' }, SITE));
    expect(content(script, 'og:image')).toEqual(['https://example.org/blog/javascript:alert(1)']);
    const data = parse(
      pageHead({ ...POST, image: 'data:image/png;base64,AAAA' }, { ...SITE, url: '' }),
    );
    expect(content(data, 'og:image')).toEqual([]);
  });

  it('with no site url: no canonical, og:url or relative og:image (those must be absolute)', () => {
    const doc = parse(pageHead({ ...POST, image: '/img/x.png' }, { ...SITE, url: '' }));
    expect(doc.querySelector('link[rel=canonical]')).toBeNull();
    expect(content(doc, 'og:url')).toEqual([]);
    expect(content(doc, 'og:image')).toEqual([]);
    expect(content(doc, 'twitter:card')).toEqual(['summary']);
    expect(doc.title).toBe('Day two | Notes');
  });

  it('describes the home page as a website, titled "site | description"', () => {
    const doc = parse(pageHead({ path: '/' }, SITE));
    expect(doc.title).toBe('Notes | Summit notes');
    expect(content(doc, 'og:title')).toEqual(['Notes']);
    expect(content(doc, 'og:type')).toEqual(['website']);
    expect(content(doc, 'description')).toEqual(['Summit notes']);
    expect(content(doc, 'article:published_time')).toEqual([]);
    expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(
      'https://example.org/blog/',
    );
    expect(
      parse(pageHead({ path: '/index.html' }, SITE))
        .querySelector('link[rel=canonical]')
        ?.getAttribute('href'),
    ).toBe('https://example.org/blog/');
    expect(parse(pageHead({ path: '/' }, { ...SITE, description: '' })).title).toBe('Notes');
    expect(parse(pageHead({ title: 'Notes', path: '/' }, SITE)).title).toBe('Notes | Summit notes');
  });

  it('uses the page language and author over the site ones, and a given type', () => {
    const doc = parse(
      pageHead({ ...POST, lang: 'zh-Hant-TW', author: 'Post Author', type: 'website' }, SITE),
    );
    expect(content(doc, 'og:locale')).toEqual(['zh_Hant_TW']);
    expect(content(doc, 'author')).toEqual(['Post Author']);
    expect(content(doc, 'og:type')).toEqual(['website']);
    expect(content(doc, 'article:tag')).toEqual([]);
  });

  it('keeps hostile front matter as text: quotes, <, &, newlines and controls', () => {
    const hostile = `x</title><script>alert(1)</script>"' onload="alert(2)" &amp; & <!-- a\nb\r\n\tc`;
    const clean = `x</title><script>alert(1)</script>"' onload="alert(2)" &amp; & <!-- a b c`;
    const head = pageHead(
      {
        title: `${hostile}\u0000\u0007`,
        path: '/p/"><script>/',
        description: hostile,
        date: '2015-05-19',
        tags: [hostile, '', '\u0001'],
        author: hostile,
        image: '/i.png" onerror="alert(3)',
        imageAlt: hostile,
        lang: 'en" x="y',
      },
      { ...SITE, title: hostile, description: hostile },
    );
    expect(head).not.toMatch(/<script|<\/title><|\u0000|\u0007|\u0001/);
    const doc = parse(head);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.head.querySelectorAll('title')).toHaveLength(1);
    expect(doc.title).toBe(`${clean} | ${clean}`);
    for (const key of ['og:title', 'description', 'og:description', 'author', 'twitter:title'])
      expect(content(doc, key)).toEqual([clean]);
    expect(content(doc, 'og:site_name')).toEqual([clean]);
    expect(content(doc, 'article:tag')).toEqual([clean]);
    expect(content(doc, 'og:image:alt')).toEqual([clean]);
    expect(content(doc, 'og:image')).toEqual([
      'https://example.org/blog/i.png%22%20onerror=%22alert(3)',
    ]);
    expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(
      'https://example.org/blog/p/%22%3E%3Cscript%3E/',
    );
    expect(content(doc, 'og:locale')).toEqual(['en" x="y']);
    for (const el of doc.head.querySelectorAll('meta'))
      expect(el.getAttributeNames().sort()).toEqual(
        el.hasAttribute('name') ? ['content', 'name'] : ['content', 'property'],
      );
    expect(doc.body.innerHTML).toBe('<p id="after">after</p>');
  });
});

describe('shortDescription', () => {
  it('keeps short text, and cuts long text at a word boundary, with an ellipsis', () => {
    expect(shortDescription('  short\n text ')).toBe('short text');
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const cut = shortDescription(words);
    expect(Array.from(cut).length).toBeLessThanOrEqual(160);
    expect(cut.endsWith('…')).toBe(true);
    expect(words.startsWith(cut.slice(0, -1))).toBe(true);
    expect(words[cut.length - 1]).toBe(' ');
    expect(shortDescription('Ends here. Then more', 'en', 12)).toBe('Ends here…');
  });

  it('cuts Chinese between words, and a word longer than the limit hard', () => {
    const zh = '今天开场的是Mark，给我们的感觉依然是清楚的口语发音和幽默淡定的台风'.repeat(8);
    const cut = shortDescription(zh, 'zh-CN');
    expect(Array.from(cut).length).toBeLessThanOrEqual(160);
    expect(Array.from(cut).length).toBeGreaterThan(140);
    expect(zh.startsWith(cut.slice(0, -1))).toBe(true);
    expect(shortDescription('x'.repeat(200))).toBe(`${'x'.repeat(159)}…`);
    expect(shortDescription('😀'.repeat(200), 'en', 10)).toBe(`${'😀'.repeat(9)}…`);
  });
});

describe('htmlLangAttr', () => {
  it('is the lang attribute, escaped, or nothing', () => {
    expect(htmlLangAttr('zh-CN')).toBe(' lang="zh-CN"');
    expect(htmlLangAttr('')).toBe('');
    expect(htmlLangAttr(undefined)).toBe('');
    expect(htmlLangAttr('en" onload="x')).toBe(' lang="en&quot; onload=&quot;x"');
  });
});
