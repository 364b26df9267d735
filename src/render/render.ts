import DOMPurify from 'dompurify';
import { resolveAnchor } from '../shared/ids.ts';
import { createPostLinkResolver } from '../shared/postlinks.ts';
import { posts } from '../state/catalog.ts';
import { postHref } from '../state/routes.ts';
import { site } from '../state/site.ts';
import type { PostBody } from '../shared/types.ts';
import { stripInlineCode } from './prefilter.ts';

/**
 * The sanitising policy. Every post is untrusted; what it may put in the page is plain HTML
 * that needs nothing the Content-Security-Policy (index.html) would have to block:
 *
 * - HTML only: no SVG or MathML (DOMPurify's `html` profile), no `<style>`, `style`
 *   attributes, forms and their controls, `<base>`, `<meta>`, `<link>`, frames, `<object>`,
 *   `<embed>` or `<dialog>`; never `on*` handlers or scripts (DOMPurify). Inline styles,
 *   handlers and `<base>` are cut from the HTML text before DOMPurify parses it
 *   (./prefilter.ts): the parse alone would make the CSP report them.
 * - URLs are resolved against the page and checked by scheme. Links: http(s), mailto, tel and
 *   the page's own URLs. Images and media: https (http is upgraded, as browsers do for mixed
 *   content) and the page's own URLs; no `data:` (the CSP's img-src has none).
 * - DOM clobbering: only headings keep ids, and only the outline's (each once, as the slugger
 *   made it); every other `id` and every `name` goes. Classes other than `language-*` (code
 *   blocks) go, so a post cannot borrow the app's own styles to fake its interface.
 */

interface Context {
  slug: string;
  ids: string[];
  /** Heading ids not given out yet: each is kept once, on the first heading that has it. */
  unused: Set<string>;
}
let context: Context | undefined;
/** Which bundled post a link means (post_url is resolved at build time already). */
let postLink: ((href: string) => string | undefined) | undefined;

const HEADING = /^H[1-6]$/;
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
/** Attributes that load something as the page renders. */
const RESOURCE_ATTRS = ['src', 'poster'];
/** Attributes that hold a URL a click follows (or a citation). */
const LINK_ATTRS = ['href', 'cite', 'longdesc'];

/** The URL resolved as the browser would, or undefined when it cannot be parsed. */
function resolve(value: string): URL | undefined {
  try {
    return new URL(value, document.baseURI);
  } catch {
    return undefined;
  }
}

/** A URL that may load as the post renders (https or this site), upgraded from http; else ''. */
export function safeResourceUrl(value: string): string {
  const url = resolve(value.trim());
  if (!url) return '';
  if (url.origin === location.origin && (url.protocol === 'http:' || url.protocol === 'https:'))
    return value.trim();
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:') {
    url.protocol = 'https:';
    return url.href;
  }
  return '';
}

/** `srcset` with every candidate checked like `src`; candidates that fail are dropped. */
function safeSrcset(value: string): string {
  return value
    .split(/,(?=\s|$)/)
    .map((candidate) => {
      const [url = '', ...descriptors] = candidate.trim().split(/\s+/);
      const safe = url ? safeResourceUrl(url) : '';
      return safe ? [safe, ...descriptors].join(' ') : '';
    })
    .filter(Boolean)
    .join(', ');
}

function isLinkUrl(value: string): boolean {
  const url = resolve(value.trim());
  return !!url && LINK_SCHEMES.has(url.protocol);
}

DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
  if (!context) return;
  const name = data.attrName;
  if (name === 'id') {
    // Only headings keep ids, and only the outline's, each once. They are kept as they are:
    // DOMPurify's SANITIZE_DOM would drop ids such as "title" or "images" that the TOC needs.
    if (HEADING.test(node.nodeName) && context.unused.delete(data.attrValue)) {
      data.forceKeepAttr = true;
    } else {
      data.keepAttr = false;
    }
  } else if (name === 'name') {
    data.keepAttr = false;
  } else if (name === 'class') {
    const kept = data.attrValue.split(/\s+/).filter((c) => /^language-[\w+#.-]+$/.test(c));
    if (kept.length) data.attrValue = kept.join(' ');
    else data.keepAttr = false;
  }
});

/** Link, image and media policy, applied to every element DOMPurify keeps. */
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (!context) return;
  for (const attr of LINK_ATTRS) {
    const value = node.getAttribute(attr);
    if (value !== null && !isLinkUrl(value)) node.removeAttribute(attr);
  }
  for (const attr of RESOURCE_ATTRS) {
    const value = node.getAttribute(attr);
    if (value === null) continue;
    const safe = safeResourceUrl(value);
    if (safe) node.setAttribute(attr, safe);
    else node.removeAttribute(attr);
  }
  const srcset = node.getAttribute('srcset');
  if (srcset !== null) {
    const safe = safeSrcset(srcset);
    if (safe) node.setAttribute('srcset', safe);
    else node.removeAttribute('srcset');
  }

  if (node instanceof HTMLAnchorElement) {
    const href = node.getAttribute('href');
    node.removeAttribute('target');
    if (href === null) {
      node.removeAttribute('rel');
    } else if (href.startsWith('#') && !href.startsWith('#/')) {
      const id = resolveAnchor(href.slice(1), context.ids);
      node.setAttribute('href', postHref(context.slug, id));
    } else if ((postLink ??= createPostLinkResolver(posts, site))(href)) {
      // Another bundled post (its file, or its original address): open it in the reader.
      node.setAttribute('href', postHref(postLink(href)!));
    } else if (/^https?:\/\//i.test(href) || href.startsWith('//')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  }
  if (node instanceof HTMLImageElement) {
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
  }
  // GFM task lists are the only inputs a post keeps: read-only checkboxes.
  if (node instanceof HTMLInputElement) {
    if (node.type === 'checkbox') node.setAttribute('disabled', '');
    else node.remove();
  }
});

/**
 * Sanitises a post's parts (HTML made at build time, untrusted), one call per part, in order:
 * the caller may yield between parts. Heading ids are those of the outline, each kept once
 * across the whole post.
 */
export function postSanitiser({ ids }: PostBody, slug: string): (part: string) => string {
  const own: Context = { slug, ids, unused: new Set(ids) };
  return (part) => {
    context = own;
    try {
      return sanitise(part);
    } finally {
      context = undefined;
    }
  };
}

function sanitise(html: string): string {
  // Inline styles, handlers and <base> go before DOMPurify parses: the parse alone trips the CSP.
  return DOMPurify.sanitize(stripInlineCode(html), {
    USE_PROFILES: { html: true },
    ADD_ATTR: ['target'],
    FORBID_TAGS: [
      'style',
      'form',
      'button',
      'select',
      'option',
      'optgroup',
      'textarea',
      'datalist',
      'fieldset',
      'dialog',
      'base',
      'meta',
      'link',
      'iframe',
      'frame',
      'frameset',
      'object',
      'embed',
      'applet',
      'portal',
      'svg',
      'math',
    ],
    FORBID_ATTR: [
      'style',
      'background',
      'action',
      'formaction',
      'ping',
      'srcdoc',
      'popover',
      'autofocus',
    ],
    ALLOW_DATA_ATTR: false,
  });
}
