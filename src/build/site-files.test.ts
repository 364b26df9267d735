import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  DEFAULT_SITE,
  feedConfigFrom,
  permalinkPath,
  siteConfigFrom,
  type SiteConfig,
} from '../shared/jekyll/site.ts';
import { loadPosts } from './read-posts.ts';
import { loadSiteConfig } from './site-plugin.ts';
import {
  atomFeed,
  encodePath,
  extraFeeds,
  robotsTxt,
  siteUrl,
  sitemap,
  xmlChars,
  xmlSchemaDate,
  type FeedPost,
} from './site-files.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const REFS = path.join(ROOT, 'tests', 'fidelity', 'feed', 'seed');

const SITE: SiteConfig = {
  ...DEFAULT_SITE,
  title: 'Notes',
  description: 'Summit notes',
  lang: 'en',
  author: 'Site Author',
  url: 'https://example.org',
  baseurl: '/blog',
  permalink: 'pretty',
};

const post = (over: Partial<FeedPost> = {}): FeedPost => ({
  title: 'A post',
  path: '/2015/05/19/a-post/',
  date: '2015-05-19',
  excerpt: 'The first paragraph.',
  contentHtml: '<p>The first paragraph.</p>',
  tags: [],
  categories: [],
  ...over,
});

const OPTIONS = { generatedAt: '2026-01-01T00:00:00Z', siteRoot: '' };

