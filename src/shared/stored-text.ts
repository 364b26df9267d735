/**
 * Files stored gzip-compressed at rest (the search index's `.jsonz`, the body files' `.htmlz`):
 * an extension no host knows, so none labels them `Content-Encoding: gzip` or compresses them
 * again, and the precache holds their gzip bytes. The browser's own `DecompressionStream`
 * inflates them; bytes a host already inflated on the way (no gzip header) are read as they are.
 */

/** The browser has no `DecompressionStream`: a stored file cannot be read. */
export class CannotInflate extends Error {}

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * The text of a stored file's bytes, inflated when they are gzip. Throws CannotInflate without
 * `DecompressionStream`; rejects when gzip bytes are cut short or corrupt.
 */
export async function storedText(bytes: Uint8Array): Promise<string> {
  if (!isGzip(bytes)) return new TextDecoder().decode(bytes);
  if (typeof DecompressionStream === 'undefined') throw new CannotInflate('no DecompressionStream');
  const inflated = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(inflated).text();
}
