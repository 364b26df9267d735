import { slug as slugOnce } from 'github-slugger';
import { safeDecode } from './decode.ts';
import { permalinkPath } from './jekyll/site.ts';
import { libraryPageCount, type Paginate } from './paginate.ts';

/**
 * The one owner of the site's URL format (issue 12). Every view is a real file in `dist/`:
 *
 * | view            | page (site-relative)                              | file                   |
 * | --------------- | ------------------------------------------------- | ---------------------- |
 * | the library     | ``                                                | `index.html`           |
 * | its page n ≥ 2  | `paginate_path` with `:num` = n, e.g. `page2/`   | `page2/index.html`     |
 * | a post          | its Jekyll permalink, e.g. `openstack/2015/05/19/x/` | `…/x/index.html`    |
 * | a talk          | the post's page + `#<heading id>` (a real fragment) |                      |
 * | a search result | the post's page + `?hl=<term>#<heading id>`       |                        |
 * | a tag, category | `tags/<slug>/`, `categories/<slug>/`              | `…/index.html`         |
 * | search          | `search/?q=…`                                     | `search/index.html`    |
 *
 * Pages are written relative to the site root, so `dist/` works at any sub-path: the build
 * writes links relative to the page they are in, the browser absolute from the root it found.
 * The old hash routes (`#/posts/<slug>/<talk>`…) are still read (`parseLegacyHash`).
 */
export type Route =
  /** `page`: the library's page when it is paginated (src/shared/paginate.ts), from 2; absent on the first. */
  | { name: 'library'; page?: number }
  /** `highlight`: the terms a search result marks in the talk (`?hl=` in the URL). */
  | { name: 'post'; slug: string; section?: string; highlight?: string[] }
  | { name: 'search'; q: string }
  /** `value`: the tag's key (`tagKey`), the last segment of its page. */
  | { name: 'tag'; kind: 'tags' | 'categories'; value: string }
  | { name: 'notfound'; path: string };

/** What a page table needs to know of a post. */
export interface PagePost {
  slug: string;
  date: string;
  categories: string[];
  /** The post's own `permalink` (front matter), which Jekyll puts before the site's. */
  permalink?: string | undefined;
  /** Left out of the library's pages (src/shared/paginate.ts). */
  hidden?: true | undefined;
}

/** First segments the app's own files use: no post may be written there. */
const RESERVED = new Set([
  'assets',
  'tags',
  'categories',
  'search',
  'posts',
  'index.html',
  '404.html',
  'feed.xml',
  'sitemap.xml',
  'robots.txt',
  'sw.js',
  'manifest.webmanifest',
  'theme-init.js',
  'prerender-route.js',
]);

/**
 * A path made safe to write on any file system and host: no empty, `.` or `..` segments, no
 * backslashes or controls, and `-` for the characters Windows and Rollup refuse in file names
 * (`<>:"|?*`), and for `#`, which some static servers never decode (only hostile or odd names
 * have them).
 */
