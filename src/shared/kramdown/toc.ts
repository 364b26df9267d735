import type { RendererExtension } from 'marked';
import { escapeAttr, escapeText } from '../escape.ts';
import { elementId, injectAttrs, type Attrs } from './attributes.ts';
import { eachTokenArray, type KdToken } from './state.ts';

/**
 * kramdown's `{:toc}`: a list given the `toc` reference (`* TOC` + `{:toc}`, or `1. TOC`) is
 * replaced by the post's table of contents, a nested list of links to its headings (kramdown
 * 2.4, converter/html.rb generate_toc_tree). The headings' ids are the outline's
 * (src/shared/outline.ts sets them on the heading tokens after the lex; the list is written
 * when the body is rendered). Each link is `#<id>`: the sanitiser makes it the reader's
 * address of that heading (src/shared/routes.ts). Headings with the class `no_toc` are left out.
 */
export interface TocToken {
  type: 'kdToc';
  raw: string;
  ordered: boolean;
  attrs: Attrs;
  /** The document's top-level tokens (set after the lex). */
  root: KdToken[];
  /** A heading's plain text (src/shared/markdown.ts inlineText). */
  textOf: (tokens: KdToken[] | undefined) => string;
}

/** Replaces every list that has the `toc` reference by a TocToken. */
export function markTocs(tokens: KdToken[], textOf: TocToken['textOf']): void {
  eachTokenArray(tokens, (arr) => {
    arr.forEach((t, i) => {
      if (t.type !== 'list' || !t.kdAttrs?.refs.includes('toc')) return;
      const attrs = { ...t.kdAttrs, refs: t.kdAttrs.refs.filter((r) => r !== 'toc') };
      const toc: TocToken = {
        type: 'kdToc',
        raw: t.raw,
        ordered: (t as unknown as { ordered: boolean }).ordered,
        attrs,
        root: tokens,
        textOf,
      };
      arr[i] = toc as unknown as KdToken;
    });
  });
}

interface Entry {
  level: number;
  id: string;
  text: string;
  children: Entry[];
}

function headings(root: KdToken[], textOf: TocToken['textOf']): Entry[] {
  const out: Entry[] = [];
  eachTokenArray(root, (arr) => {
    for (const t of arr) {
      const h = t as KdToken & { depth?: number; id?: string };
      if (h.type !== 'heading' || !h.id || h.kdAttrs?.classes.includes('no_toc')) continue;
      out.push({ level: h.depth!, id: h.id, text: textOf(h.tokens).trim(), children: [] });
    }
  });
  return out;
}

/** kramdown's generate_toc_tree: each heading under the last one of a lower level. */
function tree(entries: Entry[]): Entry[] {
  const top: Entry[] = [];
  const stack: Entry[] = [];
  for (const e of entries) {
    while (stack.length && stack.at(-1)!.level >= e.level) stack.pop();
    (stack.length ? stack.at(-1)!.children : top).push(e);
    stack.push(e);
  }
  return top;
}

export const tocExtension: RendererExtension = {
  name: 'kdToc',
  renderer(token) {
    const toc = token as unknown as TocToken;
    const tag = toc.ordered ? 'ol' : 'ul';
    const listId = toc.attrs.id ?? 'markdown-toc';
    const list = (entries: Entry[], outer: boolean): string =>
      `<${tag}${outer ? elementId(listId) : ''}>\n${entries
        .map(
          (e) =>
            `<li><a${elementId(`${listId}-${e.id}`)} href="#${escapeAttr(e.id)}">${escapeText(e.text)}</a>${
              e.children.length ? list(e.children, false) : ''
            }</li>\n`,
        )
        .join('')}</${tag}>\n`;
    const entries = tree(headings(toc.root, toc.textOf));
    if (!entries.length) return '';
    return injectAttrs(list(entries, true), { ...toc.attrs, id: undefined });
  },
};
