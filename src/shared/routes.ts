import { safeDecode } from './decode.ts';

/** Hash routes: any static host serves them with no rewrite rules. */
export type Route =
  | { name: 'library' }
  | { name: 'post'; slug: string; section?: string }
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
    return parts[2]
      ? { name: 'post', slug, section: safeDecode(parts[2]) }
      : { name: 'post', slug };
  }
  if (parts[0] === 'search' && parts.length === 1) {
    return { name: 'search', q: new URLSearchParams(query).get('q') ?? '' };
  }
  if ((parts[0] === 'tags' || parts[0] === 'categories') && parts[1] && parts.length === 2) {
    return { name: 'tag', kind: parts[0], value: safeDecode(parts[1]) };
  }
  return { name: 'notfound', path: safeDecode(raw) };
}

export function postHref(slug: string, section?: string): string {
  const base = `#/posts/${encodeURIComponent(slug)}`;
  return section ? `${base}/${encodeURIComponent(section)}` : base;
}

export function searchHref(q: string): string {
  return `#/search?${new URLSearchParams({ q }).toString()}`;
}

export function tagHref(value: string, kind: 'tags' | 'categories' = 'tags'): string {
  return `#/${kind}/${encodeURIComponent(value)}`;
}

export const libraryHref = '#/';
