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

/**
 * The end of a raw deflate stream: an empty final block (fixed codes, end-of-block at once).
 * Records compressed each on its own and ended by a full flush instead (no final block) can be
 * joined in any order and read as one stream once these two bytes close it.
 */
export const DEFLATE_END = Uint8Array.of(0x03, 0x00);

/**
 * The text of raw-deflate records (each from a fresh compressor, ended by a full flush), joined
 * and inflated in one stream: one `DecompressionStream` for any number of them. Throws
 * CannotInflate without one that reads `deflate-raw`; rejects on corrupt bytes.
 */
export async function inflateRecords(records: readonly Uint8Array[]): Promise<string> {
  let stream: DecompressionStream;
  try {
    stream = new DecompressionStream('deflate-raw');
  } catch {
    throw new CannotInflate('no DecompressionStream for deflate-raw');
  }
  const joined = new Blob([...records, DEFLATE_END] as Uint8Array<ArrayBuffer>[]);
  return new Response(joined.stream().pipeThrough(stream)).text();
}
