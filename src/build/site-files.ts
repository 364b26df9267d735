/**
 * The site files a Jekyll blog publishes next to its pages, as pure string builders (no DOM, no
 * `node:`): the Atom feed at `feed.xml` in jekyll-feed 0.17's shape, `sitemap.xml` in
 * jekyll-sitemap 1.4's, and `robots.txt`. tests/fidelity/feed/ holds what Jekyll 4.3.1 writes
 * for the seed post; site-files.test.ts compares with it.
 *
 * URLs: with `site.url` set (or `options.siteRoot`), every URL is absolute, `url + baseurl +
 * path`, as Jekyll's `absolute_url` makes them. With neither, the feed's URLs are relative to
 * the site root, which is the feed's own folder, so they resolve wherever `dist/` is served (Atom
 * resolves them against the feed's address). A sitemap needs absolute URLs: `sitemap()` leaves
 * out any `loc` that is not, and `robotsTxt()` without a sitemap URL names none.
 */
import type { SiteConfig } from '../shared/jekyll/site.ts';
import { escapeAttr, escapeText } from '../shared/escape.ts';

/** One post as the feed needs it. */
export interface FeedPost {
  /** Plain text (front matter text is text, never HTML). */
  title: string;
  /** Site-relative path, as `permalinkPath` gives it (not yet percent-encoded), e.g. `/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/`. */
  path: string;
  /** ISO date (`YYYY-MM-DD`) or date-time; '' when unknown. */
  date: string;
  /** `last_modified_at`, when the post has one (the entry's `<updated>`). */
  updated?: string;
  /** Plain text; the entry's `<summary>`. */
  excerpt: string;
  /** The post body, already sanitised HTML. */
  contentHtml: string;
  tags: string[];
  categories: string[];
  /** The post's author; the site's when absent. */
  author?: string;
  /** Image path (site-relative) or absolute URL: `<media:thumbnail>`. */
  image?: string;
  /** The post's own language, when it differs from the site's. */
  lang?: string;
  /** Jekyll's `slug` (the file name without date), for the entry id; else the path's last part. */
  slug?: string;
}

export interface FeedOptions {
  /** When the site was built (Jekyll's `site.time`): the feed's `<updated>`. */
  generatedAt: string;
  /**
   * The absolute address of the site root (e.g. `https://example.org/blog`), when known at
   * build time. Overrides `site.url + site.baseurl`; '' or absent uses them.
   */
  siteRoot?: string;
  /** jekyll-feed's `feed.posts_limit`: the newest 10 by default. */
  limit?: number;
  /** jekyll-feed's `feed.excerpt_only`: leave the post bodies out. */
  excerptOnly?: boolean;
  /** The feed's own path. */
  feedPath?: string;
  /** The feed's title, when not the site's (a category's feed: `Site | Category`). */
  title?: string;
  /** The `<generator>` element. */
  generator?: { name: string; uri?: string; version?: string };
}

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const MEDIA_NS = 'http://search.yahoo.com/mrss/';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * Characters XML 1.0 does not allow anywhere (C0 controls but tab, newline and carriage return;
 * lone surrogates; U+FFFE and U+FFFF). They cannot even be escaped, so they are dropped.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drops the characters XML 1.0 forbids. */
export function xmlChars(s: string): string {
  return s.replace(NOT_XML, '');
}

/** Text for XML element content or a double-quoted attribute (Jekyll's `xml_escape`). */
export function xmlEscape(s: string): string {
  return escapeAttr(xmlChars(s));
}

/** Plain text as the escaped HTML a `type="html"` element holds, then escaped for XML. */
function htmlInXml(s: string): string {
  return xmlEscape(escapeText(s));
}

