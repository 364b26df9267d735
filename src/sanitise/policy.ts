import createDOMPurify, { type Config, type WindowLike } from 'dompurify';
import { escapeText } from '../shared/escape.ts';
import { filterSrcset } from './srcset.ts';
import { ELEMENT_ID_PREFIX, ELEMENT_MARKER } from '../shared/kramdown/attributes.ts';

/**
 * The sanitising policy, and nothing else: no app state, no routes, no DOM of its own. The
 * build runs it on a server-side DOM (jsdom, src/build/sanitise.ts), so hostile markup is
 * never parsed by a reader's browser at all: the page only ever receives its output.
 *
 * Every post is untrusted. What it may put in the page is plain HTML that needs nothing the
 * Content-Security-Policy (index.html) would block:
 * - HTML and MathML (DOMPurify's `html` and `mathMl` profiles: math is rendered to MathML at
 *   build time, src/shared/kramdown/math.ts), no SVG, `<mglyph>`, `<maction>`,
 *   `<annotation-xml>` or `<semantics>`, no `<style>`, `style`, forms and
 *   their controls, `<template>`, `<base>`, `<meta>`, `<link>`, frames, `<object>`, `<embed>` or
 *   `<dialog>`; never `on*` handlers or scripts (DOMPurify). Forbidden elements go, their text
 *   stays.
 * - URLs are checked by scheme. Links: http(s), mailto, tel, and the reader's own routes;
 *   images and media: https (http is upgraded, as browsers do for mixed content) and the
 *   site's own relative URLs. `srcset` is parsed as the HTML standard parses it.
 * - DOM clobbering: the outline's headings keep ids, each the id the outline gives it; the ids
 *   kramdown's extensions write (`{: #id}`, footnotes, `{:toc}`: marked with ELEMENT_MARKER,
 *   which a post cannot write) are kept as `user-content-<id>` (DOMPurify's
 *   SANITIZE_NAMED_PROPS convention), unless that is a heading's id or already given; every
 *   other `id`, every `name` and every attribute that points at another element by id
 *   (`for`, `form`, `list`, `popovertarget`, `commandfor`…) goes. Classes are kept only from a
 *   short list that the app never uses itself (POST_CLASS: code languages, kramdown's
 *   footnotes, and the notice, alert, alignment and button classes of Jekyll themes), so a
 *   post cannot borrow the app's own look.
 * - Links: what each one means is settled here, at build time (`LinkPolicy`); external ones
 *   open in a new tab with `rel="noopener noreferrer"` (`<a>` and `<area>` alike).
 */

/** How the links of one post are written: decided by the build, which knows every post. */
export interface LinkPolicy {
  /** The reader's address for an in-post anchor (`#Talks`), or undefined when none matches. */
  anchor(fragment: string): string | undefined;
  /** The reader's address for a link to another bundled post, or undefined. */
  post(href: string): string | undefined;
  /** The page a link in the reader's old hash form (`#/posts/<slug>`…) means, or undefined. */
  route(href: string): string | undefined;
  /**
   * Where a relative link that is neither goes (`../../`, `?x=1`, `/about/`): an absolute
   * URL on the post's original site, or undefined to keep the text without a link. Followed
   * as written, such a link would leave the reader for a page that is not in it.
   */
  relative(href: string): string | undefined;
  /**
   * The reader's address for an element id of this post (`user-content-fn:1`: footnotes,
   * `{:toc}`, `{: #id}`). Without it, such links go where `anchor` sends them.
   */
  element?(id: string): string;
}

/** What the sanitiser needs to know about one post. */
export interface PostContext {
  /**
   * The outline's heading ids, in document order. The Markdown renderer writes heading `i` as
   * `id="<marker><i>"`; only such headings get an id (this one), so raw HTML in the post can
   * never take a heading's id, nor any other.
   */
  ids: readonly string[];
  /** A prefix the post cannot know (made fresh for each build). */
  marker: string;
  links: LinkPolicy;
  /**
   * The built site's address of an image the post names (`/assets/x.png`: the site's own
   * images, copied by src/build/images-plugin.ts), or undefined to keep its `src` (or
   * `srcset` candidate: each is asked for).
   */
  image?(src: string): string | undefined;
}

/** A base for telling relative URLs (the site's own) from absolute ones. */
const BASE = 'https://own.invalid/site/';
const OWN_ORIGIN = new URL(BASE).origin;
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
/** Attributes that load something as the page renders. */
const RESOURCE_ATTRS = ['src', 'poster'];
/** Attributes that hold a URL a click follows (or a citation). */
const LINK_ATTRS = ['href', 'cite', 'longdesc'];
const HEADING = /^H[1-6]$/;

