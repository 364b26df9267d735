import { renderParts } from './body-parts.ts';
import { lex } from './markdown.ts';
import { assignHeadingIds, type IdHeading } from './outline.ts';

/** Markdown to HTML (unsanitised) with the outline's heading ids written straight in: for tests. */
export function markdownToHtml(markdown: string): { html: string; headings: IdHeading[] } {
  const tokens = lex(markdown);
  const headings = assignHeadingIds(tokens);
  return { html: renderParts(tokens, (h) => h.id).parts.join(''), headings };
}
