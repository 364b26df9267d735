import type { RendererExtension, TokenizerExtension } from 'marked';
import temml from 'temml';
import { escapeText } from '../escape.ts';
import { stateOf } from './state.ts';

/**
 * kramdown's math (kramdown 2.4, parser/kramdown/math.rb): `$$…$$` that is a block of its own
 * (after and before a blank line, or the start or end of the post) is display math; inside a
 * paragraph it is inline math. The TeX is never read as Markdown: the tokens take it whole
 * before marked sees `_`, `*`, `+` or `-` in it, and emphasis never pairs across it
 * (`maskMath`, marked's emStrongMask hook).
 *
 * It becomes MathML when the body is rendered, at build time, by Temml (pure JavaScript, no
 * DOM): the browser runs no math script, needs no web font or inline style (the CSP stays as
 * it is), and it works offline. TeX that does not parse is shown as code, as written, and
 * reported with its line (lexPost in src/shared/markdown.ts).
 */

const BLOCK_MATH = /^ {0,3}\$\$([\s\S]*?)\$\$[ \t]*(?:\n|$)/;
const INLINE_MATH = /^\$\$([\s\S]+?)\$\$/;

/** TeX as MathML, or undefined when it does not parse. */
function mathml(tex: string, display: boolean): { html: string } | { error: string } {
  try {
    return {
      html: temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false }),
    };
  } catch (e) {
    return { error: e instanceof Error ? e.message.trim() : String(e) };
  }
}

interface MathToken {
  type: 'kdMath' | 'kdMathBlock';
  raw: string;
  tex: string;
  html?: string;
}

function mathToken(
  lexer: object,
  type: MathToken['type'],
  raw: string,
  tex: string,
): MathToken & { [k: string]: unknown } {
  const r = mathml(tex, type === 'kdMathBlock');
  if ('html' in r) return { type, raw, tex, html: r.html };
  stateOf(lexer).mathErrors.push({ tex, message: r.error });
  return { type, raw, tex };
}

export const blockMathExtension: TokenizerExtension & RendererExtension = {
  name: 'kdMathBlock',
  level: 'block',
  tokenizer(src, tokens) {
    if (!src.startsWith('$$', src.search(/\S/))) return undefined;
    const m = BLOCK_MATH.exec(src);
    if (!m) return undefined;
    // After a block boundary (not the next line of a paragraph), before one.
    const prev = tokens.at(-1);
    if (prev && (prev.type === 'paragraph' || prev.type === 'text') && !prev.raw.endsWith('\n\n'))
      return undefined;
    const after = src.slice(m[0].length);
    if (after !== '' && !/^[ \t]*(?:\n|$)/.test(after)) return undefined;
    return mathToken(this.lexer, 'kdMathBlock', m[0], m[1]!.trim());
  },
  renderer(token) {
    const t = token as unknown as MathToken;
    return t.html
      ? `${t.html}\n`
      : `<pre><code class="language-latex">${escapeText(`$$${t.tex}$$`)}</code></pre>\n`;
  },
};

export const inlineMathExtension: TokenizerExtension & RendererExtension = {
  name: 'kdMath',
  level: 'inline',
  tokenizer(src) {
    const m = INLINE_MATH.exec(src);
    if (!m) return undefined;
    return mathToken(this.lexer, 'kdMath', m[0], m[1]!.trim());
  },
  renderer(token) {
    const t = token as unknown as MathToken;
    return t.html ?? `<code>${escapeText(`$$${t.tex}$$`)}</code>`;
  },
};

/**
 * marked's emStrongMask hook: `$$…$$` spans hidden from the emphasis rules (same length), so
 * a `*` or `_` inside math never opens or closes emphasis outside it.
 */
export function maskMath(src: string): string {
  if (!src.includes('$$')) return src;
  return src.replace(/\$\$[\s\S]+?\$\$/g, (m) => `$$${'a'.repeat(m.length - 4)}$$`);
}
