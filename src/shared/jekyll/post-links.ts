import { POST_EXTENSION } from './filename.ts';
import { safeDecode } from '../decode.ts';
import { permalinkPath, type PermalinkPost, type SiteConfig } from './site.ts';

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
 * offline): a relative link to the post's file (`2015-04-04-name.md`, `../_posts/…`), or an
 * absolute link to the post's original address, derived from the site `url`, `baseurl` and
 * `permalink` pattern. Returns the slug, or undefined for links to anything else.
 */
export function createPostLinkResolver(
  posts: readonly PermalinkPost[],
  site: Pick<SiteConfig, 'url' | 'baseurl' | 'permalink'>,
): (href: string) => string | undefined {
  const slugs = new Set(posts.map((p) => p.slug));
  let byPath: Map<string, string> | undefined;
  const fromPath = (path: string): string | undefined => {
    byPath ??= new Map(
      posts.map((p) => [normalisePath(site.baseurl + permalinkPath(p, site.permalink)), p.slug]),
    );
    return byPath.get(normalisePath(path));
  };
  let origin: URL | undefined;
  try {
    origin = site.url ? new URL(site.url) : undefined;
  } catch {
    origin = undefined;
  }

  return (href: string) => {
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
    // A relative link to a post file: the file name is the slug.
    const name = safeDecode(path.split('/').pop() ?? '')
      .replace(/\.html?$/i, '')
      .replace(POST_EXTENSION, '');
    return slugs.has(name) ? name : undefined;
  };
}
