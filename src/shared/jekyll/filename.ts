export interface FileNameInfo {
  /** File name without its extension: the post's route slug. */
  slug: string;
  /** YYYY-MM-DD from the file-name prefix, or '' when there is none. */
  date: string;
  /** Title derived the Jekyll way from the rest of the name. */
  title: string;
}

/** The extensions of post files: the one rule for what is a post and what its slug is. */
export const POST_EXTENSION = /\.(?:md|markdown)$/i;

export function isPostFile(name: string): boolean {
  return !name.startsWith('.') && POST_EXTENSION.test(name);
}

const DATED = /^(\d{4})-(\d{2})-(\d{2})-(.*)$/;

/**
 * Jekyll's file-name rules: `YYYY-MM-DD-title-words.md`. The title splits the rest on `-`
 * and upper-cases each word's first letter; unlike Jekyll 4 it keeps the rest as written.
 */
export function parseFileName(name: string): FileNameInfo {
  const base = name.replace(POST_EXTENSION, '');
  const m = DATED.exec(base);
  const rest = m ? m[4]! : base;
  const title = rest
    .split('-')
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return { slug: base, date: m ? `${m[1]}-${m[2]}-${m[3]}` : '', title };
}
