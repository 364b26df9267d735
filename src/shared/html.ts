import { Parser, Renderer, type Token, type Tokens } from 'marked';
import { assignHeadingIds, lex, type IdHeading } from './outline.ts';
import type { PostBody } from './types.ts';

/** marked's renderer, with each heading's id (set by `assignHeadingIds`) written out. */
function renderer(): Renderer {
  const r = new Renderer();
  r.heading = function (token: Tokens.Heading) {
    const id = (token as IdHeading).id;
    const inner = this.parser.parseInline(token.tokens);
    return `<h${token.depth} id="${escapeAttr(id)}">${inner}</h${token.depth}>\n`;
  };
  return r;
}

/**
 * Markdown to HTML with the same heading ids as the catalog outline. The HTML is NOT safe
 * yet: the browser must sanitise it (src/render) before it reaches the DOM.
 */
export function markdownToHtml(markdown: string): { html: string; headings: IdHeading[] } {
  const tokens = lex(markdown);
  const headings = assignHeadingIds(tokens);
  const html = Parser.parse(tokens, { gfm: true, renderer: renderer() });
  return { html, headings };
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Markdown read before the first part ends (at a heading): about a first screen. */
export const FIRST_PART = 3_000;
/** Markdown read before each later part ends (at a heading). */
export const PART = 24_000;

/**
 * What a post's lazy chunk holds: its HTML, made at build time so the browser needs no
 * Markdown parser (only the sanitiser), in parts, and its heading ids. A part ends only before
 * a heading, once it holds enough: the browser sanitises and shows the parts one task at a
 * time, so the first screen shows at once and a long post never blocks the page for long.
 * The parts joined are the whole HTML (`markdownToHtml`).
 */
export function postBody(markdown: string): PostBody {
  const tokens = lex(markdown);
  const headings = assignHeadingIds(tokens);
  const r = renderer();
  const parts: string[] = [];
  let group: Token[] = [];
  let size = 0;
  const flush = () => {
    if (group.length) parts.push(Parser.parse(group, { gfm: true, renderer: r }));
    group = [];
    size = 0;
  };
  for (const token of tokens) {
    if (token.type === 'heading' && size >= (parts.length ? PART : FIRST_PART)) flush();
    group.push(token);
    size += token.raw.length;
  }
  flush();
  return { parts, ids: headings.map((h) => h.id) };
}
