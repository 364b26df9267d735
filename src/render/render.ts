import DOMPurify from 'dompurify';
import { markdownToHtml, resolveAnchor } from '../shared/html.ts';
import { postHref } from '../state/routes.ts';

interface Context {
  slug: string;
  ids: string[];
}
let context: Context | undefined;

/** Link and image policy, applied to every element DOMPurify keeps. */
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (!context) return;
  if (node instanceof HTMLAnchorElement && node.hasAttribute('href')) {
    const href = node.getAttribute('href')!;
    if (href.startsWith('#') && !href.startsWith('#/')) {
      const id = resolveAnchor(href.slice(1), context.ids);
      node.setAttribute('href', postHref(context.slug, id));
    } else if (/^https?:\/\//i.test(href) || href.startsWith('//')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  }
  if (node instanceof HTMLImageElement) {
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
  }
});

/** A post's Markdown as sanitised HTML, with ids matching its outline. */
export function renderPost(markdown: string, slug: string): string {
  const { html, headings } = markdownToHtml(markdown);
  context = { slug, ids: headings.map((h) => h.id) };
  try {
    return DOMPurify.sanitize(html, {
      ADD_ATTR: ['target'],
      FORBID_TAGS: ['style', 'form', 'base', 'meta', 'link'],
    });
  } finally {
    context = undefined;
  }
}
