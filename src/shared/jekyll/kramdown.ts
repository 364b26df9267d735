import { escapeText } from '../escape.ts';
import { postRef } from '../routes.ts';
import type { Problem } from '../types.ts';

/** What analysePost hands a Liquid renderer (src/build/liquid.ts): one post body. */
export interface LiquidInput {
  /** The post's file name (warnings name it). */
  file: string;
  /** The body after the front matter. */
  body: string;
  /** The front matter. */
  data: Record<string, unknown>;
  /** The 1-based line of the file where the body starts. */
  bodyLine: number;
}

/**
 * Liquid run over a post body as Jekyll does, before Markdown. `evaluated` is false when the
 * body could not be read as Liquid at all: then prepareMarkdown removes the Liquid.
 */
export type LiquidRenderer = (input: LiquidInput) => {
  text: string;
  problems: Problem[];
  evaluated: boolean;
};

export interface PrepareOptions {
  /** Liquid was already evaluated (src/build/liquid.ts): `{%` and `{{` are left as text. */
  liquidEvaluated?: boolean;
}
/**
 * Turns a Jekyll post body (Markdown with Liquid and kramdown extras) into plain GFM that
 * marked renders the way Jekyll + kramdown would. Code blocks (fenced, indented, and
 * `{% highlight %}`), inline code and `{% raw %}` content are left exactly as written.
 *
 * Every step is linear in the size of the post: a long line full of `{%`, `{:` or spaces
 * must not stall the build.
 */

interface Segment {
  code: boolean;
  text: string;
}

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/;
const ATX_START = /^ {0,3}#/;

/** Width of a line's leading whitespace, tabs to the next multiple of 4 (CommonMark). */
function indentWidth(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === ' ') w++;
    else if (ch === '\t') w += 4 - (w % 4);
    else break;
  }
  return w;
}

/** kramdown's list item start (`1)` is not one; an empty item is not one either). */
const KD_LIST_ITEM = /^([ \t]*)([*+-]|\d{1,9}\.)([ \t]+)(?=\S)/;
/** kramdown's span-level HTML elements (parser/html.rb HTML_SPAN_ELEMENTS). */
const SPAN_ELEMENTS =
  'a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|mark|option|q|rb|rbc|rp|rt|rtc|ruby|s|samp|select|small|span|strike|strong|sub|sup|textarea|time|tt|u|var';
/**
 * Lines kramdown never takes lazily into a list item (list.rb lazy_re): a block attribute
 * list, a block-level HTML start or end tag. A fence, `***` or `___` is not taken here
 * either: marked could not read it inside the item the same way.
 */
const NOT_LAZY = new RegExp(
  String.raw`^ {0,3}(?:\{:|<\/?(?!(?:${SPAN_ELEMENTS})\b)[A-Za-z]|\`{3}|~{3}|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)`,
);

/**
 * kramdown's lazy list lines: a line right after a list item's line (no blank line between),
 * less indented than the item's content and not a list item itself, belongs to the innermost
 * item, whatever ends the item's last block (a heading: `- #### BSD` then text; span-level
 * HTML such as `<small>`). CommonMark takes such a line lazily only into a paragraph, so the
 * line is given the item's indent, which makes marked read it inside the item as well.
 */
class LazyListLines {
  /** The content column of each open item, outermost first. */
  private items: number[] = [];

  /** The line as marked should read it; `prevBlank` when a blank line came just before. */
  line(line: string, prevBlank: boolean): string {
    const width = indentWidth(line);
    const marker = KD_LIST_ITEM.exec(line);
    const inner = this.items.at(-1);
    if (marker && (inner === undefined ? width < 4 : width < inner + 4)) {
      while (this.items.length && this.items.at(-1)! > width) this.items.pop();
      const end = indentWidth(marker[1]!) + marker[2]!.length;
      const spaces = indentWidth(`${' '.repeat(end)}${marker[3]!}`) - end;
      this.items.push(end + (spaces > 4 ? 1 : spaces));
      return line;
    }
    if (inner === undefined || width >= inner) return line;
    if (prevBlank) {
      while (this.items.length && this.items.at(-1)! > width) this.items.pop();
      return line;
    }
    if (NOT_LAZY.test(line)) {
      this.items = [];
      return line;
    }
    return ' '.repeat(inner) + line.replace(/^[ \t]+/, '');
  }

