import type { SectionDoc } from '../shared/types.ts';

/** One post, shared by all of its sections: `[slug, title, date, tags]`. */
export type PostRow = [slug: string, title: string, date: string, tags: string[]];

/** One section: `[post (index into posts), sectionId, title, session (0|1), text, names]`. */
export type DocRow = [
  post: number,
  sectionId: string,
  title: string,
  session: 0 | 1,
  text: string,
  names: string[],
];

/**
 * What `virtual:summit/search-index` exports as `index`. Compact rows (no repeated keys, the
 * post fields once per post) keep the lazy chunk small. Derived structures (lower-cased text,
 * bigram postings) are rebuilt in the search worker: shipping them would more than double the
 * chunk and save only a few hundred milliseconds off the main thread (see scripts/bench-search.mjs).
 */
export interface SearchIndexData {
  v: 1;
  posts: PostRow[];
  docs: DocRow[];
}

/** Collapses runs of blank lines and trailing spaces: the text stays readable in excerpts. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * Build-time step of search: turns the sections of every post into what the browser loads
 * lazily as `virtual:summit/search-index` (`export const index = …`). JSON-serialisable.
 */
export function buildSearchIndex(docs: SectionDoc[]): SearchIndexData {
  const posts: PostRow[] = [];
  const postIndex = new Map<string, number>();
  const rows: DocRow[] = [];
  for (const d of docs) {
    let p = postIndex.get(d.slug);
    if (p === undefined) {
      p = posts.length;
      postIndex.set(d.slug, p);
      posts.push([d.slug, d.postTitle, d.date, [...d.tags]]);
    }
    rows.push([p, d.sectionId, d.title, d.session ? 1 : 0, tidy(d.text), [...d.names]]);
  }
  return { v: 1, posts, docs: rows };
}
