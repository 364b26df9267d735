import { POST_EXTENSION } from './filename.ts';
import { safeDecode } from '../decode.ts';
import { originalPostPath, type PagePost } from '../routes.ts';
import type { SiteConfig } from './site.ts';

/** A path with its trailing slash, `index.html` and extension folded away, for comparison. */
function normalisePath(p: string): string {
  return safeDecode(p)
    .replace(/\/index\.html?$/i, '/')
    .replace(/\.html?$/i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/**
 * Finds which bundled post a link in a post means, so it opens inside the reader (and works
 * offline): a relative link to the post's file (`2015-04-04-name.md`, `../_posts/…`), or a
 * link to the post's original address, absolute (`https://site/notes/x/`), from the site's
 * root (`/notes/x/`) or relative to the linking post's own original address (`from`: `../x/`).
 * A post's original address is the one Jekyll gave it: under its own `permalink`, else the
 * site's pattern (src/shared/routes.ts originalPostPath), after the site `url` and `baseurl`.
 * Returns the slug, or undefined for links to anything else.
 */
export function createPostLinkResolver(
  posts: readonly PagePost[],
  site: Pick<SiteConfig, 'url' | 'baseurl' | 'permalink'>,
): (href: string, from?: PagePost) => string | undefined {
  const slugs = new Set(posts.map((p) => p.slug));
  let byPath: Map<string, string> | undefined;
  const fromPath = (path: string): string | undefined => {
    if (!byPath) {
      byPath = new Map();
      // The first post at an address has it (as PageTable gives it its page).
      for (const p of posts) {
        const key = normalisePath(site.baseurl + originalPostPath(p, site.permalink));
        if (!byPath.has(key)) byPath.set(key, p.slug);
      }
    }
    return byPath.get(normalisePath(path));
  };
  let origin: URL | undefined;
  try {
    origin = site.url ? new URL(site.url) : undefined;
  } catch {
    origin = undefined;
  }

  return (href: string, from?: PagePost) => {
    if (!href || href.startsWith('#')) return undefined;
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
      if (!origin) return undefined;
      let url: URL;
      try {
        url = new URL(href, origin);
      } catch {
        return undefined;
      }
      if (!/^https?:$/.test(url.protocol) || url.host.toLowerCase() !== origin.host.toLowerCase()) {
        return undefined;
      }
      return fromPath(url.pathname);
    }
    const path = href.split(/[?#]/)[0] ?? '';
    if (path.startsWith('/')) return fromPath(path);
    // Relative to the linking post's original address: another post's address.
    if (from && path) {
      try {
        const base = new URL(
          (site.baseurl + originalPostPath(from, site.permalink)).replace(/^\/*/, '/'),
          'https://site.invalid',
        );
        const slug = fromPath(new URL(path, base).pathname);
        if (slug !== undefined) return slug;
      } catch {
        // Not a path: not a post's address.
      }
    }
    // A relative link to a post file: the file name is the slug.
    const name = safeDecode(path.split('/').pop() ?? '')
      .replace(/\.html?$/i, '')
      .replace(POST_EXTENSION, '');
    return slugs.has(name) ? name : undefined;
  };
}
