export interface FileNameInfo {
  /** File name without its extension: the post's route slug. */
  slug: string;
  /** YYYY-MM-DD from the file-name prefix, or '' when there is none. */
  date: string;
  /** Title derived the Jekyll way from the rest of the name. */
  title: string;
}

export const POST_EXTENSIONS = ['.md', '.markdown'] as const;

export function isPostFile(name: string): boolean {
  const lower = name.toLowerCase();
  return !name.startsWith('.') && POST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

const DATED = /^(\d{4})-(\d{2})-(\d{2})-(.*)$/;

/**
 * Jekyll's file-name rules: `YYYY-MM-DD-title-words.md`. The title splits the rest on `-`
 * and upper-cases each word's first letter; unlike Jekyll 4 it keeps the rest as written.
 */
export function parseFileName(name: string): FileNameInfo {
  const base = name.replace(/\.(md|markdown)$/i, '');
  const m = DATED.exec(base);
  const rest = m ? m[4]! : base;
  const title = rest
    .split('-')
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return { slug: base, date: m ? `${m[1]}-${m[2]}-${m[3]}` : '', title };
}
