// Replies to byte-range requests (RFC 9110 §14): what a static host sent back for a `Range`
// header, as the pieces of the file it holds. Pure: no DOM, no `node:`. Hand-written (about 50
// lines): the npm packages that parse multipart bodies read `multipart/form-data`, not
// `multipart/byteranges`, whose parts are found by their `Content-Range` lengths.

/** Some bytes of a file, from its byte `start` on. */
export interface Piece {
  start: number;
  bytes: Uint8Array;
}

/** The `Range` header asking for these half-open byte spans `[start, end)`. */
export function rangeHeader(spans: readonly (readonly [number, number])[]): string {
  return `bytes=${spans.map(([a, b]) => `${a}-${b - 1}`).join(',')}`;
}

const CONTENT_RANGE = /^\s*bytes\s+(\d+)-(\d+)\/(?:\d+|\*)\s*$/i;

/**
 * What a reply holds of the file: the whole of it (200), its one range (a 206 with a
 * `Content-Range`), or every part of a `multipart/byteranges` 206 (each with its own
 * `Content-Range`). Undefined for any other reply, or one that does not parse: a caller then
 * fetches the same bytes another way, never reads a guess.
 */
export function replyPieces(
  status: number,
  contentType: string | null,
  contentRange: string | null,
  body: Uint8Array,
): Piece[] | undefined {
  if (status === 200) return [{ start: 0, bytes: body }];
  if (status !== 206) return undefined;
  const boundary = /^\s*multipart\/byteranges\s*;.*?\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(
    contentType ?? '',
  );
  if (!boundary) {
    const r = CONTENT_RANGE.exec(contentRange ?? '');
    if (!r || Number(r[2]) - Number(r[1]) + 1 !== body.length) return undefined;
    return [{ start: Number(r[1]), bytes: body }];
  }
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  // One UTF-16 unit per byte (windows-1252 maps every byte to one), so offsets are the bytes'.
  const text = new TextDecoder('latin1').decode(body);
  const pieces: Piece[] = [];
  for (let at = text.indexOf(delimiter); at >= 0;) {
    at += delimiter.length;
    if (text.startsWith('--', at)) return pieces;
    const head = text.indexOf('\r\n\r\n', at);
    if (head < 0) return undefined;
    const range = /^content-range:(.*)$/im.exec(text.slice(at, head));
    const r = range ? CONTENT_RANGE.exec(range[1]!) : null;
    if (!r) return undefined;
    const start = Number(r[1]);
    const end = head + 4 + (Number(r[2]) - start + 1);
    if (end > body.length) return undefined;
    pieces.push({ start, bytes: body.subarray(head + 4, end) });
    at = text.indexOf(delimiter, end);
  }
  return undefined;
}

/** The bytes `[start, end)` of the file, if one of the pieces holds all of them. */
export function bytesOf(pieces: readonly Piece[], start: number, end: number) {
  for (const p of pieces)
    if (p.start <= start && p.start + p.bytes.length >= end)
      return p.bytes.subarray(start - p.start, end - p.start);
  return undefined;
}
