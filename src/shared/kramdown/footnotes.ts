import type { RendererExtension, Token, TokenizerExtension } from 'marked';
import { elementHref, elementId } from './attributes.ts';
import { stateOf, type KramdownState } from './state.ts';

/**
 * kramdown's footnotes (kramdown 2.4, parser/kramdown/footnote.rb, converter/html.rb):
 * `[^name]` refers to `[^name]: text` (its content: the first line, then lines indented by
 * four spaces or a tab, blank lines between them). Footnotes are numbered in the order of
 * their first reference and listed at the end of the post, each with a link back; a
 * definition nobody refers to is left out, and a reference with no definition stays text.
 * The markup is kramdown's:
 * `<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup>`
 * and `<div class="footnotes" role="doc-endnotes"><ol><li id="fn:1" role="doc-endnote">`.
 * Its ids and links go through the sanitiser's element ids (attributes.ts ELEMENT_MARKER).
 */

const DEF_START = /^ {0,3}\[\^(\w[\w-]*)\]:[ \t]?([^\n]*)(?:\n|$)/;
const INDENTED = /^(?: {4}|\t)/;
const BLANK = /^[ \t]*$/;

export const footnoteDefExtension: TokenizerExtension & RendererExtension = {
  name: 'kdFootnoteDef',
  level: 'block',
  tokenizer(src) {
    const m = DEF_START.exec(src);
    if (!m) return undefined;
    const lines = [m[2]!];
    let raw = m[0];
    let rest = src.slice(m[0].length);
    // Indented lines, and blank lines followed by an indented one.
    for (;;) {
      const nl = rest.indexOf('\n');
      const line = nl < 0 ? rest : rest.slice(0, nl);
      if (rest === '') break;
      if (INDENTED.test(line)) {
        lines.push(line.replace(INDENTED, ''));
      } else if (BLANK.test(line)) {
        let k = nl + 1;
        let next = '';
        while (k > 0 && k <= rest.length) {
          const e = rest.indexOf('\n', k);
          next = e < 0 ? rest.slice(k) : rest.slice(k, e);
          if (!BLANK.test(next) || e < 0) break;
          k = e + 1;
        }
        if (nl < 0 || !INDENTED.test(next)) break;
        lines.push('');
      } else break;
      const take = nl < 0 ? rest.length : nl + 1;
      raw += rest.slice(0, take);
      rest = rest.slice(take);
    }
    const state = stateOf(this.lexer);
    if (!state.footnotes.has(m[1]!)) {
      const tokens: Token[] = [];
      this.lexer.blockTokens(lines.join('\n'), tokens);
      state.footnotes.set(m[1]!, tokens);
    }
    return { type: 'kdFootnoteDef', raw };
  },
  renderer: () => '',
};

export const footnoteRefExtension: TokenizerExtension & RendererExtension = {
  name: 'kdFootnoteRef',
  level: 'inline',
  tokenizer(src) {
    const m = /^\[\^(\w[\w-]*)\]/.exec(src);
    if (!m) return undefined;
    const state = stateOf(this.lexer);
    const name = m[1]!;
    if (!state.footnotes.has(name)) return undefined;
    if (!state.footnoteRefs.has(name)) state.footnoteOrder.push(name);
    const seen = state.footnoteRefs.get(name) ?? 0;
    state.footnoteRefs.set(name, seen + 1);
    return {
      type: 'kdFootnoteRef',
      raw: m[0],
      name,
      number: state.footnoteOrder.indexOf(name) + 1,
      repeat: seen,
    };
  },
  renderer(token) {
    const { name, number, repeat } = token as unknown as {
      name: string;
      number: number;
      repeat: number;
    };
    const id = repeat ? `fnref:${name}:${repeat}` : `fnref:${name}`;
    return `<sup${elementId(id)} role="doc-noteref"><a${elementHref(`fn:${name}`)} class="footnote" rel="footnote">${number}</a></sup>`;
  },
};

interface FootnotesToken {
  type: 'kdFootnotes';
  raw: string;
  notes: { name: string; tokens: Token[]; refs: number }[];
  /** Every note's tokens, for what walks the tree (search text, typography). */
  tokens: Token[];
}

/** The list of footnotes at the end of the post, or undefined when none is referenced. */
export function footnotesToken(state: KramdownState): Token | undefined {
  if (!state.footnoteOrder.length) return undefined;
  const notes = state.footnoteOrder.map((name) => ({
    name,
    tokens: state.footnotes.get(name)!,
    refs: state.footnoteRefs.get(name)!,
  }));
  const token: FootnotesToken = {
    type: 'kdFootnotes',
    raw: '',
    notes,
    tokens: notes.flatMap((n) => n.tokens),
  };
  return token as unknown as Token;
}

export const footnotesExtension: RendererExtension = {
  name: 'kdFootnotes',
  renderer(token) {
    const { notes } = token as unknown as FootnotesToken;
    const items = notes.map(({ name, tokens, refs }) => {
      let back = `<a${elementHref(`fnref:${name}`)} class="reversefootnote" role="doc-backlink">&#8617;</a>`;
      for (let k = 1; k < refs; k++)
        back += ` <a${elementHref(`fnref:${name}:${k}`)} class="reversefootnote" role="doc-backlink">&#8617;<sup>${k + 1}</sup></a>`;
      let html = this.parser.parse(tokens);
      const lastP = html.lastIndexOf('</p>');
      if (lastP >= 0 && html.slice(lastP + 4).trim() === '')
        html = `${html.slice(0, lastP)} ${back}</p>\n`;
      else html += `<p>${back}</p>\n`;
      return `<li${elementId(`fn:${name}`)} role="doc-endnote">\n${html}</li>\n`;
    });
    return `<div class="footnotes" role="doc-endnotes">\n<ol>\n${items.join('')}</ol>\n</div>\n`;
  },
};
