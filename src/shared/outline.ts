import type { Token, Tokens } from 'marked';
import { givenHeadingId, headingIds } from './ids.ts';
import { inlineText } from './markdown.ts';
import type { KdToken } from './kramdown/state.ts';
import type { OutlineEntry } from './types.ts';

/** Heading token with the id this module assigned to it. */
export type IdHeading = Tokens.Heading & { id: string };

/**
 * A heading token as the lexer leaves it: kramdown's header id (`### Title {#my-id}`, read by
 * src/shared/markdown.ts) and an attribute list's attributes (`{: #my-id}`).
 */
export type LexedHeading = Tokens.Heading & Pick<KdToken, 'kdAttrs'> & { kdHeaderId?: string };

/** Visits every heading in document order, including those nested in lists and quotes. */
function eachHeading(tokens: Token[], visit: (h: Tokens.Heading) => void): void {
  for (const t of tokens) {
    if (t.type === 'heading') visit(t as Tokens.Heading);
    else if (t.type === 'list')
      for (const item of (t as Tokens.List).items) eachHeading(item.tokens, visit);
    else if ('tokens' in t && t.tokens && t.type !== 'paragraph' && t.type !== 'text')
      eachHeading(t.tokens, visit);
  }
}

/**
 * Gives every heading token its id, by the one id rule (`headingIds`, src/shared/ids.ts): the
 * id its author gave it (an attribute list's `{: #id}` over a header id `{#id}`, as kramdown
 * applies them), else a GitHub-style slug of its text. Returns them in document order. The
 * build uses it for the catalog outline, the search index and the rendered page.
 */
export function assignHeadingIds(tokens: Token[]): IdHeading[] {
  const out: IdHeading[] = [];
  eachHeading(tokens, (h) => out.push(h as IdHeading));
  const ids = headingIds(
    out.map((h) => ({
      text: inlineText(h.tokens).trim(),
      id: givenHeadingId((h as LexedHeading).kdAttrs?.id) ?? (h as LexedHeading).kdHeaderId,
    })),
  );
  out.forEach((h, i) => (h.id = ids[i]!));
  return out;
}

/**
 * The session (talk) level: the heading level with the most headings, the shallower one on
 * a tie, unless front matter names one. 0 when the post has no headings.
 */
export function detectSessionLevel(levels: number[], override?: unknown): number {
  const forced = typeof override === 'string' ? Number(override) : override;
  if (typeof forced === 'number' && Number.isInteger(forced) && forced >= 1 && forced <= 6) {
    return forced;
  }
  const counts = new Map<number, number>();
  for (const l of levels) counts.set(l, (counts.get(l) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [level, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (count > bestCount) {
      best = level;
      bestCount = count;
    }
  }
  return best;
}

export function buildOutline(headings: IdHeading[], sessionLevel: number): OutlineEntry[] {
  return headings.map((h) => ({
    id: h.id,
    text: inlineText(h.tokens).trim() || h.id,
    level: h.depth,
    session: h.depth === sessionLevel,
  }));
}
