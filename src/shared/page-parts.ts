import { CannotInflate, storedText } from './stored-text.ts';

/**
 * A post's body in a page (issue 12): the page holds the sanitised parts, each between two
 * comments that carry a nonce. The app, moving to another post without a reload, fetches that
 * post's body file (`partsFile`, the same markers) and cuts the parts out of it (`readParts`):
 * no parse of the page. The nonce is in the page's head
 * (`<meta name="summit:parts">`), before any post content; post content cannot carry it,
 * since the build drops every comment from posts and cannot be guessed.
 */
export const PARTS_META = 'summit:parts';

export const partOpen = (nonce: string) => `<!--summit-part:${nonce}-->`;
export const partClose = (nonce: string) => `<!--/summit-part:${nonce}-->`;

export function partsMeta(nonce: string): string {
  return `<meta name="${PARTS_META}" content="${nonce}" />`;
}

/** The end of a body file: a file without it was cut short (between two parts, say). */
export const partsEnd = (nonce: string) => `<!--/summit-parts:${nonce}-->`;

/**
 * A body file is stored gzip-compressed (`assets/posts/<hash>.htmlz`), as the search index is
 * (src/shared/search-types.ts GZIP_EXT): an extension no host knows, so none labels it
 * `Content-Encoding: gzip` or compresses it again, and the precache holds a fraction of the
 * bytes. The app inflates it (readBodyFile); one a host inflated on the way is read as it is.
 */
export const BODY_EXT = '.htmlz';

/**
 * A post's body alone: its parts, marked as in its page, and an end marker. The build writes
 * one for every post (`assets/posts/<hash>.htmlz`, gzip; named by its content, so no two
 * builds share a name for different bodies); the app fetches these, not whole pages, and the
 * service worker precaches them (each body is stored once in the precache; the pages stay on
 * the host).
 */
export function partsFile(parts: readonly string[], nonce: string): string {
  let out = `<!doctype html><meta charset="utf-8" />${partsMeta(nonce)}`;
  for (const part of parts) out += partOpen(nonce) + part + partClose(nonce);
  return out + partsEnd(nonce);
}

/**
 * The parts of the page `html`, in order; undefined when it holds none (not a post page), or,
 * with `whole` (a body file, partsFile), when its end marker is missing.
 */
export function readParts(html: string, whole = false): string[] | undefined {
  const head = `<meta name="${PARTS_META}" content="`;
  const at = html.indexOf(head);
  if (at < 0) return undefined;
  const nonce = html.slice(at + head.length, html.indexOf('"', at + head.length));
  if (!/^[0-9a-f]{8,}$/.test(nonce)) return undefined;
  const open = partOpen(nonce);
  const close = partClose(nonce);
  const parts: string[] = [];
  let from = html.indexOf(open, at);
  let last = at;
  while (from >= 0) {
    const start = from + open.length;
    const end = html.indexOf(close, start);
    if (end < 0) return undefined;
    parts.push(html.slice(start, end));
    last = end + close.length;
    from = html.indexOf(open, last);
  }
  if (whole && !html.startsWith(partsEnd(nonce), last)) return undefined;
  return parts;
}

/** A body file that cannot be read: cut short, corrupt, or not a body file. */
export class BodyFileError extends Error {}

/**
 * The parts in a body file's bytes (partsFile): inflated first when they are gzip (as stored),
 * read as they are when a host already inflated them (src/shared/stored-text.ts). Throws a
 * BodyFileError naming `url` when the file is cut short or corrupt.
 */
export async function readBodyFile(bytes: Uint8Array, url: string): Promise<string[]> {
  let text: string;
  try {
    text = await storedText(bytes);
  } catch (e) {
    throw new BodyFileError(
      e instanceof CannotInflate
        ? `this browser cannot read the post's body file ${url} (no DecompressionStream)`
        : `the post's body file is cut short or corrupt (gzip): ${url}`,
    );
  }
  const parts = readParts(text, true);
  if (!parts) throw new BodyFileError(`the post's body file is cut short or corrupt: ${url}`);
  return parts;
}