function cleanPath(raw: string): string {
  const dir = raw.endsWith('/');
  const segments = raw
    // eslint-disable-next-line no-control-regex
    .replace(/[\\\u0000-\u001f\u007f]/g, '')
    .replace(/[<>:"|?*#]/g, '-')
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..');
  if (!segments.length) return '';
  const joined = segments.join('/');
  // A pattern with neither an extension nor a trailing slash (`/:title`): a folder page.
  return dir || /\.html?$/i.test(joined) ? joined + (dir ? '/' : '') : `${joined}/`;
}

/** The key of a tag or category in its page's path: its slug, or `-` + code points. */
export function tagKey(value: string): string {
  const s = slugOnce(value);
  return /^-*$/.test(s) ? `-${[...value].map((c) => c.codePointAt(0)!.toString(16)).join('-')}` : s;
}

/**
 * The pattern a post's page follows: its own `permalink` when it has one, as Jekyll does
 * (with the same placeholders; taken as written, so a post's `permalink: pretty` is the page
 * `/pretty`, not the style), else the site's.
 */
function postPattern(post: PagePost, site: string): string {
  const own = post.permalink?.trim();
  return own ? `/${own.replace(/^\/+/, '')}` : site;
}

/**
 * The post's address on its original (Jekyll) site, with its leading `/` and before the
 * site's `baseurl`: Jekyll's path under the post's own permalink, else the site's pattern
 * (`permalink`). Its page here is at the same path (PageTable), unless that path was taken.
 */
export function originalPostPath(post: PagePost, permalink: string): string {
  return permalinkPath(post, postPattern(post, permalink));
}

/**
 * The page of the library's page `n` when it is paginated: jekyll-paginate's `paginate_path`
 * with its (first) `:num` replaced, a folder (`/page:num` → `page2/`); the library's own for 1.
 */
export function pagerPath(paginate: Paginate, n: number): string {
  return n <= 1 ? '' : cleanPath(`${paginate.path.replace(':num', String(n))}/`);
}

/**
 * Where every page lives. A post's: Jekyll's path under the post's own permalink or the site's
 * pattern, without the leading `/` (`baseurl` is where `dist/` is served, not part of the
 * path). A post whose path is taken (by an earlier post, the library's pages or the app's own
 * files) or empty goes to `posts/<slug>/`, and is reported through `onMoved`. The library's
 * pages, when the site paginates it (`paginate`), are at `pagerPath`.
 */
export class PageTable {
  readonly #bySlug = new Map<string, string>();
  readonly #byPath = new Map<string, string>();
  readonly #pagerAt = new Map<string, number>();
  /** How many pages the library has (1 when it is not paginated). */
  readonly libraryPages: number;

  constructor(
    posts: readonly PagePost[],
    permalink: string,
    onMoved?: (slug: string, wanted: string, path: string) => void,
    readonly paginate?: Paginate,
  ) {
    this.libraryPages = libraryPageCount(posts, paginate);
    for (let n = 2; paginate && n <= this.libraryPages; n++)
      this.#pagerAt.set(pagerPath(paginate, n), n);
    for (const post of posts) {
      const wanted = cleanPath(originalPostPath(post, permalink));
      let path = wanted;
      const first = path.split('/')[0] ?? '';
      if (!path || RESERVED.has(first) || this.#byPath.has(path) || this.#pagerAt.has(path)) {
        path = cleanPath(`posts/${post.slug}/`);
        if (this.#byPath.has(path)) continue;
        onMoved?.(post.slug, wanted, path);
      }
      this.#bySlug.set(post.slug, path);
      this.#byPath.set(path, post.slug);
    }
  }

  /** The post's page, e.g. `openstack/2015/05/19/x/` (unencoded). */
  postPath(slug: string): string | undefined {
    return this.#bySlug.get(slug);
  }

  /** The library's page `n` (1: the library). */
  libraryPath(n = 1): string {
    return this.paginate && n > 1 ? pagerPath(this.paginate, n) : '';
  }

  /** Which of the library's pages (from 2) the folder page `dir` is, if any. */
  libraryPageAt(dir: string): number | undefined {
    return this.#pagerAt.get(dir);
  }

  /** The post whose page `path` (decoded, site-relative) is, `index.html` or not. */
  slugAt(path: string): string | undefined {
    return this.#byPath.get(path) ?? this.#byPath.get(path.replace(/(^|\/)index\.html$/, '$1'));
  }
}

/** The file a page path is written to. */
export function pageFile(path: string): string {
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

/** The page of a route (site-relative, unencoded). */
export function routePath(route: Route, table: PageTable): string | undefined {
  switch (route.name) {
    case 'library':
      return table.libraryPath(route.page);
    case 'post':
      return table.postPath(route.slug);
    case 'search':
      return 'search/';
    case 'tag':
      return `${route.kind}/${route.value}/`;
    case 'notfound':
      return undefined;
  }
}

/**
 * A path segment as a URL writes it, percent-encoding only what a path must (as Jekyll's
 * `escape_path` and browsers do: `=`, `&`, `(`… stay), so every static server finds the file.
 */
function encodeSegment(segment: string): string {
  // A lone surrogate cannot be encoded: it becomes U+FFFD, as a browser writes it.
  const text = segment.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
  return encodeURI(text).replace(/[?#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A fragment of the page the link is in: `#` and the id, encoded. */
export const fragment = (id: string) => `#${encodeURIComponent(id)}`;

/** The link to the site-relative page `path`, given what goes before it (see `Links`). */
export function hrefTo(prefix: string, path: string): string {
  return prefix + path.split('/').map(encodeSegment).join('/') || './';
}

/**
 * Link makers for pages seen from one place. `prefix` is what goes before a site-relative
 * path: `../../` in a page two folders deep (the build), or the root's absolute path (the
 * browser), so a link works from any depth at any sub-path.
 */
export class Links {
  constructor(
    readonly table: PageTable,
    public prefix: string,
    /**
     * The page the links are in (site-relative, as `PageTable.postPath` gives it), when known:
     * a link to a talk of that page is its bare fragment (`#id`), as a page links to itself.
     */
    public here?: string,
  ) {}

  page(path: string): string {
    return hrefTo(this.prefix, path);
  }

  /** The library, or its page `n` when it is paginated. */
  library(n = 1): string {
    return this.page(this.table.libraryPath(n));
  }

  /** A post, or one of its talks; `highlight` terms are marked in the talk when it opens. */
  post(slug: string, section?: string, highlight?: readonly string[]): string {
    const path = this.table.postPath(slug);
    const query = highlight?.length
      ? `?${new URLSearchParams(highlight.map((t) => ['hl', t])).toString()}`
      : '';
    if (section && !query && path !== undefined && path === this.here) return fragment(section);
    const base = path === undefined ? this.page(`posts/${slug}/`) : this.page(path);
    return `${base}${query}${section ? fragment(section) : ''}`;
  }

  search(q: string): string {
    return `${this.page('search/')}${q ? `?${new URLSearchParams({ q }).toString()}` : ''}`;
  }

  tag(value: string, kind: 'tags' | 'categories' = 'tags'): string {
    return this.page(`${kind}/${tagKey(value)}/`);
  }
}

/** `../` once per folder of the page at `path`: the way back to the site root. */
export function upToRoot(path: string): string {
  const depth = path.split('/').length - 1;
  return depth ? '../'.repeat(depth) : './';
}

/**
 * Reads a location inside the site. `path` is the part of the pathname after the root, still
 * percent-encoded; `search` and `hash` as in `location`.
 */
export function parseLocation(path: string, search: string, hash: string, table: PageTable): Route {
  const legacy = parseLegacyHash(hash);
  if (legacy) return legacy;
  const decoded = path
    .split('/')
    .map((s) => safeDecode(s))
    .join('/');
  const query = new URLSearchParams(search);
  const dir = decoded.replace(/(^|\/)index\.html$/, '$1');
  if (dir === '') return { name: 'library' };
  const pager = table.libraryPageAt(dir);
  if (pager) return { name: 'library', page: pager };
  if (dir === 'search/') return { name: 'search', q: query.get('q') ?? '' };
  const tag = /^(tags|categories)\/([^/]+)\/$/.exec(dir);
  if (tag) return { name: 'tag', kind: tag[1] as 'tags' | 'categories', value: tag[2]! };
  const slug = table.slugAt(decoded);
  if (slug === undefined) return { name: 'notfound', path: decoded };
  const section = safeDecode(hash.replace(/^#/, ''));
  const highlight = query.getAll('hl').filter((t) => t.trim());
  const route: Route = section ? { name: 'post', slug, section } : { name: 'post', slug };
  return highlight.length && section ? { ...route, highlight } : route;
}

/**
 * The hash routes of earlier versions (`#/posts/<slug>/<talk>?hl=…`, `#/search?q=`,
 * `#/tags/<value>`), so links shared in that form still land; undefined for any other hash.
 */
export function parseLegacyHash(hash: string): Route | undefined {
  const raw = hash.replace(/^#/, '');
  if (!raw.startsWith('/')) return undefined;
  if (raw === '/') return { name: 'library' };
  const [pathPart = '', query = ''] = raw.split(/\?(.*)/s);
  const parts = pathPart.split('/').filter((p, i) => i > 0 || p !== '');
  if (parts[0] === 'posts' && parts[1] && parts.length <= 3) {
    const slug = safeDecode(parts[1]);
    if (!parts[2]) return { name: 'post', slug };
    const highlight = new URLSearchParams(query).getAll('hl').filter((t) => t.trim());
    const route: Route = { name: 'post', slug, section: safeDecode(parts[2]) };
    return highlight.length ? { ...route, highlight } : route;
  }
  if (parts[0] === 'search' && parts.length === 1) {
    return { name: 'search', q: new URLSearchParams(query).get('q') ?? '' };
  }
  if ((parts[0] === 'tags' || parts[0] === 'categories') && parts[1] && parts.length === 2) {
    return { name: 'tag', kind: parts[0], value: tagKey(safeDecode(parts[1])) };
  }
  return { name: 'notfound', path: safeDecode(raw) };
}

/**
 * The form the build's Markdown steps (Liquid's `post_url` and `link`, kramdown's links to
 * posts) write a link to another post in: the sanitiser, which knows the page the link is in,
 * turns it into the relative link to that post's page (src/build/sanitise.ts).
 */
export function postRef(slug: string): string {
  return `#/posts/${encodeURIComponent(slug)}`;
}
