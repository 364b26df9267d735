import type { Token, Tokens } from 'marked';
import { inlineText } from './markdown.ts';
import { stripTags } from './strip-tags.ts';

/** Plain text of block tokens, one block a line: what the search index stores. */
export function blockText(tokens: Token[]): string {
  const parts: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'hr':
        break;
      case 'code':
        parts.push((t as Tokens.Code).text);
        break;
      case 'html':
        parts.push(stripTags(t.text, ' ').trim());
        break;
      case 'list':
        for (const item of (t as Tokens.List).items) parts.push(blockText(item.tokens));
        break;
      case 'table': {
        const table = t as Tokens.Table;
        parts.push(table.header.map((c) => inlineText(c.tokens)).join(' '));
        for (const row of table.rows) parts.push(row.map((c) => inlineText(c.tokens)).join(' '));
        break;
      }
      case 'blockquote':
        parts.push(blockText((t as Tokens.Blockquote).tokens));
        break;
      case 'heading':
      case 'paragraph':
      case 'text':
        parts.push('tokens' in t && t.tokens ? inlineText(t.tokens) : String(t.text ?? ''));
        break;
      default:
        if ('tokens' in t && t.tokens) parts.push(blockText(t.tokens));
        else if ('text' in t && typeof t.text === 'string') parts.push(t.text);
    }
  }
  return parts.filter((p) => p.length > 0).join('\n');
}

/** Bold spans, anywhere in the tokens: often speaker names in conference notes. */
export function strongTexts(tokens: Token[], out: string[] = []): string[] {
  for (const t of tokens) {
    if (t.type === 'strong') out.push(inlineText((t as Tokens.Strong).tokens).trim());
    if (t.type === 'list')
      for (const item of (t as Tokens.List).items) strongTexts(item.tokens, out);
    else if ('tokens' in t && t.tokens) strongTexts(t.tokens, out);
  }
  return out;
}

const SPEAKER_LINE = /^(?:speakers?|authors?|presenters?|by|讲师|演讲者|作者)\s*[:：]\s*(.+)$/gim;
const NAME_PAIR = /\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}\b/g;

/** Names in a section: bold spans, "Speaker:" lines and capitalised name pairs. */
export function extractNames(tokens: Token[], text: string): string[] {
  const names = new Set<string>();
  for (const s of strongTexts(tokens)) if (s.length > 0 && s.length <= 80) names.add(s);
  for (const m of text.matchAll(SPEAKER_LINE)) {
    for (const n of m[1]!.split(/[,，、;；&]| and /)) if (n.trim()) names.add(n.trim());
  }
  for (const m of text.matchAll(NAME_PAIR)) names.add(m[0]);
  return [...names];
}
