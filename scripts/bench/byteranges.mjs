// A static host's answer to a `Range` request, for the servers of the tests and benchmarks
// (Node): as nginx answers (`multi`: one range as a 206, several in one multipart/byteranges
// reply), as hosts that read the first range only (`first`), or as hosts that ignore ranges and
// send the whole file (`none`: undefined, the caller sends a 200).

/** @typedef {'multi' | 'first' | 'none'} RangeMode */
/** @typedef {{ status: number, headers: Record<string, string>, body: Buffer }} RangeReply */

export const BOUNDARY = 'summit-ranges';

/**
 * @param {Buffer} raw the whole file
 * @param {string | undefined} header the request's Range header
 * @param {string} type the file's Content-Type
 * @param {RangeMode} [mode]
 * @returns {RangeReply | undefined}
 */
export function rangeReply(raw, header, type, mode = 'multi') {
  const spec = /^bytes=(.+)$/.exec(header ?? '');
  if (!spec || mode === 'none') return undefined;
  /** @type {[number, number][]} */
  const spans = [];
  for (const part of (spec[1] ?? '').split(',')) {
    const r = /^\s*(\d*)-(\d*)\s*$/.exec(part);
    if (!r || (r[1] === '' && r[2] === '')) return undefined;
    const a = r[1] === '' ? Math.max(0, raw.length - Number(r[2])) : Number(r[1]);
    const b = r[1] === '' || r[2] === '' ? raw.length - 1 : Math.min(Number(r[2]), raw.length - 1);
    if (a <= b) spans.push([a, b]);
    if (mode === 'first') break;
  }
  if (!spans.length)
    return {
      status: 416,
      headers: { 'Content-Range': `bytes */${raw.length}` },
      body: Buffer.alloc(0),
    };
  if (spans.length === 1) {
    const [[a, b]] = /** @type {[[number, number]]} */ (spans);
    return {
      status: 206,
      headers: { 'Content-Type': type, 'Content-Range': `bytes ${a}-${b}/${raw.length}` },
      body: raw.subarray(a, b + 1),
    };
  }
  /** @type {Buffer[]} */
  const parts = [];
  for (const [a, b] of spans)
    parts.push(
      Buffer.from(
        `\r\n--${BOUNDARY}\r\nContent-Type: ${type}\r\nContent-Range: bytes ${a}-${b}/${raw.length}\r\n\r\n`,
      ),
      raw.subarray(a, b + 1),
    );
  parts.push(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return {
    status: 206,
    headers: { 'Content-Type': `multipart/byteranges; boundary=${BOUNDARY}` },
    body: Buffer.concat(parts),
  };
}