/** Parses XML strictly: jsdom throws on any well-formedness error (and a parsererror fails too). */
function parseXml(xml: string): Document {
  const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

/** The text a `type="html"` element stands for: its XML text, parsed as HTML. */
const htmlText = (html: string) => JSDOM.fragment(`<p>${html}</p>`).textContent ?? '';

describe('atomFeed against Jekyll 4.3.1 + jekyll-feed 0.17.0 (tests/fidelity/feed/seed)', () => {
  it('writes the seed post feed byte for byte as Jekyll does', () => {
    const ref = readFileSync(path.join(REFS, 'feed.xml'), 'utf8');
    const site = loadSiteConfig(ROOT, undefined);
    const [seed] = loadPosts(path.join(ROOT, 'posts'), false, site).posts;
    if (!seed) throw new Error('no seed post');
    // The body is Jekyll's own (the Markdown rendering has its own fidelity suite); everything
    // around it is this builder's.
    const content = /<content [^>]*><!\[CDATA\[([\s\S]*?)\]\]><\/content>/.exec(ref)?.[1] ?? '';
    expect(content.length).toBeGreaterThan(1000);
    const feed = atomFeed(
      site,
      [
        {
          title: seed.meta.title,
          path: permalinkPath(seed.meta, site.permalink),
          date: seed.meta.date,
          // Jekyll's excerpt of this post is its first paragraph, `{% include JB/setup %}`,
          // which renders empty: jekyll-feed still writes an (empty) summary.
          excerpt: '',
          contentHtml: content,
          tags: seed.meta.tags,
          categories: seed.meta.categories,
          ...(seed.meta.author ? { author: seed.meta.author } : {}),
        },
      ],
      {
        // The reference's config fixes `time:` (make-refs.sh); Jekyll names itself.
        generatedAt: '2026-01-01 00:00:00 +0000',
        siteRoot: '',
        generator: { name: 'Jekyll', uri: 'https://jekyllrb.com/', version: '4.3.1' },
      },
    );
    expect(feed).toBe(ref);
    parseXml(feed);
  });

  it('writes the sitemap and robots.txt as jekyll-sitemap 1.4.0 does', () => {
    const site = loadSiteConfig(ROOT, undefined);
    const [seed] = loadPosts(path.join(ROOT, 'posts'), false, site).posts;
    if (!seed) throw new Error('no seed post');
    const loc = siteUrl(site, permalinkPath(seed.meta, site.permalink));
    expect(sitemap([{ loc, lastmod: seed.meta.date }])).toBe(
      readFileSync(path.join(REFS, 'sitemap.xml'), 'utf8'),
    );
    expect(robotsTxt(siteUrl(site, '/sitemap.xml'))).toBe(
      readFileSync(path.join(REFS, 'robots.txt'), 'utf8'),
    );
  });
});

describe('atomFeed, sitemap and robotsTxt against Jekyll on tests/fidelity/feed/cases', () => {
  const dir = path.join(ROOT, 'tests', 'fidelity', 'feed', 'cases');
  const refs = path.join(dir, 'refs');
  const site = loadSiteConfig(ROOT, path.join(dir, '_posts'));
  const { posts, problems } = loadPosts(path.join(dir, '_posts'), false, site);
  // PostMeta has no image, and its sortKey keeps a front matter time but not its zone: these
  // are the front matter values a caller reads for the feed.
  const images: Record<string, string> = {
    '2016-01-03-with-image': '/img/cover.png',
    '2016-01-08-remote-image': 'https://cdn.example.com/a.png?x=1&y=2',
  };
  const dates: Record<string, string> = { '2016-01-06-timed': '2016-01-06 10:20:30 +0800' };
  const dateOf = (p: (typeof posts)[number]) => dates[p.meta.slug] ?? p.sortKey;
  /** The posts as the feed needs them, their bodies Jekyll's own from the reference feeds. */
  const feedPostsOf = (site: SiteConfig, ...refFeeds: string[]) => {
    // The bodies are Jekyll's own, by entry link (Markdown rendering has its own suite).
    const bodies = new Map(
      refFeeds.flatMap((ref) =>
        Array.from(
          ref.matchAll(
            /<content type="html" xml:base="([^"]+)"><!\[CDATA\[([\s\S]*?)\]\]><\/content>/g,
          ),
          (m) => [m[1], m[2]] as const,
        ),
      ),
    );
    return posts.map((p): FeedPost => {
      const postPath = permalinkPath(p.meta, site.permalink);
      const image = images[p.meta.slug];
      return {
        title: p.meta.title,
        path: postPath,
        date: dateOf(p),
        excerpt: p.meta.excerpt,
        contentHtml: bodies.get(siteUrl(site, postPath)) ?? '(not in the reference)',
        tags: p.meta.tags,
        categories: p.meta.categories,
        ...(p.meta.author ? { author: p.meta.author } : {}),
        ...(p.meta.lang ? { lang: p.meta.lang } : {}),
        ...(image ? { image } : {}),
      };
    });
  };
  const JEKYLL = { name: 'Jekyll', uri: 'https://jekyllrb.com/', version: '4.3.1' };
  // The one difference, on purpose: jekyll-feed puts the title's HTML escaping into the
  // link's plain-text `title` attribute too, so readers show "Q&amp;A"; here it holds the text.
  const onPurpose = (ref: string) =>
    ref.replace('title="Q&amp;amp;A session"', 'title="Q&amp;A session"');

  it('writes the feed as jekyll-feed does: 10 newest, ids, encoded paths, dates in UTC', () => {
    // (Their only problems: no headings, so no talks.)
    expect(posts).toHaveLength(12);
    expect(problems.filter((p) => !p.message.includes('no headings'))).toEqual([]);
    expect(site).toMatchObject({ url: 'https://example.org', baseurl: '/blog', permalink: 'date' });
    const ref = readFileSync(path.join(refs, 'feed.xml'), 'utf8');
    const feedPosts = feedPostsOf(site, ref);
    const feed = atomFeed(site, feedPosts, {
      generatedAt: '2026-01-01 00:00:00 +0000',
      siteRoot: '',
      generator: JEKYLL,
    });
    parseXml(feed);
    expect(feed).toBe(onPurpose(ref));
  });

  it('writes the per-category and per-tag feeds, and posts_limit, as jekyll-feed does (by-tag/)', () => {
    const byTag = path.join(ROOT, 'tests', 'fidelity', 'feed', 'by-tag');
    const config = parseYaml(readFileSync(path.join(byTag, '_config.yml'), 'utf8')) as Record<
      string,
      unknown
    >;
    const tagged = siteConfigFrom(config);
    expect(tagged.feed).toEqual({
      postsLimit: 3,
      categories: ['News', 'updates'],
      tags: { except: ['beta'], path: '/feed/by_tag/' },
    });
    const refOf = (file: string) => readFileSync(path.join(byTag, 'ref', file), 'utf8');
    const all = feedPostsOf(
      tagged,
      readFileSync(path.join(refs, 'feed.xml'), 'utf8'),
      refOf('feed.xml'),
    );
    const feeds = extraFeeds(
      tagged,
      posts.flatMap((p) => p.meta.tags),
    );
    // `beta` is excepted; `中文` is not a name jekyll-feed writes a feed for.
    expect(feeds.map((f) => f.file)).toEqual([
      'feed/News.xml',
      'feed/updates.xml',
      'feed/by_tag/alpha.xml',
    ]);
    for (const f of [{ file: 'feed.xml', title: tagged.title, has: () => true }, ...feeds]) {
      const feed = atomFeed(
        tagged,
        all.filter((p) => f.has(p)),
        {
          generatedAt: '2026-01-01 00:00:00 +0000',
          siteRoot: '',
          generator: JEKYLL,
          feedPath: `/${f.file}`,
          title: f.title,
          limit: tagged.feed?.postsLimit ?? 10,
        },
      );
      parseXml(feed);
      expect(feed, f.file).toBe(onPurpose(refOf(f.file)));
    }
  });

  it('writes the sitemap and robots.txt as jekyll-sitemap does, every post, oldest first', () => {
    // Jekyll's collection order: by date, then by name.
    const urls = [...posts]
      .sort((a, b) =>
        a.sortKey < b.sortKey
          ? -1
          : a.sortKey > b.sortKey
            ? 1
            : a.meta.slug.localeCompare(b.meta.slug),
      )
      .map((p) => ({
        loc: siteUrl(site, permalinkPath(p.meta, site.permalink)),
        lastmod: dateOf(p),
      }));
    expect(sitemap(urls)).toBe(readFileSync(path.join(refs, 'sitemap.xml'), 'utf8'));
    expect(robotsTxt(siteUrl(site, '/sitemap.xml'))).toBe(
      readFileSync(path.join(refs, 'robots.txt'), 'utf8'),
    );
  });
});

