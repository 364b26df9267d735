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
  excerpt: string;
  sessionLevel: number;
  outline: OutlineEntry[];
  readingMinutes: number;
  /** Problems the reader should show (unreadable front matter and the like). */
  problems: Problem[];
}

/** A post's body after the Jekyll conventions (Liquid, kramdown) are applied: Markdown. */
export interface PreparedBody {
  markdown: string;
}

/**
 * The lazily loaded body of one post (its chunk): the HTML made at build time from the
 * prepared Markdown (src/shared/html.ts), in parts that end before headings, NOT sanitised
 * yet (the browser sanitises it before it reaches the page: src/render), and its heading ids
 * in order (those of the outline).
 */
export interface PostBody {
  parts: string[];
  ids: string[];
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