  /** A fence less indented than the innermost item's content ends every list. */
  fence(width: number): void {
    if (width < (this.items.at(-1) ?? 0)) this.items = [];
  }
}

const LIQUID_BLOCK = /\{%-?\s*(highlight|raw|comment)\b[^%]*%\}/g;

/**
 * Where a `{% highlight %}`, `{% raw %}` or `{% comment %}` block opened on this line runs
 * on past it: the name of the block, or undefined. Its lines are left to resolveProse, so
 * a ``` line inside it does not open a fence. `lastEnd` is where each end tag last occurs
 * in the body: an opener after it is never closed, and opens nothing.
 */
function openLiquidBlock(
  line: string,
  offset: number,
  lastEnd: Record<string, number>,
): string | undefined {
  let last: RegExpExecArray | undefined;
  let ticks = 0;
  let counted = 0;
  for (const m of line.matchAll(LIQUID_BLOCK)) {
    for (; counted < m.index; counted++) if (line[counted] === '`') ticks++;
    if (ticks % 2 === 0) last = m; // not inside a code span
  }
  if (!last) return undefined;
  const name = last[1]!;
  const rest = line.slice(last.index + last[0].length);
  if (endTag(`end${name}`).test(rest)) return undefined;
  return (lastEnd[name] ?? -1) > offset + last.index ? name : undefined;
}

/**
 * Splits the body into prose and code: fenced blocks (also inside list items, where they
 * are indented) and indented code blocks (4 spaces or a tab after a blank line, outside a
 * list, where the indent is the list item's content instead).
 */
function splitCode(body: string, liquidBlocks: boolean): Segment[] {
  const lastEnd: Record<string, number> = {};
  for (const m of body.matchAll(/\{%-?\s*end(highlight|raw|comment)\s*-?%\}/g)) {
    lastEnd[m[1]!] = m.index;
  }
  let liquid: string | undefined;
  let offset = 0;
  const out: Segment[] = [];
  let buf: string[] = [];
  let bufCode = false;
  const push = (code: boolean, line: string) => {
    if (code !== bufCode && buf.length) {
      out.push({ code: bufCode, text: buf.join('\n') });
      buf = [];
    }
    bufCode = code;
    buf.push(line);
  };
  let fence: { ch: string; len: number } | null = null;
  let indented = false;
  let inList = false;
  let prevBlank = true;
  // True where an indented line starts a code block: at the start, after a blank line or
  // a block that cannot be continued lazily (heading, fence).
  let canStartCode = true;
  const lazy = new LazyListLines();
  for (let line of body.split('\n')) {
    const lineOffset = offset;
    offset += line.length + 1;
    if (liquid) {
      push(false, line);
      const end = line.search(endTag(`end${liquid}`));
      if (end >= 0) liquid = openLiquidBlock(line.slice(end), lineOffset + end, lastEnd);
      continue;
    }
    if (fence) {
      push(true, line);
      const m = FENCE_CLOSE.exec(line);
      if (m && m[1]![0] === fence.ch && m[1]!.length >= fence.len) {
        fence = null;
        canStartCode = true;
        prevBlank = false;
      }
      continue;
    }
    if (line.trim() === '') {
      push(indented, line);
      prevBlank = true;
      canStartCode = true;
      continue;
    }
    const width = indentWidth(line);
    if (width >= 4 && (indented || (canStartCode && !inList))) {
      indented = true;
      push(true, line);
      prevBlank = false;
      canStartCode = false;
      continue;
    }
    indented = false;
    const open = FENCE_OPEN.exec(line);
    if (open && (width < 4 || inList) && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      lazy.fence(width);
      fence = { ch: open[1]![0]!, len: open[1]!.length };
      push(true, line);
      continue;
    }
    liquid = liquidBlocks ? openLiquidBlock(line, lineOffset, lastEnd) : undefined;
    line = lazy.line(line, prevBlank);
    const heading = ATX_START.test(line);
    const lineWidth = indentWidth(line);
    if (lineWidth < 4 && LIST_ITEM.test(line)) inList = true;
    else if (lineWidth === 0 && (prevBlank || heading)) inList = false;
    push(false, line);
    prevBlank = false;
    canStartCode = heading;
  }
  if (buf.length) out.push({ code: bufCode, text: buf.join('\n') });
  return out;
}

