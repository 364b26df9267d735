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

/**
 * A post's body alone: its parts, marked as in its page. The build writes one for every post
 * (`assets/posts/<hash>.html`, named by its content, so no two builds share a name for
 * different bodies); the app fetches these, not whole pages, and the service worker precaches
 * them (each body is stored once in the precache; the pages stay on the host).
 */
export function partsFile(parts: readonly string[], nonce: string): string {
  let out = `<!doctype html><meta charset="utf-8" />${partsMeta(nonce)}`;
  for (const part of parts) out += partOpen(nonce) + part + partClose(nonce);
  return out;
}

/** The parts of the page `html`, in order; undefined when it holds none (not a post page). */
export function readParts(html: string): string[] | undefined {
  const head = `<meta name="${PARTS_META}" content="`;
  const at = html.indexOf(head);
  if (at < 0) return undefined;
  const nonce = html.slice(at + head.length, html.indexOf('"', at + head.length));
  if (!/^[0-9a-f]{8,}$/.test(nonce)) return undefined;
  const open = partOpen(nonce);
  const close = partClose(nonce);
  const parts: string[] = [];
  let from = html.indexOf(open, at);
  while (from >= 0) {
    const start = from + open.length;
    const end = html.indexOf(close, start);
    if (end < 0) return undefined;
    parts.push(html.slice(start, end));
    from = html.indexOf(open, end + close.length);
  }
  return parts;
}