describe('atomFeed', () => {
  it('lists the 10 newest posts, newest first, or feed.posts_limit of them', () => {
    const posts = Array.from({ length: 12 }, (_, i) =>
      post({ title: `Post ${i + 1}`, date: `2015-05-${String(i + 1).padStart(2, '0')}` }),
    );
    const titles = (xml: string) =>
      Array.from(parseXml(xml).querySelectorAll('entry > title'), (t) => t.textContent);
    expect(titles(atomFeed(SITE, posts, OPTIONS))).toEqual(
      Array.from({ length: 10 }, (_, i) => `Post ${12 - i}`),
    );
    expect(titles(atomFeed(SITE, posts, { ...OPTIONS, limit: 2 }))).toEqual(['Post 12', 'Post 11']);
    // Same day: given in the library's order (the later name first, as `site.posts`), listed
    // the other way round, as jekyll-feed's `sort | reverse` lists them; no date: last.
    const twins = [post({ title: 'C', date: '' }), post({ title: 'B' }), post({ title: 'A' })];
    expect(titles(atomFeed(SITE, twins, OPTIONS))).toEqual(['A', 'B', 'C']);
  });

  it('makes every URL and id absolute from url + baseurl, percent-encoded as Jekyll does', () => {
    const doc = parseXml(
      atomFeed(
        SITE,
        [post({ path: '/2015/04/04/Nova如何支持live-upgrade/', image: '/img/a b.png' })],
        OPTIONS,
      ),
    );
    const feedLinks = Array.from(doc.querySelectorAll('feed > link'), (l) =>
      l.getAttribute('href'),
    );
    expect(feedLinks).toEqual(['https://example.org/blog/feed.xml', 'https://example.org/blog/']);
    expect(doc.querySelector('feed > id')?.textContent).toBe('https://example.org/blog/feed.xml');
    const e = doc.querySelector('entry')!;
    const encoded =
      'https://example.org/blog/2015/04/04/Nova%E5%A6%82%E4%BD%95%E6%94%AF%E6%8C%81live-upgrade';
    expect(e.querySelector('link')?.getAttribute('href')).toBe(`${encoded}/`);
    expect(e.querySelector('id')?.textContent).toBe(encoded);
    expect(e.querySelector('content')?.getAttribute('xml:base')).toBe(`${encoded}/`);
    const media = e.getElementsByTagNameNS('http://search.yahoo.com/mrss/', 'thumbnail')[0];
    expect(media?.getAttribute('url')).toBe('https://example.org/blog/img/a%20b.png');
    expect(
      e.getElementsByTagNameNS('http://search.yahoo.com/mrss/', 'content')[0]?.getAttribute('url'),
    ).toBe('https://example.org/blog/img/a%20b.png');
  });

  it('uses options.siteRoot over site.url, and keeps an image on another host as it is', () => {
    const doc = parseXml(
      atomFeed(SITE, [post({ image: 'https://cdn.example.com/x.png?a=1&b=2' })], {
        ...OPTIONS,
        siteRoot: 'https://mirror.example.net/a/b/',
      }),
    );
    expect(doc.querySelector('entry > link')?.getAttribute('href')).toBe(
      'https://mirror.example.net/a/b/2015/05/19/a-post/',
    );
    expect(
      doc
        .getElementsByTagNameNS('http://search.yahoo.com/mrss/', 'thumbnail')[0]
        ?.getAttribute('url'),
    ).toBe('https://cdn.example.com/x.png?a=1&b=2');
  });

  it('with no site url, writes URLs relative to the site root, which is the feed folder', () => {
    const site = { ...SITE, url: '', baseurl: '/ignored' };
    const xml = atomFeed(site, [post({ image: '/img/x.png' })], OPTIONS);
    const doc = parseXml(xml);
    expect(Array.from(doc.querySelectorAll('feed > link'), (l) => l.getAttribute('href'))).toEqual([
      'feed.xml',
      './',
    ]);
    expect(doc.querySelector('entry > link')?.getAttribute('href')).toBe('2015/05/19/a-post/');
    expect(doc.querySelector('entry > id')?.textContent).toBe('2015/05/19/a-post');
    expect(xml).not.toContain('/ignored');
    // Resolved against wherever the feed is served, they land on the pages.
    expect(new URL('2015/05/19/a-post/', 'https://host/a/b/c/feed.xml').href).toBe(
      'https://host/a/b/c/2015/05/19/a-post/',
    );
  });

  it('writes the jekyll-feed elements and attributes of an entry', () => {
    const xml = atomFeed(
      SITE,
      [
        post({
          date: '2015-05-19 23:35:50 +0800',
          updated: '2015-06-01',
          categories: ['OpenStack'],
          tags: ['nova', 'summit'],
          author: 'Post Author',
          lang: 'zh-CN',
        }),
      ],
      OPTIONS,
    );
    expect(xml).toContain(
      '<entry xml:lang="zh-CN"><title type="html">A post</title>' +
        '<link href="https://example.org/blog/2015/05/19/a-post/" rel="alternate" type="text/html" title="A post" />' +
        '<published>2015-05-19T15:35:50+00:00</published><updated>2015-06-01T00:00:00+00:00</updated>' +
        '<id>https://example.org/blog/2015/05/19/a-post</id>' +
        '<content type="html" xml:base="https://example.org/blog/2015/05/19/a-post/"><![CDATA[<p>The first paragraph.</p>]]></content>' +
        '<author><name>Post Author</name></author>' +
        '<category term="OpenStack" /><category term="nova" /><category term="summit" />' +
        '<summary type="html"><![CDATA[The first paragraph.]]></summary></entry>',
    );
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?><feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="en"><generator>Summit Reader<\/generator>/,
    );
    expect(xml).toContain('<updated>2026-01-01T00:00:00+00:00</updated>');
    expect(xml).toContain(
      '<title type="html">Notes</title><subtitle>Summit notes</subtitle><author><name>Site Author</name></author><entry',
    );
  });

  it('falls back to the site author, leaves out bodies with excerptOnly, and omits empty site fields', () => {
    const site = { ...SITE, author: '', description: '', lang: '' };
    const xml = atomFeed(site, [post()], { ...OPTIONS, excerptOnly: true });
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain('type="text/html" />');
    expect(xml).not.toContain('<subtitle>');
    expect(xml).not.toContain('<content');
    expect(xml).toContain('<author><name></name></author>');
    expect(atomFeed(SITE, [post()], OPTIONS)).toContain(
      '<author><name>Site Author</name></author><summary',
    );
  });

  it('stays well-formed XML, with the text intact, whatever the front matter holds', () => {
    const hostile = 'x</title><script>alert(1)</script> & "q" \'s ]]> <![CDATA[ &amp;';
    const controls = 'a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\ufffeh\uffffi\ud800j\udfffk';
    const xml = atomFeed(
      { ...SITE, title: hostile, description: hostile, author: hostile, lang: 'en"><x' },
      [
        post({
          title: `${hostile} ${controls}`,
          excerpt: `${hostile}\n${controls}`,
          contentHtml: `<p>${hostile.replace(/[<>&]/g, '')} ]]> ]]]]> ${controls}</p>`,
          tags: [hostile, controls],
          categories: ['"><entry>'],
          author: hostile,
          image: '/i.png"><x',
          path: '/p/"<>&\'/',
          lang: '"><x',
        }),
      ],
      OPTIONS,
    );
    const doc = parseXml(xml);
    expect(doc.documentElement.localName).toBe('feed');
    expect(doc.querySelectorAll('entry')).toHaveLength(1);
    expect(doc.querySelectorAll('script, x')).toHaveLength(0);
    const clean = xmlChars(controls);
    expect(clean).toBe('abcdefghijk');
    const e = doc.querySelector('entry')!;
    // type="html" text is escaped HTML: as HTML it reads back as the title, tags and all.
    expect(htmlText(e.querySelector('title')!.textContent!)).toBe(`${hostile} ${clean}`);
    expect(htmlText(doc.querySelector('feed > title')!.textContent!)).toBe(hostile);
    expect(e.querySelector('link')!.getAttribute('title')).toBe(`${hostile} ${clean}`);
    expect(doc.querySelector('feed > subtitle')!.textContent).toBe(hostile);
    expect(htmlText(e.querySelector('summary')!.textContent!)).toBe(`${hostile} ${clean}`);
    expect(e.querySelector('content')!.textContent).toBe(
      `<p>${hostile.replace(/[<>&]/g, '')} ]]> ]]]]> ${clean}</p>`,
    );
    expect(Array.from(e.querySelectorAll('category'), (c) => c.getAttribute('term'))).toEqual([
      '"><entry>',
      hostile,
      clean,
    ]);
    expect(e.querySelector('author > name')!.textContent).toBe(hostile);
    expect(e.getAttribute('xml:lang')).toBe('"><x');
    expect(e.querySelector('link')!.getAttribute('href')).toBe(
      "https://example.org/blog/p/%22%3C%3E&'/",
    );
  });
});

