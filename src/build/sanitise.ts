import { JSDOM } from 'jsdom';
import type { WindowLike } from 'dompurify';
import { resolveAnchor } from '../shared/ids.ts';
import { createPostLinkResolver } from '../shared/jekyll/post-links.ts';
import {
  hrefTo,
  PageTable,
  parseLegacyHash,
  parseLocation,
  relativeHref,
  routePath,
} from '../shared/routes.ts';
import { permalinkPath, type SiteConfig } from '../shared/jekyll/site.ts';
import { HEADING_MARKER } from '../shared/body-parts.ts';
import type { PostBody, PostMeta } from '../shared/types.ts';
import { createSanitiser, type LinkPolicy } from '../sanitise/policy.ts';

/**
 * Sanitises post bodies at build time, on jsdom (the server-side DOM DOMPurify supports), and
 * settles their links there, with the whole library and the site config in hand. A reader's
 * browser never parses a post's raw HTML: the page only receives this output, so nothing a
 * post holds can trip the Content-Security-Policy, and the browser needs no sanitiser.
 */
export function createBodySanitiser(
  posts: readonly PostMeta[],
  site: Pick<SiteConfig, 'url' | 'baseurl' | 'permalink'>,
): (post: PostMeta, parts: readonly string[]) => PostBody {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const sanitise = createSanitiser(window as unknown as WindowLike);
  const otherPost = createPostLinkResolver(posts, site);
  const pages = new PageTable(posts, site.permalink);
  let origin: URL | undefined;
  try {
    origin = site.url ? new URL(site.baseurl || '/', site.url) : undefined;
    // Only a web address can be the original site (a hostile config may say `javascript:`).
    if (origin && !/^https?:$/.test(origin.protocol)) origin = undefined;
  } catch {
    origin = undefined;
  }

  return (post, parts) => {
    const ids = post.outline.map((e) => e.id);
    /** The post's original address, made for its first relative link. */
    let page: URL | undefined;
    // Links are written relative to the post's own page (src/shared/routes.ts).
    const here = pages.postPath(post.slug) ?? '';
    const toPost = (slug: string, section?: string) => {
      const path = pages.postPath(slug);
      if (path === undefined) return undefined;
      const href = relativeHref(here, path);
      return section ? `${href}#${encodeURIComponent(section)}` : href;
    };
    // A relative link that already leads to one of the reader's pages (as the first pass of
    // the sanitiser writes them) stays as it is: settling is idempotent.
    const own = 'https://own.invalid/';
    const toOwnPage = (href: string) => {
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) return false;
      try {
        const url = new URL(href, hrefTo(own, here));
        if (url.origin !== new URL(own).origin) return false;
        return parseLocation(url.pathname.slice(1), url.search, '', pages).name !== 'notfound';
      } catch {
        return false;
      }
    };
    const links: LinkPolicy = {
      anchor: (fragment) => {
        const id = resolveAnchor(fragment, ids);
        return id === undefined ? undefined : `#${encodeURIComponent(id)}`;
      },
      post: (href) => {
        if (toOwnPage(href)) return href;
        const slug = otherPost(href);
        return slug === undefined ? undefined : toPost(slug);
      },
      route: (href) => {
        const route = parseLegacyHash(href);
        if (route?.name === 'post') return toPost(route.slug, route.section);
        const path = route && routePath(route, pages);
        return path === undefined ? undefined : relativeHref(here, path);
      },
      // On the original site, the link meant a page beside the post's own address.
      relative: (href) => {
        if (!origin) return undefined;
        try {
          page ??= new URL(
            (site.baseurl + permalinkPath(post, site.permalink)).replace(/^\/*/, '/'),
            origin,
          );
          return new URL(href, page).href;
        } catch {
          return undefined;
        }
      },
    };
    return { parts: parts.map((html) => sanitise(html, { ids, marker: HEADING_MARKER, links })) };
  };
}