/** The first match of a global regex at or after `from`, remembered: repeated calls stay linear. */
class Finder {
  private lastFrom = Infinity;
  private last: { start: number; end: number } | null = null;
  constructor(
    private readonly text: string,
    private readonly re: RegExp,
  ) {}
  next(from: number): { start: number; end: number } | null {
    if (from >= this.lastFrom && (this.last === null || this.last.start >= from)) return this.last;
    this.re.lastIndex = from;
    const m = this.re.exec(this.text);
    this.lastFrom = from;
    this.last = m ? { start: m.index, end: m.index + m[0].length } : null;
    return this.last;
  }
}

const endTag = (name: string) => new RegExp(String.raw`\{%-?\s*${name}\s*-?%\}`, 'g');

/** Backtick runs of a text by length, for finding a code span's closing run. */
class BacktickRuns {
  private readonly byLength = new Map<number, number[]>();
  private readonly pointer = new Map<number, number>();
  constructor(text: string) {
    for (const m of text.matchAll(/`+/g)) {
      const list = this.byLength.get(m[0].length) ?? [];
      list.push(m.index);
      this.byLength.set(m[0].length, list);
    }
  }
  /** Start of the first run of exactly `length` backticks after `after`. */
  next(length: number, after: number): number {
    const list = this.byLength.get(length);
    if (!list) return -1;
    let p = this.pointer.get(length) ?? 0;
    while (p < list.length && list[p]! <= after) p++;
    this.pointer.set(length, p);
    return p < list.length ? list[p]! : -1;
  }
  /**
   * The first place after `after` where `length` backticks occur, and the length of the run
   * they start (kramdown closes a code span there, even inside a longer run).
   */
  atLeast(length: number, after: number): { at: number; run: number } | undefined {
    let best: { at: number; run: number } | undefined;
    for (const run of this.byLength.keys()) {
      if (run < length) continue;
      const at = this.next(run, after);
      if (at >= 0 && (!best || at < best.at)) best = { at, run };
    }
    return best;
  }
}

/** Ruby's `\s`: ASCII white space. */
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** A fence for `content`: longer than any backtick run inside it. */
function fenceFor(content: string): string {
  let longest = 0;
  for (const m of content.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * One pass over prose: inline code is kept, Liquid is resolved, kramdown extensions are
 * dropped. Returns the text and the ranges of it that are literal (code, raw content).
 */
function resolveProse(
  text: string,
  liquid: boolean,
): { text: string; literal: [number, number][] } {
  const chunks: string[] = [];
  const literal: [number, number][] = [];
  let length = 0;
  const emit = (s: string, isLiteral = false) => {
    if (isLiteral && s.length > 0) literal.push([length, length + s.length]);
    chunks.push(s);
    length += s.length;
  };
  const find = {
    tagClose: new Finder(text, /%\}/g),
    outputClose: new Finder(text, /\}\}/g),
    brace: new Finder(text, /\}/g),
    newline: new Finder(text, /\n/g),
    blankLine: new Finder(text, /\n[ \t]*\n/g),
    endraw: new Finder(text, endTag('endraw')),
    endhighlight: new Finder(text, endTag('endhighlight')),
    endcomment: new Finder(text, endTag('endcomment')),
    kdComment: new Finder(text, /\{:\/comment\}/g),
    kdNomarkdown: new Finder(text, /\{:\/nomarkdown\}/g),
  };
  const runs = new BacktickRuns(text);
  const special = /[`{]/g;
  let i = 0;
  while (i < text.length) {
    special.lastIndex = i;
    const m = special.exec(text);
    if (!m) {
      emit(text.slice(i));
      break;
    }
    const p = m.index;
    emit(text.slice(i, p));
    i = p;
    if (text[p] === '`') {
      let run = 1;
      while (text[p + run] === '`') run++;
      // kramdown's rule (parser/kramdown/codespan.rb): a lone backtick after white space (or
      // at the start) and before white space is text, not a code span's start. Written as
      // an entity, which marked leaves as text and raw HTML shows as "`" too.
      if (run === 1 && (p === 0 || isSpace(text[p - 1]!)) && isSpace(text[p + 1] ?? '')) {
        emit('&#96;');
        i = p + 1;
        continue;
      }
      // A backslash escapes the first backtick of an opening run.
      const start = text[p - 1] === '\\' ? p + 1 : p;
      const len = run - (start - p);
      const found = len > 0 ? runs.atLeast(len, start) : undefined;
      const close = found?.at ?? -1;
      const blank = find.blankLine.next(start);
      if (close >= 0 && (blank === null || close < blank.start)) {
        if (found!.run === len) emit(text.slice(p, close + len), true);
        else {
          // kramdown ends the span at the first `len` backticks of a longer run (`` `a`` ``
          // is code "a", then a backtick), which CommonMark would not: written as HTML.
          let code = text.slice(start + len, close);
          if (len > 1) code = code.replace(/^ /, '').replace(/ $/, '');
          emit(text.slice(p, start));
          emit(`<code>${escapeText(code.replace(/\n/g, ' '))}</code>`, true);
        }
        i = close + len;
      } else {
        emit(text.slice(p, p + run));
        i = p + run;
      }
      continue;
    }
    const next = text[p + 1];
    if (!liquid && (next === '%' || next === '{')) {
      emit('{');
      i = p + 1;
      continue;
    }
    if (next === '%') {
      const close = find.tagClose.next(p + 2);
      if (!close) {
        emit('{');
        i = p + 1;
        continue;
      }
      const inner = text
        .slice(p + 2, close.start)
        .replace(/^-/, '')
        .replace(/-$/, '');
      const words = inner.trim().split(/\s+/);
      const name = words[0] ?? '';
      i = close.end;
      if (name === 'raw') {
        const end = find.endraw.next(i);
        if (end) {
          emit(text.slice(i, end.start), true);
          i = end.end;
        }
      } else if (name === 'highlight') {
        const end = find.endhighlight.next(i);
        if (end) {
          i = highlight(words[1] ?? '', p, close.end, end);
        }
      } else if (name === 'comment') {
        const end = find.endcomment.next(i);
        if (end) i = end.end;
      } else if (name === 'post_url' && words[1]) {
        emit(postRef(words[1].split('/').pop()!), true);
      }
      continue;
    }
    if (next === '{') {
      const close = find.outputClose.next(p + 2);
      if (close) i = close.end;
      else {
        emit('{');
        i = p + 1;
      }
      continue;
    }
    if (next === ':') {
      if (text.startsWith('{::comment}', p)) {
        const end = find.kdComment.next(p);
        if (end) {
          i = end.end;
          continue;
        }
      } else if (text.startsWith('{::nomarkdown}', p)) {
        const end = find.kdNomarkdown.next(p);
        if (end) {
          emit(text.slice(p + '{::nomarkdown}'.length, end.start), true);
          i = end.end;
          continue;
        }
      }
      // `{::options /}` and other `{::…}` extensions on one line go. Attribute lists
      // (`{:.class}`, `{: #id}`, `{:toc}`, `{:ref: …}`) stay for the lexer's kramdown
      // extensions (src/shared/kramdown/ial.ts).
      const close = find.brace.next(p + 2);
      const nl = find.newline.next(p);
      if (close && (!nl || close.start < nl.start)) {
        if (text[p + 2] !== ':') emit(text.slice(p, close.end));
        i = close.end;
        continue;
      }
    }
    emit('{');
    i = p + 1;
  }
  return { text: chunks.join(''), literal };

  /** `{% highlight lang %}…{% endhighlight %}` as a fenced block; returns where to go on. */
  function highlight(
    lang: string,
    tagStart: number,
    bodyStart: number,
    end: { start: number; end: number },
  ): number {
    let content = text.slice(bodyStart, end.start);
    if (content.startsWith('\n')) content = content.slice(1);
    const lastNl = content.lastIndexOf('\n');
    if (lastNl >= 0 && content.slice(lastNl + 1).trim() === '') content = content.slice(0, lastNl);
    const lineStart = text.lastIndexOf('\n', tagStart - 1) + 1;
    const before = text.slice(lineStart, tagStart);
    const fence = fenceFor(content);
    const info = /^[\w+#.-]+$/.test(lang) ? lang : '';
    if (before.trim() === '') {
      // The tag starts its line: the fence takes its place, at the same indent (list items).
      emit(`${fence}${info}\n${content}\n${before}${fence}`, true);
    } else {
      emit('\n');
      emit(`${fence}${info}\n${content}\n${fence}`, true);
      emit('\n');
    }
    return end.end;
  }
}

const PAREN_MARKER = /^( {0,3}(?:[*+-][ \t]+)*\d{1,9})\)(?=[ \t]|$)/;
/** Line rules for prose lines (not those starting inside literal ranges). */
function fixLines(text: string, literal: [number, number][]): string {
  const lines = text.split('\n');
  let offset = 0;
  let r = 0;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const start = offset;
    offset += line.length + 1;
    while (r < literal.length && literal[r]![1] <= start) r++;
    if (r < literal.length && literal[r]![0] <= start) continue;
    // A line that held only a Liquid tag or an attribute list leaves no blank text behind.
    if (line.trim() === '') {
      lines[n] = '';
      continue;
    }
    // kramdown's list markers are `1.`, never `1)` (CommonMark's other ordered marker).
    const paren = PAREN_MARKER.exec(line);
    if (paren) lines[n] = `${paren[1]}\\${line.slice(paren[1]!.length)}`;
  }
  return lines.join('\n');
}

/** Block-level HTML elements that kramdown reads to their end tag, blank lines or not. */
const HTML_BLOCK_OPEN =
  /^ {0,3}<(div|table|section|article|aside|figure|details|nav|header|footer|form|center|dl|ul|ol|blockquote)(?=[\s>\/])([^>]*)>?/i;

/**
 * kramdown reads a block-level HTML element up to its end tag, over blank lines; CommonMark
 * ends an HTML block at the first blank line and reads the rest as Markdown (an indented line
 * then becomes code). Blank lines inside such an element become `<!-- -->`, which keeps
 * marked's HTML block going and which the sanitiser drops. `markdown="1"` elements, whose
 * content kramdown reads as Markdown, are left alone; so are fenced code blocks.
 */
function joinHtmlBlocks(body: string): string {
  if (!body.includes('<')) return body;
  const lines = body.split('\n');
  let fence: string | null = null;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const f = /^[ \t]*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }
    const open = HTML_BLOCK_OPEN.exec(line);
    if (!open || /\bmarkdown\s*=\s*["']?(1|block|span)/.test(open[2] ?? '')) continue;
    const name = open[1]!.toLowerCase();
    const tags = new RegExp(`<(/?)${name}(?=[\\s>/])`, 'gi');
    let depth = 0;
    let end = -1;
    for (let k = n; k < lines.length && end < 0; k++) {
      for (const m of lines[k]!.matchAll(tags)) {
        depth += m[1] ? -1 : 1;
        if (depth === 0) {
          end = k;
          break;
        }
      }
    }
    if (end < 0) continue;
    for (let k = n + 1; k < end; k++) if (lines[k]!.trim() === '') lines[k] = '<!-- -->';
    n = end;
  }
  return lines.join('\n');
}

export function prepareMarkdown(body: string, options: PrepareOptions = {}): string {
  const liquid = !options.liquidEvaluated;
  return splitCode(joinHtmlBlocks(body), liquid)
    .map((seg) => {
      if (seg.code) return seg.text;
      const resolved = resolveProse(seg.text, liquid);
      return fixLines(resolved.text, resolved.literal);
    })
    .join('\n');
}

// kramdown's typography (kramdown 2.4, parser/kramdown/smart_quotes.rb and
// typographic_symbol.rb, which Jekyll's GFM input keeps): smart quotes, dashes, ellipses and
// guillemets in text, never in code, raw HTML or URLs.

/** Ruby's `\s` (ASCII only, unlike JavaScript's). */
const SP = '[ \\t\\r\\n\\f\\v]';
const SQ_PUNCT = '[!"#$%\'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]';
type QuoteKind = 'lquote1' | 'rquote1' | 'lquote2' | 'rquote2';
const SQ_RULES: [RegExp, (number | string | QuoteKind)[]][] = [
  [new RegExp(`("|')(?=[_*]{1,2}[^ \\t\\r\\n\\f\\v])`, 'y'), ['lquote1']],
  [new RegExp(`("|')(?=${SQ_PUNCT}(?!\\.\\.\\.)\\B)`, 'y'), ['rquote1']],
  [new RegExp(`(${SP}?)"'(?=\\w)`, 'y'), [1, '\u201c', '\u2018']],
  [new RegExp(`(${SP}?)'"(?=\\w)`, 'y'), [1, '\u2018', '\u201c']],
  [new RegExp(`(${SP}?)'(?=\\d\\ds)`, 'y'), [1, '\u2019']],
  [new RegExp(`(${SP})('|")(?=\\w)`, 'y'), [1, 'lquote2']],
  [/([^ \\\t\r\n[{(-])('|")/y, [1, 'rquote2']],
  // Ruby's `$` is the end of a line.
  [new RegExp(`("|')(?=${SP}|s\\b|\\n|$)`, 'y'), ['rquote1']],
  [/([\s\S]?)'/y, [1, '\u2018']],
  [/([\s\S]?)"/y, [1, '\u201c']],
];
const QUOTE_GROUP: Record<QuoteKind, number> = { lquote1: 1, rquote1: 1, lquote2: 2, rquote2: 2 };
const TYPO_SYMS: [string, string][] = [
  ['---', '\u2014'],
  ['--', '\u2013'],
  ['...', '\u2026'],
  ['\\<<', '<<'],
  ['\\>>', '>>'],
  ['<< ', '\u00ab\u00a0'],
  [' >>', '\u00a0\u00bb'],
  ['<<', '\u00ab'],
  ['>>', '\u00bb'],
];
const TYPO_START = /---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>/g;
const QUOTE = /["']/g;

/**
 * One run of text as kramdown's span parser sees it: it stops at the earliest place a smart
 * quote (with the character before it) or a typographic symbol starts, the quotes first.
 */
export function kramdownTypography(text: string, after = ''): string {
  if (!/["'.<>-]/.test(text)) return text;
  // The rules look ahead into what follows the text (the next element's source), as kramdown's
  // do into the whole paragraph; only the text itself is changed.
  const s = text + after;
  const end = text.length;
  let out = '';
  let pos = 0;
  while (pos < end) {
    QUOTE.lastIndex = pos;
    const q = QUOTE.exec(s);
    let qs = -1;
    if (q) qs = q.index > pos && s[q.index - 1] !== '\\' ? q.index - 1 : q.index;
    TYPO_START.lastIndex = pos;
    const t = TYPO_START.exec(s);
    const ts = t ? t.index : -1;
    if ((qs < 0 || qs >= end) && (ts < 0 || ts >= end)) break;
    if (qs >= 0 && qs < end && (ts < 0 || qs <= ts)) {
      let done = false;
      for (const [re, substs] of SQ_RULES) {
        re.lastIndex = qs;
        const m = re.exec(s);
        if (!m) continue;
        if (qs + m[0].length > end) break;
        out += s.slice(pos, qs);
        for (const sub of substs) {
          if (typeof sub === 'number') out += m[sub] ?? '';
          else if (sub in QUOTE_GROUP) {
            const ch = m[QUOTE_GROUP[sub as QuoteKind]];
            const left = sub.startsWith('l');
            out += ch === '"' ? (left ? '\u201c' : '\u201d') : left ? '\u2018' : '\u2019';
          } else out += sub;
        }
        pos = qs + m[0].length;
        done = true;
        break;
      }
      if (!done) break;
    } else {
      const [from, to] = TYPO_SYMS.find(([k]) => s.startsWith(k, ts))!;
      if (ts + from.length > end) break;
      out += s.slice(pos, ts) + to;
      pos = ts + from.length;
    }
  }
  return out + text.slice(pos);
}

interface TypoToken {
  type: string;
  raw?: string;
  text?: string;
  href?: string;
  tokens?: TypoToken[];
  items?: { tokens: TypoToken[] }[];
  header?: { tokens: TypoToken[] }[];
  rows?: { tokens: TypoToken[] }[][];
}

/**
 * kramdown's typography over marked tokens, in place: text only, never code spans, code
 * blocks, raw HTML, image alt text or the text of an autolink (a bare or `<…>` URL).
 */
export function applyTypography(tokens: readonly TypoToken[]): void {
  tokens.forEach((t, i) => {
    if (t.type === 'code' || t.type === 'codespan' || t.type === 'html' || t.type === 'image')
      return;
    if (t.type === 'escape') return;
    if (t.type === 'text' && !t.tokens) {
      if (t.text !== undefined) t.text = kramdownTypography(t.text, tokens[i + 1]?.raw ?? '');
      return;
    }
    if (t.type === 'link' && (t.raw === t.href || t.raw?.startsWith('<'))) return;
    if (t.tokens) applyTypography(t.tokens);
    if (t.items) for (const item of t.items) applyTypography(item.tokens);
    if (t.header) for (const cell of t.header) applyTypography(cell.tokens);
    if (t.rows) for (const row of t.rows) for (const cell of row) applyTypography(cell.tokens);
  });
}