describe('xmlSchemaDate', () => {
  it('writes dates as Jekyll date_to_xmlschema does', () => {
    expect(xmlSchemaDate('2015-05-19')).toBe('2015-05-19T00:00:00+00:00');
    expect(xmlSchemaDate('2015-05-19T10:20Z')).toBe('2015-05-19T10:20:00+00:00');
    expect(xmlSchemaDate('2015-05-19T10:20:30.123Z')).toBe('2015-05-19T10:20:30+00:00');
    expect(xmlSchemaDate('2015-05-19 23:35:50 +0800')).toBe('2015-05-19T15:35:50+00:00');
    expect(xmlSchemaDate('2015-05-19T23:35:50-05')).toBe('2015-05-20T04:35:50+00:00');
    expect(xmlSchemaDate('2015-05-19T23:35:50+05:30')).toBe('2015-05-19T18:05:50+00:00');
    // Past the month's end rolls over, as Jekyll's dates do.
    expect(xmlSchemaDate('2015-02-30')).toBe('2015-03-02T00:00:00+00:00');
    expect(xmlSchemaDate('Tue, 19 May 2015 10:00:00 GMT')).toBe('2015-05-19T10:00:00+00:00');
    expect(xmlSchemaDate('')).toBe('');
    expect(xmlSchemaDate('soon')).toBe('');
  });
});

