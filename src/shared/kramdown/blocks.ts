import type { RendererExtension, Token, TokenizerExtension } from 'marked';
import { injectAttrs } from './attributes.ts';
import type { KdToken } from './state.ts';

/**
 * kramdown's block rules that GFM lacks (kramdown 2.4, parser/kramdown/html.rb and table.rb):
 * - `<div markdown="1">` (or `block`, `span`): the element's content is Markdown, not raw HTML;
 *   the `markdown` attribute goes.
 * - Tables: rows are lines starting with `|`. A separator line (`|---`, `|:-:`) after the first
 *   rows makes them the header; a `|===` line starts the footer; a table needs no header.
 *   A GFM table with nothing else of kramdown's is left to marked.
 */

const MD_HTML_OPEN =
  /^ {0,3}<([A-Za-z][\w-]*)((?:\s+[^\s>=/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*>[ \t]*/;
const MD_ATTR =
  /\s+markdown\s*=\s*(?:"(1|block|span)"|'(1|block|span)'|(1|block|span))(?=[\s>]|$)/i;

interface HtmlMarkdownToken {
  type: 'kdHtmlMarkdown';
  raw: string;
  tag: string;
  attrs: string;
  span: boolean;
  tokens: Token[];
}

export const htmlMarkdownExtension: TokenizerExtension & RendererExtension = {
  name: 'kdHtmlMarkdown',
  level: 'block',
  tokenizer(src) {
    if (!/^ {0,3}</.test(src)) return undefined;
    const open = MD_HTML_OPEN.exec(src);
    if (!open) return undefined;
    const attr = MD_ATTR.exec(open[2]!);
    if (!attr) return undefined;
    const tag = open[1]!.toLowerCase();
    const tags = new RegExp(`<(/?)${tag}(?=[\\s>/])[^>]*>`, 'gi');
    tags.lastIndex = open[0].length;
    let depth = 1;
    let end: RegExpExecArray | null = null;
    for (let m = tags.exec(src); m; m = tags.exec(src)) {
      depth += m[1] ? -1 : m[0].endsWith('/>') ? 0 : 1;
      if (depth === 0) {
        end = m;
        break;
      }
    }
    if (!end) return undefined;
    const after = src.slice(end.index + end[0].length);
    const lineEnd = /^[ \t]*(?:\n|$)/.exec(after);
    const raw = src.slice(0, end.index + end[0].length + (lineEnd ? lineEnd[0].length : 0));
    const inner = src.slice(open[0].length, end.index);
    const span = (attr[1] ?? attr[2] ?? attr[3])!.toLowerCase() === 'span';
    const token: HtmlMarkdownToken = {
      type: 'kdHtmlMarkdown',
      raw,
      tag,
      attrs: open[2]!.replace(MD_ATTR, ''),
      span,
      tokens: [],
    };
    if (span) this.lexer.inline(inner.trim(), token.tokens);
    else this.lexer.blockTokens(inner.replace(/^\n/, ''), token.tokens);
    return token;
  },
  renderer(token) {
    const t = token as unknown as HtmlMarkdownToken;
    const inner = t.span ? this.parser.parseInline(t.tokens) : `\n${this.parser.parse(t.tokens)}`;
    return `<${t.tag}${t.attrs}>${inner}</${t.tag}>\n`;
  },
};

const ROW = /^ {0,3}\|[^\n]*(?:\n|$)/;
const SEP = /^ {0,3}[+|: \t-]*-[+|: \t-]*$/;
const FOOT_SEP = /^ {0,3}[+|: \t=]*=[+|: \t=]*$/;
const GFM_DELIM = /^ {0,3}\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$/;

interface Cell {
  type: 'text';
  raw: string;
  text: string;
  tokens: Token[];
}
interface TableToken {
  type: 'kdTable';
  raw: string;
  align: ('left' | 'center' | 'right' | null)[];
  head: Cell[][];
  bodies: Cell[][][];
  foot: Cell[][];
  /** Every cell, for what walks the tree (search text, typography, attribute lists). */
  tokens: Cell[];
}

/** A row's cells: split at `|` outside code spans and not escaped. */
function cells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const out: string[] = [];
  let cur = '';
  let tick = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '|') {
      cur += tick ? '\\|' : '|';
      i++;
    } else if (c === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      tick = tick === n ? 0 : tick || n;
      cur += '`'.repeat(n);
      i += n - 1;
    } else if (c === '|' && !tick) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

export const tableExtension: TokenizerExtension & RendererExtension = {
  name: 'kdTable',
  level: 'block',
  tokenizer(src) {
    if (!ROW.test(src)) return undefined;
    const lines: string[] = [];
    let raw = '';
    let rest = src;
    for (let m = ROW.exec(rest); m; m = ROW.exec(rest)) {
      lines.push(m[0].replace(/\n$/, ''));
      raw += m[0];
      rest = rest.slice(m[0].length);
    }
    const kinds = lines.map((l) => (FOOT_SEP.test(l) ? 'foot' : SEP.test(l) ? 'sep' : 'row'));
    if (!kinds.includes('row')) return undefined;
    const seps = kinds.filter((k) => k !== 'row').length;
    // A plain GFM table (header, delimiter, rows): marked's own.
    if (lines.length >= 2 && kinds[0] === 'row' && GFM_DELIM.test(lines[1]!) && seps === 1)
      return undefined;
    // (A single row is a paragraph in GFM; kramdown makes it a table, and so does this.)
    const token: TableToken = {
      type: 'kdTable',
      raw,
      align: [],
      head: [],
      bodies: [[]],
      foot: [],
      tokens: [],
    };
    const row = (line: string) =>
      cells(line).map((text) => {
        const cell: Cell = { type: 'text', raw: text, text, tokens: [] };
        this.lexer.inline(text, cell.tokens);
        token.tokens.push(cell);
        return cell;
      });
    let inFoot = false;
    let sawRow = false;
    let sawSep = false;
    for (let i = 0; i < lines.length; i++) {
      const kind = kinds[i]!;
      if (kind === 'row') {
        const r = row(lines[i]!);
        (inFoot ? token.foot : token.bodies.at(-1)!).push(r);
        sawRow = true;
      } else if (kind === 'foot') {
        inFoot = true;
      } else {
        // The first separator after the first rows: those rows are the header.
        if (!sawSep && sawRow && token.bodies.length === 1 && !inFoot) {
          token.head = token.bodies[0]!;
          token.bodies[0] = [];
          token.align = cells(lines[i]!).map((c) =>
            c.startsWith(':') && c.endsWith(':')
              ? 'center'
              : c.endsWith(':')
                ? 'right'
                : c.startsWith(':')
                  ? 'left'
                  : null,
          );
        } else if (token.bodies.at(-1)!.length) token.bodies.push([]);
        sawSep = true;
      }
    }
    token.bodies = token.bodies.filter((b) => b.length);
    return token as unknown as Token;
  },
  renderer(token) {
    const t = token as unknown as TableToken;
    const tr = (r: Cell[], tag: 'th' | 'td') =>
      `<tr>\n${r
        .map((c, i) => {
          const a = t.align[i];
          return `<${tag}${a ? ` align="${a}"` : ''}>${this.parser.parseInline(c.tokens)}</${tag}>\n`;
        })
        .join('')}</tr>\n`;
    let out = '<table>\n';
    if (t.head.length) out += `<thead>\n${t.head.map((r) => tr(r, 'th')).join('')}</thead>\n`;
    for (const b of t.bodies) out += `<tbody>\n${b.map((r) => tr(r, 'td')).join('')}</tbody>\n`;
    if (t.foot.length) out += `<tfoot>\n${t.foot.map((r) => tr(r, 'td')).join('')}</tfoot>\n`;
    // An attribute list's (ial.ts), on the table element.
    const attrs = (token as KdToken).kdAttrs;
    return attrs ? injectAttrs(`${out}</table>\n`, attrs) : `${out}</table>\n`;
  },
};