function resolve(value: string): URL | undefined {
  try {
    return new URL(value, BASE);
  } catch {
    return undefined;
  }
}

/** A URL that may load as the post renders: the site's own, or https (http upgraded); else ''. */
export function safeResourceUrl(value: string): string {
  const v = value.trim();
  const url = resolve(v);
  if (!url) return '';
  if (url.origin === OWN_ORIGIN) return v;
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:') {
    url.protocol = 'https:';
    return url.href;
  }
  return '';
}

/** The post's link, as the reader writes it, or undefined to drop it (text kept). */
export function settleLink(href: string, links: LinkPolicy): string | undefined {
  const v = href.trim();
  if (v.startsWith('#/')) return links.route(v); // the reader's own (old) form
  if (v.startsWith('#')) return links.anchor(v.slice(1));
  const url = resolve(v);
  if (!url || !LINK_SCHEMES.has(url.protocol)) return undefined;
  const post = links.post(v);
  if (post) return post;
  if (url.origin === OWN_ORIGIN) return links.relative(v);
  // As written when it says its scheme; else resolved: `/\\host/x` and `//host` are other
  // sites, and are written so.
  return /^(?:https?|mailto|tel):/i.test(v) ? v : url.href;
}

const isExternal = (href: string) => /^(https?:)?\/\//i.test(href);

