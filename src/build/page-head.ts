/**
 * The tags inside one page's `<head>` that describe it to search engines and link previews, in
 * jekyll-seo-tag 2.8's order and form (tests/fidelity/feed/seed/head.html is what it writes for
 * the seed post; page-head.test.ts compares). Pure: no DOM, no `node:`.
 *
 * Differences from jekyll-seo-tag, on purpose: no `generator` meta and no JSON-LD `<script>`
 * (the strict CSP page has no inline scripts); `article:tag` per tag; the description is the
 * excerpt cut to about 160 characters; front matter is text, never Markdown or HTML (seo-tag
 * runs `markdownify | strip_html`), so it is escaped, not stripped. `og:url`, the canonical
 * link and `og:image` need absolute URLs: they are written only when `site.url` is set (or the
 * image is itself absolute).
 */
import { pagedTitle } from '../shared/paginate.ts';
import type { SiteConfig } from '../shared/jekyll/site.ts';
import { escapeAttr } from '../shared/escape.ts';
import { siteUrl, xmlChars, xmlSchemaDate } from './site-files.ts';

/** What the head of one page says about it. */
export interface HeadInfo {
  /** The page's own title (plain text); absent for the library's home page. */
  title?: string;
  /** Site-relative path of the page, e.g. `/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/`. */
  path: string;
  /** Plain text: the post's excerpt; the site description when empty. */
  description?: string;
  /** ISO date or date-time: a post's. A page with a date is an `article`. */
  date?: string;
  /** Overrides the type the date implies. */
  type?: 'article' | 'website';
  tags?: string[];
  /** The post's author; the site's when absent. */
  author?: string;
  /** Image path (site-relative) or absolute URL. */
  image?: string;
  imageAlt?: string;
  /** The page's language, when it differs from the site's. */
  lang?: string;
  /** Which of the library's pages it is, of how many (src/shared/paginate.ts). */
  pager?: [page: number, total: number];
}

/** jekyll-seo-tag's `TITLE_SEPARATOR`. */
const SEPARATOR = ' | ';
const DESCRIPTION_MAX = 160;

/** Text as one line: characters HTML and XML do not allow dropped, white space runs made one space. */
function line(s: string | undefined): string {
  return xmlChars(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function segmenter(lang: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(lang || undefined, { granularity: 'word' });
  } catch {
    return new Intl.Segmenter(undefined, { granularity: 'word' });
  }
}

/**
 * Text cut to at most `max` characters (code points) at a word boundary, with `…` when cut.
 * Word boundaries come from `Intl.Segmenter` for the language, so Chinese and Japanese text,
 * which has no spaces, is cut between words too. A first word longer than `max` is cut hard.
 */
export function shortDescription(text: string, lang = '', max = DESCRIPTION_MAX): string {
  const s = line(text);
  if (Array.from(s).length <= max) return s;
  const room = max - 1;
  let out = '';
  let n = 0;
  for (const { segment } of segmenter(lang).segment(s)) {
    const len = Array.from(segment).length;
    if (n + len > room) break;
    out += segment;
    n += len;
  }
  out = out.replace(/[\s\p{P}]+$/u, '') || Array.from(s).slice(0, room).join('');
  return `${out}…`;
}

/** ` lang="…"` for an element's start tag, or '' when there is no language. */
export function htmlLangAttr(lang: string | undefined): string {
  const l = line(lang);
  return l ? ` lang="${escapeAttr(l)}"` : '';
}

const meta = (attr: 'name' | 'property', key: string, value: string) =>
  `<meta ${attr}="${key}" content="${escapeAttr(value)}" />`;

/**
 * The head tags of one page: `<title>` ("post title | site title", as jekyll-seo-tag), meta
 * description, canonical link (when the site has a `url`), Open Graph and Twitter card tags.
 * One tag a line; every value escaped for a double-quoted attribute.
 */
export function pageHead(page: HeadInfo, site: SiteConfig): string {
  const siteTitle = line(site.title);
  const siteDescription = line(site.description);
  const pageTitle = line(page.title) || siteTitle;
  const lang = line(page.lang) || line(site.lang);
  const full =
    siteTitle && pageTitle !== siteTitle
      ? pageTitle + SEPARATOR + siteTitle
      : siteTitle && siteDescription
        ? siteTitle + SEPARATOR + siteDescription
        : pageTitle;
  const title = page.pager ? pagedTitle(full, ...page.pager) : full;
  const description = shortDescription(page.description ?? '', lang) || siteDescription;
  const author = line(page.author) || line(site.author);
  const canonical = site.url ? siteUrl(site, page.path).replace(/\/index\.html$/, '/') : '';
  const imageUrl = page.image ? siteUrl(site, page.image) : '';
  const image = /^https?:\/\//i.test(imageUrl) ? imageUrl : '';
  const published = page.date ? xmlSchemaDate(page.date) : '';
  const type = page.type ?? (published ? 'article' : 'website');

  const out: string[] = [];
  if (title) out.push(`<title>${escapeAttr(title)}</title>`);
  if (pageTitle) out.push(meta('property', 'og:title', pageTitle));
  if (author) out.push(meta('name', 'author', author));
  out.push(meta('property', 'og:locale', (lang || 'en_US').replace(/-/g, '_')));
  if (description) {
    out.push(meta('name', 'description', description));
    out.push(meta('property', 'og:description', description));
  }
  if (canonical) {
    out.push(`<link rel="canonical" href="${escapeAttr(canonical)}" />`);
    out.push(meta('property', 'og:url', canonical));
  }
  if (siteTitle) out.push(meta('property', 'og:site_name', siteTitle));
  const alt = line(page.imageAlt);
  if (image) {
    out.push(meta('property', 'og:image', image));
    if (alt) out.push(meta('property', 'og:image:alt', alt));
  }
  out.push(meta('property', 'og:type', type));
  if (type === 'article' && published) {
    out.push(meta('property', 'article:published_time', published));
    for (const tag of page.tags ?? [])
      if (line(tag)) out.push(meta('property', 'article:tag', line(tag)));
  }
  if (image) {
    out.push(meta('name', 'twitter:card', 'summary_large_image'));
    out.push(meta('property', 'twitter:image', image));
    if (alt) out.push(meta('name', 'twitter:image:alt', alt));
  } else {
    out.push(meta('name', 'twitter:card', 'summary'));
  }
  if (pageTitle) out.push(meta('property', 'twitter:title', pageTitle));
  return out.join('\n');
}
