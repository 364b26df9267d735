import { Links, PageTable, parseLocation, type Route } from '../shared/routes.ts';
import { posts } from './catalog.ts';
import { site } from './site.ts';

/** Every post's page (src/shared/routes.ts): the same table the build wrote the pages from. */
export const pages = new PageTable(posts, site.permalink, undefined, site.paginate);

/**
 * The site root's absolute path (e.g. `/a/b/c/`), from the page's `<meta name="summit:root">`,
 * which the build writes relative to each page. The server render sets the prefix per page.
 */
function rootPath(): string {
  if (import.meta.env.SSR) return './';
  if (import.meta.env.DEV) return '/';
  const rel = document.querySelector('meta[name="summit:root"]')?.getAttribute('content') ?? './';
  return new URL(rel, location.href).pathname;
}

export const links = new Links(pages, rootPath());

/** The build renders each page with links relative to it (src/build/prerender.ts). */
export function setLinkPrefix(prefix: string): void {
  links.prefix = prefix;
}

export const postHref = (slug: string, section?: string, highlight?: readonly string[]) =>
  links.post(slug, section, highlight);
export const searchHref = (q: string) => links.search(q);
export const tagHref = (value: string, kind: 'tags' | 'categories' = 'tags') =>
  links.tag(value, kind);
export const libraryHref = (page?: number) => links.library(page);

/** The route of a URL (absolute or relative to the page), or undefined outside the site. */
export function routeOf(url: URL): Route | undefined {
  const root = links.prefix;
  if (!url.pathname.startsWith(root)) return undefined;
  return parseLocation(url.pathname.slice(root.length), url.search, url.hash, pages);
}
