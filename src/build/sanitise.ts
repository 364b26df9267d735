import { JSDOM } from 'jsdom';
import type { WindowLike } from 'dompurify';
import { resolveAnchor } from '../shared/ids.ts';
import { createPostLinkResolver } from '../shared/jekyll/post-links.ts';
import { postHref } from '../shared/routes.ts';
import { permalinkPath, type SiteConfig } from '../shared/jekyll/site.ts';
import { HEADING_MARKER } from '../shared/body-parts.ts';
import type { PostBody, PostMeta } from '../shared/types.ts';
import { createSanitiser, type LinkPolicy } from '../sanitise/policy.ts';
import { siteImages } from './images-plugin.ts';

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
    const links: LinkPolicy = {
      anchor: (fragment) => postHref(post.slug, resolveAnchor(fragment, ids)),
      element: (id) => postHref(post.slug, id),
      post: (href) => {
        const slug = otherPost(href);
        return slug === undefined ? undefined : postHref(slug);
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
    const image = (src: string) => siteImages.resolve(src, post);
    return {
      parts: parts.map((html) => sanitise(html, { ids, marker: HEADING_MARKER, links, image })),
    };
  };
}
