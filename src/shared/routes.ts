import { safeDecode } from './decode.ts';

/** Hash routes: any static host serves them with no rewrite rules. */
export type Route =
  | { name: 'library' }
  /** `highlight`: the terms a search result marks in the talk (`?hl=` in the route). */
  | { name: 'post'; slug: string; section?: string; highlight?: string[] }
  | { name: 'search'; q: string }
  | { name: 'tag'; kind: 'tags' | 'categories'; value: string }
  | { name: 'notfound'; path: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  // Routes start with '/'. A plain fragment is the library: '#summit:main' is the skip link of the
  // prerendered page, followed before the app started.
  if (raw === '' || raw === '/' || !raw.startsWith('/')) return { name: 'library' };
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
    return { name: 'tag', kind: parts[0], value: safeDecode(parts[1]) };
  }
  return { name: 'notfound', path: safeDecode(raw) };
}

/** A post, or one of its talks; `highlight` terms are marked in the talk when it opens. */
export function postHref(slug: string, section?: string, highlight?: readonly string[]): string {
  const base = `#/posts/${encodeURIComponent(slug)}`;
  if (!section) return base;
  const talk = `${base}/${encodeURIComponent(section)}`;
  if (!highlight?.length) return talk;
  const query = new URLSearchParams(highlight.map((t) => ['hl', t]));
  return `${talk}?${query.toString()}`;
}

export function searchHref(q: string): string {
  return `#/search?${new URLSearchParams({ q }).toString()}`;
}

export function tagHref(value: string, kind: 'tags' | 'categories' = 'tags'): string {
  return `#/${kind}/${encodeURIComponent(value)}`;
}

export const libraryHref = '#/';
