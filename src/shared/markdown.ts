import {
  Lexer,
  Marked,
  Tokenizer,
  type MarkedOptions,
  type Token,
  type Tokens,
  type TokensList,
} from 'marked';
import { stripTags } from './strip-tags.ts';
import { applyAttributeLists } from './kramdown/ial.ts';
import { applyAbbreviations } from './kramdown/definitions.ts';
import { footnotesToken } from './kramdown/footnotes.ts';
import { markTocs } from './kramdown/toc.ts';
import { stateOf, type KdToken } from './kramdown/state.ts';
import { KRAMDOWN_EXTENSIONS, kramdownBlockStart } from './kramdown/extensions.ts';
import { maskMath } from './kramdown/math.ts';
import { cjkEmStrong, maskCjk } from './kramdown/cjk-emphasis.ts';

const INLINE_STOP = /\$\$|\{:/;

/**
 * marked's text run, ended where a kramdown span may start (`$$` math, a `{: …}` span IAL), so
 * the inline extensions see it. (marked already stops before `[`, so footnote references need
 * nothing.) Only the run marked found is searched: an extension's `start` would search the
 * rest of the paragraph at every run, quadratic in a long paragraph.
 */
function kramdownInlineText(this: Tokenizer, src: string): Tokens.Text | undefined {
  const token = Tokenizer.prototype.inlineText.call(this, src);
  if (!token) return token;
  const stop = token.raw.slice(1).search(INLINE_STOP);
  return stop < 0 ? token : Tokenizer.prototype.inlineText.call(this, src.slice(0, stop + 1));
}

/** kramdown's header id at the end of a heading's text (parser/kramdown/header.rb HEADER_ID). */
const HEADER_ID = /[\t ]\{#([A-Za-z][\w:-]*)\}$/;

/** A heading's text without kramdown's header id, and the id; undefined when it has none. */
function splitHeaderId(text: string): { text: string; id: string } | undefined {
  const m = HEADER_ID.exec(text);
  if (!m) return undefined;
  const rest = text.slice(0, m.index).trim();
  return rest ? { text: rest, id: m[1]! } : undefined;
}

/**
 * marked's code span with kramdown's spacing: a single-backtick span keeps its spaces
 * (`` `   1 ↦ 1` ``), a longer one loses one space at each end that has one (CommonMark strips
 * one from both ends only when both have one).
 */
function kramdownCodespan(this: Tokenizer, src: string): Tokens.Codespan | undefined {
  const token = Tokenizer.prototype.codespan.call(this, src);
  if (!token) return token;
  let run = 0;
  while (token.raw[run] === '`') run++;
  let text = token.raw.slice(run, token.raw.length - run);
  if (run > 1) {
    if (text.startsWith(' ')) text = text.slice(1);
    if (text.endsWith(' ')) text = text.slice(0, -1);
  }
  token.text = text.replace(/\n/g, ' ');
  return token;
}

/** kramdown's span-level HTML elements (parser/html.rb HTML_SPAN_ELEMENTS), but `textarea`. */
const SPAN_TAG_LINE =
  /^ {0,3}<\/?(?:a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|mark|option|q|rb|rbc|rp|rt|rtc|ruby|s|samp|select|small|span|strike|strong|sub|sup|time|tt|u|var)(?=[\s/>])[^\n]*$/i;

/**
 * marked's HTML block, but never one that starts with a span-level element alone on its line
 * (`<small>`, `<img …>`, `</span>`): kramdown reads those as a paragraph's text, its Markdown
 * read too (parser/kramdown/html.rb parse_block_html). CommonMark's seventh kind of HTML block
 * would keep the lines as raw HTML, and in a list item end the item's text.
 */
function kramdownHtml(this: Tokenizer, src: string): Tokens.HTML | undefined {
  const token = Tokenizer.prototype.html.call(this, src);
  if (token && SPAN_TAG_LINE.test(token.raw.slice(0, token.raw.indexOf('\n') >>> 0)))
    return undefined;
  return token;
}

type HeaderIdHeading = Tokens.Heading & { kdHeaderId?: string };

/**
 * marked's ATX heading, with kramdown's header id: `### Title {#my-id}` is the heading
 * "Title" with the id `my-id` (src/shared/outline.ts gives it; src/shared/ids.ts decides).
 * As in kramdown, the id must end the line: `### Title {#id} ###` keeps it as text.
 */
function kramdownHeading(this: Tokenizer, src: string): HeaderIdHeading | undefined {
  const cap = this.rules.block.heading.exec(src);
  const split = cap && splitHeaderId(cap[2]!.trim());
  if (!split) return Tokenizer.prototype.heading.call(this, src);
  let text = split.text;
  // Closing hashes before the id, as marked reads them (`## Title ## {#id}`).
  const unclosed = text.replace(/#+$/, '');
  if (unclosed !== text && (unclosed === '' || /[ \t]$/.test(unclosed))) text = unclosed.trim();
  return {
    type: 'heading',
    raw: cap[0].replace(/\n+$/, ''),
    depth: cap[1]!.length,
    text,
    tokens: this.lexer.inline(text),
    kdHeaderId: split.id,
  };
}

/** marked's setext heading (`Title {#my-id}` over `---`), with kramdown's header id. */
function kramdownLheading(this: Tokenizer, src: string): HeaderIdHeading | undefined {
  const cap = this.rules.block.lheading.exec(src);
  const split = cap && splitHeaderId(cap[1]!.trim());
  if (!split) return Tokenizer.prototype.lheading.call(this, src);
  return {
    type: 'heading',
    raw: cap[0].replace(/\n+$/, ''),
    depth: cap[2]!.charAt(0) === '=' ? 1 : 2,
    text: split.text,
    tokens: this.lexer.inline(split.text),
    kdHeaderId: split.id,
  };
}

/**
 * marked's options for every part of the app: GFM, with kramdown's extras as marked
 * extensions (src/shared/kramdown/): attribute lists, `{:toc}`, footnotes, definition lists,
 * abbreviations and math. The lexer and the renderer (body-parts.ts) both take them.
 */
export const MARKDOWN_OPTIONS: MarkedOptions = new Marked(
  { gfm: true },
  {
    extensions: [...KRAMDOWN_EXTENSIONS, kramdownBlockStart],
    hooks: { emStrongMask: (src: string) => maskCjk(maskMath(src)) } as MarkedOptions['hooks'],
    tokenizer: {
      inlineText: kramdownInlineText,
      emStrong: cjkEmStrong,
      codespan: kramdownCodespan,
      html: kramdownHtml,
      heading: kramdownHeading,
      lheading: kramdownLheading,
    },
  },
).defaults;

/**
 * kramdown's GFM links no bare URL or address (`http://…`, `www.…`, `a@b.c` stay text, as
 * Jekyll writes them; only `<http://…>` is a link): marked's GFM text run, without its stops
 * before URLs and addresses, and no `url` rule. (Its stop before every word followed by `@`
 * also searched to the end of the word at each of its letters: a 40,000-letter word before
 * `@` took seconds.) Strikethrough (`~~`) stays, as kramdown's GFM has it.
 */
const KRAMDOWN_TEXT =
  /^(`+|~+|[^`~])(?:(?=[`~])|(?= {2,}\n)|[\s\S]*?(?:(?=[\\<!\[`*~_]|\b_|$)|[^ ](?= {2,}\n)))/;
const NEVER = { exec: () => null };

/** marked's lexer with the app's options; kramdown's extras settled (see lexPost). */
export function lex(markdown: string): TokensList {
  return lexPost(markdown).tokens;
}

/**
 * One lex of a post's Markdown, then kramdown's settling over the tokens (no second parse):
 * attribute lists given to their elements, `{:toc}` lists marked, the footnotes appended,
 * abbreviations marked. `problems` are TeX that did not parse, by line of `markdown`.
 */
export function lexPost(markdown: string): {
  tokens: TokensList;
  problems: { line: number; message: string }[];
} {
  const lexer = new Lexer(MARKDOWN_OPTIONS);
  const rules = (lexer as unknown as { tokenizer: { rules: { inline: object } } }).tokenizer.rules;
  rules.inline = { ...rules.inline, text: KRAMDOWN_TEXT, url: NEVER };
  const tokens = lexer.lex(markdown);
  const state = stateOf(lexer);
  // marked files the lexer in the tokenizer its options share, which outlives this post: let
  // it go, or the last post's whole token tree (and Markdown) stays alive.
  (lexer as unknown as { tokenizer: { lexer?: unknown } }).tokenizer.lexer = undefined;
  const notes = footnotesToken(state);
  if (notes) tokens.push(notes);
  applyAttributeLists(tokens as KdToken[], state.alds);
  markTocs(tokens as KdToken[], (t) => inlineText(t as Token[]));
  applyAbbreviations(tokens as KdToken[], state.abbreviations);
  const problems: { line: number; message: string }[] = [];
  let from = 0;
  for (const e of state.mathErrors) {
    const at = markdown.indexOf(e.tex, from);
    if (at >= 0) from = at;
    problems.push({
      line: countLines(markdown, at >= 0 ? at : 0) + 1,
      message: `TeX that does not parse is shown as written: ${e.message.slice(0, 160)}`,
    });
  }
  return { tokens, problems };
}

function countLines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Plain text of inline tokens: what a reader sees, without Markdown or HTML. */
export function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  let out = '';
  for (const t of tokens) {
    if (t.type === 'html') out += decodeEntities(stripTags(t.text));
    else if (t.type === 'br') out += ' ';
    // Code spans and escapes are literal: `&amp;` in code reads "&amp;".
    else if (t.type === 'codespan' || t.type === 'escape') out += (t as Tokens.Codespan).text;
    else if (t.type === 'image') out += decodeEntities((t as Tokens.Image).text);
    else if ('tokens' in t && t.tokens) out += inlineText(t.tokens);
    else if ('text' in t && typeof t.text === 'string') out += decodeEntities(t.text);
  }
  return out;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
