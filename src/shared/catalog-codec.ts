import { headingIds } from './ids.ts';
import type { OutlineEntry, PostMeta, Problem } from './types.ts';

/**
 * The eager catalog's serialised form. The catalog is in the first load, so it must stay small
 * at 1,000 posts (issue 6: ≤ 200 bytes gzip a post). The build writes each PostMeta as a tuple
 * and the browser expands it back (src/state/catalog.ts); every consumer sees plain PostMeta.
 *
 * What is left out because it can be derived exactly:
 * - heading ids: made again from the heading texts by the one id function
 *   (`headingIds`, src/shared/ids.ts). An id that does not come out the same (a
 *   heading whose text is empty) is written out;
 * - `session`: it is `level === sessionLevel`;
 * - the level of talks (headings at the session level): a talk is just its text;
 * - the date, when it is the slug's YYYY-MM-DD prefix;
 * - `author`, `lang`, `permalink`, `hidden` and `problems` when absent or empty.
 */
export type CompactHeading = string | [level: number, text: string] | [number, string, string];

export type CompactPost = [
  slug: string,
  title: string,
  /** 0 when the date is the slug's first ten characters. */
  date: string | 0,
  tags: string[],
  categories: string[],
  excerpt: string,
  sessionLevel: number,
  readingMinutes: number,
  outline: CompactHeading[],
  rest?: {
    author?: string;
    lang?: string;
    permalink?: string;
    hidden?: 1;
    problems?: Problem[];
  },
];

export function encodePost(meta: PostMeta): CompactPost {
  const derived = headingIds(meta.outline.map((e) => e.text));
  const outline = meta.outline.map((e, i): CompactHeading => {
    if (e.id !== derived[i]) return [e.level, e.text, e.id];
    return e.level === meta.sessionLevel ? e.text : [e.level, e.text];
  });
  const rest: NonNullable<CompactPost[9]> = {};
  if (meta.author !== undefined) rest.author = meta.author;
  if (meta.lang !== undefined) rest.lang = meta.lang;
  if (meta.permalink !== undefined) rest.permalink = meta.permalink;
  if (meta.hidden) rest.hidden = 1;
  if (meta.problems.length) rest.problems = meta.problems;
  const post: CompactPost = [
    meta.slug,
    meta.title,
    meta.date !== '' && meta.date === meta.slug.slice(0, 10) ? 0 : meta.date,
    meta.tags,
    meta.categories,
    meta.excerpt,
    meta.sessionLevel,
    meta.readingMinutes,
    outline,
  ];
  if (Object.keys(rest).length) post.push(rest);
  return post;
}

export function decodePost(post: CompactPost): PostMeta {
  const [slug, title, date, tags, categories, excerpt, sessionLevel, readingMinutes, compact] =
    post;
  const rest = post[9] ?? {};
  let outline: OutlineEntry[] | undefined;
  const meta = {
    slug,
    title,
    date: date === 0 ? slug.slice(0, 10) : date,
    tags,
    categories,
    excerpt,
    sessionLevel,
    // Made when first read (a post opened, a card shown): start-up does not slug every heading.
    get outline(): OutlineEntry[] {
      return (outline ??= expandOutline(compact, sessionLevel));
    },
    readingMinutes,
    problems: rest.problems ?? [],
  } as PostMeta;
  if (rest.author !== undefined) meta.author = rest.author;
  if (rest.lang !== undefined) meta.lang = rest.lang;
  if (rest.permalink !== undefined) meta.permalink = rest.permalink;
  if (rest.hidden) meta.hidden = true;
  return meta;
}

function expandOutline(compact: CompactHeading[], sessionLevel: number): OutlineEntry[] {
  const headings = compact.map((h) => (typeof h === 'string' ? [sessionLevel, h] : h));
  const derived = headingIds(headings.map((h) => h[1] as string));
  return headings.map(([level, text, id], i): OutlineEntry => ({
    id: (id as string | undefined) ?? derived[i]!,
    text: text as string,
    level: level as number,
    session: level === sessionLevel,
  }));
}

export const encodeCatalog = (posts: readonly PostMeta[]): CompactPost[] => posts.map(encodePost);

export const decodeCatalog = (posts: readonly CompactPost[]): PostMeta[] => posts.map(decodePost);
