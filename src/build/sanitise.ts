import { JSDOM } from 'jsdom';
import type { WindowLike } from 'dompurify';
import { resolveAnchor } from '../shared/ids.ts';
import { createPostLinkResolver } from '../shared/jekyll/post-links.ts';
import {
  fragment,
  hrefTo,
  Links,
  originalPostPath,
  PageTable,
  parseLegacyHash,
  parseLocation,
  routePath,
  upToRoot,
} from '../shared/routes.ts';
import type { SiteConfig } from '../shared/jekyll/site.ts';
import { HEADING_MARKER } from '../shared/body-parts.ts';
import type { PostBody, PostMeta } from '../shared/types.ts';
import { createSanitiser, type LinkPolicy, type PostContext } from '../sanitise/policy.ts';
import { collectGarbage } from './read-posts.ts';

/** Sanitises one post's body, part by part (src/shared/body-parts.ts), with its links settled. */
export interface BodySanitiser {
  (post: PostMeta, parts: readonly string[]): PostBody;
  /**
   * The same body, giving the event loop a turn after each part. Until the running task ends,
   * V8 holds on to whatever a WeakRef was made for or read in it (ECMAScript's KeepDuringJob),
   * and jsdom keeps a WeakRef to every NodeIterator, which DOMPurify makes for every part: a
   * build that sanitises every post in one task keeps every part's document (emptied, but
   * some 20 KB each) until it ends. For large bodies and many posts, use this one.
   */
  yielding(post: PostMeta, parts: readonly string[]): Promise<PostBody>;
}

/**
 * Characters of HTML between full collections while yielding. Each part's DOM outlives a
 * few minor collections and is moved to the old generation, which V8 lets grow far before
 * collecting it: sanitising a 20 MB post of short talks (26 MB of HTML) peaked at 1.06 GB,
 * of which 0.3 GB was live. A collection of a few hundred MB of heap takes about 0.1 s.
 */
const COLLECT_EVERY = 4_000_000;

/** A new task: objects kept for the task that ends are let go (see `yielding`). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
import { siteImages } from './images-plugin.ts';
import { safeDecode } from '../shared/decode.ts';
import { ELEMENT_ID_PREFIX } from '../shared/kramdown/element-ids.ts';

/**
 * Sanitises post bodies at build time, on jsdom (the server-side DOM DOMPurify supports), and
 * settles their links there, with the whole library and the site config in hand. A reader's
 * browser never parses a post's raw HTML: the page only receives this output, so nothing a
 * post holds can trip the Content-Security-Policy, and the browser needs no sanitiser.
 */
export function createBodySanitiser(
  posts: readonly PostMeta[],
  site: Pick<SiteConfig, 'url' | 'baseurl' | 'permalink' | 'paginate'>,
): BodySanitiser {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  // Every document DOMPurify parses a part into, emptied once the part is sanitised. jsdom
  // files each element that has an id under the window's named properties (window.<id>),
  // whatever document it is in, and never lets go of it while it stays attached: each
  // heading kept its part's whole DOM alive, about 100 bytes of heap for every character of
  // HTML (a 20 MB post: 1.1 GB). Emptying a document detaches its elements, which unfiles them.
  const parsed: Document[] = [];
  const Parser = window.DOMParser;
  window.DOMParser = class extends Parser {
    override parseFromString(text: string, type: DOMParserSupportedType): Document {
      const doc = super.parseFromString(text, type);
      parsed.push(doc);
      return doc;
    }
  };
  const sanitiseHtml = createSanitiser(window as unknown as WindowLike);
  window.DOMParser = Parser;
  const sanitise: typeof sanitiseHtml = (html, context) => {
    try {
      return sanitiseHtml(html, context);
    } finally {
      for (const doc of parsed.splice(0)) {
        doc.body?.replaceChildren();
        doc.replaceChildren();
      }
    }
  };
  const otherPost = createPostLinkResolver(posts, site);
  const pages = new PageTable(posts, site.permalink, undefined, site.paginate);
  let origin: URL | undefined;
  try {
    origin = site.url ? new URL(site.baseurl || '/', site.url) : undefined;
    // Only a web address can be the original site (a hostile config may say `javascript:`).
    if (origin && !/^https?:$/.test(origin.protocol)) origin = undefined;
  } catch {
    origin = undefined;
  }

  /** What sanitising one post needs: its outline's ids and how its links are settled. */
  const contextOf = (post: PostMeta): PostContext => {
    const ids = post.outline.map((e) => e.id);
    /** The post's original address, made for its first relative link. */
    let page: URL | undefined;
    // Links are written relative to the post's own page (src/shared/routes.ts).
    const here = pages.postPath(post.slug) ?? '';
    const fromHere = new Links(pages, upToRoot(here));
    const toPost = (slug: string, section?: string) =>
      pages.postPath(slug) === undefined ? undefined : fromHere.post(slug, section);
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
      anchor: (given) => {
        // An id the sanitiser gave an element (a footnote, `{: #id}`): as it was written.
        const wanted = safeDecode(given);
        if (wanted.startsWith(ELEMENT_ID_PREFIX)) return fragment(wanted);
        const id = resolveAnchor(given, ids);
        return id === undefined ? undefined : fragment(id);
      },
      // An element an attribute list named (a footnote, `{: #id}`): a fragment of this page.
      element: fragment,
      post: (href) => {
        if (toOwnPage(href)) return href;
        const slug = otherPost(href, post);
        return slug === undefined ? undefined : toPost(slug);
      },
      route: (href) => {
        const route = parseLegacyHash(href);
        if (route?.name === 'post') return toPost(route.slug, route.section);
        const path = route && routePath(route, pages);
        return path === undefined ? undefined : fromHere.page(path);
      },
      // On the original site, the link meant a page beside the post's own address.
      relative: (href) => {
        if (!origin) return undefined;
        try {
          // Its own permalink's address when it has one (src/shared/routes.ts).
          page ??= new URL(
            (site.baseurl + originalPostPath(post, site.permalink)).replace(/^\/*/, '/'),
            origin,
          );
          return new URL(href, page).href;
        } catch {
          return undefined;
        }
      },
    };
    // The site's own images, copied into dist (src/build/images-plugin.ts): their address is
    // relative to the post's page too.
    const up = fromHere.prefix;
    const image = (src: string) => {
      if (src.startsWith(up) && siteImages.isOutput(src.slice(up.length))) return src;
      const out = siteImages.resolve(src, post);
      return out === undefined ? undefined : `${up}${out}`;
    };
    return { ids, marker: HEADING_MARKER, links, image };
  };

  const body = ((post, parts) => {
    const context = contextOf(post);
    return { parts: parts.map((html) => sanitise(html, context)) };
  }) as BodySanitiser;
  /** Characters of HTML sanitised since the last full collection. */
  let sinceCollected = 0;
  body.yielding = async (post, parts) => {
    const context = contextOf(post);
    const out: string[] = [];
    for (const html of parts) {
      out.push(sanitise(html, context));
      await nextTurn();
      sinceCollected += html.length;
      if (sinceCollected >= COLLECT_EVERY) {
        sinceCollected = 0;
        collectGarbage();
      }
    }
    return { parts: out };
  };
  return body;
}
