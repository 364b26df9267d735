/**
 * The library's pages as jekyll-paginate 1.1 makes them (its lib/jekyll-paginate/pager.rb and
 * pagination.rb), as GitHub Pages runs it for any site whose config has `paginate`: the
 * library's first page lists the newest `paginate` posts, page n (2, 3, …) the next ones, at
 * `paginate_path` with its `:num` replaced (`/page:num`: `page2/`; the page addresses are
 * src/shared/routes.ts's). A post marked `hidden` is left out of every page. Pure: used by the
 * build and the app alike.
 */

/** `paginate` (posts a page) and `paginate_path` (the pattern of pages 2, 3, …). */
export interface Paginate {
  per: number;
  path: string;
}

/** Jekyll's default `paginate_path` (its configuration.rb). */
export const DEFAULT_PAGINATE_PATH = '/page:num';

/** Ruby's `to_i` of a YAML value: an integer's own, a float's whole part, a string's leading digits. */
function rubyToI(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === 'string') {
    const m = /^\s*([+-]?\d+)/.exec(v.replace(/_/g, ''));
    return m ? Number(m[1]) : 0;
  }
  return undefined;
}

/**
 * The config's `paginate` and `paginate_path`. Without `paginate` (or with `null`) the library
 * is one page. A value jekyll-paginate cannot use (not a whole number above 0, on which Jekyll
 * stops with an error; a path without `:num`, which writes every page over the last) is a
 * `problem`, and the library is one page.
 */
export function paginateFrom(
  paginate: unknown,
  path: unknown,
): { paginate?: Paginate; problem?: { key: 'paginate' | 'paginate_path'; message: string } } {
  if (paginate === undefined || paginate === null) return {};
  const per = rubyToI(paginate);
  if (per === undefined || per < 1)
    return {
      problem: {
        key: 'paginate',
        message: `paginate: ${JSON.stringify(paginate)} is not a number of posts a page (a whole number above 0); the library is one page`,
      },
    };
  const pattern = typeof path === 'string' && path.trim() ? path.trim() : DEFAULT_PAGINATE_PATH;
  if (!pattern.includes(':num'))
    return {
      problem: {
        key: 'paginate_path',
        message: `paginate_path: ${JSON.stringify(pattern)} has no :num, so every page would be written at the same address; the library is one page`,
      },
    };
  return { paginate: { per, path: pattern } };
}

/** One page of the library. */
export interface LibraryPage<T> {
  /** 1 for the first. */
  page: number;
  /** How many pages there are (at least 1). */
  total: number;
  posts: T[];
}

/** How many pages the library has: 1 when it is not paginated. */
export function libraryPageCount(
  posts: readonly { hidden?: true | undefined }[],
  paginate: Paginate | undefined,
): number {
  if (!paginate) return 1;
  return Math.max(1, Math.ceil(posts.filter((p) => !p.hidden).length / paginate.per));
}

/** Page `page` of the library (posts newest first, as `site.posts`). */
export function libraryPage<T extends { hidden?: true | undefined }>(
  posts: readonly T[],
  paginate: Paginate,
  page: number,
): LibraryPage<T> {
  const shown = posts.filter((p) => !p.hidden);
  const total = libraryPageCount(shown, paginate);
  return { page, total, posts: shown.slice((page - 1) * paginate.per, page * paginate.per) };
}

/**
 * A page's `<title>` as jekyll-seo-tag 2.8 writes it on page n > 1 of a paginated index: its
 * `seo_paginator_message` default, "Page n of total for ", before the title.
 */
export function pagedTitle(title: string, page: number, total: number): string {
  return page > 1 ? `Page ${page} of ${total} for ${title}` : title;
}