/** Classes a post keeps (none is a class of the app's own). */
const POST_CLASS =
  /^(?:language-[\w+#.-]+|footnotes?|reversefootnote|notice(?:--[a-z]+)?|alert(?:-[a-z]+)?|text-(?:left|center|right|justify)|align-?(?:left|right|center)|image-(?:left|right|center)|btn(?:--?[a-z]+)*|note|warning|info|tip|caution|important)$/;
/** What a kept element id may be (after the marker): no space, quote or angle bracket. */
const ELEMENT_ID = /^[^\s"'<>`&]{1,200}$/u;

const CONFIG: Config = {
  USE_PROFILES: { html: true, mathMl: true },
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
    'output',
    'dialog',
    'template',
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
    'mglyph',
    'malignmark',
    'maction',
    'annotation-xml',
    'annotation',
    'semantics',
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
    'for',
    'form',
    'list',
    'popovertarget',
    'popovertargetaction',
    'commandfor',
    'command',
    'interestfor',
    'target',
    'rel',
  ],
  ALLOW_DATA_ATTR: false,
};

export type Sanitiser = (html: string, post: PostContext) => string;

/** A sanitiser on the given DOM (jsdom's window at build time). */
export function createSanitiser(window: WindowLike): Sanitiser {
  const purify = createDOMPurify(window);
  let current: (PostContext & { given: Set<string> }) | undefined;

  purify.addHook('uponSanitizeAttribute', (node, data) => {
    if (!current) return;
    const name = data.attrName;
    // No attribute keeps a script or data URL, even one no browser would follow (`title`).
    if (/^(?:javascript|vbscript|data):/i.test(data.attrValue.replace(/[\s\u0000-\u001f]+/g, ''))) {
      data.keepAttr = false;
      return;
    }
    if (name === 'id') {
      // Kept only on the renderer's own headings, then replaced by the outline's id (below).
      // Kept as it is: DOMPurify's SANITIZE_DOM would drop ids such as "title" or "images".
      if (HEADING.test(node.nodeName) && data.attrValue.startsWith(current.marker)) {
        data.forceKeepAttr = true;
      } else if (data.attrValue.startsWith(ELEMENT_MARKER)) {
        // Replaced by `user-content-<id>` (below), or dropped.
        data.forceKeepAttr = true;
      } else data.keepAttr = false;
    } else if (name === 'name') {
      data.keepAttr = false;
    } else if (name === 'class') {
      const kept = data.attrValue.split(/\s+/).filter((c) => POST_CLASS.test(c));
      if (kept.length) data.attrValue = kept.join(' ');
      else data.keepAttr = false;
    }
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    const post = current;
    if (!post) return;
    const id = node.getAttribute('id');
    if (id?.startsWith(ELEMENT_MARKER)) {
      const own = id.slice(ELEMENT_MARKER.length);
      const given = `${ELEMENT_ID_PREFIX}${own}`;
      if (ELEMENT_ID.test(own) && !post.ids.includes(given) && !post.given.has(given)) {
        post.given.add(given);
        node.setAttribute('id', given);
      } else node.removeAttribute('id');
    } else if (id !== null) {
      const outlineId = post.ids[Number(id.slice(post.marker.length))];
      if (outlineId !== undefined && !post.given.has(outlineId)) {
        post.given.add(outlineId);
        node.setAttribute('id', outlineId);
      } else node.removeAttribute('id');
    }
    for (const attr of LINK_ATTRS) {
      const value = node.getAttribute(attr);
      if (value === null) continue;
      const settled =
        attr === 'href'
          ? value.startsWith(ELEMENT_MARKER)
            ? elementLink(value.slice(ELEMENT_MARKER.length), post.links)
            : settleLink(value, post.links)
          : settleCitation(value);
      if (settled === undefined) node.removeAttribute(attr);
      else node.setAttribute(attr, settled);
    }
    for (const attr of RESOURCE_ATTRS) {
      let value = node.getAttribute(attr);
      if (value === null) continue;
      if (attr === 'src' && node.nodeName === 'IMG') value = post.image?.(value) ?? value;
      const safe = safeResourceUrl(value);
      if (safe) node.setAttribute(attr, safe);
      else node.removeAttribute(attr);
    }
    const srcset = node.getAttribute('srcset');
    if (srcset !== null) {
      // Each candidate of an image (`<img>`, or a `<picture>`'s `<source>`) is one of the
      // site's images as its `src` would be.
      const image = node.nodeName === 'IMG' || node.nodeName === 'SOURCE' ? post.image : undefined;
      const safe = filterSrcset(srcset, (url) => safeResourceUrl(image?.(url) ?? url));
      if (safe) node.setAttribute('srcset', safe);
      else node.removeAttribute('srcset');
    }
    const tag = node.nodeName;
    if (tag === 'A' || tag === 'AREA') {
      const href = node.getAttribute('href');
      if (href !== null && isExternal(href)) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    } else if (tag === 'IMG') {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('decoding', 'async');
    } else if (tag === 'INPUT') {
      // GFM task lists are the only inputs a post keeps: read-only checkboxes.
      if (node.getAttribute('type')?.toLowerCase() === 'checkbox')
        node.setAttribute('disabled', '');
      else node.remove();
    }
  });

  const once = (html: string) => purify.sanitize(html, CONFIG) as unknown as string;

  // Each outline id's index, made once per post (every part of a post passes the same ids).
  const indexes = new WeakMap<readonly string[], Map<string, number>>();
  const indexOf = (ids: readonly string[]) => {
    let index = indexes.get(ids);
    if (!index) indexes.set(ids, (index = new Map(ids.map((id, i) => [id, i]))));
    return index;
  };

  return (html, post) => {
    const index = indexOf(post.ids);
    // Outline ids back into the renderer's markers, so a second pass gives them again.
    // Element ids too (they are written first in their tag: src/shared/kramdown/attributes.ts).
    const remark = (s: string) =>
      s
        .replace(/<(h[1-6]) id="([^"]*)"/g, (m, tag: string, id: string) => {
          const i = index.get(decodeAttr(id));
          return i === undefined ? m : `<${tag} id="${post.marker}${i}"`;
        })
        .replace(
          new RegExp(`<([a-z][a-z0-9]*) id="${ELEMENT_ID_PREFIX}`, 'g'),
          `<$1 id="${ELEMENT_MARKER}`,
        );
    current = { ...post, given: new Set() };
    try {
      // A mutation-XSS guard: what the browser parses is the serialised result, so it must
      // come out of a second parse and sanitise unchanged. If it does not, sanitise what it
      // became (what the browser would parse), until it holds still.
      let out = once(html);
      for (let round = 0; round < 3; round++) {
        current.given.clear();
        const again = once(remark(out));
        if (again === out) return out;
        out = again;
      }
      // Never seen in practice: show the markup as text rather than lose it.
      return `<p>${escapeText(html)}</p>`;
    } finally {
      current = undefined;
    }
  };
}

const decodeAttr = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** A link to an element id of the post (kramdown's footnotes, `{:toc}`). */
function elementLink(id: string, links: LinkPolicy): string | undefined {
  if (!ELEMENT_ID.test(id)) return undefined;
  const target = `${ELEMENT_ID_PREFIX}${id}`;
  return links.element ? links.element(target) : links.anchor(target);
}

/** `cite` and `longdesc`: kept when they are a link scheme, never rewritten. */
function settleCitation(value: string): string | undefined {
  const url = resolve(value.trim());
  return url && LINK_SCHEMES.has(url.protocol) ? value : undefined;
}