describe('encodePath and siteUrl', () => {
  it('percent-encodes as Jekyll escape_path does, and keeps escapes already made', () => {
    expect(encodePath('/a b/Nova如何/')).toBe('/a%20b/Nova%E5%A6%82%E4%BD%95/');
    expect(encodePath('/a%20b/%e5/')).toBe('/a%20b/%E5/');
    expect(encodePath("/keep-._~!$&'()*+,;=:@/")).toBe("/keep-._~!$&'()*+,;=:@/");
    expect(encodePath('/100%/#?"<>')).toBe('/100%25/%23%3F%22%3C%3E');
    expect(encodePath('/😀/')).toBe('/%F0%9F%98%80/');
  });

  it('is absolute with a site url, else relative to the site root', () => {
    expect(siteUrl(SITE, '/')).toBe('https://example.org/blog/');
    expect(siteUrl(SITE, 'x.html')).toBe('https://example.org/blog/x.html');
    expect(siteUrl({ ...SITE, baseurl: '' }, '/x/')).toBe('https://example.org/x/');
    expect(siteUrl({ ...SITE, url: '' }, '/')).toBe('./');
    expect(siteUrl({ ...SITE, url: '' }, '/x/')).toBe('x/');
    expect(siteUrl(SITE, 'https://other.example/y')).toBe('https://other.example/y');
    expect(siteUrl(SITE, '//cdn.example/y')).toBe('//cdn.example/y');
    expect(siteUrl({ ...SITE, baseurl: 'nolead' }, '/x/')).toBe('https://example.org/nolead/x/');
    // No other scheme gets through: it is a path on the site.
    expect(siteUrl(SITE, 'javascript:alert(1)')).toBe(
      'https://example.org/blog/javascript:alert(1)',
    );
    expect(siteUrl({ ...SITE, url: '' }, 'javascript:alert(1)')).toBe('./javascript:alert(1)');
    expect(siteUrl({ ...SITE, url: '' }, '/Re:Invent/')).toBe('./Re:Invent/');
    expect(siteUrl({ ...SITE, url: '' }, '/2015/Re:Invent/')).toBe('2015/Re:Invent/');
  });
});

