import { Lexer, type Token, type Tokens, type TokensList } from 'marked';
import { stripTags } from './strip-tags.ts';

/** marked's lexer with the options every part of the app uses (GFM). */
export function lex(markdown: string): TokensList {
  return new Lexer({ gfm: true }).lex(markdown);
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
