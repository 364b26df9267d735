/** A problem found in a post: always names the file and the 1-based line. */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

/** One heading of a post, in document order. `id` is the rendered element id. */
export interface OutlineEntry {
  id: string;
  text: string;
  level: number;
  /** True when the heading sits at the post's session level (a talk). */
  session: boolean;
}

/** What the eager catalog knows about a post: everything but its body. */
export interface PostMeta {
  slug: string;
  title: string;
  /** ISO date, YYYY-MM-DD, or '' when unknown. */
  date: string;
  tags: string[];
  categories: string[];
  author?: string;
  lang?: string;
  /** Front matter `image` (or `image.path`): the post's picture in link previews and the feed. */
  image?: string;
  /** Front matter `permalink`: the post's own page pattern, over the site's (src/shared/routes.ts). */
  permalink?: string;
  /**
   * Front matter `hidden` (any value Ruby counts as true): left out of the library's pages when
   * the site paginates them, as jekyll-paginate leaves it out (src/shared/paginate.ts).
   */
  hidden?: true;
  excerpt: string;
  sessionLevel: number;
  outline: OutlineEntry[];
  readingMinutes: number;
  /** Problems the reader should show (unreadable front matter and the like). */
  problems: Problem[];
}

/** A post's body: its Markdown after the Jekyll conventions, and that Markdown as HTML parts. */
export interface PreparedBody {
  markdown: string;
  /** Unsanitised HTML (src/shared/body-parts.ts renderParts); the build sanitises it. */
  parts: string[];
}

/**
 * The lazily loaded body of one post (a JSON file, fetched when the post opens): its HTML,
 * made and sanitised at build time (src/build/sanitise.ts), in parts that end before headings.
 * Its headings carry the outline's ids (the catalog's), which travel only there.
 */
export interface PostBody {
  parts: string[];
}

/** A section of a post as the search index sees it: plain text, no Markdown. */
export interface SectionDoc {
  slug: string;
  /** Heading id, or '' for the text before the first heading. */
  sectionId: string;
  title: string;
  level: number;
  session: boolean;
  text: string;
  /** Names found in the section: bold spans, "Speaker:" lines, capitalised name pairs. */
  names: string[];
  postTitle: string;
  date: string;
  tags: string[];
}