describe('sitemap', () => {
  it('lists absolute URLs in jekyll-sitemap shape, escaped, /index.html as /', () => {
    const xml = sitemap([
      { loc: 'https://example.org/blog/index.html' },
      { loc: 'https://example.org/blog/a/?x=1&y=<2>', lastmod: '2015-05-19' },
      { loc: 'relative/page/', lastmod: '2015-05-19' },
      { loc: 'javascript:alert(1)' },
      { loc: 'https://example.org/blog/b/', lastmod: 'never' },
    ]);
    const doc = parseXml(xml);
    expect(Array.from(doc.getElementsByTagName('loc'), (l) => l.textContent)).toEqual([
      'https://example.org/blog/',
      'https://example.org/blog/a/?x=1&y=<2>',
      'https://example.org/blog/b/',
    ]);
    expect(Array.from(doc.getElementsByTagName('lastmod'), (l) => l.textContent)).toEqual([
      '2015-05-19T00:00:00+00:00',
    ]);
    expect(doc.documentElement.namespaceURI).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(sitemap([])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n',
    );
  });
});

describe('robotsTxt', () => {
  it('names the sitemap when there is an absolute one, else allows everything', () => {
    expect(robotsTxt('https://example.org/sitemap.xml')).toBe(
      'Sitemap: https://example.org/sitemap.xml\n',
    );
    expect(robotsTxt()).toBe('User-agent: *\nDisallow:\n');
    expect(robotsTxt('sitemap.xml')).toBe('User-agent: *\nDisallow:\n');
    expect(robotsTxt('https://e.org/s.xml\nDisallow: /')).toBe('User-agent: *\nDisallow:\n');
  });
});

