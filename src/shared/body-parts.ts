import { Parser, Renderer, type Token, type Tokens } from 'marked';
import { escapeAttr } from './escape.ts';
import { limitHtmlDepth, MAX_HTML_DEPTH } from './html-depth.ts';
import type { IdHeading } from './outline.ts';
import { MARKDOWN_OPTIONS } from './markdown.ts';
import type { Problem } from './types.ts';

/**
 * marked's renderer, with each heading's id written out by `headingId` (its index among the
 * post's headings, in document order, is what the outline knows it by).
 */
function renderer(headingId: (h: IdHeading) => string): Renderer {
  const r = new Renderer();
  r.heading = function (token: Tokens.Heading) {
    const inner = this.parser.parseInline(token.tokens);
    const id = headingId(token as IdHeading);
    return `<h${token.depth} id="${escapeAttr(id)}">${inner}</h${token.depth}>\n`;
  };
  return r;
}

/**
 * HTML comments go at build time, from raw HTML only (code keeps them as text). Nobody reads
 * them, and DOMPurify removes a whole element whose text holds `<x` beside a comment: with
 * `I <3 x<y <!--more-->` a paragraph would vanish. An unclosed `<!--` would hide the rest of
 * the post: it is shown as text. One pass: no regex that could backtrack.
 */
export function dropComments(html: string): string {
  let at = html.indexOf('<!--');
  if (at < 0) return html;
  let out = '';
  let from = 0;
  let end = -2; // the next '-->' (cached, so many unclosed comments stay linear); -1: none left
  while (at >= 0) {
    if (end !== -1 && end < at + 4) end = html.indexOf('-->', at + 4);
    // `<!-->` and `<!--->` are complete (empty) comments in HTML.
    const empty = html.startsWith('<!-->', at) ? 5 : html.startsWith('<!--->', at) ? 6 : 0;
    out += html.slice(from, at);
    if (empty) from = at + empty;
    else if (end < 0) {
      out += '&lt;!--';
      from = at + 4;
    } else from = end + 3;
    at = html.indexOf('<!--', from);
  }
  return out + html.slice(from);
}

/** Every raw HTML token, however deeply nested, without its comments. */
function dropTokenComments(tokens: Token[]): void {
  for (const t of tokens) {
    if (t.type === 'html') (t as Tokens.HTML).text = dropComments((t as Tokens.HTML).text);
    if ('tokens' in t && Array.isArray(t.tokens)) dropTokenComments(t.tokens);
    if (t.type === 'list')
      for (const item of (t as Tokens.List).items) dropTokenComments(item.tokens);
    if (t.type === 'table') {
      const table = t as Tokens.Table;
      for (const cell of [...table.header, ...table.rows.flat()]) dropTokenComments(cell.tokens);
    }
  }
}

/**
 * What the renderer writes before a heading's index as its id (`<h3 id="<marker>7">`): fresh
 * for each build, so a post's raw HTML cannot write it. The sanitiser replaces it with the
 * outline's id and drops every other id (src/sanitise/policy.ts).
 */
export const HEADING_MARKER = `h${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('')}-`;

/** Markdown read before the first part ends (at a heading): about a first screen. */
export const FIRST_PART = 3_000;
/** Markdown read before each later part ends (at a heading). */
export const PART = 24_000;

/**
 * A post's body as HTML, from the tokens the post was analysed from (no second lex), in parts.
 * A part ends only before a heading, once it holds enough: the browser shows the parts one
 * task at a time, so the first screen shows at once and a long post never blocks the page.
 * The HTML is NOT safe yet: the build sanitises every part (src/build/sanitise.ts).
 *
 * `headingId` writes each heading's id; raw HTML nested deeper than MAX_HTML_DEPTH is
 * flattened, with a problem at its line (`firstLine` is the body's first line in the file).
 */
export function renderParts(
  tokens: Token[],
  headingId: (h: IdHeading) => string,
  firstLine = 1,
): { parts: string[]; problems: Omit<Problem, 'file'>[] } {
  dropTokenComments(tokens);
  const options = { ...MARKDOWN_OPTIONS, renderer: renderer(headingId) };
  const parts: string[] = [];
  const problems: Omit<Problem, 'file'>[] = [];
  let group: string[] = [];
  let groupLines: number[] = [];
  let size = 0;
  let line = firstLine;
  const flush = () => {
    if (!group.length) return;
    const html = group.join('');
    const limited = limitHtmlDepth(html);
    if (limited.cut) {
      // Which token's HTML the first cut tag was in gives the line.
      let offset = 0;
      let at = 0;
      while (at < group.length - 1 && offset + group[at]!.length <= limited.firstCut) {
        offset += group[at]!.length;
        at++;
      }
      problems.push({
        line: groupLines[at]!,
        message: `raw HTML nested more than ${MAX_HTML_DEPTH} elements deep; deeper elements are shown flattened (${limited.cut} tags)`,
      });
    }
    parts.push(limited.html);
    group = [];
    groupLines = [];
    size = 0;
  };
  for (const token of tokens) {
    if (token.type === 'heading' && size >= (parts.length ? PART : FIRST_PART)) flush();
    group.push(Parser.parse([token], options));
    groupLines.push(line);
    size += token.raw.length;
    line += countLines(token.raw);
  }
  flush();
  return { parts, problems };
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
