import { openSync, readdirSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { isPostFile } from '../shared/jekyll/filename.ts';

/** How much of each post is read, and how many posts at most: enough to tell the language. */
const HEAD_BYTES = 16 * 1024;
const MAX_FILES = 200;

function head(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The language of a folder of posts with no site config: the `lang` most of its posts give in
 * their front matter, or else their text's (mostly CJK → `zh`, otherwise `en`).
 */
export function guessPostsLang(dir: string): string {
  // A missing folder, or a POSTS_DIR that is a file (read-posts.ts says so): no posts to ask.
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return 'en';
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && isPostFile(d.name))
    .slice(0, MAX_FILES);
  const declared = new Map<string, number>();
  let cjk = 0;
  let latin = 0;
  for (const f of files) {
    let text: string;
    try {
      text = head(path.join(dir, f.name));
    } catch {
      continue;
    }
    const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    const lang = fm && /^lang[ \t]*:[ \t]*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)/m.exec(fm[1]!);
    if (lang) declared.set(lang[1]!, (declared.get(lang[1]!) ?? 0) + 1);
    const body = fm ? text.slice(fm[0].length) : text;
    for (const ch of body) {
      const c = ch.codePointAt(0)!;
      if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) cjk++;
      else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    }
  }
  const best = [...declared].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0].replace('_', '-');
  // A CJK character carries about a word; a Latin word has about five letters.
  return cjk > latin / 5 ? 'zh' : 'en';
}