describe('extraFeeds (jekyll-feed 0.17 generator.rb: feed.categories, feed.tags)', () => {
  const tags = ['nova', 'rally', 'live-upgrade', '中文', 'Nova_2'];
  const withFeed = (feed: unknown): SiteConfig => siteConfigFrom({ title: 'Notes', feed });
  const files = (feed: unknown, siteTags = tags) =>
    extraFeeds(withFeed(feed), siteTags).map((f) => f.file);

  it('writes nothing more when the config asks for nothing', () => {
    expect(siteConfigFrom({ title: 'Notes' }).feed).toBeUndefined();
    expect(files(undefined)).toEqual([]);
    expect(files({ excerpt_only: true })).toEqual([]);
    expect(files({ tags: false })).toEqual([]);
    expect(files({ tags: null })).toEqual([]);
    expect(files({ categories: [] })).toEqual([]);
  });

  it('tags: true (or any true value) gives every tag of the site that is ASCII letters, digits and _', () => {
    const every = ['feed/by_tag/nova.xml', 'feed/by_tag/rally.xml', 'feed/by_tag/Nova_2.xml'];
    expect(files({ tags: true })).toEqual(every);
    expect(files({ tags: ['ignored'] })).toEqual(every);
    expect(files({ tags: {} })).toEqual(every);
    // A site with no tag at all gets none.
    expect(files({ tags: true }, [])).toEqual([]);
  });

  it('honours only, except and path as given', () => {
    expect(files({ tags: { except: ['rally'] } })).toEqual([
      'feed/by_tag/nova.xml',
      'feed/by_tag/Nova_2.xml',
    ]);
    // `only` need not be a tag of any post (the feed is empty, as Jekyll writes it).
    expect(files({ tags: { only: ['nova', 'gone', 'a-b'], except: ['gone'] } })).toEqual([
      'feed/by_tag/nova.xml',
    ]);
    expect(files({ tags: { only: ['nova'], path: 'alt/feeds/' } })).toEqual(['alt/feeds/nova.xml']);
    // Joined as jekyll-feed joins it: no slash is added.
    expect(files({ tags: { only: ['nova'], path: '/t-' } })).toEqual(['t-nova.xml']);
    // Never outside the site.
    expect(files({ tags: { only: ['nova'], path: '../../' } })).toEqual([]);
  });

  it('feed.categories (or collections.posts.categories, which wins) gives feed/<category>.xml, titled with it capitalised', () => {
    const site = withFeed({ categories: ['News', 'release notes', 'ÉTÉ'] });
    expect(extraFeeds(site, []).map((f) => [f.file, f.title])).toEqual([
      ['feed/News.xml', 'Notes | News'],
      ['feed/release notes.xml', 'Notes | Release notes'],
      ['feed/ÉTÉ.xml', 'Notes | Été'],
    ]);
    expect(files({ categories: ['a'], collections: { posts: { categories: ['b'] } } }, [])).toEqual(
      ['feed/b.xml'],
    );
    expect(files({ categories: ['../../x'] }, [])).toEqual([]);
  });

  it('puts in each feed the posts with that tag or category, as written', () => {
    const [news, nova] = extraFeeds(withFeed({ categories: ['News'], tags: { only: ['nova'] } }), [
      'nova',
    ]);
    expect(news!.has({ tags: [], categories: ['News'] })).toBe(true);
    expect(news!.has({ tags: [], categories: ['news'] })).toBe(false);
    expect(nova!.has({ tags: ['nova'], categories: [] })).toBe(true);
    expect(nova!.has({ tags: ['Nova'], categories: [] })).toBe(false);
  });

  it('reads posts_limit', () => {
    expect(feedConfigFrom({ posts_limit: 20 })).toEqual({ postsLimit: 20 });
    expect(feedConfigFrom({ posts_limit: 'x' })).toBeUndefined();
  });
});