/** A CDATA section holding `s`; a `]]>` inside is split across two sections. */
function cdata(s: string): string {
  return `<![CDATA[${xmlChars(s).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Jekyll's `normalize_whitespace` (runs of white space to one space, trimmed), on XML characters. */
function normalizeSpace(s: string): string {
  return xmlChars(s).replace(/\s+/g, ' ').trim();
}

/**
 * Percent-encodes a site path as Jekyll's `URL.escape_path` does (everything but letters,
 * digits, `-._~!$&'()*+,;=:@/`), keeping `%XX` escapes already there, so a path may be given
 * either way. `/2015/04/04/Nova如何支持live-upgrade/` → `/2015/04/04/Nova%E5%A6%82…/`.
 */
export function encodePath(path: string): string {
  return path.replace(/%[0-9A-Fa-f]{2}|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]|%/gu, (m) =>
    m.length === 3 && m[0] === '%'
      ? m.toUpperCase()
      : Array.from(
          new TextEncoder().encode(m),
          (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
        ).join(''),
  );
}

/**
 * True for an `http:`/`https:` or protocol-relative URL. Anything else, `javascript:` and
 * `data:` included, is taken for a site path, so it cannot become a link of that scheme.
 */
function isAbsolute(u: string): boolean {
  return /^(https?:)?\/\//i.test(u);
}

/** The absolute address of the site root (no trailing slash), or '' when none is known. */
export function siteRootUrl(site: SiteConfig, siteRoot = ''): string {
  const base = site.baseurl && !site.baseurl.startsWith('/') ? `/${site.baseurl}` : site.baseurl;
  const root = siteRoot || (site.url ? site.url + base : '');
  return root.replace(/\/+$/, '');
}

/**
 * A site path as a URL: absolute (`root + path`, percent-encoded) when the site's address is
 * known, else relative to the site root (`path` without its leading slash; `./` for `/`).
 * `http(s)://` URLs (an image on another host) are kept as they are.
 */
export function siteUrl(site: SiteConfig, path: string, siteRoot = ''): string {
  if (isAbsolute(path)) return path;
  const p = encodePath(path.startsWith('/') ? path : `/${path}`);
  const root = siteRootUrl(site, siteRoot);
  if (root) return root + p;
  // Relative: a first segment with a `:` would read as a scheme, so it gets `./` before it.
  const rel = p.slice(1);
  return rel === '' ? './' : /^[^/]*:/.test(rel) ? `./${rel}` : rel;
}

/**
 * Jekyll's `date_to_xmlschema` with the site in UTC (as the references are built): a date is
 * its midnight, a time with a zone is moved to UTC, e.g. `2016-01-06 10:20:30 +0800` →
 * `2016-01-06T02:20:30+00:00`. '' when unreadable.
 */
export function xmlSchemaDate(date: string): string {
  const s = date.trim();
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(
      s,
    );
  let t: number;
  if (m) {
    const [, day, hh = '00', mm = '00', ss = '00', zone = 'Z'] = m;
    let z = zone.toUpperCase() === 'Z' ? 'Z' : zone;
    if (/^[+-]\d{2}$/.test(z)) z += ':00';
    else if (/^[+-]\d{4}$/.test(z)) z = `${z.slice(0, 3)}:${z.slice(3)}`;
    t = Date.parse(`${day}T${hh}:${mm}:${ss}${z}`);
  } else {
    t = Date.parse(s);
  }
  return Number.isNaN(t) ? '' : new Date(t).toISOString().replace(/\.\d+Z$/, '+00:00');
}

function timeOf(date: string): number {
  const x = xmlSchemaDate(date);
  return x ? Date.parse(x) : Number.NEGATIVE_INFINITY;
}

/** Jekyll's post id: the URL's folder joined with the slug, e.g. `/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day`. */
function postId(post: FeedPost): string {
  const trimmed = post.path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  const dir = cut > 0 ? trimmed.slice(0, cut) : '';
  const slug = post.slug ?? trimmed.slice(cut + 1).replace(/\.[^./]*$/, '');
  return `${dir}/${slug}`;
}

/**
 * The newest `limit` posts, newest first (jekyll-feed: `site.posts | sort: "date" | reverse`).
 * Posts are given in the library's order (`site.posts`: newest first, and of one date and
 * time the later file name first); posts of the same date and time come in the opposite order
 * (Ruby's sort leaves ties unspecified; for the reference's two same-day posts, Jekyll's feed
 * lists them by name, `sort` then `reverse` turning `site.posts`'s order round).
 */
function newest(posts: FeedPost[], limit: number): FeedPost[] {
  return posts
    .map((p, i) => ({ p, i, t: timeOf(p.date) }))
    .sort((a, b) => b.t - a.t || b.i - a.i)
    .slice(0, Math.max(0, limit))
    .map((x) => x.p);
}

function entry(post: FeedPost, site: SiteConfig, options: FeedOptions): string {
  const url = (path: string) => xmlEscape(siteUrl(site, path, options.siteRoot));
  const title = normalizeSpace(post.title);
  const published = xmlSchemaDate(post.date);
  const updated =
    xmlSchemaDate(post.updated ?? '') || published || xmlSchemaDate(options.generatedAt);
  const href = url(post.path);
  let out = `<entry${post.lang ? ` xml:lang="${xmlEscape(post.lang)}"` : ''}>`;
  out += `<title type="html">${htmlInXml(title)}</title>`;
  out += `<link href="${href}" rel="alternate" type="text/html" title="${xmlEscape(title)}" />`;
  if (published) out += `<published>${published}</published>`;
  out += `<updated>${updated}</updated>`;
  out += `<id>${url(postId(post))}</id>`;
  if (!options.excerptOnly)
    out += `<content type="html" xml:base="${href}">${cdata(post.contentHtml.trim())}</content>`;
  out += `<author><name>${xmlEscape(normalizeSpace(post.author || site.author || ''))}</name></author>`;
  for (const term of [...post.categories, ...post.tags])
    out += `<category term="${xmlEscape(term)}" />`;
  // jekyll-feed writes a summary for every post with an excerpt, an empty one included.
  out += `<summary type="html">${cdata(escapeText(normalizeSpace(post.excerpt)))}</summary>`;
  if (post.image) {
    const img = url(post.image);
    out += `<media:thumbnail xmlns:media="${MEDIA_NS}" url="${img}" />`;
    out += `<media:content medium="image" url="${img}" xmlns:media="${MEDIA_NS}" />`;
  }
  return `${out}</entry>`;
}

/**
 * The Atom feed (`feed.xml`): the newest 10 posts, element for element as jekyll-feed 0.17
 * writes it (its template with the white space between tags taken out). Titles are plain text,
 * so a `type="html"` title holds them HTML-escaped (jekyll-feed strips tags instead).
 */
export function atomFeed(site: SiteConfig, posts: FeedPost[], options: FeedOptions): string {
  const url = (path: string) => xmlEscape(siteUrl(site, path, options.siteRoot));
  const self = url(options.feedPath ?? '/feed.xml');
  const lang = site.lang ? xmlEscape(site.lang) : '';
  const gen = options.generator ?? { name: 'Summit Reader' };
  let out = '<?xml version="1.0" encoding="utf-8"?>';
  out += `<feed xmlns="${ATOM_NS}"${lang ? ` xml:lang="${lang}"` : ''}>`;
  out += `<generator${gen.uri ? ` uri="${xmlEscape(gen.uri)}"` : ''}${gen.version ? ` version="${xmlEscape(gen.version)}"` : ''}>${xmlEscape(gen.name)}</generator>`;
  out += `<link href="${self}" rel="self" type="application/atom+xml" />`;
  out += `<link href="${url('/')}" rel="alternate" type="text/html" ${lang ? `hreflang="${lang}" ` : ''}/>`;
  out += `<updated>${xmlSchemaDate(options.generatedAt)}</updated>`;
  out += `<id>${self}</id>`;
  const title = options.title ?? site.title;
  if (title) out += `<title type="html">${htmlInXml(normalizeSpace(title))}</title>`;
  if (site.description) out += `<subtitle>${xmlEscape(site.description)}</subtitle>`;
  if (site.author) out += `<author><name>${xmlEscape(site.author)}</name></author>`;
  for (const post of newest(posts, options.limit ?? 10)) out += entry(post, site, options);
  return `${out}</feed>`;
}

/** One feed besides `feed.xml` that jekyll-feed writes (`site.feed`, FeedConfig). */
export interface ExtraFeed {
  /** Site-relative file, e.g. `feed/by_tag/nova.xml` or `feed/News.xml` (not encoded). */
  file: string;
  /** The feed's title: the site's, and ` | Category` for a category's. */
  title: string;
  /** Whether a post is in it: it has the tag, or the category, as written (case and all). */
  has(post: { tags: readonly string[]; categories: readonly string[] }): boolean;
}

/** Ruby's `String#capitalize` (Liquid's `capitalize`): the first letter up, the rest down. */
function capitalize(s: string): string {
  const [first = '', ...rest] = [...s];
  return first.toUpperCase() + rest.join('').toLowerCase();
}

/** A feed's file from a path jekyll-feed would write; undefined for one outside the site. */
function feedFile(path: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return undefined;
  const segments = path.split('/').filter((s) => s !== '');
  if (!segments.length || segments.some((s) => s === '.' || s === '..')) return undefined;
  return segments.join('/');
}

/**
 * The feeds jekyll-feed 0.17 writes besides `feed.xml` (lib/jekyll-feed/generator.rb), for a
 * site whose tags are `siteTags` (every tag of its posts, as written): one a category of
 * `feed.categories`, at `/feed/<category>.xml`, titled `<site> | <Category>` (Liquid's
 * `capitalize`), with that category's posts (a category no post has gets an empty feed); and,
 * with `feed.tags` set and the site having any tag, one a tag (`only` or every tag, less
 * `except`) at `<path><tag>.xml`, titled as the site, with that tag's posts. jekyll-feed skips a
 * tag with anything but ASCII letters, digits and `_` in it; so does this. Nothing without
 * `feed.categories` or `feed.tags`. A path that leaves the site (`..`) is skipped.
 */
export function extraFeeds(site: SiteConfig, siteTags: readonly string[]): ExtraFeed[] {
  const feeds: ExtraFeed[] = [];
  const add = (path: string, title: string, has: ExtraFeed['has']) => {
    const file = feedFile(path);
    if (file !== undefined && !feeds.some((f) => f.file === file)) feeds.push({ file, title, has });
  };
  for (const category of site.feed?.categories ?? [])
    add(`/feed/${category}.xml`, `${site.title} | ${capitalize(category)}`, (p) =>
      p.categories.includes(category),
    );
  const tags = site.feed?.tags;
  if (tags && siteTags.length) {
    const pool = (tags.only ?? [...new Set(siteTags)]).filter((t) => !tags.except.includes(t));
    for (const tag of pool) {
      if (/[^a-zA-Z0-9_]/.test(tag)) continue;
      add(`${tags.path}${tag}.xml`, site.title, (p) => p.tags.includes(tag));
    }
  }
  return feeds;
}

/** One sitemap entry: `loc` an absolute URL (see `siteUrl`), `lastmod` a date. */
export interface SitemapUrl {
  loc: string;
  lastmod?: string;
}

/**
 * `sitemap.xml` as jekyll-sitemap 1.4 writes it, one element a line. The sitemap protocol wants
 * absolute URLs: an entry whose `loc` is not one is left out (so with no `site.url`, the
 * sitemap lists nothing: better not to write one then). `/index.html` ends become `/`.
 */
export function sitemap(urls: SitemapUrl[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${SITEMAP_NS} ${SITEMAP_NS}/sitemap.xsd" xmlns="${SITEMAP_NS}">`,
  ];
  for (const { loc, lastmod } of urls) {
    if (!/^https?:\/\//i.test(loc)) continue;
    lines.push('<url>', `<loc>${xmlEscape(loc.replace(/\/index\.html/g, '/'))}</loc>`);
    const when = lastmod ? xmlSchemaDate(lastmod) : '';
    if (when) lines.push(`<lastmod>${when}</lastmod>`);
    lines.push('</url>');
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/**
 * `robots.txt`: jekyll-sitemap's (`Sitemap: <url>`) when there is a sitemap; otherwise the
 * allow-everything record, as a sitemap line must be an absolute URL (one with white space or
 * control characters, which could start a new rule, counts as none).
 */
export function robotsTxt(sitemapUrl?: string): string {
  const ok = sitemapUrl && /^https?:\/\/[^\s\u0000-\u001f\u007f]+$/i.test(sitemapUrl);
  return ok ? `Sitemap: ${sitemapUrl}\n` : 'User-agent: *\nDisallow:\n';
}
