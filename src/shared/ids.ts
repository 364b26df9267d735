import { safeDecode } from './decode.ts';
import GithubSlugger, { slug as slugOnce } from 'github-slugger';

/**
 * The one rule for heading ids: GitHub-style slugs (github-slugger: CJK kept, punctuation
 * dropped, duplicates get -1, -2), in document order. A heading with nothing sluggable (emoji,
 * punctuation) gets `section-N`. It is used by the build (outline, search index) and by the
 * browser (rendered ids, the catalog's derived ids), and needs no Markdown parser, so the
 * first load can use it without marked.
 */
export function headingIds(texts: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  return texts.map((text, i) =>
    // Check first: slugging '' would register it and make the next empty one "-1".
    /^-*$/.test(slugOnce(text)) ? slugger.slug(`section-${i + 1}`) : slugger.slug(text),
  );
}

/**
 * Finds the heading an in-post link `#fragment` means: the exact id, then the same id in
 * another case (`#Talks` → `talks`), then the fragment slugged like a heading.
 */
export function resolveAnchor(fragment: string, ids: readonly string[]): string | undefined {
  const f = safeDecode(fragment);
  if (ids.includes(f)) return f;
  const lower = f.toLowerCase();
  const byCase = ids.find((id) => id.toLowerCase() === lower);
  if (byCase) return byCase;
  const slugged = slugOnce(f);
  return ids.find((id) => id === slugged);
}
