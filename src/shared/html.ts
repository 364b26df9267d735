import { slug as slugOnce } from 'github-slugger';
import { Parser, Renderer, type Tokens } from 'marked';
import { assignHeadingIds, lex, type IdHeading } from './outline.ts';

/**
 * Markdown to HTML with the same heading ids as the catalog outline. The HTML is NOT safe
 * yet: the browser must sanitise it (src/render) before it reaches the DOM.
 */
export function markdownToHtml(markdown: string): { html: string; headings: IdHeading[] } {
  const tokens = lex(markdown);
  const headings = assignHeadingIds(tokens);
  const renderer = new Renderer();
  renderer.heading = function (token: Tokens.Heading) {
    const id = (token as IdHeading).id;
    const inner = this.parser.parseInline(token.tokens);
    return `<h${token.depth} id="${escapeAttr(id)}">${inner}</h${token.depth}>\n`;
  };
  const html = Parser.parse(tokens, { gfm: true, renderer });
  return { html, headings };
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Finds the heading an in-post link `#fragment` means: the exact id, then the same id in
 * another case (`#Talks` → `talks`), then the fragment slugged like a heading.
 */
export function resolveAnchor(fragment: string, ids: readonly string[]): string | undefined {
  let f = fragment;
  try {
    f = decodeURIComponent(fragment);
  } catch {
    /* keep it as written */
  }
  if (ids.includes(f)) return f;
  const lower = f.toLowerCase();
  const byCase = ids.find((id) => id.toLowerCase() === lower);
  if (byCase) return byCase;
  const slugged = slugOnce(f);
  return ids.find((id) => id === slugged);
}
