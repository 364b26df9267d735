import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isPostFile, parseFileName } from '../shared/jekyll/filename.ts';
import { analysePost, type AnalysedPost } from '../shared/post.ts';
import { DEFAULT_SITE, type SiteConfig } from '../shared/jekyll/site.ts';
import type { Problem } from '../shared/types.ts';
import { createLiquidRenderer } from './liquid.ts';

export interface LoadedPost extends AnalysedPost {
  file: string;
  key: string;
}

/** A post read but deliberately not listed (not a problem): `published: false`. */
export interface SkippedPost {
  file: string;
  reason: string;
}

export interface LoadedPosts {
  posts: LoadedPost[];
  problems: Problem[];
  skipped: SkippedPost[];
}

/** A post file found in a folder: its path as bytes (the name may not be UTF-8) and as text. */
interface PostFile {
  /** The path to open: bytes, so a name that is not UTF-8 still opens. */
  open: Buffer;
  /** The path as shown (relative to the working folder), and the name as the reader uses it. */
  shown: string;
  name: string;
  /** Problems with the name or the link, reported in the file's turn. */
  problems: Problem[];
  /** False for a link that leads nowhere: reported, not read. */
  readable: boolean;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The name as text: UTF-8, else Latin-1 (every byte is a character), and whether it was UTF-8. */
function decodeName(bytes: Buffer): { name: string; utf8: boolean } {
  try {
    return { name: strictUtf8.decode(bytes), utf8: true };
  } catch {
    return { name: bytes.toString('latin1'), utf8: false };
  }
}

const shownPath = (p: string) => path.relative(process.cwd(), p) || p;

/**
 * The post files of one folder (not its sub-folders), by name. Follows symbolic links; a link
 * loop, a dangling link, a name that is not UTF-8 and a folder that cannot be read are reported.
 * `required`: a missing folder is a problem (the posts folder), not an absent `_drafts`.
 */
function listPostFiles(dir: string, problems: Problem[], required: boolean): PostFile[] {
  let entries: Buffer[];
  try {
    const stat = statSync(dir);
    if (!stat.isDirectory()) {
      problems.push({
        file: shownPath(dir),
        line: 0,
        message: 'is a file, not a folder of posts; no posts read from it',
      });
      return [];
    }
    entries = readdirSync(dir, { encoding: 'buffer' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A missing `_drafts` (or one inside a POSTS_DIR that is a file) is no problem.
    if (code === 'ENOENT' || (code === 'ENOTDIR' && !required)) {
      if (required)
        problems.push({ file: shownPath(dir), line: 0, message: 'posts folder not found' });
    } else {
      problems.push({
        file: shownPath(dir),
        line: 0,
        message: `the posts folder cannot be read (${code ?? (e as Error).message}); no posts read from it`,
      });
    }
    return [];
  }
  const prefix = Buffer.from(dir.endsWith(path.sep) ? dir : dir + path.sep);
  const files: PostFile[] = [];
  for (const bytes of entries) {
    const { name, utf8 } = decodeName(bytes);
    if (!isPostFile(name)) continue;
    const open = Buffer.concat([prefix, bytes]);
    const shown = shownPath(path.join(dir, name));
    let isFile: boolean;
    try {
      isFile = statSync(open).isFile();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      let message = `cannot be read (${code ?? (e as Error).message}); left out`;
      if (code === 'ELOOP') message = 'is a symbolic link loop; left out';
      else if (code === 'ENOENT' && lstatSync(open, { throwIfNoEntry: false })?.isSymbolicLink())
        message = `is a symbolic link to ${readlinkSync(open, 'utf8')}, which does not exist; left out`;
      files.push({
        open,
        shown,
        name,
        problems: [{ file: shown, line: 0, message }],
        readable: false,
      });
      continue;
    }
    // A folder named like a post (or a link to one) is a sub-folder: ignored.
    if (!isFile) continue;
    const own: Problem[] = [];
    if (!utf8) {
      const bad = [...bytes].find((b) => b >= 0x80) ?? 0;
      own.push({
        file: shown,
        line: 0,
        message: `the file name is not UTF-8 (byte 0x${bad.toString(16).toUpperCase()}); read as Latin-1: "${name}"`,
      });
    }
    files.push({ open, shown, name, problems: own, readable: true });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Past this many bytes of posts read, the garbage of reading them is collected at once. */
const COLLECT_AFTER_BYTES = 8 * 1024 * 1024;

/**
 * A full garbage collection. Reading a 20 MB post leaves a few hundred MB of garbage (marked's
 * tokens, copies of the text); collected lazily, it had grown the heap that the rest of the
 * build (bundling, the prerender, the PWA manifest) then added to: 1.0 GB peak RSS, 0.78 GB
 * with this collection (`npm run bench:scale`). Never fails the build.
 */
export function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // Without it the build only uses more memory.
  }
}

/** 1-based line of the first byte sequence that is not UTF-8, or 0 when the file is UTF-8. */
export function firstNonUtf8Line(bytes: Uint8Array): number {
  try {
    strictUtf8.decode(bytes);
    return 0;
  } catch {
    let line = 1;
    let start = 0;
    while (start <= bytes.length) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      try {
        strictUtf8.decode(bytes.subarray(start, end));
      } catch {
        return line;
      }
      line++;
      start = end + 1;
    }
    return 1;
  }
}

/**
 * Reads a folder of posts once. Never throws, for a bad post or a bad folder: problems come
 * back with the posts (file and line), and posts deliberately left out (`published: false`)
 * are listed as skipped.
 */
export function loadPosts(
  dir: string,
  drafts = false,
  site: SiteConfig = DEFAULT_SITE,
): LoadedPosts {
  const liquid = createLiquidRenderer({ site, postsDir: dir });
  const problems: Problem[] = [];
  const skipped: SkippedPost[] = [];
  const files = listPostFiles(dir, problems, true);
  if (drafts) {
    files.push(...listPostFiles(path.join(dir, '_drafts'), problems, false));
    if (path.basename(dir) === '_posts')
      files.push(...listPostFiles(path.join(dir, '..', '_drafts'), problems, false));
  }
  const posts: LoadedPost[] = [];
  /** Slug → the file that has it. */
  const seen = new Map<string, string>();
  let bytesRead = 0;
  for (const { open, shown: rel, name, problems: own, readable } of files) {
    problems.push(...own);
    if (!readable) continue;
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(open);
    } catch (e) {
      problems.push({ file: rel, line: 0, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    bytesRead += bytes.length;
    // A binary file gets one warning (NUL bytes), not another for its bytes that are not UTF-8.
    const binary = bytes.includes(0);
    const badLine = binary ? 0 : firstNonUtf8Line(bytes);
    const source = bytes.toString('utf8');
    // The bytes are not needed any more: a 20 MB post should not be held twice.
    bytes = undefined;
    let post: AnalysedPost;
    try {
      post = analysePost(name, source, { liquid });
    } catch (e) {
      problems.push({
        file: rel,
        line: 1,
        message: `cannot be read, left out: ${(e as Error).message}`,
      });
      continue;
    }
    if (badLine > 0) {
      post.problems.unshift({
        file: rel,
        line: badLine,
        message: 'the file is not valid UTF-8; unreadable bytes are shown as \uFFFD',
      });
    }
    for (const p of post.problems) problems.push({ ...p, file: rel });
    if (!post.published) {
      skipped.push({ file: rel, reason: 'published: false' });
      continue;
    }
    // A file name date Jekyll cannot read (2015-13-45) stops Jekyll's build; analysePost
    // warned about it, and the post is left out.
    if (!post.meta.date && parseFileName(name).date) continue;
    const kept = seen.get(post.meta.slug);
    if (kept !== undefined) {
      problems.push({
        file: rel,
        line: 1,
        message: `${path.basename(kept)} and ${path.basename(rel)} have the same slug "${post.meta.slug}": ${path.basename(kept)} is kept, this one is left out`,
      });
      continue;
    }
    seen.set(post.meta.slug, rel);
    if (!post.meta.date) {
      // Drafts have no date in their name: Jekyll dates them by modification time.
      const mtime = statSync(open).mtime.toISOString();
      post.meta.date = mtime.slice(0, 10);
      post.sortKey = mtime;
    }
    const key = `post-${createHash('sha1').update(post.meta.slug).digest('hex').slice(0, 10)}`;
    posts.push({ ...post, file: rel, key });
  }
  if (bytesRead > COLLECT_AFTER_BYTES) collectGarbage();
  // Newest first, as Jekyll's `site.posts` (its Document#<=> reversed): by date, then by path,
  // byte for byte as Ruby compares strings, so of two posts of one day the later name comes
  // first (the order jekyll-paginate's pages and `site.posts` in Liquid list them in).
  posts.sort((a, b) =>
    a.sortKey < b.sortKey
      ? 1
      : a.sortKey > b.sortKey
        ? -1
        : Buffer.compare(Buffer.from(b.file), Buffer.from(a.file)),
  );
  return { posts, problems, skipped };
}
