import { safeDecode } from './decode.ts';
import GithubSlugger, { slug as slugOnce } from 'github-slugger';

/** A heading as the id rule sees it: its plain text, and the id its author gave it, if any. */
export interface HeadingSource {
  text: string;
  /** kramdown's header id (`### Title {#my-id}`) or an attribute list's (`{: #my-id}`). */
  id?: string;
}

/**
 * What an author's heading id may be: kramdown's header id syntax (`[A-Za-z][\w:-]*`), at
 * most 200 characters, and never one of the app's own ids (`summit:…`) nor one the sanitiser
 * gives kramdown's other elements (`user-content-…`).
 */
const GIVEN_ID = /^[A-Za-z][\w:-]{0,199}$/;
const RESERVED = /^(?:summit:|user-content-)/i;

/** The author's id when it may be used as the heading's, else undefined. */
export function givenHeadingId(id: string | undefined): string | undefined {
  return id !== undefined && GIVEN_ID.test(id) && !RESERVED.test(id) ? id : undefined;
}

/**
 * The one rule for heading ids. A heading whose author gave it an id (kramdown's
 * `{#my-id}` or `{: #my-id}`) has that id, as on the Jekyll site, so old links to it keep
 * working; the first heading to claim an id keeps it, a later one is slugged. Every other
 * heading gets a GitHub-style slug (github-slugger: CJK kept, punctuation dropped, duplicates
 * get -1, -2), in document order, never one of the given ids. A heading with nothing sluggable
 * (emoji, punctuation) gets `section-N`. It is used by the build (outline, search index) and
 * by the browser (the catalog's derived ids, from texts alone), and needs no Markdown parser,
 * so the first load can use it without marked.
 */
export function headingIds(headings: readonly (string | HeadingSource)[]): string[] {
  const slugger = new GithubSlugger();
  const given = headings.map((h) => (typeof h === 'string' ? undefined : givenHeadingId(h.id)));
  // Given ids are taken first: a slug made before its heading never takes one.
  const taken = new Set<string>();
  const claims = given.map((id) => {
    if (id === undefined || taken.has(id)) return undefined;
    taken.add(id);
    // In any case: `#My-Id` and a slug `my-id` would be told apart only by case.
    slugger.occurrences[id] = 0;
    slugger.occurrences[id.toLowerCase()] = 0;
    return id;
  });
  return headings.map((h, i) => {
    const claimed = claims[i];
    if (claimed !== undefined) return claimed;
    const text = typeof h === 'string' ? h : h.text;
    // Check first: slugging '' would register it and make the next empty one "-1".
    return /^-*$/.test(slugOnce(text)) ? slugger.slug(`section-${i + 1}`) : slugger.slug(text);
  });
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
