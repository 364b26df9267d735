import { paginateFrom, type Paginate } from '../paginate.ts';

/** Site configuration: the few settings of a Jekyll `_config.yml` that the reader uses. */
export interface SiteConfig {
  title: string;
  description: string;
  /** Language of the posts (BCP 47), set on the document. */
  lang: string;
  /** Author of posts that name none. */
  author: string;
  /** The original site's address, e.g. http://kiwik.github.io (no trailing slash). */
  url: string;
  baseurl: string;
  /** Jekyll permalink pattern or style name (date, pretty, ordinal, none). */
  permalink: string;
  /** jekyll-feed's settings (`feed:`), when the config has any it honours (FeedConfig). */
  feed?: FeedConfig;
  /** jekyll-paginate's `paginate` and `paginate_path`, when the library is paginated. */
  paginate?: Paginate;
}

/**
 * What jekyll-feed 0.17 reads of `feed:` beyond `feed.xml` (its lib/jekyll-feed/generator.rb):
 * `posts_limit` (every feed's length, 10 by default); `categories` (or
 * `collections.posts.categories`, which wins): a feed `/feed/<category>.xml` each; `tags`: any
 * true value (`true`, a list…) a feed `/feed/by_tag/<tag>.xml` for every tag of the site, or a
 * mapping with `only` (those tags instead of all), `except` (not these) and `path` (the folder,
 * `/feed/by_tag/` by default, joined to the tag as written).
 */
export interface FeedConfig {
  postsLimit?: number;
  categories?: string[];
  tags?: { only?: string[]; except: string[]; path: string };
}

const names = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map((x) => String(x)) : undefined;

/** `feed:` as jekyll-feed reads it (FeedConfig); undefined when none of it is set. */
export function feedConfigFrom(value: unknown): FeedConfig | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const feed = value as Record<string, unknown>;
  const out: FeedConfig = {};
  const limit = Number(feed['posts_limit']);
  if (feed['posts_limit'] !== undefined && Number.isInteger(limit) && limit >= 0)
    out.postsLimit = limit;
  const collections = feed['collections'];
  const posts =
    collections && typeof collections === 'object' && !Array.isArray(collections)
      ? (collections as Record<string, unknown>)['posts']
      : undefined;
  const categories =
    (posts && typeof posts === 'object'
      ? names((posts as Record<string, unknown>)['categories'])
      : undefined) ?? names(feed['categories']);
  if (categories?.length) out.categories = categories;
  const tags = feed['tags'];
  // Ruby's truth: anything but nil and false (`tags: 0`, `tags: {}` too).
  if (tags !== undefined && tags !== null && tags !== false) {
    const map =
      typeof tags === 'object' && !Array.isArray(tags) ? (tags as Record<string, unknown>) : {};
    const only = names(map['only']);
    out.tags = {
      ...(only ? { only } : {}),
      except: names(map['except']) ?? [],
      path: typeof map['path'] === 'string' && map['path'] ? map['path'] : '/feed/by_tag/',
    };
  }
  return Object.keys(out).length ? out : undefined;
}

export const DEFAULT_SITE: SiteConfig = {
  title: 'Summit Reader',
  description: 'Conference notes, readable offline.',
  lang: 'en',
  author: '',
  url: '',
  baseurl: '',
  permalink: 'date',
};

const STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

/**
 * Reads the known keys from a parsed YAML mapping, over the defaults. A value that cannot be
 * used is reported to `warn` with its key, and left out.
 */
export function siteConfigFrom(
  data: Record<string, unknown>,
  base: SiteConfig = DEFAULT_SITE,
  warn: (key: string, message: string) => void = () => {},
): SiteConfig {
  const author = data['author'];
  const pages = paginateFrom(data['paginate'], data['paginate_path']);
  if (pages.problem) warn(pages.problem.key, pages.problem.message);
  const paginate = pages.paginate ?? (data['paginate'] === undefined ? base.paginate : undefined);
  return {
    title: text(data['title']) || base.title,
    description: text(data['description']) || base.description,
    lang: text(data['lang']) || text(data['locale'])?.replace('_', '-') || base.lang,
    author:
      text(author) ||
      (author && typeof author === 'object'
        ? text((author as Record<string, unknown>)['name'])
        : undefined) ||
      base.author,
    url: (text(data['url']) ?? base.url).replace(/\/+$/, ''),
    baseurl: (text(data['baseurl']) ?? base.baseurl).replace(/\/+$/, ''),
    permalink: text(data['permalink']) || base.permalink,
    ...feedOf(data['feed'], base.feed),
    ...(paginate ? { paginate } : {}),
  };
}

function feedOf(value: unknown, base: FeedConfig | undefined): { feed?: FeedConfig } {
  const feed = feedConfigFrom(value) ?? base;
  return feed ? { feed } : {};
}

export interface PermalinkPost {
  slug: string;
  date: string;
  categories: string[];
}

/**
 * The path Jekyll gives a post under a permalink pattern, e.g.
 * `/openstack/2015/04/04/Nova如何支持live-upgrade/`. Categories are lower-cased as Jekyll does.
 */
export function permalinkPath(post: PermalinkPost, pattern: string): string {
  const tpl = STYLES[pattern] ?? pattern;
  const [year = '', month = '', day = ''] = post.date.split('-');
  const title = post.slug.replace(/^\d{4}-\d{2}-\d{2}-/, '');
  const d = new Date(`${post.date}T00:00:00Z`);
  const yDay = Number.isNaN(d.getTime())
    ? ''
    : String(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 864e5) + 1).padStart(
        3,
        '0',
      );
  const path = tpl
    .replace(/:categories/g, () => post.categories.map((c) => c.toLowerCase()).join('/'))
    .replace(/:year/g, year)
    .replace(/:month/g, month)
    .replace(/:i_month/g, String(Number(month)))
    .replace(/:day/g, day)
    .replace(/:i_day/g, String(Number(day)))
    .replace(/:y_day/g, yDay)
    .replace(/:short_year/g, year.slice(2))
    .replace(/:title|:slug/g, () => title)
    .replace(/:output_ext/g, '.html');
  return path.replace(/\/{2,}/g, '/');
}
