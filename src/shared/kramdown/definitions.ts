import type { RendererExtension, Token, TokenizerExtension, Tokens } from 'marked';
import { escapeAttr, escapeText } from '../escape.ts';
import { eachTokenArray, stateOf, type KdToken } from './state.ts';

/**
 * kramdown's definition lists and abbreviations (kramdown 2.4, parser/kramdown/list.rb and
 * abbreviation.rb).
 *
 * Definition list: the lines of the paragraph before a `: definition` line are its terms;
 * each `:` line starts a definition (its following lines, indented or lazy, continue it). A
 * definition after a blank line is a paragraph (`<dd><p>`). Terms and definitions that
 * follow a list, after a blank line, join it.
 *
 * Abbreviations: `*[HTML]: HyperText Markup Language` anywhere in the post makes every
 * `HTML` in the text, as a whole word, `<abbr title="HyperText Markup Language">`.
 */

const DD_START = /^ {0,3}:([ \t]+)([^\n]*)(?:\n|$)/;

interface DlItem {
  type: 'text' | 'kdDdBlocks';
  raw: string;
  text: string;
  role: 'dt' | 'dd';
  tokens: Token[];
}
interface DlToken {
  type: 'kdDl';
  raw: string;
  tokens: DlItem[];
}

/** A token that renders nothing: a paragraph that became terms, or a definition added to a list. */
interface Hidden {
  type: 'kdHidden';
  raw: string;
  dl?: DlToken;
}

export const definitionListExtension: TokenizerExtension & RendererExtension = {
  name: 'kdDl',
  level: 'block',
  tokenizer(src, tokens) {
    const m = DD_START.exec(src);
    if (!m) return undefined;
    let k = tokens.length - 1;
    const blankBefore = tokens[k]?.type === 'space';
    if (blankBefore) k--;
    const prev = tokens[k] as Token | undefined;
    const listOf = (t: Token | undefined): DlToken | undefined =>
      t?.type === 'kdDl'
        ? (t as unknown as DlToken)
        : t?.type === 'kdHidden'
          ? (t as unknown as Hidden).dl
          : undefined;
    let dl = listOf(prev);
    const isNew = !dl;
    if (!dl) {
      if (prev?.type !== 'paragraph' && !(prev?.type === 'text' && !this.lexer.state.top))
        return undefined;
      const para = prev as Tokens.Paragraph;
      // Terms and definitions after a blank line join the list before them.
      const before = tokens[k - 1];
      dl = listOf(before) ?? (before?.type === 'space' ? listOf(tokens[k - 2]) : undefined);
      // The paragraph's lines are lexed as the terms instead; it stays, rendering nothing.
      const queue = this.lexer.inlineQueue;
      const q = queue.findIndex((e) => e.tokens === para.tokens);
      if (q >= 0) queue.splice(q, 1);
      const terms = para.text.split('\n').filter((l) => l.trim());
      const hidden = para as unknown as Hidden;
      hidden.type = 'kdHidden';
      delete (hidden as { text?: string }).text;
      delete (hidden as { tokens?: Token[] }).tokens;
      dl ??= { type: 'kdDl', raw: '', tokens: [] };
      hidden.dl = dl;
      for (const term of terms) {
        const t: DlItem = { type: 'text', raw: term, text: term, role: 'dt', tokens: [] };
        this.lexer.inline(term.trim(), t.tokens);
        dl.tokens.push(t);
      }
      if (dl.tokens.length > terms.length) {
        // Joined a list already in the tokens: this definition is consumed by a marker.
        return definition.call(this, dl, { type: 'kdHidden', raw: '', dl });
      }
    }
    return definition.call(this, dl, isNew ? dl : { type: 'kdHidden', raw: '', dl });

    /** Reads the definition into `dl`; returns `token` with what was consumed as its raw. */
    function definition(
      this: ThisParameterType<NonNullable<TokenizerExtension['tokenizer']>>,
      list: DlToken,
      token: DlToken | Hidden,
    ): Tokens.Generic {
      // The `:` line and what continues it, up to a blank line not followed by an indented
      // one, or the next `:` line.
      const indent = m![1]!.length + 1;
      const lines = [m![2]!];
      let raw = m![0];
      let rest = src.slice(raw.length);
      let blocks = blankBefore;
      while (rest !== '') {
        const nl = rest.indexOf('\n');
        const line = nl < 0 ? rest : rest.slice(0, nl);
        if (DD_START.test(line)) break;
        if (line.trim() === '') {
          const after = nl < 0 ? '' : rest.slice(nl + 1);
          if (!/^(?: {2,}|\t)\S/.test(after)) break;
          blocks = true;
          lines.push('');
        } else if (/^[ \t]/.test(line) || lines.at(-1) !== '') {
          lines.push(line.replace(new RegExp(`^(?: {1,${indent}}|\\t)`), ''));
        } else break;
        const take = nl < 0 ? rest.length : nl + 1;
        raw += rest.slice(0, take);
        rest = rest.slice(take);
      }
      const text = lines.join('\n').trim();
      const dd: DlItem = {
        type: blocks ? 'kdDdBlocks' : 'text',
        raw,
        text,
        role: 'dd',
        tokens: [],
      };
      if (blocks) this.lexer.blockTokens(text, dd.tokens);
      else this.lexer.inline(text, dd.tokens);
      list.tokens.push(dd);
      token.raw = raw;
      return token as unknown as Tokens.Generic;
    }
  },
  renderer(token) {
    const { tokens } = token as unknown as DlToken;
    const items = tokens.map((t) =>
      t.role === 'dt'
        ? `<dt>${this.parser.parseInline(t.tokens)}</dt>\n`
        : t.type === 'kdDdBlocks'
          ? `<dd>\n${this.parser.parse(t.tokens)}</dd>\n`
          : `<dd>${this.parser.parseInline(t.tokens)}</dd>\n`,
    );
    return `<dl>\n${items.join('')}</dl>\n`;
  },
};

export const hiddenExtension: RendererExtension = {
  name: 'kdHidden',
  renderer: () => '',
};

const ABBR_DEF = /^ {0,3}\*\[([^\]\n]+)\]:([^\n]*)(?:\n|$)/;

export const abbreviationDefExtension: TokenizerExtension & RendererExtension = {
  name: 'kdAbbrDef',
  level: 'block',
  tokenizer(src) {
    const m = ABBR_DEF.exec(src);
    if (!m) return undefined;
    stateOf(this.lexer).abbreviations.set(m[1]!.trim(), m[2]!.trim());
    return { type: 'kdAbbrDef', raw: m[0] };
  },
  renderer: () => '',
};

export const abbreviationExtension: RendererExtension = {
  name: 'kdAbbr',
  renderer(token) {
    const { text, title } = token as unknown as { text: string; title: string };
    return `<abbr${title ? ` title="${escapeAttr(title)}"` : ''}>${escapeText(text)}</abbr>`;
  },
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SKIP = new Set(['code', 'codespan', 'html', 'kdMath', 'kdMathBlock']);

/** Marks every defined abbreviation in the text tokens (whole words only, as kramdown). */
export function applyAbbreviations(tokens: KdToken[], defs: ReadonlyMap<string, string>): void {
  if (!defs.size) return;
  const names = [...defs.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\w])(?:${names.map(escapeRe).join('|')})(?![\\w])`, 'g');
  eachTokenArray(tokens, (arr) => {
    for (let i = 0; i < arr.length; i++) {
      const t = arr[i]!;
      if (t.type !== 'text' || t.tokens || SKIP.has(t.type) || typeof t.text !== 'string') continue;
      const text = t.text;
      // Text tokens hold escaped HTML only when marked escaped them: leave those.
      if ((t as { escaped?: boolean }).escaped) continue;
      re.lastIndex = 0;
      if (!re.test(text)) continue;
      re.lastIndex = 0;
      const pieces: KdToken[] = [];
      let from = 0;
      for (const m of text.matchAll(re)) {
        if (m.index > from) {
          const s = text.slice(from, m.index);
          pieces.push({ type: 'text', raw: s, text: s } as KdToken);
        }
        pieces.push({
          type: 'kdAbbr',
          raw: m[0],
          text: m[0],
          title: defs.get(m[0]) ?? '',
        } as unknown as KdToken);
        from = m.index + m[0].length;
      }
      if (from < text.length) {
        const s = text.slice(from);
        pieces.push({ type: 'text', raw: s, text: s } as KdToken);
      }
      arr.splice(i, 1, ...pieces);
      i += pieces.length - 1;
    }
  });
}
